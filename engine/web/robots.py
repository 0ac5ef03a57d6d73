"""robots.txt, fetched once per site for a poll and asked before every page of that site.

A missing robots.txt (any 4xx) allows everything, as the robots exclusion protocol
(RFC 9309) says; a server error (5xx) disallows the site for this poll, so a struggling
server is not crawled on; a site that cannot be reached at all (DNS, refused, timeout,
TLS) fails its URLs with that problem. A
`Crawl-delay` longer than the poll's delay is honoured.
"""

from __future__ import annotations

from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from .client import USER_AGENT, Fetcher, FetchError

_AGENT = "Storydiff"


class Robots:
    """robots.txt answers for the sites of one poll."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self.sites: dict[str, tuple[RobotFileParser | None, str | None]] = {}
        self.unreachable: dict[str, FetchError] = {}

    def _site(self, url: str) -> tuple[RobotFileParser | None, str | None]:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        if key not in self.sites:
            self.sites[key] = self._load(key)
        return self.sites[key]

    def _load(self, site: str) -> tuple[RobotFileParser | None, str | None]:
        parser = RobotFileParser()
        try:
            got = self.fetcher.get(site + "/robots.txt", accept="text/plain,*/*;q=0.5")
        except FetchError as e:
            if e.status is not None and 400 <= e.status < 500:
                parser.parse([])  # no rules: everything allowed
                return parser, None
            if e.status is None:
                self.unreachable[site] = e
            return None, f"robots.txt could not be read ({e.problem}); the site is skipped this time"
        parser.parse(got.body.decode("utf-8", "replace").splitlines())
        return parser, None

    def allowed(self, url: str) -> tuple[bool, str | None]:
        """(may fetch, why not); FetchError when the site cannot be reached at all."""
        parser, problem = self._site(url)
        parts = urlsplit(url)
        down = self.unreachable.get(f"{parts.scheme}://{parts.netloc}".lower())
        if down is not None:
            raise FetchError(url, down.problem)
        if parser is None:
            return False, problem
        if parser.can_fetch(_AGENT, url) and parser.can_fetch(USER_AGENT, url):
            return True, None
        return False, "robots.txt disallows it for Storydiff"

    def crawl_delay(self, url: str) -> float:
        parser, _ = self._site(url)
        if parser is None:
            return 0.0
        delay = parser.crawl_delay(_AGENT)
        try:
            return float(delay) if delay is not None else 0.0
        except (TypeError, ValueError):
            return 0.0
