"""History from a web archive: the snapshots of a URL listed through the CDX API and fetched as archived.

`snapshots(url)` asks `BASE/cdx/search/cdx?url=URL&output=json` (with `from`, `to`,
`limit` when given, successful captures only) and keeps one snapshot per distinct
content digest, oldest first. `fetch_snapshot` fetches `BASE/web/TIMESTAMPid_/URL`,
the page as it was captured, without the archive's banner or rewritten links. BASE
defaults to the public Wayback Machine and can name a mirror.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from . import WAYBACK
from .client import Fetched, Fetcher, FetchError

DEFAULT_BASE = WAYBACK


@dataclass(frozen=True)
class Snapshot:
    timestamp: str  # YYYYMMDDhhmmss, as the CDX service gives it
    original: str
    digest: str

    @property
    def when(self) -> dt.datetime:
        return dt.datetime.strptime(self.timestamp.ljust(14, "0")[:14], "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)


def snapshots(url: str, fetcher: Fetcher, base: str = DEFAULT_BASE, since: str | None = None,
              until: str | None = None, limit: int | None = None) -> list[Snapshot]:
    """The distinct successful captures of `url`, oldest first; FetchError for a bad answer."""
    query = {"url": url, "output": "json", "filter": "statuscode:200", "collapse": "digest"}
    if since:
        query["from"] = since
    if until:
        query["to"] = until
    got = fetcher.get(f"{base.rstrip('/')}/cdx/search/cdx?{urlencode(query)}", accept="application/json")
    try:
        rows = json.loads(got.body.decode("utf-8")) if got.body.strip() else []
    except (UnicodeDecodeError, ValueError):
        raise FetchError(url, "the CDX service did not answer in JSON") from None
    if not isinstance(rows, list) or (rows and not isinstance(rows[0], list)):
        raise FetchError(url, "the CDX service's answer is not a list of captures")
    if not rows:
        return []
    head = rows[0]
    try:
        ts, orig, dig = head.index("timestamp"), head.index("original"), head.index("digest")
    except ValueError:
        raise FetchError(url, "the CDX service's answer lacks timestamp/original/digest columns") from None
    out: list[Snapshot] = []
    seen: set[str] = set()
    for row in rows[1:]:
        if not isinstance(row, list) or len(row) <= max(ts, orig, dig):
            continue
        snap = Snapshot(str(row[ts]), str(row[orig]), str(row[dig]))
        if not snap.timestamp.isdigit() or snap.digest in seen:
            continue
        seen.add(snap.digest)
        out.append(snap)
    out.sort(key=lambda s: s.timestamp)
    return out[:limit] if limit else out


def fetch_snapshot(snap: Snapshot, fetcher: Fetcher, base: str = DEFAULT_BASE) -> Fetched:
    """The page as captured (the `id_` form: no banner, links not rewritten), dated by its capture time."""
    got = fetcher.get(f"{base.rstrip('/')}/web/{snap.timestamp}id_/{snap.original}")
    return Fetched(snap.original, snap.original, got.status, got.body, snap.when, got.headers)
