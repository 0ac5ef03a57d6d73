"""Opening an archive file safely: what counts as a Storydiff archive, checked before any write.

`connect(path)` is the one way into an archive file, for the archive's own tables
and for anything else stored beside them (the URL tracker's tables, for one):

* the path must be a regular file (a named pipe, a device or a folder is refused
  before DuckDB opens it: DuckDB would block on a FIFO), non-empty and starting with
  DuckDB's header;
* the file is first opened read-only and checked: a `meta` table in the main schema
  whose `schema` row names a Storydiff archive format this code reads. A DuckDB file
  of another program (even one with a table called `meta`, or a `meta` in another
  schema), an archive of a newer format, or a damaged one is refused in one line,
  and the file is left byte for byte as it was (a read-write open could replay
  another program's journal into it);
* only then is it opened for writing, and the same check runs again inside the
  transaction that brings an older format up to date, so nothing is written to a
  file that is not an archive of a format this code knows;
* a new archive is built under a temporary name in the same folder and linked into
  place complete, so an interrupted first run never leaves a half-made file that the
  next run would refuse as foreign;
* every DuckDB failure becomes one line that says what happened (`archive_error`):
  a lock held by another program, a damaged file, a full disk, no permission.
"""

from __future__ import annotations

import os
import stat
import uuid

import duckdb

from ..errors import StorydiffError

FORMAT = "storydiff-archive"
VERSION = 2
SCHEMA = f"{FORMAT}/{VERSION}"
_MAGIC = b"DUCK"  # bytes 8..12 of every DuckDB database file

DDL = """
CREATE TABLE meta(key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE docs(
    id INTEGER PRIMARY KEY,
    path VARCHAR NOT NULL,          -- as given to index (shown when no other document has it)
    key VARCHAR NOT NULL UNIQUE,    -- the resolved path (realpath): the document's identity
    size BIGINT, mtime DOUBLE,
    date DATE, date_source VARCHAR, -- text | manifest | mtime
    words INTEGER,
    n INTEGER,                      -- distinct 3-grams
    hash VARCHAR                    -- BLAKE2b of the bytes indexed: --compare reads only this content
);
CREATE TABLE shingles(h BIGINT NOT NULL, doc INTEGER NOT NULL);
CREATE TABLE roots(path VARCHAR PRIMARY KEY);  -- folders indexed (resolved): outputs never go inside
"""

# Format 1 -> 2: content hashes (so --compare can check what it reads) and the indexed folders.
_UPGRADE_1 = ["ALTER TABLE docs ADD COLUMN hash VARCHAR",
              "CREATE TABLE roots(path VARCHAR PRIMARY KEY)"]
_NEEDED = {"docs": {"id", "path", "key", "size", "mtime", "date", "date_source", "words", "n"},
           "shingles": {"h", "doc"}}


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else error.__class__.__name__


_DISK = ("no space left", "disk quota", "file too large")
_ACCESS = ("read-only file system", "permission denied")
_DAMAGE = ("corrupt", "checksum", "could not read enough bytes", "serializ", "deserializ", "invalid block",
           "failed to read", "not a valid duckdb")


def is_fatal(error: BaseException) -> bool:
    """A failure of the file or the disk (not of one document's values): the run must stop.
    DuckDB reports a full disk at commit as a transaction error, so the message decides."""
    if isinstance(error, (duckdb.IOException, duckdb.FatalException, duckdb.InternalException)):
        return True
    low = _first_line(error).lower()
    return any(w in low for w in (*_DISK, *_ACCESS, *_DAMAGE, "could not set lock", "conflicting lock",
                                  "invalidated", "could not write", "i/o error", "io error"))


def archive_error(path: str, error: BaseException) -> StorydiffError:
    """One line for a DuckDB (or OS) failure on the archive at `path`, saying what happened."""
    first = _first_line(error)
    low = first.lower()
    # Matched on whole phrases: a "corrupt block" message holds the letters "lock" too.
    if "could not set lock" in low or "conflicting lock" in low:
        return StorydiffError(f"{path}: the archive is in use by another program (another index run?)")
    if any(w in low for w in _DISK):
        return StorydiffError(f"{path}: the disk is full; the archive keeps what was indexed before "
                              "(free some space and run the command again)")
    if any(w in low for w in _ACCESS):
        return StorydiffError(f"{path}: cannot write the archive or its journal beside it ({_detail(first)})")
    if "not a valid duckdb" in low:
        return StorydiffError(f"{path}: not a Storydiff archive (not a DuckDB file)")
    if any(w in low for w in _DAMAGE):
        return StorydiffError(f"{path}: the archive is damaged ({_detail(first)}); build it again with "
                              "`storydiff-cli archive index`")
    if "version" in low and ("newer" in low or "storage" in low):
        return StorydiffError(f"{path}: written by a newer DuckDB than this Storydiff uses ({_detail(first)})")
    return StorydiffError(f"{path}: the archive could not be used ({_detail(first)})")


def _detail(first: str) -> str:
    # "IO Error: Could not write file ...": the class prefix says nothing to a user.
    head, sep, rest = first.partition(": ")
    return (rest if sep and head.endswith(("Error", "Exception")) else first)[:200]


def check_file(path: str, *, for_write: bool) -> bool:
    """True when `path` exists and may be an archive; False when it does not exist.

    Refuses (StorydiffError) what is not a regular DuckDB file, and for writing a
    folder DuckDB cannot create its journal in, before DuckDB touches anything.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise StorydiffError(f"{path}: a link to a file that does not exist") from None
        return False
    except OSError as e:
        raise StorydiffError(f"{path}: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise StorydiffError(f"{path}: is a folder, not an archive file")
    if not stat.S_ISREG(st.st_mode):
        kind = "a named pipe" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) \
            else "a device"
        raise StorydiffError(f"{path}: is {kind}, not an archive file")
    if st.st_size == 0:
        raise StorydiffError(f"{path}: an empty file, not a Storydiff archive (remove it or name a new file)")
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as e:
        raise StorydiffError(f"{path}: {e.strerror or e}") from None
    if head[8:12] != _MAGIC:
        raise StorydiffError(f"{path}: not a Storydiff archive (not a DuckDB file)")
    if for_write:
        folder = os.path.dirname(os.path.realpath(path))
        if not os.access(folder, os.W_OK):
            raise StorydiffError(f"{path}: cannot write in {folder} (the archive keeps its journal, "
                                 f"{os.path.basename(path)}.wal, beside it)")
        if not os.access(path, os.W_OK):
            raise StorydiffError(f"{path}: the archive file is read-only (permission denied)")
    return True


def format_version(con: duckdb.DuckDBPyConnection, path: str) -> int:
    """The archive format of the open file, or a StorydiffError saying why it is not an archive we read."""
    try:
        tables = {name: kind for name, kind in con.execute(
            "SELECT table_name, table_type FROM information_schema.tables "
            "WHERE table_catalog = current_database() AND table_schema = 'main'").fetchall()}
        if tables.get("meta") != "BASE TABLE":
            raise StorydiffError(f"{path}: a DuckDB file, but not a Storydiff archive")
        try:
            rows = con.execute("SELECT value FROM main.meta WHERE key = 'schema'").fetchall()
        except duckdb.Error:  # a `meta` of another shape: someone else's table
            raise StorydiffError(f"{path}: a DuckDB file, but not a Storydiff archive") from None
        ours = all(tables.get(t) == "BASE TABLE" for t in _NEEDED)
        if not rows:
            if ours:
                raise StorydiffError(f"{path}: a damaged Storydiff archive (no format version)")
            raise StorydiffError(f"{path}: a DuckDB file, but not a Storydiff archive")
        value = rows[0][0]
        name, _, number = str(value).partition("/")
        if name != FORMAT or not number.isdigit() or len(number) > 6:
            raise StorydiffError(f"{path}: a DuckDB file, but not a Storydiff archive")
        version = int(number)
        if version > VERSION:
            raise StorydiffError(f"{path}: archive format {value!r} is newer than this Storydiff reads "
                                 f"({SCHEMA!r}); update Storydiff")
        if version < 1 or not ours:
            raise StorydiffError(f"{path}: a damaged Storydiff archive (tables missing)")
        for table, needed in _NEEDED.items():
            cols = {r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() "
                "AND table_schema = 'main' AND table_name = ?", [table]).fetchall()}
            if not needed <= cols:
                raise StorydiffError(f"{path}: a damaged Storydiff archive (table {table} lacks "
                                     f"{', '.join(sorted(needed - cols))})")
        return version
    except duckdb.Error as e:
        raise archive_error(path, e) from None


def connect(path: str | os.PathLike[str], *, read_only: bool = False,
            create: bool = True) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to the Storydiff archive at `path`, checked before anything is written.

    `read_only`: for readers (families, find, the window); the archive must exist.
    Otherwise the archive is created when missing (if `create`) and brought up to
    the current format. Every refusal is a one-line StorydiffError naming the file;
    a file refused is left unchanged. Callers that keep tables of their own in the
    archive file (URL tracking) open it here too.
    """
    path = os.fspath(path)
    if not check_file(path, for_write=not read_only):
        if read_only or not create:
            raise StorydiffError(f"{path}: no such archive (build it with `storydiff-cli archive index`)")
        _create(path)
        check_file(path, for_write=True)
    # Checked read-only first: a read-write open may already write (replay a journal) to someone else's file.
    con = _open(path, read_only=True)
    try:
        format_version(con, path)
    except BaseException:
        con.close()
        raise
    if read_only:
        return con
    con.close()
    con = _open(path, read_only=False)
    try:
        con.execute("BEGIN")
        version = format_version(con, path)  # again, inside the transaction that may upgrade it
        if version < VERSION:
            for sql in _UPGRADE_1:
                con.execute(sql)
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema'", [SCHEMA])
        con.execute("COMMIT")
    except BaseException as e:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        con.close()
        if isinstance(e, duckdb.Error):
            raise archive_error(path, e) from None
        raise
    return con


def _open(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as e:
        raise archive_error(path, e) from None


def _create(path: str) -> None:
    """A new, empty archive at `path`, made under a temporary name and linked into place complete."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise StorydiffError(f"{path}: no such folder to create the archive in")
    tmp = os.path.join(folder, f".{os.path.basename(path)}.{uuid.uuid4().hex[:12]}.creating")
    try:
        try:
            con = duckdb.connect(tmp)
            try:
                con.execute(DDL)
                con.execute("INSERT INTO meta VALUES ('schema', ?)", [SCHEMA])
            finally:
                con.close()
        except duckdb.Error as e:
            raise archive_error(path, e) from None
        try:
            os.link(tmp, path)  # never replaces: a file made meanwhile by another run wins
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not os.path.lexists(path):
                os.rename(tmp, path)
    except OSError as e:
        raise StorydiffError(f"{path}: cannot create the archive ({e.strerror or e})") from None
    finally:
        for leftover in (tmp, tmp + ".wal"):
            try:
                os.unlink(leftover)
            except OSError:
                pass
