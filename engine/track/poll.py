"""One pass over the tracked URLs, and the import of a URL's history from a web archive.

`poll` fetches every tracked URL once. Sites take turns (round robin), and each site gets
at most one request per `delay` seconds (or its robots.txt `Crawl-delay`, if longer), so
one slow site never holds up the others. Before the first page of a site its robots.txt
is read (`engine.web.robots`). A URL is fetched with the validators of its last answer
(ETag / Last-Modified): a 304 costs nothing more. A new version is stored only when the
article's fingerprint differs from the latest stored one (`engine.track.fingerprint`).
A failing URL is recorded (`track_events`) and the poll goes on with the next.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..web.client import Fetched, Fetcher, FetchError
from ..web.page import suffix_for, text_of_page
from ..web.robots import Robots
from .fingerprint import fingerprint, title_of
from .store import TrackStore

Report = Callable[[str], None]


@dataclass
class PollSummary:
    checked: int = 0
    new: int = 0
    unchanged: int = 0
    not_modified: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)  # one line each

    def line(self) -> str:
        return (f"polled {self.checked} URL{'' if self.checked == 1 else 's'}: {self.new} new version"
                f"{'' if self.new == 1 else 's'}, {self.unchanged + self.not_modified} unchanged "
                f"({self.not_modified} not modified), {self.skipped} skipped, {len(self.failed)} failed")


def store_fetched(store: TrackStore, url: str, got: Fetched, origin: str,
                  latest: dict[str, str] | None = None) -> bool:
    """Read a fetched page and store it as a version of `url` when its article text is new
    (differs from the versions just before and after it in time; a poll passes `latest`, the
    newest fingerprint of each URL, since its page is newer than all). Raises FetchError for
    a page that cannot be read."""
    text, encoding, fmt, published = text_of_page(got)
    fp = fingerprint(text)
    if latest is not None:
        if latest.get(url) == fp:
            return False
        latest[url] = fp
    elif fp in store.neighbours(url, got.fetched):
        return False
    return store.add_version(url, got.fetched, origin, got.final_url, title_of(text), text, fp, got.body,
                             got.content_type or suffix_for(got), encoding, fmt, published)


def _site(url: str) -> str:
    return urlsplit(url).netloc.lower()


def poll(store: TrackStore, fetcher: Fetcher, delay: float = 1.0, report: Report | None = None,
         sleep: Callable[[float], None] = time.sleep) -> PollSummary:
    """Fetch every tracked URL once; see the module docstring."""
    say = report or (lambda line: None)
    summary = PollSummary()
    robots = Robots(fetcher)
    latest = store.latest()
    queues: dict[str, deque] = {}
    for t in store.tracked():
        queues.setdefault(_site(t.url), deque()).append(t)
    ready_at: dict[str, float] = dict.fromkeys(queues, 0.0)
    while queues:
        now = time.monotonic()
        site = min(queues, key=lambda s: ready_at[s])
        if ready_at[site] > now:
            sleep(ready_at[site] - now)
        t = queues[site].popleft()
        if not queues[site]:
            del queues[site]
        summary.checked += 1
        fetched_robots = (f"{urlsplit(t.url).scheme}://{site}") not in robots.sites
        try:
            allowed, why = robots.allowed(t.url)
        except FetchError as e:  # the site cannot be reached: its URL fails with that problem
            summary.failed.append(str(e))
            store.record_check(t.url, "failed", e.problem)
            say(f"{t.url}: failed: {e.problem}")
            continue
        wait = max(delay, robots.crawl_delay(t.url))
        if not allowed:
            summary.skipped += 1
            store.record_check(t.url, "skipped", why)
            say(f"{t.url}: skipped: {why}")
            ready_at[site] = time.monotonic() + (wait if fetched_robots else 0.0)
            continue
        if fetched_robots:  # robots.txt was just fetched from this site: wait before its page
            sleep(wait)
        _poll_one(store, fetcher, t, summary, say, latest)
        ready_at[site] = time.monotonic() + wait
    store.flush()
    return summary


def _poll_one(store: TrackStore, fetcher: Fetcher, t, summary: PollSummary, say: Report,
              latest: dict[str, str]) -> None:
    try:
        got = fetcher.get(t.url, etag=t.etag, last_modified=t.last_modified)
        etag, modified = got.headers.get("etag"), got.headers.get("last-modified")
        if got.status == 304:
            summary.not_modified += 1
            store.record_check(t.url, "not modified", None, etag or t.etag, modified or t.last_modified)
            return
        if store_fetched(store, t.url, got, "poll", latest):
            summary.new += 1
            store.record_check(t.url, "new version", None, etag, modified)
            say(f"{t.url}: new version")
        else:
            summary.unchanged += 1
            store.record_check(t.url, "unchanged", None, etag, modified)
    except FetchError as e:
        summary.failed.append(str(e))
        store.record_check(t.url, "failed", e.problem)
        say(f"{t.url}: failed: {e.problem}")


def import_wayback(store: TrackStore, fetcher: Fetcher, url: str, base: str, since: str | None = None,
                   until: str | None = None, limit: int | None = None, delay: float = 1.0,
                   report: Report | None = None, sleep: Callable[[float], None] = time.sleep) -> tuple[int, int, list[str]]:
    """Store the distinct archived captures of `url` as its versions: (stored, same text, failures)."""
    from ..web.wayback import fetch_snapshot, snapshots

    say = report or (lambda line: None)
    store.add(url)
    snaps = snapshots(url, fetcher, base, since, until, limit)
    stored = same = 0
    failures: list[str] = []
    for k, snap in enumerate(snaps):
        if k:
            sleep(delay)
        try:
            got = fetch_snapshot(snap, fetcher, base)
            if store_fetched(store, url, got, "wayback"):
                stored += 1
                say(f"{url}: stored the capture of {snap.when:%Y-%m-%d %H:%M}Z")
            else:
                same += 1
        except FetchError as e:
            failures.append(f"{url} (capture {snap.timestamp}): {e.problem}")
            say(failures[-1])
    return stored, same, failures
