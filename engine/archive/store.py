"""The archive: one embedded DuckDB file holding each document's date and 3-grams.

Indexing is incremental: a file already indexed with the same size and
modification time is skipped, a changed one is shingled again, a new one is
added, and one deleted from a folder being indexed is pruned. Links and families
are computed from the stored 3-grams when asked for, so they always reflect
everything indexed so far.

A document is keyed by its resolved path (`realpath`): two files of the same name in
two folders are two documents, a file reached through a link is the file itself.
Each batch of documents is written in one transaction; a document the database
refuses (a value it cannot store) is left out with a warning and never takes the
rest of its batch with it. Opening the file is `schema.connect`'s job: nothing is
written to a file until it is known to be a Storydiff archive.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TextIO

import duckdb
import numpy as np

from ..errors import StorydiffError
from . import dates
from .files import Walk, batches, shown, walk
from .linking import DocLink, LinkParams, finish_links
from .progress import Progress
from .runner import DaskRunner, LocalRunner
from .schema import SCHEMA, archive_error, connect, is_fatal
from .shingles import DocShingles, shingle_batch, shingle_file

INDEX_MEMORY = "256MB"  # DuckDB's buffer pool while indexing (linking keeps DuckDB's default)

__all__ = ["SCHEMA", "Archive", "IndexSummary", "Member", "archive_error", "connect"]


@dataclass
class IndexSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    redated: int = 0
    pruned: int = 0  # documents whose file is gone, removed from the archive
    errors: list[str] = field(default_factory=list)  # files skipped, one line each
    total: int = 0  # documents in the archive afterwards


@dataclass(frozen=True)
class Member:
    """What the archive says about one document: where to read it and what it held when indexed."""

    key: str  # resolved path
    size: int
    digest: str | None  # None: indexed by an older Storydiff, its content cannot be checked


def _storable(d: DocShingles) -> str | None:
    """Why DuckDB could not store this document, or None (checked before its batch is written)."""
    for text in (d.path, d.key):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return f"{shown(d.path)}: the file name is not valid UTF-8"
    return None


class Archive:
    """An archive file, open for indexing and queries (a context manager)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con, self.path = con, path

    @classmethod
    def open(cls, path: str | os.PathLike[str], create: bool = True, read_only: bool = False) -> Archive:
        """Open (or create) an archive; `read_only` for readers such as the window (no lock against
        another reader, and an archive that does not exist yet is an error). See `schema.connect`."""
        path = os.fspath(path)
        return cls(connect(path, read_only=read_only, create=create), path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def own_files(self) -> list[str]:
        """The archive file and its journal, resolved: never indexed, never written over."""
        real = os.path.realpath(self.path)
        return [real, real + ".wal"]

    # -- indexing ---------------------------------------------------------------------------

    def index(self, paths: Iterable[str], manifest: dates.Manifest | Mapping[str, dt.date] | None = None,
              runner: LocalRunner | DaskRunner | None = None, stream: TextIO | None = None,
              prune: bool = True) -> IndexSummary:
        """Add new and changed files under `paths`; files already indexed and unchanged are skipped.

        With `prune`, documents under the folders walked whose file no longer exists are removed.
        """
        runner = runner or LocalRunner()
        summary = IndexSummary()
        found: Walk = walk(paths, leave_out=self.own_files())
        summary.errors += found.skipped
        known = {k: (i, s, m, d, src, h) for i, k, s, m, d, src, h in self._rows(
            "SELECT id, key, size, mtime, date, date_source, hash FROM docs")}
        todo: list[tuple[str, str, dt.date | None]] = []
        sizes: list[int] = []
        for f in found.files:
            mdate = dates.manifest_date(manifest, f.path, f.key)
            old = known.get(f.key)
            # Unchanged, and its content hash known: nothing to read. (An archive of format 1 has
            # no hashes: its documents are read once more so --compare can check them.)
            if old is not None and (f.size, f.mtime) == (old[1], old[2]) and old[5] is not None:
                if mdate is not None and old[4] != dates.TEXT and (old[3], old[4]) != (mdate, dates.MANIFEST):
                    self._run("UPDATE docs SET date = ?, date_source = ? WHERE id = ?",
                              [mdate, dates.MANIFEST, old[0]])
                    summary.redated += 1
                else:
                    summary.unchanged += 1
                continue
            todo.append((f.path, f.key, mdate))
            sizes.append(f.size)
        self._add_roots(found.roots)
        next_id = self._scalar("SELECT coalesce(max(id), -1) + 1 FROM docs")
        # DuckDB's buffer pool may otherwise keep every 3-gram written this run (up to 80% of
        # the machine's memory): 64 files of 4 MB peaked at 1.2 GB. Written pages go to the file.
        self._run(f"SET memory_limit = '{INDEX_MEMORY}'")
        try:
            with Progress("shingling", len(todo), stream) as bar:
                for docs in runner.map(shingle_batch, batches(todo, sizes)):
                    next_id = self._store_batch(docs, known, next_id, summary)
                    bar.advance(len(docs))
        finally:
            try:
                self._run("RESET memory_limit")
            except duckdb.Error:
                pass  # an invalidated database: the error on its way says why
        if prune:
            summary.pruned = self._prune(found.roots)
        self._run("CHECKPOINT")
        summary.total = self.count()
        return summary

    def _store_batch(self, docs: list[DocShingles], known: dict, next_id: int, summary: IndexSummary) -> int:
        """Write one batch in one transaction; a document DuckDB refuses is skipped, not the batch."""
        good: list[tuple[int, DocShingles]] = []
        for d in docs:
            problem = d.error or _storable(d)
            if problem:
                summary.errors.append(problem)
                continue
            good.append((next_id, d))
            next_id += 1
        try:
            self._write(good, known)
        except duckdb.Error as e:
            if is_fatal(e):
                raise  # a full disk, a damaged file: the batch is rolled back and the run stops (one line)
            # Something in one document DuckDB would not take: write them one by one, so only it is left out.
            good_alone = []
            for item in good:
                try:
                    self._write([item], known)
                    good_alone.append(item)
                except duckdb.Error as e:
                    if is_fatal(e):
                        raise
                    summary.errors.append(f"{item[1].path}: could not be stored ({str(e).splitlines()[0][:120]})")
            good = good_alone
        for _, d in good:
            if d.key in known:
                summary.updated += 1
            else:
                summary.added += 1
        return next_id

    def _write(self, good: list[tuple[int, DocShingles]], known: dict) -> None:
        if not good:
            return
        def work() -> None:
            self._remove([known[d.key][0] for _, d in good if d.key in known])
            self._insert(good)

        self._transaction(work)

    def _transaction(self, work: Callable[[], None]) -> None:
        self.con.execute("BEGIN")
        try:
            work()
            self.con.execute("COMMIT")
        except BaseException:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass  # a database DuckDB invalidated after a fatal error: the original error says why
            raise

    def _add_roots(self, roots: list[str]) -> None:
        storable = [r for r in roots if _storable(DocShingles(path=r, key=r)) is None]
        if storable:
            self._run("INSERT INTO roots SELECT unnest(?) ON CONFLICT DO NOTHING", [storable])

    def roots(self) -> list[str]:
        """The folders indexed so far (resolved)."""
        return [r[0] for r in self._rows("SELECT path FROM roots ORDER BY path")] if self._has("roots") else []

    def _has(self, table: str) -> bool:
        return bool(self._rows("SELECT 1 FROM information_schema.tables WHERE table_catalog = current_database() "
                               "AND table_schema = 'main' AND table_name = ?", [table]))

    def prune(self) -> int:
        """Remove every document whose file no longer exists; the number removed."""
        return self._prune(None)

    def _prune(self, under: list[str] | None) -> int:
        """Documents whose file is gone (all of them, or those under the folders `under`)."""
        prefixes = tuple(os.path.join(r, "") for r in under) if under is not None else None
        if prefixes == ():
            return 0
        gone = [i for i, key in self._rows("SELECT id, key FROM docs")
                if (prefixes is None or key.startswith(prefixes)) and not os.path.isfile(key)]
        if gone:
            self._transaction(lambda: self._remove(gone))
        return len(gone)

    def _rows(self, sql: str, params: list | None = None) -> list:
        # fetchall, not fetchone: DuckDB 2 keeps a half-read result open on the connection.
        return self.con.execute(sql, params or []).fetchall()

    def _run(self, sql: str, params: list | None = None) -> None:
        self.con.execute(sql, params or [])

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
            "hash": np.array([d.digest for _, d in docs], dtype=object),
        }
        self.con.register("new_docs", meta)
        self.con.execute("INSERT INTO docs (id, path, key, size, mtime, date, date_source, words, n, hash) "
                         "SELECT id, path, key, size, mtime, date::DATE, date_source, words, n, hash FROM new_docs")
        self.con.unregister("new_docs")
        rows = {"h": np.concatenate([d.hashes for _, d in docs]),
                "doc": np.concatenate([np.full(len(d.hashes), i, dtype=np.int32) for i, d in docs])}
        if len(rows["h"]):
            self.con.register("new_rows", rows)
            self.con.execute("INSERT INTO shingles SELECT h, doc FROM new_rows")
            self.con.unregister("new_rows")

    def _scalar(self, sql: str, params: list | None = None) -> int:
        return int(self._rows(sql, params)[0][0])

    def count(self) -> int:
        return self._scalar("SELECT count(*) FROM docs")

    # -- queries ----------------------------------------------------------------------------

    def documents(self) -> dict[int, tuple[str, dt.date | None, str | None, int]]:
        """id -> (path, date, date source, distinct 3-grams).

        The path is as given to `index`, unless another document was given under the same
        name (`story.txt` indexed from two folders): those show their resolved paths, so
        every document has a path of its own in families and reports.
        """
        rows = self._rows("SELECT id, path, key, date, date_source, n FROM docs ORDER BY id")
        count: dict[str, int] = {}
        for _, p, *_rest in rows:
            count[p] = count.get(p, 0) + 1
        return {i: (p if count[p] == 1 else k, d, s, n) for i, p, k, d, s, n in rows}

    def keys(self) -> dict[str, str]:
        """Path (as `documents` shows it) -> resolved path (what a worker in another folder can open)."""
        shown = {i: p for i, (p, *_rest) in self.documents().items()}
        return {shown[i]: k for i, k in self._rows("SELECT id, key FROM docs")}

    def members(self) -> dict[str, Member]:
        """Path (as `documents` shows it) -> where it is and what it held (`verify` checks it before a read)."""
        shown = {i: p for i, (p, *_rest) in self.documents().items()}
        cols = "hash" if self._has_column("docs", "hash") else "NULL"
        return {shown[i]: Member(k, int(s or 0), h) for i, k, s, h in
                self._rows(f"SELECT id, key, size, {cols} FROM docs")}

    def _has_column(self, table: str, column: str) -> bool:
        return bool(self._rows("SELECT 1 FROM information_schema.columns WHERE table_catalog = current_database() "
                               "AND table_schema = 'main' AND table_name = ? AND column_name = ?", [table, column]))

    def links(self, params: LinkParams = LinkParams(), runner: LocalRunner | DaskRunner | None = None,
              stream: TextIO | None = None) -> list[DocLink]:
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
        The file itself, if archived, is left out (by its resolved path, and by device and
        inode for a hard link).
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
                SELECT d.id, d.date, count(*)::INTEGER AS shared, count(*) / d.n AS reused, d.key
                FROM hits JOIN rare USING (h) JOIN docs d ON d.id = hits.doc
                GROUP BY d.id, d.path, d.date, d.n, d.key
                HAVING count(*) >= $min_shared
                ORDER BY reused DESC, d.id
            """, {"df": max_hits, "min_shared": params.min_shared}).fetchall()
        finally:
            self.con.unregister("probe")
        shown = {i: doc[0] for i, doc in self.documents().items()} if rows else {}
        out = []
        for i, when, shared, reused, key in rows:
            if key == d.key or _same_file(key, d.key):
                continue
            contained = shared / len(d.hashes)
            best = max(reused, contained)
            if best < params.min_containment or shared * best < params.min_evidence:
                continue
            out.append({"path": shown[i], "date": when.isoformat() if when else None, "shared": shared,
                        "reused": round(reused, 4), "contained": round(contained, 4)})
        return out


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
