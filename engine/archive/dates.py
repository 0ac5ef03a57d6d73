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
import os
import re
from pathlib import Path

from ..errors import StorydiffError
from ..io.read_html import date_from_markup  # noqa: F401  (one finder for the reader and the archive)

TEXT, MANIFEST, MTIME = "text", "manifest", "mtime"
KNOWN = (TEXT, MANIFEST)

def date_from_mtime(mtime: float) -> dt.date:
    return dt.datetime.fromtimestamp(mtime, dt.UTC).date()


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


def read_manifest(path: str | os.PathLike[str]) -> dict[str, dt.date]:
    """`path,date` rows (a header row is allowed) -> {absolute path: date}.

    A date that does not parse is a one-line error naming the row.
    """
    base = Path(path).resolve().parent
    out: dict[str, dt.date] = {}
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for k, row in enumerate(csv.reader(fh), 1):
                if not row or not row[0].strip() or row[0].startswith("#"):
                    continue
                if len(row) < 2:
                    raise StorydiffError(f"{path}:{k}: expected path,date")
                when = parse_date(row[1])
                if when is None:
                    if k == 1:  # a header row
                        continue
                    raise StorydiffError(f"{path}:{k}: {row[1]!r} is not a YYYY-MM-DD date")
                # Relative to the current folder (paths as given to `index`) and to the
                # manifest's own folder, so a manifest can also travel with its archive.
                name = row[0].strip()
                out[os.path.abspath(name)] = when
                out.setdefault(os.path.normpath(base / name), when)
    except FileNotFoundError:
        raise StorydiffError(f"{path}: no such manifest") from None
    except UnicodeDecodeError:
        raise StorydiffError(f"{path}: the manifest is not UTF-8 text") from None
    return out
