"""A second round of attacks on `storydiff-cli archive` and sessions (issue 24), run and judged.

    python bench/attacks_archive.py [--only WORD] [--markdown]

Each attack builds its own files in a fresh folder, runs the CLI in its own process
(tests/budget.py: exit code, stdout, stderr, wall time, peak RSS), and is judged on what
the robustness rules ask: the expected exit code, no traceback, a refusal in one
stderr line holding the expected words, under 10 s (or the documented timeout) and
1 GB, and the files it must not touch unchanged byte for byte. The results of the run
behind bench/attacks_archive.md are written there with `--markdown`.
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from engine.archive.command import SAMPLE  # noqa: E402
from engine.cli import main  # noqa: E402
from tests.budget import hashes, run_argv  # noqa: E402

WIRE = ("The minister resigned on Tuesday after a week of protests in the capital city. Her deputy will "
        "lead the party until a vote in the spring, officials said on Wednesday morning outside the hall.")


@dataclass
class Run:
    argv: list[str]
    keep: list[Path] = field(default_factory=list)  # unchanged byte for byte
    code: int | None = 2  # None: not checked
    words: str = ""  # in stderr (a refusal: its one line) or stdout (a result)
    seconds: float = 10.0
    lines: int | None = 1  # stderr lines expected (None: not checked)
    check: Callable[[str, str], bool] | None = None  # (stdout, stderr) -> further condition
    during: Callable | None = None
    before_exec: Callable | None = None


def docs(tmp: Path, n: int = 3, folder: str = "docs") -> Path:
    d = tmp / folder
    d.mkdir(exist_ok=True)
    for k in range(n):
        (d / f"story{k}.txt").write_text(f"{WIRE} Version {k} adds its own closing line.\n", encoding="utf-8")
    return d


def sample(tmp: Path) -> Path:
    db = tmp / "s.duckdb"
    if not db.exists():
        assert main(["archive", "index", "--sample", "--db", str(db), "-q"]) == 0
    return db


def edited(tmp: Path, *sql: str, params: list | None = None) -> Path:
    db = sample(tmp)
    with duckdb.connect(str(db)) as con:
        for s in sql:
            con.execute(s, params or [])
    return db


def families(db: Path, *extra: str) -> list[str]:
    return ["archive", "families", "--db", str(db), "-q", *extra]


def index(tmp: Path, *paths: str, db: str = "a.duckdb", extra: tuple[str, ...] = ()) -> list[str]:
    return ["archive", "index", *paths, "--db", str(tmp / db), "-q", *extra]


def _key_attack(tmp: Path, target: str, size: int | None = None) -> Run:
    """An archive whose member key was edited to point at `target`; --compare must not read it."""
    db = sample(tmp)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE docs SET key = ?, size = coalesce(?, size) WHERE path LIKE '%farmers-frost.txt'",
                    [target, size])
    return Run(families(db, "-o", str(tmp / "f.jsonl"), "--compare", str(tmp / "cmp")), keep=[db], code=0,
               lines=None, words="left out", check=lambda out, err: "not compared" in err)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _serve_http(tmp: Path) -> str:
    srv = http.server.HTTPServer(("127.0.0.1", 0), _QuietHandler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"tcp://127.0.0.1:{srv.server_address[1]}"


def _lock_holder(db: Path):
    p = subprocess.Popen([sys.executable, "-c", "import duckdb, time\n"
                          f"c = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(20)"],
                         stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    return p


def _sigint_when_indexing(db: Path):
    def during(proc: subprocess.Popen) -> None:
        deadline = time.monotonic() + 20
        while not db.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.4)
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
    return during


def _big_text(path: Path, megabytes: int) -> Path:
    words = [f"w{k}" for k in range(40000)]
    with open(path, "w", encoding="utf-8") as fh:
        size, k = 0, 0
        while size < megabytes * 1_000_000:
            line = " ".join(words[(k * 7 + j * 13) % 40000] for j in range(14)) + ".\n"
            fh.write(line)
            size += len(line)
            k += 1
    return path


def _session(path: Path, sources: list[dict], **extra) -> Path:
    path.write_text(json.dumps({"format": "storydiff-session", "version": 1, "base": 0, "options": {},
                                "sources": sources, **extra}, ensure_ascii=False), encoding="utf-8")
    return path


# -- the attacks: name -> builder(tmp) -> Run -------------------------------------------------------------------

def a_db_symlink_to_dev_null(t):
    (t / "a.duckdb").symlink_to("/dev/null")
    return Run(index(t, str(docs(t))), words="is a device")


def a_db_dangling_symlink(t):
    (t / "a.duckdb").symlink_to(t / "elsewhere.duckdb")
    return Run(index(t, str(docs(t))), words="a link to a file that does not exist",
               check=lambda o, e: not (t / "elsewhere.duckdb").exists())


def a_db_in_missing_folder(t):
    return Run(index(t, str(docs(t)), db="missing/a.duckdb"), words="no such folder")


def a_db_is_a_folder(t):
    (t / "a.duckdb").mkdir()
    return Run(index(t, str(docs(t))), words="is a folder")


def a_db_is_a_socket(t):
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(t / "a.duckdb"))
    return Run(index(t, str(docs(t))), words="is a socket")


def a_db_name_too_long(t):
    return Run(index(t, str(docs(t)), db="x" * 300 + ".duckdb"), words="File name too long")


def a_schema_number_absurd(t):
    db = edited(t, "UPDATE meta SET value = 'storydiff-archive/99999999999999999999' WHERE key = 'schema'")
    return Run(index(t, str(docs(t)), db=db.name), keep=[db], words="not a Storydiff archive")


def a_docs_table_lacks_a_column(t):
    db = edited(t, "ALTER TABLE docs DROP COLUMN n")
    return Run(families(db), keep=[db], words="lacks n")


def a_shingles_is_a_view_reading_files(t):
    db = edited(t, "DROP TABLE shingles",
                "CREATE VIEW shingles AS SELECT hash(content) AS h, 0 AS doc FROM read_text('/etc/hostname')")
    return Run(families(db), keep=[db], words="tables missing")


def a_zero_3grams_everywhere(t):
    db = edited(t, "UPDATE docs SET n = 0")
    return Run(families(db), keep=[db], code=0, lines=0, words='"members"')


def a_infinite_dates(t):
    db = edited(t, "UPDATE docs SET date = 'infinity'::DATE, date_source = 'text' WHERE id = 0",
                "UPDATE docs SET date = '-infinity'::DATE, date_source = 'manifest' WHERE id = 1")
    return Run(families(db), keep=[db], code=0, lines=0, words='"members"')


def a_key_to_a_fifo(t):
    os.mkfifo(t / "pipe.txt")
    return _key_attack(t, str(t / "pipe.txt"))


def a_key_to_dev_zero(t):
    return _key_attack(t, "/dev/zero")


def a_key_to_a_10_gb_sparse_file(t):
    with open(t / "huge.txt", "wb") as fh:
        fh.truncate(10 << 30)
    return _key_attack(t, str(t / "huge.txt"), size=10 << 30)


def a_paths_with_escapes_and_newlines(t):
    """Stored paths (what warnings name) edited to hold ESC, OSC and a newline."""
    evil = str(t / "x\x1b]0;owned\x07\nnext.txt")
    db = sample(t)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE docs SET key = ?, path = ? WHERE path LIKE '%farmers-frost.txt'", [evil, evil])
    return Run(families(db, "-o", str(t / "f.jsonl"), "--compare", str(t / "cmp")), keep=[db], code=0, lines=2,
               words="\\x1b]0;owned\\x07\\x0anext.txt", check=lambda o, e: "\x1b" not in e and "\x07" not in e)


def a_shingles_doc_of_another_type(t):
    db = edited(t, "CREATE TABLE s2 AS SELECT h, CAST(doc AS VARCHAR) || 'x' AS doc FROM shingles",
                "DROP TABLE shingles", "ALTER TABLE s2 RENAME TO shingles")
    return Run(families(db), keep=[db], words="could not be used")


def a_duplicate_schema_rows(t):
    db = edited(t, "CREATE TABLE m2 AS SELECT * FROM meta", "DROP TABLE meta", "ALTER TABLE m2 RENAME TO meta",
                "INSERT INTO meta VALUES ('schema', 'storydiff-archive/2')")
    return Run(families(db), keep=[db], code=0, lines=0, words='"members"')


def a_paths_100_kb_long(t):
    db = edited(t, "UPDATE docs SET path = repeat('p', 100000) || id")
    return Run(families(db), keep=[db], code=0, lines=0, words="pppp")


def a_find_a_fifo(t):
    os.mkfifo(t / "pipe.txt")
    return Run(["archive", "find", str(t / "pipe.txt"), "--db", str(sample(t)), "-q"],
               words="named pipe still empty", seconds=8 + 5)


def a_find_dev_zero(t):
    return Run(["archive", "find", "/dev/zero", "--db", str(sample(t)), "-q"], words="is a device")


def a_find_a_60_mb_file(t):
    return Run(["archive", "find", str(_big_text(t / "big.txt", 60)), "--db", str(sample(t)), "-q"],
               words="too large to index")


def a_index_a_60_mb_file(t):
    d = docs(t)
    _big_text(d / "big.txt", 60)
    return Run(index(t, str(d)), code=0, words="too large to index", keep=[d])


def a_index_2_5_million_tiny_lines(t):
    d = docs(t, 1)
    (d / "tiny.txt").write_text("a\n" * 2_500_000, encoding="utf-8")
    return Run(index(t, str(d)), code=0, lines=0, keep=[d])


def a_index_5_mb_of_blank_lines(t):
    d = docs(t, 1)
    (d / "blank.txt").write_text("\r\n" * 2_500_000, encoding="utf-8")
    return Run(index(t, str(d)), code=0, lines=0, keep=[d])


def a_manifest_of_1_3_million_rows(t):
    m = t / "dates.csv"
    with open(m, "w", encoding="utf-8") as fh:
        for k in range(1_300_000):
            fh.write(f"d/{k}.txt,2024-01-{k % 28 + 1:02d}\n")
    return Run(index(t, str(docs(t)), extra=("--dates", str(m))), code=0, lines=0, keep=[m])


def a_manifest_with_bom_crlf_and_quotes(t):
    d = t / "docs"
    d.mkdir()
    (d / "a, b.txt").write_text(WIRE + "\n", encoding="utf-8")
    m = t / "dates.csv"
    m.write_bytes(b"\xef\xbb\xbfpath,date\r\n\"docs/a, b.txt\",2024-03-01\r\n")

    def dated(out: str, err: str) -> bool:
        con = duckdb.connect(str(t / "a.duckdb"), read_only=True)
        try:
            return con.execute("SELECT date_source FROM docs").fetchall() == [("manifest",)]
        finally:
            con.close()
    return Run(index(t, "docs", extra=("--dates", str(m))), code=0, lines=0, check=dated)


def a_archive_as_its_own_manifest(t):
    db = sample(t)
    return Run(["archive", "index", "--sample", "--db", str(db), "--dates", str(db), "-q"], keep=[db],
               words="refusing to overwrite the manifest")


def a_folder_holding_another_archive(t):
    d = docs(t)
    other = sample(t)
    shutil.copy(other, d / "other.duckdb")
    return Run(index(t, str(d)), code=0, words="binary", keep=[d])


def a_top_level_symlink_loop(t):
    (t / "loop").symlink_to(t / "loop")
    return Run(index(t, str(t / "loop"), str(docs(t))), code=0, words="Too many levels of symbolic links")


def a_index_while_another_holds_the_lock(t):
    db = sample(t)
    holder = _lock_holder(db)
    run = Run(["archive", "index", "--sample", "--db", str(db), "-q"], words="in use by another program")
    run.during = lambda proc, h=holder: None
    run.check = lambda o, e, h=holder: (h.kill(), h.wait(), True)[-1]
    return run


def a_families_while_index_holds_the_lock(t):
    db = sample(t)
    holder = _lock_holder(db)
    return Run(families(db), words="in use by another program",
               check=lambda o, e, h=holder: (h.kill(), h.wait(), True)[-1])


def a_sigint_mid_index(t):
    d = t / "docs"
    d.mkdir()
    for k in range(6):
        _big_text(d / f"long{k}.txt", 5)
    db = t / "a.duckdb"
    return Run(["archive", "index", str(d), "--db", str(db), "-q"], code=130, words="interrupted", keep=[d],
               during=_sigint_when_indexing(db))


def a_file_changed_after_indexing(t):
    db = sample(t)
    arts = t / "arts"
    shutil.copytree(SAMPLE / "articles", arts)
    db.unlink()
    assert main(["archive", "index", str(arts), "--db", str(db), "-q"]) == 0
    (arts / "farmers-frost.txt").write_text("Rewritten since: nothing of the frost story left.\n", encoding="utf-8")
    return Run(families(db, "-o", str(t / "f.jsonl"), "--compare", str(t / "cmp")), code=0, lines=None,
               words="changed since it was indexed", keep=[db, arts])


def a_compare_dir_is_a_file(t):
    db = sample(t)
    (t / "cmp").write_text("mine\n", encoding="utf-8")
    return Run(families(db, "--compare", str(t / "cmp")), keep=[db, t / "cmp"], words="cmp")


def a_html_default_folder_is_a_file(t):
    db = sample(t)
    (t / "list-families").write_text("mine\n", encoding="utf-8")
    return Run(families(db, "--format", "html", "-o", str(t / "list.html")), keep=[db, t / "list-families"],
               words="list-families")


def a_compare_target_linked_to_a_document(t):
    arts = t / "arts"
    shutil.copytree(SAMPLE / "articles", arts)
    db = t / "a.duckdb"
    assert main(["archive", "index", *map(str, sorted(arts.iterdir())), "--db", str(db), "-q"]) == 0
    cmp = t / "cmp"
    cmp.mkdir()
    (cmp / "family-2.json").symlink_to(arts / "wire-library.txt")
    return Run(families(db, "--compare", str(cmp)), keep=[db, arts], words="refusing to overwrite an archived",
               check=lambda o, e: sorted(p.name for p in cmp.iterdir()) == ["family-2.json"])


def a_output_to_dev_stdout(t):
    return Run(families(sample(t), "-o", "/dev/stdout"), code=0, lines=0, words='"members"')


def a_timeout_not_a_number(t):
    return Run(index(t, str(docs(t)), extra=("--engine", "dask", "--scheduler", "tcp://127.0.0.1:1",
                                             "--timeout", "nan")), words="--timeout must be")


def a_min_evidence_nan(t):
    return Run(families(sample(t), "--min-evidence", "nan"), words="must be numbers")


def a_max_df_10_to_the_30(t):
    return Run(families(sample(t), "--max-df", str(10 ** 30)), code=None, lines=None,
               check=lambda o, e: "Traceback" not in e and (e.count("\n") == 1 or '"members"' in o))


def a_scheduler_bad_ipv6(t):
    return Run(index(t, str(docs(t)), extra=("--engine", "dask", "--scheduler", "tcp://[::1", "--timeout", "2")),
               words="cannot reach the Dask scheduler")


def a_scheduler_refusing(t):
    return Run(index(t, str(docs(t)), extra=("--engine", "dask", "--scheduler", "tcp://127.0.0.1:1",
                                             "--timeout", "2")), words="cannot reach the Dask scheduler")


def a_scheduler_that_speaks_http(t):
    return Run(index(t, str(docs(t)), extra=("--engine", "dask", "--scheduler", _serve_http(t), "--timeout", "2")),
               words="cannot reach the Dask scheduler")


def a_session_of_250_mb_cjk(t):
    text = "\u4e2d" * 42_000_000
    s = _session(t / "cjk.storydiff", [{"name": "a", "text": text}, {"name": "b", "text": text}])
    return Run(["compare", str(s)], keep=[s], lines=2, words="too large to compare")


def a_session_60_versions_1_name_base_59(t):
    s = _session(t / "s.storydiff", [{"name": f"v{k}", "text": f"Version {k} says {k}.\n"} for k in range(60)],
                 names=["wire"], base=59)
    return Run(["compare", str(s)], keep=[s], words="60 versions")


def a_session_written_over_itself(t):
    s = _session(t / "s.storydiff", [{"name": "a", "text": WIRE}, {"name": "b", "text": WIRE + " More."}])
    return Run(["compare", str(s), "-o", str(t / "." / "s.storydiff")], keep=[s], words="refusing to overwrite")


def a_session_surrogates_in_names_and_paths(t):
    s = t / "s.storydiff"
    s.write_text('{"format": "storydiff-session", "version": 1, "base": 0, "options": {}, "names": ["\\udc80"], '
                 '"sources": [{"name": "a\\ud800", "text": "One story.\\n", "path": "/x/\\udfff"}, '
                 '{"name": "b", "text": "One story, told again.\\n", "encoding": "\\ud8ff"}]}', encoding="utf-8")
    return Run(["compare", str(s)], keep=[s], code=0, lines=0, words="\ufffd")


def a_same_file_by_two_spellings(t):
    d = docs(t)
    return Run(index(t, str(d / "story0.txt"), str(d / ".." / "docs" / "story0.txt"), str(d)), code=0, lines=0,
               check=lambda o, e: _count(t / "a.duckdb") == 3)


def _count(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM docs").fetchall()[0][0])
    finally:
        con.close()


def a_prune_on_a_read_only_mount(t):
    folder = t / "ro"
    folder.mkdir()
    db = sample(folder)
    if os.geteuid() == 0:  # root ignores permission bits: a read-only bind mount instead
        subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True)
    else:
        folder.chmod(0o555)
    return Run(["archive", "prune", "--db", str(db), "-q"], keep=[db], words="cannot write in",
               check=lambda o, e: subprocess.run(["umount", str(folder)], capture_output=True) is not None
               and (folder.chmod(0o755) is None))


def a_find_the_archive_itself(t):
    db = sample(t)
    return Run(["archive", "find", str(db), "--db", str(db), "-q"], keep=[db], words="binary")


def a_dates_is_a_folder(t):
    return Run(index(t, str(docs(t)), extra=("--dates", str(t))), words="is a directory, not a manifest")


def a_roots_edited_to_the_whole_disk(t):
    """An archive that claims to index `/`: every output is refused, in one line, and nothing is written."""
    db = edited(t, "INSERT INTO roots VALUES ('/')")
    return Run(families(db, "-o", str(t / "f.jsonl")), keep=[db], words="refusing to write inside /,",
               check=lambda o, e: not (t / "f.jsonl").exists())


def a_two_runs_create_one_archive(t):
    d = docs(t, 200)
    db = t / "a.duckdb"
    other = subprocess.Popen([sys.executable, "-m", "engine.cli", "archive", "index", str(d), "--db", str(db), "-q"],
                             cwd=ROOT, stderr=subprocess.PIPE, text=True)
    return Run(["archive", "index", str(d), "--db", str(db), "-q"], code=None, lines=None, keep=[d],
               check=lambda o, e, p=other: p.wait() in (0, 2) and "Traceback" not in (p.stderr.read() if p.stderr else "")
               and _count(db) == 200 and not [x for x in t.iterdir() if x.name.endswith(".creating")])


def a_folders_1200_deep(t):
    folder = t / "deep"
    folder.mkdir()
    for _ in range(1200):
        folder = folder / "x"
        folder.mkdir()
    (folder / "a.txt").write_text(WIRE + "\n", encoding="utf-8")
    return Run(index(t, str(t / "deep")), code=0, lines=0, check=lambda o, e: _count(t / "a.duckdb") == 1)


ATTACKS = {name[2:].replace("_", " "): fn for name, fn in globals().items() if name.startswith("a_")}


def _digest(keep: list[Path]) -> dict[str, object]:
    return {str(p): hashes(p, True) if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest() for p in keep}


def judge(name: str, run: Run, code: int, out: str, err: str, seconds: float, rss: float,
          before: dict, after: dict) -> list[str]:
    problems = []
    if run.code is not None and code != run.code:
        problems.append(f"exit {code}, expected {run.code}")
    if "Traceback" in err:
        problems.append("traceback")
    if run.lines is not None and err.count("\n") != run.lines:
        problems.append(f"{err.count(chr(10))} stderr lines, expected {run.lines}")
    if run.words and run.words not in err + out:
        problems.append(f"{run.words!r} not said")
    if seconds >= run.seconds:
        problems.append(f"{seconds:.1f} s")
    if rss >= 1024:
        problems.append(f"{rss:.0f} MB")
    if before != after:
        problems.append("a file it must keep was changed")
    if run.check is not None and not run.check(out, err):
        problems.append("its check failed")
    return problems


def main_(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="run the attacks whose name holds this word")
    ap.add_argument("--markdown", action="store_true", help="print the results as a Markdown table")
    args = ap.parse_args(argv)
    rows, failed = [], 0
    for name, build in ATTACKS.items():
        if args.only and args.only not in name:
            continue
        tmp = Path(tempfile.mkdtemp(prefix="attack-"))
        try:
            run = build(tmp)
            before = _digest(run.keep)
            code, out, err, seconds, rss = run_argv(run.argv, tmp, cwd=tmp, during=run.during,
                                                   before_exec=run.before_exec, kill_after=60)
            problems = judge(name, run, code, out, err, seconds, rss, before, _digest(run.keep))
        finally:
            for sub in [tmp, *(p for p in tmp.iterdir() if p.is_dir())]:  # a read-only mount left by a failure
                if os.path.ismount(sub):
                    subprocess.run(["umount", str(sub)], capture_output=True)
            subprocess.run(["rm", "-rf", str(tmp)], check=False)  # rm: shutil.rmtree recurses per folder
        said = (err.strip().splitlines() or [out.strip()[:60]])[-1][:110].replace("|", "\\|").replace("\n", " ")
        failed += bool(problems)
        rows.append((name, code, f"{seconds:.1f}", f"{rss:.0f}", said, "; ".join(problems) or "ok"))
        if not args.markdown:
            print(f"{'FAIL' if problems else 'ok  '} {name}: exit {code}, {seconds:.1f} s, {rss:.0f} MB — {said}"
                  + (f"  [{'; '.join(problems)}]" if problems else ""), flush=True)
    if args.markdown:
        print("| attack | exit | s | MB | what it said (last stderr line) | verdict |\n|---|---|---|---|---|---|")
        for r in rows:
            print("| " + " | ".join(str(x) for x in r) + " |")
    print(f"{len(rows) - failed} of {len(rows)} attacks handled", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main_())
