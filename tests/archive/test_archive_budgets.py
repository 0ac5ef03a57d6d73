"""Hostile cases for `storydiff-cli archive`, each in its own process, measured.

Like tests/engine/io/test_hostile_budgets.py: every case makes its own inputs, hashes what
must not change (the inputs, the archive, a foreign file), runs the CLI in a child
process (tests/budget.py) and asserts the exit code, one line on stderr saying what
happened (never a traceback), the wall time (10 s, or the documented timeout plus
start-up), a peak RSS under 1 GB, and the files unchanged byte for byte.
`pytest -s -k archive_budgets | grep measured` prints the figures.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pytest

from engine.archive.command import SAMPLE
from engine.cli import main
from engine.io.loading import PIPE_SECONDS

from ..budget import hashes, run_argv

MAX_SECONDS = 10.0
MAX_RSS_MB = 1024
DASK_TIMEOUT = 2.0  # --timeout in the Dask cases: the documented deadline, shortened for the tests
WIRE = ("The minister resigned on Tuesday after a week of protests in the capital city. Her deputy will "
        "lead the party until a vote in the spring, officials said on Wednesday morning outside the hall.")


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def check(tmp: Path, argv: list[str], refused: str | None, *, keep: Sequence[Path] = (), max_seconds: float = MAX_SECONDS,
          **kw) -> tuple[str, str]:
    """Run `storydiff-cli ARGV` in `tmp`; assert the budget, `keep` unchanged, and the one-line refusal."""
    before = {str(p): hashes(p, recursive=True) if p.is_dir() else _sha(p) for p in keep}
    code, out, err, seconds, rss = run_argv(argv, tmp, cwd=tmp, **kw)
    print(f"measured {os.environ.get('PYTEST_CURRENT_TEST', '').split('::')[-1]}: {seconds:.2f} s, {rss:.0f} MB")
    assert seconds < max_seconds, (seconds, err)
    assert rss < MAX_RSS_MB, (rss, err)
    after = {str(p): hashes(p, recursive=True) if p.is_dir() else _sha(p) for p in keep}
    assert after == before  # never altered
    if refused is not None:
        assert code == 2, (code, out, err)
        assert err.count("\n") == 1 and refused in err and "Traceback" not in err, err
    else:
        assert code == 0, (code, err)
        assert "Traceback" not in err, err
    return out, err


def _sample(tmp: Path, name: str = "s.duckdb") -> Path:
    db = tmp / name
    assert main(["archive", "index", "--sample", "--db", str(db), "-q"]) == 0
    return db


def _docs(tmp: Path, n: int = 3, folder: str = "docs") -> Path:
    d = tmp / folder
    d.mkdir(exist_ok=True)
    for k in range(n):
        (d / f"story{k}.txt").write_text(f"{WIRE} Version {k} of the story adds its own closing line.\n",
                                         encoding="utf-8")
    return d


# -- outputs never replace the archive, a document, an input, or go into an indexed folder -----------

def test_families_onto_the_archive_is_refused(tmp_path):
    db = _sample(tmp_path)
    check(tmp_path, ["archive", "families", "--db", str(db), "-o", str(db), "-q"],
          "refusing to overwrite the archive", keep=[db])


@pytest.mark.parametrize("route", ["symlink", "hardlink", "dotdot", "wal"])
def test_families_onto_the_archive_by_another_route_is_refused(tmp_path, route):
    db = _sample(tmp_path)
    (tmp_path / "sub").mkdir()
    if route == "symlink":
        out = tmp_path / "out.jsonl"
        out.symlink_to(db)
    elif route == "hardlink":
        out = tmp_path / "out.jsonl"
        os.link(db, out)
    elif route == "dotdot":
        out = tmp_path / "sub" / ".." / "s.duckdb"
    else:
        out = tmp_path / "s.duckdb.wal"
    check(tmp_path, ["archive", "families", "--db", str(db), "-o", str(out), "-q"],
          "refusing to overwrite the archive", keep=[db])


def test_families_onto_an_archived_document_through_a_link_is_refused(tmp_path):
    docs = _docs(tmp_path)
    db = tmp_path / "a.duckdb"
    assert main(["archive", "index", str(docs / "story0.txt"), str(docs / "story1.txt"), "--db", str(db), "-q"]) == 0
    link = tmp_path / "report.jsonl"
    link.symlink_to(docs / "story0.txt")
    check(tmp_path, ["archive", "families", "--db", str(db), "-o", str(link), "-q"],
          "refusing to overwrite an archived document", keep=[db, docs])


@pytest.mark.parametrize("option", ["-o", "--compare"])
def test_outputs_into_a_folder_the_archive_indexes_are_refused(tmp_path, option):
    docs = _docs(tmp_path)
    db = tmp_path / "a.duckdb"
    assert main(["archive", "index", str(docs), "--db", str(db), "-q"]) == 0
    target = str(docs / "families.jsonl") if option == "-o" else str(docs / "cmp")
    check(tmp_path, ["archive", "families", "--db", str(db), option, target, "-q"],
          "a folder this archive indexes", keep=[db, docs])


@pytest.mark.parametrize("which", ["input", "manifest"])
def test_index_onto_an_input_is_refused(tmp_path, which):
    docs = _docs(tmp_path)
    manifest = tmp_path / "dates.csv"
    manifest.write_text(f"{docs / 'story0.txt'},2024-03-01\n", encoding="utf-8")
    db = docs / "story0.txt" if which == "input" else manifest
    check(tmp_path, ["archive", "index", str(docs / "story0.txt"), "--dates", str(manifest), "--db", str(db), "-q"],
          "refusing to overwrite", keep=[docs, manifest])


def test_compare_output_onto_an_input_by_hard_link_is_refused(tmp_path):
    docs = _docs(tmp_path, 2)
    twin = tmp_path / "twin.txt"
    os.link(docs / "story0.txt", twin)
    check(tmp_path, ["compare", str(docs / "story0.txt"), str(docs / "story1.txt"), "-o", str(twin)],
          "refusing to overwrite a version being compared", keep=[docs])


# -- files that are not (or no longer) archives are refused and left byte for byte ---------------------

def _duckdb_file(path: Path, *sql: str) -> Path:
    con = duckdb.connect(str(path))
    for statement in sql:
        con.execute(statement)
    con.execute("CHECKPOINT")
    con.close()
    return path


FOREIGN = [
    ("a table called meta", ("CREATE TABLE meta(k INTEGER)", "INSERT INTO meta VALUES (1)"),
     "not a Storydiff archive"),
    ("meta(key, value) of another program", ("CREATE TABLE meta(key VARCHAR, value VARCHAR)",
                                             "INSERT INTO meta VALUES ('owner', 'payroll')"), "not a Storydiff archive"),
    ("an archive of a newer format", ("CREATE TABLE meta(key VARCHAR, value VARCHAR)",
                                      "INSERT INTO meta VALUES ('schema', 'storydiff-archive/9')"), "is newer than"),
    ("meta in another schema", ("CREATE SCHEMA sales", "CREATE TABLE sales.meta(key VARCHAR, value VARCHAR)",
                                "INSERT INTO sales.meta VALUES ('schema', 'storydiff-archive/1')"),
     "not a Storydiff archive"),
    ("a view called meta", ("CREATE VIEW meta AS SELECT 'schema' AS key, 'storydiff-archive/2' AS value",),
     "not a Storydiff archive"),
    ("no tables at all", ("CREATE SEQUENCE s",), "not a Storydiff archive"),
]


@pytest.mark.parametrize("name,sql,words", FOREIGN, ids=[f[0] for f in FOREIGN])
@pytest.mark.parametrize("command", ["index", "families"])
def test_foreign_duckdb_file_is_refused_and_unchanged(tmp_path, name, sql, words, command):
    db = _duckdb_file(tmp_path / "other.duckdb", *sql)
    docs = _docs(tmp_path)
    argv = ["archive", "index", str(docs), "--db", str(db), "-q"] if command == "index" \
        else ["archive", "families", "--db", str(db), "-q"]
    check(tmp_path, argv, words, keep=[db, docs])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "other.duckdb"]  # no journal left either


@pytest.mark.parametrize("content,words", [
    (b"", "an empty file"), (b"shopping list\n" * 50, "not a DuckDB file"),
    (b"\x00" * 8 + b"DUCK" + b"\x00" * 4000, "damaged"),
], ids=["empty", "text", "header-only"])
def test_a_file_that_is_not_an_archive_is_refused_and_unchanged(tmp_path, content, words):
    db = tmp_path / "notes.duckdb"
    db.write_bytes(content)
    docs = _docs(tmp_path)
    check(tmp_path, ["archive", "index", str(docs), "--db", str(db), "-q"], words, keep=[db, docs])


@pytest.mark.parametrize("command", ["index", "families"])
@pytest.mark.parametrize("damage", ["truncated", "corrupt block"])
def test_damaged_archive_is_one_line_not_in_use(tmp_path, damage, command):
    db = _sample(tmp_path)
    data = bytearray(db.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    else:
        data[12288 + 100: 12288 + 164] = b"\xff" * 64  # inside the first data block: its checksum fails
    db.write_bytes(bytes(data))
    argv = ["archive", "index", "--sample", "--db", str(db), "-q"] if command == "index" \
        else ["archive", "families", "--db", str(db), "-q"]
    _, err = check(tmp_path, argv, "damaged", keep=[db])
    assert "in use" not in err


def test_archive_held_by_another_program_is_in_use(tmp_path):
    db = _sample(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                               f"c = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(30)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        check(tmp_path, ["archive", "index", "--sample", "--db", str(db), "-q"], "in use by another program")
    finally:
        holder.kill()
        holder.wait()


# -- named pipes and devices never make a command wait ------------------------------------------------

def test_named_pipe_as_the_archive_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.duckdb"
    os.mkfifo(fifo)
    docs = _docs(tmp_path)
    for argv in (["archive", "index", str(docs), "--db", str(fifo), "-q"], ["archive", "families", "--db", str(fifo)]):
        check(tmp_path, argv, "is a named pipe, not an archive file", keep=[docs], max_seconds=5)


@pytest.mark.slow
def test_named_pipe_as_dates_without_a_writer_ends_within_its_budget(tmp_path):
    fifo = tmp_path / "dates.csv"
    os.mkfifo(fifo)
    check(tmp_path, ["archive", "index", str(_docs(tmp_path)), "--db", str(tmp_path / "a.duckdb"), "--dates",
                     str(fifo), "-q"], "named pipe still empty", max_seconds=PIPE_SECONDS + 5)
    assert not (tmp_path / "a.duckdb").exists()


def test_named_pipe_as_dates_with_a_writer_is_read(tmp_path):
    fifo = tmp_path / "dates.csv"
    os.mkfifo(fifo)
    docs = _docs(tmp_path)

    def write() -> None:
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write(f"path,date\n{docs / 'story0.txt'},2024-03-01\n")

    writer = threading.Thread(target=write)
    writer.start()
    check(tmp_path, ["archive", "index", str(docs), "--db", str(tmp_path / "a.duckdb"), "--dates", str(fifo), "-q"],
          None)
    writer.join(5)


@pytest.mark.parametrize("what", ["device", "huge", "long field", "NUL"])
def test_absurd_dates_manifest_is_one_line(tmp_path, what):
    m = tmp_path / "dates.csv"
    if what == "device":
        m = Path("/dev/zero")
    elif what == "huge":
        with open(m, "wb") as fh:
            fh.truncate(1 << 30)  # sparse: 1 GB stated, nothing read
    elif what == "long field":
        m.write_text("path,date\n" + "a" * 2_000_000 + ",2024-01-01\n", encoding="utf-8")
    else:
        m.write_bytes(b"path,date\nstory.txt,2024-\x0001-01\n")
    words = {"device": "is a device", "huge": "too large", "long field": "not a CSV row", "NUL": "is not a YYYY-MM-DD date"}[what]
    docs = _docs(tmp_path)
    check(tmp_path, ["archive", "index", str(docs), "--db", str(tmp_path / "a.duckdb"), "--dates", str(m), "-q"],
          words, keep=[docs])
    assert not (tmp_path / "a.duckdb").exists()


def test_manifest_without_a_header_whose_first_row_is_bad_is_refused(tmp_path):
    m = tmp_path / "dates.csv"
    docs = _docs(tmp_path)
    m.write_text(f"{docs / 'story0.txt'},14 March 2024\n{docs / 'story1.txt'},2024-03-14\n", encoding="utf-8")
    check(tmp_path, ["archive", "index", str(docs), "--db", str(tmp_path / "a.duckdb"), "--dates", str(m), "-q"],
          "dates.csv:1: '14 March 2024' is not a YYYY-MM-DD date")


# -- a bad file never blocks the others ---------------------------------------------------------------

def test_bad_files_are_skipped_and_never_block_their_batch(tmp_path):
    """300 good files (two batches) with a non-UTF-8 name, a date out of range, a pipe, a link to nothing
    and a binary file among them: every good file is indexed, each bad one gets its warning line."""
    docs = _docs(tmp_path, 300)
    bad = os.fsencode(str(docs)) + b"/caf\xe9-latin1.txt"
    with open(bad, "w", encoding="utf-8") as fh:
        fh.write(WIRE + "\n")
    (docs / "future.txt").write_text(WIRE + " Filed from the future.\n", encoding="utf-8")
    os.utime(docs / "future.txt", (1e13, 1e13))  # year 318,857: no calendar date
    os.mkfifo(docs / "pipe.txt")
    (docs / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (docs / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    db = tmp_path / "a.duckdb"
    _, err = check(tmp_path, ["archive", "index", str(docs), "--db", str(db)], None, max_seconds=20)
    lines = [ln for ln in err.splitlines() if "warning" in ln]
    assert len(lines) == 4 and "Traceback" not in err
    assert any("caf\\xe9-latin1.txt: the file name is not valid UTF-8" in ln for ln in lines)
    assert any("pipe.txt: is a named pipe" in ln for ln in lines)
    assert "indexed 301 new" in err and "4 skipped; the archive holds 301 documents" in err


def test_disk_full_mid_index_keeps_what_was_indexed_and_resumes(tmp_path):
    """RLIMIT_FSIZE makes every write past 2 MB fail as a full disk would (EFBIG; root too)."""
    docs = _docs(tmp_path, 2500)
    db = tmp_path / "a.duckdb"

    def small_disk() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2 << 20, 2 << 20))

    check(tmp_path, ["archive", "index", str(docs), "--db", str(db), "-q"], "the disk is full",
          keep=[docs], before_exec=small_disk, max_seconds=20)
    _, err = check(tmp_path, ["archive", "index", str(docs), "--db", str(db)], None, keep=[docs], max_seconds=20)
    assert "unchanged" in err and "the archive holds 2500 documents" in err


@pytest.fixture()
def small_mount(tmp_path):
    """A 1 MB tmpfs (root only; skipped where mounting is not allowed)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("needs root and permission to mount a tmpfs")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_really_full_disk_is_one_line(tmp_path, small_mount):
    docs = _docs(tmp_path, 2500)
    check(tmp_path, ["archive", "index", str(docs), "--db", str(small_mount / "a.duckdb"), "-q"],
          "the disk is full", keep=[docs], max_seconds=20)
    check(tmp_path, ["archive", "families", "--db", str(small_mount / "a.duckdb"), "-q", "-o",
                     str(small_mount / "f.jsonl")], "No space left on device", keep=[docs])


def test_read_only_folder_for_the_journal_is_one_line(tmp_path):
    """DuckDB writes ARCHIVE.wal beside the archive: a folder it cannot write in is refused before a write."""
    folder = tmp_path / "ro"
    folder.mkdir()
    db = _sample(folder)
    if os.geteuid() == 0:  # root ignores permission bits: a read-only bind mount of the folder instead
        subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True)
    else:
        folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        subprocess.run(["umount", str(folder)], capture_output=True)
        pytest.skip("root ignores permission bits and may not mount here")
    try:
        check(tmp_path, ["archive", "index", str(_docs(tmp_path)), "--db", str(db), "-q"], "cannot write in",
              keep=[db])
        check(tmp_path, ["archive", "families", "--db", str(db), "-q"], None, keep=[db])  # reading still works
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(folder)], check=False)
        else:
            folder.chmod(0o755)


# -- what reaches the terminal is escaped ----------------------------------------------------------------

def test_escape_sequences_and_newlines_in_file_names_never_reach_the_terminal(tmp_path):
    docs = _docs(tmp_path, 2)
    evil = docs / "a\x1b]0;pwned\x07\nb\x1b[2J.txt"
    evil.write_bytes(b"\x00\x01 binary")  # skipped, with a warning naming it
    copy = docs / "copy\x1b[31m\u202e.txt"
    copy.write_text(WIRE + " Version 0 of the story adds its own closing line.\n", encoding="utf-8")
    db = tmp_path / "a.duckdb"
    _, err = check(tmp_path, ["archive", "index", str(docs), "--db", str(db), "-q"], None)
    assert err.count("\n") == 1 and "\x1b" not in err and "\x07" not in err
    assert "a\\x1b]0;pwned\\x07\\x0ab\\x1b[2J.txt" in err
    out, err = check(tmp_path, ["archive", "find", str(docs / "story0.txt"), "--db", str(db)], None)
    assert "copy\\x1b[31m\\u202e.txt" in out and "\x1b" not in out + err and "\u202e" not in out


# -- Dask: every wait is bounded ---------------------------------------------------------------------------

def _silent_server():
    """A TCP server that accepts connections and never answers."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    held: list = []

    def accept() -> None:
        while True:
            try:
                held.append(srv.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    return srv, held


def _dask_argv(tmp: Path, address: str) -> list[str]:
    return ["archive", "index", str(_docs(tmp)), "--db", str(tmp / "a.duckdb"), "--engine", "dask",
            "--scheduler", address, "--timeout", str(DASK_TIMEOUT), "-q"]


@pytest.mark.slow
def test_scheduler_that_never_answers_is_given_up(tmp_path):
    srv, held = _silent_server()
    try:
        check(tmp_path, _dask_argv(tmp_path, f"tcp://127.0.0.1:{srv.getsockname()[1]}"),
              f"no answer within {DASK_TIMEOUT:g} s", max_seconds=DASK_TIMEOUT + 8)
    finally:
        srv.close()
        for c in held:
            c.close()
    assert not (tmp_path / "a.duckdb").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_scheduler_stopped_with_sigstop_is_given_up(tmp_path):
    port = _free_port()
    sched = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                              "--port", str(port), "--no-dashboard"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # until it listens
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        sched.send_signal(signal.SIGSTOP)
        check(tmp_path, _dask_argv(tmp_path, f"tcp://127.0.0.1:{port}"), f"no answer within {DASK_TIMEOUT:g} s",
              max_seconds=DASK_TIMEOUT + 8)
    finally:
        sched.send_signal(signal.SIGCONT)
        sched.kill()
        sched.wait()


@pytest.mark.parametrize("address,words", [("tls://127.0.0.1:8786", "TLS certificates"),
                                           ("ucx://127.0.0.1:8786", "ucx transport is not installed"),
                                           ("gopher://127.0.0.1:1", "unknown address scheme")])
def test_schedulers_of_other_transports_are_one_line(tmp_path, address, words):
    check(tmp_path, _dask_argv(tmp_path, address), words, max_seconds=DASK_TIMEOUT + 8)


@pytest.fixture()
def tcp_cluster():
    import distributed

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=":0") as cluster:
        yield cluster


@pytest.mark.slow
@pytest.mark.parametrize("what", ["workers lost", "scheduler killed"])
def test_cluster_failing_mid_index_is_one_line_and_the_archive_resumes(tmp_path, tcp_cluster, what):
    """The CLI connects, the archive appears, then every worker (or the scheduler) goes away."""
    docs = _docs(tmp_path, 1)
    for k in range(12):  # 12 files of 3 MB: four batches, seconds of work after the kill
        (docs / f"long{k}.txt").write_text((f"{WIRE} Paragraph {k}.\n\n") * 14000, encoding="utf-8")
    db = tmp_path / "a.duckdb"

    def fail_when_running(proc: subprocess.Popen) -> None:
        deadline = time.monotonic() + 30
        while not db.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        if what == "workers lost":
            tcp_cluster.scale(0)
        else:
            tcp_cluster.close()

    words = "has had no workers" if what == "workers lost" else "Dask scheduler"
    check(tmp_path, ["archive", "index", str(docs), "--db", str(db), "--engine", "dask", "--scheduler",
                     tcp_cluster.scheduler_address, "--timeout", str(DASK_TIMEOUT), "-q"], words,
          keep=[docs], during=fail_when_running, max_seconds=DASK_TIMEOUT + 15)
    _, err = check(tmp_path, ["archive", "index", str(docs), "--db", str(db)], None, keep=[docs], max_seconds=30)
    assert "the archive holds 13 documents" in err


def test_sample_archive_copied_elsewhere_keeps_working(tmp_path):
    """Keys are resolved paths: an archive moved to another folder still finds its documents."""
    db = _sample(tmp_path)
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    shutil.move(str(db), moved / "s.duckdb")
    out, _ = check(tmp_path, ["archive", "find", str(SAMPLE / "articles" / "wire-frost.txt"), "--db",
                              str(moved / "s.duckdb"), "-q"], None)
    assert "farmers-frost.txt" in out
