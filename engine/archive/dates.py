"""Publication dates of archived documents: from the text, a manifest, or the file.

In order of trust: a date the document states (a wire slug line such as
`13:33 13/08/99: Page 1 (HHH) SHOWBIZ Spice`, read by `engine.text.wire.slug_date`; the
publication time `engine.io.read_newsml` finds in NITF / NewsML-G2; HTML publication
metadata, read here), a `path,date` manifest the user gives, and last the
file's modification time. Only the first two are "known" dates: a copied archive's
modification times say when it was copied, not when it was written, so links are
windowed and lineage is directed only by known dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Mapping
from pathlib import Path

from ..errors import StorydiffError
from ..io.loading import read_bytes
from ..io.read_html import date_from_markup  # noqa: F401  (one finder for the reader and the archive)

TEXT, MANIFEST, MTIME = "text", "manifest", "mtime"
KNOWN = (TEXT, MANIFEST)

def date_from_mtime(mtime: float) -> dt.date | None:
    """The UTC day of a modification time; None for one no calendar holds (before year 1, after 9999)."""
    try:
        return dt.datetime.fromtimestamp(mtime, dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def parse_date(value: str) -> dt.date | None:
    """YYYY-MM-DD (or an ISO timestamp starting so); None when empty."""
    value = value.strip()
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        return None
    try:
        return dt.date(*(int(g) for g in m.groups()))
    except ValueError:
        return None


# A manifest is read whole (through the loading path's byte budget: a named pipe or a
# device never blocks) and kept as one entry per row, so even the largest accepted
# manifest stays a few hundred MB at most.
MANIFEST_BYTES = 32 * 1024 * 1024


class Manifest:
    """`path,date` rows: names as written (relative to the current folder or to the manifest's own)."""

    def __init__(self, rows: dict[str, dt.date], folder: str, cwd: str) -> None:
        self.rows, self.folder, self.cwd = rows, folder, cwd

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, path: str, key: str | None = None) -> dt.date | None:
        """The date of the file given as `path` (resolved: `key`), or None."""
        if not self.rows:
            return None
        for full in dict.fromkeys((os.path.abspath(path), key or os.path.realpath(path))):
            for name in (full, os.path.relpath(full, self.cwd), os.path.relpath(full, self.folder)):
                when = self.rows.get(name)
                if when is not None:
                    return when
        return None


def manifest_date(manifest: Manifest | Mapping[str, dt.date] | None, path: str, key: str) -> dt.date | None:
    """A file's manifest date: from a `Manifest`, or a mapping of absolute (or resolved) paths."""
    if manifest is None:
        return None
    if isinstance(manifest, Manifest):
        return manifest.get(path, key)
    return manifest.get(os.path.abspath(path)) or manifest.get(key)


def _looks_like_header(row: list[str], folders: tuple[str, ...]) -> bool:
    """A first row is a header when its date field holds no digit and its path names no file:
    `path,date` is; `story.txt,14 March` is a bad row, reported as one."""
    name = row[0].strip()
    return not any(c.isdigit() for c in row[1]) and not any(os.path.exists(os.path.join(f, name)) for f in folders)


def read_manifest(path: str | os.PathLike[str]) -> Manifest:
    """`path,date` rows (a header row is allowed). Every problem is a one-line error naming the row."""
    where = os.fspath(path)
    data = read_bytes(where, MANIFEST_BYTES, what="manifest")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StorydiffError(f"{where}: the manifest is not UTF-8 text") from None
    folder = str(Path(where).resolve().parent)
    cwd = os.getcwd()
    rows: dict[str, dt.date] = {}
    days: dict[str, dt.date | None] = {}  # each date as written, parsed once: rows share a few days
    reader = csv.reader(io.StringIO(text, newline=""))
    k = 0
    first = True  # only the first row that is not a comment may be a header
    try:
        for k, row in enumerate(reader, 1):
            if not row or not row[0].strip() or row[0].startswith("#"):
                continue
            if len(row) < 2:
                raise StorydiffError(f"{where}:{k}: expected path,date")
            raw = row[1][:64]
            when = days.get(raw)
            if when is None and raw not in days:
                when = days[raw] = parse_date(raw)
            was_first, first = first, False
            if when is None:
                if was_first and _looks_like_header(row, (cwd, folder)):
                    continue
                raise StorydiffError(f"{where}:{k}: {row[1][:40]!r} is not a YYYY-MM-DD date")
            name = os.path.normpath(row[0].strip())
            rows.setdefault(name, when)
    except csv.Error as e:
        raise StorydiffError(f"{where}:{k + 1}: not a CSV row ({e})") from None
    return Manifest(rows, folder, cwd)
