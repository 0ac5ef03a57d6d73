"""The network side of Storydiff: fetching pages safely, robots.txt, feeds and the Wayback Machine.

- `client`: the one HTTP client (timeouts, redirects, size and decompression caps, one-line errors);
- `page`: a fetched page read as a version (the same readers as files), named by site and fetch time;
- `robots`: robots.txt per host, cached for a poll;
- `feeds`: the article links of an RSS or Atom feed (feedparser);
- `wayback`: snapshots of a URL listed by a CDX service and fetched as they were.

Nothing here is imported by `import engine`: the network is loaded only when asked for.
"""

# Light: the command line and the window ask these before deciding to load the network code.
WAYBACK = "https://web.archive.org"  # the public Wayback Machine, the default archive of `track wayback`


def is_url(s: str) -> bool:
    """Whether a command-line argument or a pasted line means a web address (http or https)."""
    s = s.strip()
    return s.lower().startswith(("http://", "https://")) and len(s) > 8 and not any(c.isspace() for c in s)
