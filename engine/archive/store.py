"""The archive: one embedded DuckDB file holding each document's date and 3-grams.

Indexing is incremental: a file already indexed with the same size and
modification time is skipped, a changed one is shingled again, a new one is
added. Links and families are computed from the stored 3-grams when asked for, so
they always reflect everything indexed so far.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

import duckdb
import numpy as np

from ..errors import StorydiffError
from . import dates
from .linking import Link, LinkParams, finish_links
from .progress import Progress
from .runner import DaskRunner, LocalRunner
from .shingles import DocShingles, shingle_batch, shingle_file

SCHEMA = "storydiff-archive/1"
BATCH = 256  # files per unit of shingling work and per insert (64 cost ~15% more CPU in inserts)

_DDL = """
CREATE TABLE IF NOT EXISTS meta(key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY,
    path VARCHAR NOT NULL,          -- as given to index
    key VARCHAR NOT NULL UNIQUE,    -- absolute path
    size BIGINT, mtime DOUBLE,
    date DATE, date_source VARCHAR, -- text | manifest | mtime
    words INTEGER,
    n INTEGER                       -- distinct 3-grams
);
CREATE TABLE IF NOT EXISTS shingles(h BIGINT NOT NULL, doc INTEGER NOT NULL);
"""


@dataclass
class IndexSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    redated: int = 0
    errors: list[str] = field(default_factory=list)
    total: int = 0  # documents in the archive afterwards


def walk(paths: Iterable[str]) -> list[str]:
    """Files named, and every file under folders named (sorted, hidden ones skipped), as given."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out += [os.path.join(root, f) for f in sorted(files) if not f.startswith(".")]
        else:
            out.append(p)
    return out


class Archive:
    """An archive file, open for indexing and queries (a context manager)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con, self.path = con, path

    @classmethod
    def open(cls, path: str | os.PathLike[str], create: bool = True, read_only: bool = False) -> Archive:
        """Open (or create) an archive; `read_only` for readers such as the window (no lock against
        another reader, and an archive that does not exist yet is an error)."""
        path = str(path)
        if (read_only or not create) and not os.path.exists(path):
            raise StorydiffError(f"{path}: no such archive (build it with `storydiff-cli archive index`)")
        try:
            con = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as e:
            first = str(e).splitlines()[0]
            if "lock" in first.lower():
                raise StorydiffError(f"{path}: the archive is in use by another program") from None
            raise StorydiffError(f"{path}: not a Storydiff archive ({first})") from None
        try:
            tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if (tables or read_only) and "meta" not in tables:
                raise StorydiffError(f"{path}: a DuckDB file, but not a Storydiff archive")
            if not read_only:
                con.execute(_DDL)
            rows = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchall()
            row = rows[0] if rows else None
            if row is None:
                if read_only:  # a meta table without its schema row: nothing to check it against
                    raise StorydiffError(f"{path}: a damaged Storydiff archive (no format version)")
                con.execute("INSERT INTO meta VALUES ('schema', ?)", [SCHEMA])
            elif row[0] != SCHEMA:
                raise StorydiffError(f"{path}: archive format {row[0]!r}, this Storydiff reads {SCHEMA!r}")
        except BaseException:
            con.close()
            raise
        return cls(con, path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- indexing ---------------------------------------------------------------------------

    def index(self, paths: Iterable[str], manifest: dict[str, dt.date] | None = None,
              runner: LocalRunner | DaskRunner | None = None, stream: TextIO | None = None) -> IndexSummary:
        """Add new and changed files under `paths`; files already indexed and unchanged are skipped."""
        runner = runner or LocalRunner()
        manifest = manifest or {}
        summary = IndexSummary()
        own = {os.path.abspath(self.path), os.path.abspath(self.path) + ".wal"}
        files = [f for f in walk(paths) if os.path.abspath(f) not in own]  # not the archive itself
        known = {k: (i, s, m, d, src) for i, k, s, m, d, src in
                 self.con.execute("SELECT id, key, size, mtime, date, date_source FROM docs").fetchall()}
        todo: list[tuple[str, str, dt.date | None]] = []
        seen: set[str] = set()
        for f in files:
            key = os.path.abspath(f)
            if key in seen:
                continue
            seen.add(key)
            mdate = manifest.get(key)
            old = known.get(key)
            if old is not None:
                try:
                    st = os.stat(key)
                except OSError as e:
                    summary.errors.append(f"{f}: {e.strerror or e}")
                    continue
                if (st.st_size, st.st_mtime) == (old[1], old[2]):
                    if mdate is not None and old[4] != dates.TEXT and (old[3], old[4]) != (mdate, dates.MANIFEST):
                        self.con.execute("UPDATE docs SET date = ?, date_source = ? WHERE id = ?",
                                         [mdate, dates.MANIFEST, old[0]])
                        summary.redated += 1
                    else:
                        summary.unchanged += 1
                    continue
            todo.append((f, key, mdate))
        next_id = self._scalar("SELECT coalesce(max(id), -1) + 1 FROM docs")
        batches = [todo[i:i + BATCH] for i in range(0, len(todo), BATCH)]
        with Progress("shingling", len(todo), stream) as bar:
            for docs in runner.map(shingle_batch, batches):
                self.con.execute("BEGIN")
                try:
                    good, stale = [], []
                    for d in docs:
                        if d.error:
                            summary.errors.append(d.error)
                            continue
                        if d.key in known:
                            stale.append(known[d.key][0])
                            summary.updated += 1
                        else:
                            summary.added += 1
                        good.append((next_id, d))
                        next_id += 1
                    self._remove(stale)
                    self._insert(good)
                    self.con.execute("COMMIT")
                except BaseException:
                    self.con.execute("ROLLBACK")
                    raise
                bar.advance(len(docs))
        self.con.execute("CHECKPOINT")
        summary.total = self.count()
        return summary

    def _remove(self, doc_ids: list[int]) -> None:
        """Forget changed documents (one scan of the 3-gram table per batch, not per file)."""
        if doc_ids:
            self.con.execute("DELETE FROM shingles WHERE list_contains(?, doc)", [doc_ids])
            self.con.execute("DELETE FROM docs WHERE list_contains(?, id)", [doc_ids])

    def _insert(self, docs: list[tuple[int, DocShingles]]) -> None:
        """One batch of shingled documents: their rows, and all their 3-grams in one insert."""
        if not docs:
            return
        # Column arrays, not executemany: DuckDB runs executemany as one statement per row.
        meta = {
            "id": np.array([i for i, _ in docs], dtype=np.int32),
            "path": np.array([d.path for _, d in docs], dtype=object),
            "key": np.array([d.key for _, d in docs], dtype=object),
            "size": np.array([d.size for _, d in docs], dtype=np.int64),
            "mtime": np.array([d.mtime for _, d in docs], dtype=np.float64),
            "date": np.array([d.date.isoformat() if d.date else None for _, d in docs], dtype=object),
            "date_source": np.array([d.date_source for _, d in docs], dtype=object),
            "words": np.array([d.words for _, d in docs], dtype=np.int32),
            "n": np.array([len(d.hashes) for _, d in docs], dtype=np.int32),
        }
        self.con.register("new_docs", meta)
        self.con.execute("INSERT INTO docs SELECT id, path, key, size, mtime, date::DATE, date_source, words, n "
                         "FROM new_docs")
        self.con.unregister("new_docs")
        rows = {"h": np.concatenate([d.hashes for _, d in docs]),
                "doc": np.concatenate([np.full(len(d.hashes), i, dtype=np.int32) for i, d in docs])}
        if len(rows["h"]):
            self.con.register("new_rows", rows)
            self.con.execute("INSERT INTO shingles SELECT h, doc FROM new_rows")
            self.con.unregister("new_rows")

    def _scalar(self, sql: str, params: list | None = None) -> int:
        # fetchall, not fetchone: DuckDB 2 keeps a half-read result open on the connection.
        return int(self.con.execute(sql, params or []).fetchall()[0][0])

    def count(self) -> int:
        return self._scalar("SELECT count(*) FROM docs")

    # -- queries ----------------------------------------------------------------------------

    def documents(self) -> dict[int, tuple[str, dt.date | None, str | None, int]]:
        """id -> (path as given, date, date source, distinct 3-grams)."""
        return {i: (p, d, s, n) for i, p, d, s, n in
                self.con.execute("SELECT id, path, date, date_source, n FROM docs ORDER BY id").fetchall()}

    def keys(self) -> dict[str, str]:
        """Path as given -> absolute path (what a worker in another folder can open)."""
        return dict(self.con.execute("SELECT path, key FROM docs").fetchall())

    def links(self, params: LinkParams = LinkParams(), runner: LocalRunner | DaskRunner | None = None,
              stream: TextIO | None = None) -> list[Link]:
        """Candidate links over the whole archive (ids a < b, sorted)."""
        runner = runner or LocalRunner()
        params.check()
        parts = getattr(runner, "partitions", 1)
        with Progress("linking", parts, stream) as bar:
            runner.pair_counts(self.con, params, bar)
        try:
            return finish_links(self.con, params)
        finally:
            self.con.execute("DROP TABLE IF EXISTS pair_counts")

    def families(self, params: LinkParams = LinkParams(), runner: LocalRunner | DaskRunner | None = None,
                 stream: TextIO | None = None) -> list[dict]:
        """The archive's families (the families.jsonl contract; see `families`)."""
        from .families import build

        return build(self.documents(), self.links(params, runner, stream), params.window_days)

    def find(self, path: str, params: LinkParams = LinkParams()) -> list[dict]:
        """Archived documents that reuse the file at `path`, most reused first.

        For each: shared rare 3-grams, `reused` (share of the archived document's
        3-grams found in the file: how much of it is this file's text) and
        `contained` (share of the file's 3-grams found in the archived document).
        The file itself, if archived, is left out.
        """
        d = shingle_file(path)
        if d.error:
            raise StorydiffError(d.error)
        if not len(d.hashes):
            return []
        # Document frequency as if the file were in the archive (it may already be).
        archived = self._scalar("SELECT count(*) FROM docs WHERE key = ?", [d.key])
        max_hits = params.max_df - (0 if archived else 1)
        self.con.register("probe", {"h": d.hashes})
        try:
            rows = self.con.execute("""
                WITH hits AS (SELECT s.h, s.doc FROM shingles s SEMI JOIN probe p ON s.h = p.h),
                     rare AS (SELECT h FROM hits GROUP BY h HAVING count(*) BETWEEN 1 AND $df)
                SELECT d.path, d.date, count(*)::INTEGER AS shared, count(*) / d.n AS reused, d.key
                FROM hits JOIN rare USING (h) JOIN docs d ON d.id = hits.doc
                GROUP BY d.id, d.path, d.date, d.n, d.key
                HAVING count(*) >= $min_shared
                ORDER BY reused DESC, d.id
            """, {"df": max_hits, "min_shared": params.min_shared}).fetchall()
        finally:
            self.con.unregister("probe")
        out = []
        for p, when, shared, reused, key in rows:
            if key == d.key:
                continue
            contained = shared / len(d.hashes)
            best = max(reused, contained)
            if best < params.min_containment or shared * best < params.min_evidence:
                continue
            out.append({"path": p, "date": when.isoformat() if when else None, "shared": shared,
                        "reused": round(reused, 4), "contained": round(contained, 4)})
        return out
