"""The article links of an RSS or Atom feed (`storydiff-cli track add --feed URL`).

The feed is fetched by the one HTTP client (size cap, timeouts) and parsed from its
bytes by feedparser, which never fetches anything itself here; only http(s) links are
kept, each once, in the feed's order.
"""

from __future__ import annotations

from urllib.parse import urljoin

from .client import Fetcher, FetchError, check_url


def feed_links(url: str, fetcher: Fetcher) -> list[str]:
    """Every item's link in the feed at `url`; FetchError when it is not a feed."""
    import feedparser

    got = fetcher.get(url, accept="application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5")
    parsed = feedparser.parse(got.body, response_headers={"content-location": got.final_url})
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        raise FetchError(url, "is not an RSS or Atom feed")
    links: list[str] = []
    for entry in parsed.entries:
        link = entry.get("link") or next((x.get("href") for x in entry.get("links", []) if x.get("href")), None)
        if not link:
            continue
        try:
            link = check_url(urljoin(got.final_url, link))
        except FetchError:
            continue
        if link not in links:
            links.append(link)
    return links
