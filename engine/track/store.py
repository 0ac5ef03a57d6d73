"""The tracking tables, kept in the archive's DuckDB file beside the archive's own.

    track_urls      one row per tracked URL: when and from which feed it was added, the
                    validators of its last response (ETag, Last-Modified), its last check
    track_versions  one row per stored version: fetch time, where it came from (poll or
                    wayback), final URL, headline, article text, fingerprint, and the raw
                    page (zlib-compressed), so every version can be read again as fetched
    track_events    one row per failed fetch (when, the one-line problem)

The file is opened through `engine.archive.store.Archive`, which refuses a file that is
not a Storydiff archive before anything is written; these tables carry their own format
row (`meta.track_schema`). Every version is written in its own transaction, so a poll
killed mid-way keeps everything stored before. Two polls of one file are kept apart by
a lock file beside it (`FILE.track-lock`); DuckDB's own lock backs it up.
"""

from __future__ import annotations

import datetime as dt
import os
import zlib
from dataclasses import dataclass
from typing import TextIO

from ..errors import StorydiffError

TRACK_SCHEMA = "storydiff-track/1"

_DDL = """
CREATE TABLE IF NOT EXISTS track_urls(
    url VARCHAR PRIMARY KEY, added TIMESTAMP NOT NULL, feed VARCHAR,
    etag VARCHAR, last_modified VARCHAR, checked TIMESTAMP, outcome VARCHAR, problem VARCHAR);
CREATE TABLE IF NOT EXISTS track_versions(
    url VARCHAR NOT NULL, fetched TIMESTAMP NOT NULL, origin VARCHAR NOT NULL, final_url VARCHAR,
    title VARCHAR, text VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, page BLOB, content_type VARCHAR,
    encoding VARCHAR, fmt VARCHAR, published VARCHAR, PRIMARY KEY (url, fetched));
CREATE TABLE IF NOT EXISTS track_events(url VARCHAR NOT NULL, happened TIMESTAMP NOT NULL, problem VARCHAR NOT NULL);
"""


@dataclass(frozen=True)
class Tracked:
    url: str
    etag: str | None
    last_modified: str | None
    versions: int = 0
    checked: dt.datetime | None = None
    outcome: str | None = None
    problem: str | None = None


@dataclass(frozen=True)
class StoredVersion:
    url: str
    fetched: dt.datetime
    origin: str  # "poll" or "wayback"
    final_url: str
    title: str
    text: str
    fingerprint: str
    content_type: str | None
    encoding: str | None
    fmt: str | None
    published: str | None

    def page(self, store: TrackStore) -> bytes:
        """The raw page as fetched."""
        return store.page(self.url, self.fetched)


class TrackStore:
    """Tracking in one archive file (a context manager)."""

    def __init__(self, archive, read_only: bool) -> None:
        self.archive, self.con, self.read_only = archive, archive.con, read_only
        self._pending: list[tuple] = []  # check outcomes not yet written (see record_check)

    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False) -> TrackStore:
        from ..archive.store import Archive

        archive = Archive.open(path, create=not read_only, read_only=read_only)
        try:
            tables = {r[0] for r in archive.con.execute(
                "SELECT table_name FROM information_schema.tables").fetchall()}
            rows = archive.con.execute("SELECT value FROM meta WHERE key = 'track_schema'").fetchall()
            if rows and rows[0][0] != TRACK_SCHEMA:
                raise StorydiffError(f"{path}: tracking format {rows[0][0]!r}, this Storydiff reads {TRACK_SCHEMA!r}")
            if read_only:
                if "track_urls" not in tables:
                    raise StorydiffError(f"{path}: no URL is tracked in this archive (storydiff-cli track add URL "
                                         f"--db {path})")
            else:
                archive.con.execute(_DDL)
                if not rows:
                    archive.con.execute("INSERT INTO meta VALUES ('track_schema', ?)", [TRACK_SCHEMA])
        except BaseException:
            archive.close()
            raise
        return cls(archive, read_only)

    def close(self) -> None:
        try:
            if not self.read_only:
                self.flush()
        finally:
            self.archive.close()

    def __enter__(self) -> TrackStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- URLs ------------------------------------------------------------------------------

    def add(self, url: str, feed: str | None = None) -> bool:
        """Track `url`; False when it already was."""
        if self.con.execute("SELECT 1 FROM track_urls WHERE url = ?", [url]).fetchall():
            return False
        self.con.execute("INSERT INTO track_urls(url, added, feed) VALUES (?, ?, ?)", [url, _now(), feed])
        return True

    def tracked(self) -> list[Tracked]:
        """Every tracked URL, in the order they were added, with its version count and last check."""
        rows = self.con.execute("""
            SELECT u.url, u.etag, u.last_modified, count(v.url), u.checked, u.outcome, u.problem
            FROM track_urls u LEFT JOIN track_versions v ON v.url = u.url
            GROUP BY u.url, u.etag, u.last_modified, u.checked, u.outcome, u.problem, u.added
            ORDER BY u.added, u.url""").fetchall()
        return [Tracked(r[0], r[1], r[2], r[3], aware(r[4]) if r[4] else None, r[5], r[6]) for r in rows]

    def is_tracked(self, url: str) -> bool:
        return bool(self.con.execute("SELECT 1 FROM track_urls WHERE url = ?", [url]).fetchall())

    def record_check(self, url: str, outcome: str, problem: str | None = None, etag: str | None = None,
                     last_modified: str | None = None) -> None:
        """The outcome of one fetch (new version, unchanged, not modified, skipped, failed); a failure is
        also an event. Outcomes are written in batches (`flush`): a commit per URL would cost more than
        the fetch. Versions never wait: `add_version` commits at once."""
        self._pending.append((url, _now(), outcome, problem, etag, last_modified))
        if len(self._pending) >= 100:
            self.flush()

    def flush(self) -> None:
        """Write the outcomes recorded since the last flush, in one transaction."""
        if not self._pending:
            return
        rows, self._pending = self._pending, []
        self.con.execute("BEGIN")
        try:
            self.con.executemany("UPDATE track_urls SET checked = ?, outcome = ?, problem = ?, "
                                 "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?",
                                 [[now, outcome, problem, etag, modified, url]
                                  for url, now, outcome, problem, etag, modified in rows])
            failed = [[url, now, problem or ""] for url, now, outcome, problem, _, _ in rows if outcome == "failed"]
            if failed:
                self.con.executemany("INSERT INTO track_events VALUES (?, ?, ?)", failed)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def latest(self) -> dict[str, str]:
        """url -> fingerprint of its latest stored version."""
        return dict(self.con.execute("SELECT url, arg_max(fingerprint, fetched) FROM track_versions GROUP BY url")
                    .fetchall())

    def failures(self, url: str) -> list[tuple[dt.datetime, str]]:
        return [(a, p) for a, p in self.con.execute(
            "SELECT happened, problem FROM track_events WHERE url = ? ORDER BY happened", [url]).fetchall()]

    # -- versions --------------------------------------------------------------------------

    def add_version(self, url: str, fetched: dt.datetime, origin: str, final_url: str, title: str, text: str,
                    fingerprint: str, page: bytes, content_type: str | None, encoding: str | None,
                    fmt: str | None, published: str | None) -> bool:
        """Store one version in its own transaction; False when one is already stored at that time."""
        fetched = naive_utc(fetched)
        if self.con.execute("SELECT 1 FROM track_versions WHERE url = ? AND fetched = ?", [url, fetched]).fetchall():
            return False
        self.con.execute("INSERT INTO track_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [url, fetched, origin, final_url, title, text, fingerprint, zlib.compress(page, 6),
                          content_type, encoding, fmt, published])
        return True

    def versions(self, url: str) -> list[StoredVersion]:
        """The stored versions of `url`, oldest first."""
        rows = self.con.execute("""SELECT url, fetched, origin, final_url, title, text, fingerprint, content_type,
                                          encoding, fmt, published
                                   FROM track_versions WHERE url = ? ORDER BY fetched""", [url]).fetchall()
        return [StoredVersion(r[0], aware(r[1]), *r[2:]) for r in rows]

    def neighbours(self, url: str, when: dt.datetime) -> tuple[str | None, str | None]:
        """Fingerprints of the versions just before and just after `when` (None where there is none)."""
        when = naive_utc(when)
        before = self.con.execute("SELECT fingerprint FROM track_versions WHERE url = ? AND fetched < ? "
                                  "ORDER BY fetched DESC LIMIT 1", [url, when]).fetchall()
        after = self.con.execute("SELECT fingerprint FROM track_versions WHERE url = ? AND fetched > ? "
                                 "ORDER BY fetched LIMIT 1", [url, when]).fetchall()
        return (before[0][0] if before else None), (after[0][0] if after else None)

    def page(self, url: str, fetched: dt.datetime) -> bytes:
        fetched = naive_utc(fetched)
        rows = self.con.execute("SELECT page FROM track_versions WHERE url = ? AND fetched = ?",
                                [url, fetched]).fetchall()
        return zlib.decompress(rows[0][0]) if rows and rows[0][0] is not None else b""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


def naive_utc(when: dt.datetime) -> dt.datetime:
    """How times are stored: UTC without a zone (DuckDB's TIMESTAMP)."""
    return when.astimezone(dt.UTC).replace(tzinfo=None) if when.tzinfo else when


def aware(when: dt.datetime) -> dt.datetime:
    """A stored time as UTC with its zone."""
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when


class PollLock:
    """An exclusive lock on `FILE.track-lock` for the length of a poll (POSIX advisory lock)."""

    def __init__(self, db: str) -> None:
        self.path = os.fspath(db) + ".track-lock"
        self.fh: TextIO | None = None

    def __enter__(self) -> PollLock:
        try:
            import fcntl
        except ImportError:  # no advisory locks here: DuckDB's own lock still refuses a second writer
            return self
        fh = open(self.path, "a+")  # noqa: SIM115  (held open for the poll)
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise StorydiffError(f"{self.path[:-len('.track-lock')]}: another poll of this archive is "
                                 "running; try again when it has finished") from None
        self.fh = fh
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fh is not None:
            self.fh.close()  # closing releases the lock; the empty file stays for the next poll
