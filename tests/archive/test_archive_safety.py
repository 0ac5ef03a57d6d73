"""The archive keeps the user's data and says what it did, tested in process.

Documents keyed by resolved path; reading only what was indexed; the format checked
before any write; bad files skipped without blocking others; the walk reporting what
it leaves out; honest progress; pruning; manifests; DuckDB failures named for what
they are. The same cases through the CLI, each in its own process and measured, are in
test_archive_budgets.py.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path

import duckdb
import pytest

from engine.archive import dates, schema
from engine.archive.files import BATCH_BYTES, batches, walk
from engine.archive.progress import Progress
from engine.archive.runner import LocalRunner
from engine.archive.store import Archive, IndexSummary, Member
from engine.archive.verify import read_member
from engine.cli import main
from engine.errors import InputError, StorydiffError

WIRE = ("The minister resigned on Tuesday after a week of protests in the capital city. Her deputy will "
        "lead the party until a vote in the spring, officials said on Wednesday morning outside the hall.")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _families(capsys, db: Path, *extra: str) -> list[dict]:
    capsys.readouterr()
    assert main(["archive", "families", "--db", str(db), "-q", *extra]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


# -- keys --------------------------------------------------------------------

def test_the_same_relative_name_in_two_folders_stays_two_documents(tmp_path, capsys, monkeypatch):
    a = _write(tmp_path / "A" / "story.txt", WIRE + " The first outlet ends here.\n")
    b = _write(tmp_path / "B" / "story.txt", WIRE + " A second outlet's own ending is different.\n")
    db = tmp_path / "a.duckdb"
    for folder in ("A", "B"):
        monkeypatch.chdir(tmp_path / folder)
        assert main(["archive", "index", "story.txt", "--db", str(db), "-q"]) == 0
    monkeypatch.chdir(tmp_path)
    (fam,) = _families(capsys, db, "--compare", str(tmp_path / "cmp"))
    assert sorted(m["path"] for m in fam["members"]) == sorted([str(a), str(b)])  # two names for two files
    report = json.loads((tmp_path / fam["comparison"]).read_text(encoding="utf-8"))
    texts = sorted(" ".join(blk["text"] for blk in v["blocks"]) for v in report["versions"])
    assert texts == sorted([a.read_text(encoding="utf-8").strip(), b.read_text(encoding="utf-8").strip()])


def test_a_file_reached_through_a_link_is_the_file_itself(tmp_path, capsys):
    wire = _write(tmp_path / "docs" / "wire.txt", WIRE + "\n")
    _write(tmp_path / "docs" / "other.txt", "Gardening notes: sow sweet peas late and they will flower late.\n")
    (tmp_path / "docs" / "link.txt").symlink_to(wire)
    os.link(wire, tmp_path / "hard.txt")
    db = tmp_path / "a.duckdb"
    assert main(["archive", "index", str(tmp_path / "docs"), "--db", str(db), "-q"]) == 0
    with Archive.open(db, read_only=True) as arc:
        assert arc.count() == 2  # the link is not a third document
        for probe in (tmp_path / "docs" / "link.txt", tmp_path / "hard.txt", wire):
            assert arc.find(str(probe)) == []  # never the file itself as a 100% match


def test_an_edited_key_never_makes_compare_read_another_file(tmp_path, capsys):
    secret = _write(tmp_path / "private" / "diary.txt", "My own notes that no archive may read. " * 20)
    docs = tmp_path / "docs"
    _write(docs / "wire.txt", WIRE + " Closing line of the wire.\n")
    _write(docs / "copy.txt", WIRE + " A newspaper's own ending.\n")
    db = tmp_path / "a.duckdb"
    assert main(["archive", "index", str(docs), "--db", str(db), "-q"]) == 0
    with duckdb.connect(str(db)) as con:  # what someone who sends you an archive can do
        con.execute("UPDATE docs SET key = ?, size = ? WHERE path LIKE '%copy.txt'",
                    [str(secret), secret.stat().st_size])
    capsys.readouterr()
    assert main(["archive", "families", "--db", str(db), "-q", "-o", str(tmp_path / "f.jsonl"),
                 "--compare", str(tmp_path / "cmp")]) == 0
    err = capsys.readouterr().err
    assert "changed since it was indexed" in err and "not compared" in err
    assert not list((tmp_path / "cmp").iterdir())  # nothing written that could hold the diary
    with Archive.open(db, read_only=True) as arc:
        members = arc.members()
    name = next(p for p in members if p.endswith("copy.txt"))
    with pytest.raises(InputError, match="changed since it was indexed"):
        read_member(name, members[name])


@pytest.mark.parametrize("key,words", [("relative/path.txt", "not absolute"), ("/a/../etc/passwd", "not absolute"),
                                       ("/dev/zero", "not a file")])
def test_a_key_that_is_not_a_resolved_file_is_not_read(key, words):
    with pytest.raises(InputError, match=words):
        read_member("x", Member(key, 10, "0" * 32))


# -- the format is checked before any write ---------------------------------------------------------

def _v1_archive(path: Path, doc: Path) -> None:
    """An archive as Storydiff wrote it before format 2 (no content hashes, no indexed folders)."""
    con = duckdb.connect(str(path))
    con.execute("""
        CREATE TABLE meta(key VARCHAR PRIMARY KEY, value VARCHAR);
        CREATE TABLE docs(id INTEGER PRIMARY KEY, path VARCHAR NOT NULL, key VARCHAR NOT NULL UNIQUE,
                          size BIGINT, mtime DOUBLE, date DATE, date_source VARCHAR, words INTEGER, n INTEGER);
        CREATE TABLE shingles(h BIGINT NOT NULL, doc INTEGER NOT NULL);
        INSERT INTO meta VALUES ('schema', 'storydiff-archive/1');
    """)
    st = doc.stat()
    con.execute("INSERT INTO docs VALUES (0, ?, ?, ?, ?, DATE '2024-01-01', 'mtime', 10, 0)",
                [str(doc), str(doc), st.st_size, st.st_mtime])
    con.close()


def test_an_archive_of_format_1_is_read_as_it_is_and_upgraded_when_written(tmp_path):
    doc = _write(tmp_path / "docs" / "wire.txt", WIRE + "\n")
    db = tmp_path / "old.duckdb"
    _v1_archive(db, doc)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with Archive.open(db, read_only=True) as arc:  # readers leave it as it is
        (m,) = arc.members().values()
        assert m.digest is None
        with pytest.raises(InputError, match="older Storydiff"):
            read_member("wire.txt", m)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    with Archive.open(db) as arc:
        s = arc.index([str(tmp_path / "docs")])
        assert (s.updated, s.added) == (1, 0)  # read once more to record its hash
        (m,) = arc.members().values()
        assert m.digest is not None and read_member("wire.txt", m).text.startswith("The minister")
        assert arc.con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchall() == [(schema.SCHEMA,)]


def test_connect_is_the_way_in_for_other_tables_too(tmp_path):
    """URL tracking keeps its tables in the archive file: it opens the file through `schema.connect`."""
    db = tmp_path / "a.duckdb"
    con = schema.connect(db)
    con.execute("CREATE TABLE IF NOT EXISTS track_urls(url VARCHAR PRIMARY KEY)")
    con.close()
    with Archive.open(db) as arc:  # an archive with someone's extra table is still an archive
        arc.index([str(_write(tmp_path / "docs" / "a.txt", WIRE))])
    foreign = tmp_path / "foreign.duckdb"
    with duckdb.connect(str(foreign)) as c:
        c.execute("CREATE TABLE meta(k INTEGER)")
    before = foreign.read_bytes()
    with pytest.raises(StorydiffError, match="not a Storydiff archive"):
        schema.connect(foreign)
    assert foreign.read_bytes() == before


@pytest.mark.parametrize("message,words", [
    ('IO Error: Could not set lock on file "a.duckdb": Conflicting lock is held in python (PID 7)', "in use"),
    ("Error: Corrupt database file: computed checksum 1 does not match stored checksum 2 in block at location 12288",
     "damaged"),
    ('IO Error: Could not write file "a.duckdb": No space left on device', "disk is full"),
    ('IO Error: Cannot open file "a.duckdb.wal": Read-only file system', "cannot write"),
    ('IO Error: Could not read enough bytes from file "a.duckdb": attempted to read 4096 bytes', "damaged"),
])
def test_duckdb_failures_are_named_for_what_they_are(message, words):
    got = str(schema.archive_error("a.duckdb", duckdb.IOException(message)))
    assert words in got and "\n" not in got
    if words != "in use":
        assert "in use" not in got  # "block" holds the letters "lock"


def test_a_new_archive_appears_complete_or_not_at_all(tmp_path, monkeypatch):
    """Made under a temporary name and linked into place: a failure leaves no file behind."""
    db = tmp_path / "a.duckdb"

    def broken(*_a, **_k):
        raise duckdb.IOException('IO Error: Could not write file "x": No space left on device')

    monkeypatch.setattr(schema.duckdb, "connect", broken)
    with pytest.raises(StorydiffError, match="disk is full"):
        schema.connect(db)
    assert list(tmp_path.iterdir()) == []


# -- bad files never block the others ---------------------------------------------------------------------

def test_a_document_duckdb_refuses_is_skipped_and_its_batch_kept(tmp_path):
    from engine.archive.shingles import shingle_file

    files = [_write(tmp_path / "docs" / f"s{k}.txt", f"{WIRE} Story {k}.\n") for k in range(3)]
    docs = [shingle_file(str(p)) for p in files]
    docs[1].path = docs[1].key = str(tmp_path / "bad\udcff.txt")  # a name no UTF-8 column can hold
    summary = IndexSummary()
    with Archive.open(tmp_path / "a.duckdb") as arc:
        arc._store_batch(docs, {}, 0, summary)
        assert arc.count() == 2
    assert summary.added == 2 and len(summary.errors) == 1 and "bad\\xff.txt" in summary.errors[0]


def test_a_value_duckdb_rejects_costs_only_its_own_document(tmp_path, monkeypatch):
    """Should DuckDB refuse one document's row, the batch is written again one document at a time."""
    from engine.archive.shingles import shingle_file

    files = [_write(tmp_path / "docs" / f"s{k}.txt", f"{WIRE} Story {k}.\n") for k in range(4)]
    docs = [shingle_file(str(p)) for p in files]
    real = Archive._insert

    def picky(self, good):
        if any(d.path.endswith("s2.txt") for _, d in good):
            raise duckdb.ConversionException("Conversion Error: a value out of range")
        real(self, good)

    monkeypatch.setattr(Archive, "_insert", picky)
    summary = IndexSummary()
    with Archive.open(tmp_path / "a.duckdb") as arc:
        arc._store_batch(docs, {}, 0, summary)
        assert sorted(os.path.basename(p) for p, *_ in arc.documents().values()) == ["s0.txt", "s1.txt", "s3.txt"]
    assert summary.added == 3 and summary.errors == [f"{files[2]}: could not be stored (Conversion Error: a value "
                                                     "out of range)"]


def test_a_full_disk_stops_the_run_rather_than_retrying_each_document(tmp_path, monkeypatch):
    from engine.archive.shingles import shingle_file

    docs = [shingle_file(str(_write(tmp_path / "docs" / f"s{k}.txt", f"{WIRE} {k}.\n"))) for k in range(3)]
    calls = []

    def full(self, good):
        calls.append(len(good))
        raise duckdb.TransactionException("TransactionContext Error: Failed to commit: No space left on device")

    monkeypatch.setattr(Archive, "_insert", full)
    with Archive.open(tmp_path / "a.duckdb") as arc, pytest.raises(duckdb.Error):
        arc._store_batch(docs, {}, 0, IndexSummary())
    assert calls == [3]


def test_batches_are_bounded_by_bytes_as_well_as_count():
    sizes = [4 << 20] * 64
    cut = batches(list(range(64)), sizes)
    assert all(sum(sizes[i] for i in b) <= BATCH_BYTES for b in cut) and sum(map(len, cut)) == 64
    assert batches(list(range(3)), [BATCH_BYTES * 2, 1, 1]) == [[0], [1, 2]]  # a large file goes alone
    assert [len(b) for b in batches(list(range(600)), [10] * 600)] == [256, 256, 88]


# -- the walk says what it leaves out ---------------------------------------------------------------------

def test_linked_folders_are_followed_once_and_a_loop_is_reported(tmp_path):
    _write(tmp_path / "feeds" / "agency" / "a.txt", WIRE)
    _write(tmp_path / "elsewhere" / "b.txt", WIRE + " b")
    (tmp_path / "feeds" / "mounted").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "feeds" / "again").symlink_to(tmp_path / "elsewhere")  # the same folder by a second route
    (tmp_path / "feeds" / "agency" / "up").symlink_to(tmp_path / "feeds")  # a loop
    w = walk([str(tmp_path / "feeds")])
    assert sorted(os.path.basename(f.key) for f in w.files) == ["a.txt", "b.txt"]
    assert [s for s in w.skipped if "a link back to a folder above it" in s] == \
        [f"{tmp_path / 'feeds' / 'agency' / 'up'}: a link back to a folder above it; not followed again"]
    assert str(tmp_path / "elsewhere") in w.roots


def test_a_folder_that_cannot_be_read_is_reported(tmp_path, monkeypatch):
    _write(tmp_path / "docs" / "a.txt", WIRE)
    _write(tmp_path / "docs" / "locked" / "b.txt", WIRE)
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    w = walk([str(tmp_path / "docs")])
    assert [os.path.basename(f.path) for f in w.files] == ["a.txt"]
    assert w.skipped == [f"{tmp_path / 'docs' / 'locked'}: cannot read this folder (Permission denied)"]


def test_folders_nested_deeper_than_the_recursion_limit_are_walked(tmp_path):
    chain = [tmp_path / "d"]
    for _ in range(1200):  # one by one: os.makedirs itself recurses
        chain.append(chain[-1] / "x")
    try:
        for folder in chain:
            folder.mkdir()
        _write(chain[-1] / "deep.txt", WIRE)
        assert [os.path.basename(f.path) for f in walk([str(chain[0])]).files] == ["deep.txt"]
    finally:  # removed bottom up here: pytest's own clean-up (shutil.rmtree) recurses too
        (chain[-1] / "deep.txt").unlink(missing_ok=True)
        for folder in reversed(chain):
            if folder.exists():
                folder.rmdir()


# -- progress says what was done ----------------------------------------------------------------------------

class _StopAfter(LocalRunner):
    """Ctrl+C after the first batch."""

    def map(self, fn, items):
        for k, item in enumerate(items):
            if k == 1:
                raise KeyboardInterrupt
            yield fn(item)


def test_progress_after_an_interruption_says_what_was_done(tmp_path):
    docs = tmp_path / "docs"
    for k in range(600):
        _write(docs / f"s{k:03}.txt", f"{WIRE} Story {k}.\n")
    out = io.StringIO()
    with Archive.open(tmp_path / "a.duckdb") as arc:
        with pytest.raises(KeyboardInterrupt):
            arc.index([str(docs)], runner=_StopAfter(), stream=out)
        assert arc.count() == 256  # the first batch is kept
    last = out.getvalue().splitlines()[-1]
    assert "256/600" in last and last.endswith("stopped") and "600/600" not in out.getvalue()


def test_progress_finishes_on_the_count_done():
    out = io.StringIO()
    with Progress("comparing", 10, out) as bar:
        bar.advance(7)
    assert out.getvalue().splitlines()[-1].split()[-3] == "7/10"


# -- deleted files are pruned --------------------------------------------------------------------

def test_deleted_files_are_pruned_on_index_and_by_prune(tmp_path, capsys):
    docs = tmp_path / "docs"
    for k in range(4):
        _write(docs / f"s{k}.txt", f"{WIRE} Story {k}.\n")
    single = _write(tmp_path / "single.txt", WIRE + " single\n")
    db = tmp_path / "a.duckdb"
    assert main(["archive", "index", str(docs), str(single), "--db", str(db), "-q"]) == 0
    (docs / "s0.txt").unlink()
    assert main(["archive", "index", str(docs), "--db", str(db), "--keep-deleted"]) == 0
    assert "holds 5 documents" in capsys.readouterr().err
    assert main(["archive", "index", str(docs), "--db", str(db)]) == 0
    assert "1 pruned (deleted); 0 skipped; the archive holds 4 documents" in capsys.readouterr().err
    single.unlink()  # named on its own, not under a folder indexed: only prune forgets it
    assert main(["archive", "prune", "--db", str(db)]) == 0
    assert "pruned 1 documents whose file is gone; the archive holds 3 documents" in capsys.readouterr().err
    with Archive.open(db, read_only=True) as arc:
        rows, expected = arc.con.execute("SELECT (SELECT count(*) FROM shingles), (SELECT sum(n) FROM docs)"
                                         ).fetchall()[0]
    assert rows == expected  # their 3-grams are gone too


# -- manifests --------------------------------------------------------------------

def test_manifest_header_is_recognised_only_as_a_header(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    m = tmp_path / "m.csv"
    _write(tmp_path / "a.txt", WIRE)
    m.write_text("file,published\na.txt,2024-03-01\n", encoding="utf-8")
    assert dates.read_manifest(m).get("a.txt") is not None
    m.write_text("a.txt,yesterday\nb.txt,2024-03-01\n", encoding="utf-8")  # a.txt exists: a row, not a header
    with pytest.raises(StorydiffError, match=r"m.csv:1: 'yesterday' is not a YYYY-MM-DD date"):
        dates.read_manifest(m)
    m.write_text("path,date\nb.txt,soon\n", encoding="utf-8")  # only the first row may be a header
    with pytest.raises(StorydiffError, match=r"m.csv:2: 'soon'"):
        dates.read_manifest(m)


def test_manifest_names_relative_to_its_own_folder_or_the_current_one(tmp_path, monkeypatch):
    a = _write(tmp_path / "arch" / "texts" / "a.txt", WIRE)
    b = _write(tmp_path / "b.txt", WIRE)
    m = tmp_path / "arch" / "dates.csv"
    m.write_text(f"texts/a.txt,2024-03-01\n{b},2024-03-02\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    got = dates.read_manifest(m)
    assert str(got.get(str(a))) == "2024-03-01" and str(got.get("b.txt")) == "2024-03-02"
