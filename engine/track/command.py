"""`storydiff-cli track`: follow article URLs over time in an archive file.

    storydiff-cli track add URL... --db X            track URLs
    storydiff-cli track add --feed FEED_URL --db X   track every item of an RSS/Atom feed
    storydiff-cli track poll --db X [--delay S]      fetch each URL once, store what changed
    storydiff-cli track history URL --db X [--format text|json]
    storydiff-cli track compare URL --db X [--format ...] [-o F]
    storydiff-cli track wayback URL... --db X [--from D] [--to D] [--limit N] [--delay S] [--wayback-url BASE]
    storydiff-cli track list --db X                  tracked URLs, versions, last check

Exit status 0 on success; `poll` and `wayback` exit 1 when some URL failed (each failure is
one line on stderr and recorded), 2 on bad input or usage (one line), as every command.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from urllib.parse import urldefrag

from ..errors import StorydiffError
from ..web import WAYBACK as DEFAULT_BASE

COMMANDS = ("add", "poll", "history", "compare", "wayback", "list")


def add_parser(sub) -> None:
    t = sub.add_parser("track", help="track article URLs over time in an archive file (see docs/tracking.md)")
    tsub = t.add_subparsers(dest="track_command", required=True, parser_class=type(t))
    a = tsub.add_parser("add", help="track URLs, or every item of a feed")
    a.add_argument("urls", nargs="*", metavar="URL")
    a.add_argument("--feed", metavar="FEED_URL", help="an RSS or Atom feed: track each item's link")
    p = tsub.add_parser("poll", help="fetch every tracked URL once and store the versions whose text changed")
    p.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                   help="at most one request per site every SECONDS (default 1)")
    h = tsub.add_parser("history", help="the stored versions of a URL and what changed at each step")
    h.add_argument("url", metavar="URL")
    h.add_argument("--format", choices=("text", "json"), default="text")
    c = tsub.add_parser("compare", help="every stored version of a URL as one comparison, oldest first")
    c.add_argument("url", metavar="URL")
    c.add_argument("--format", default="text", help="text (default), json, html, md or pdf")
    c.add_argument("-o", "--output", metavar="OUT")
    c.add_argument("--coarse", action="store_true", help="compare coarsely when there are too many versions")
    w = tsub.add_parser("wayback", help="import a URL's history from a web archive's CDX service")
    w.add_argument("urls", nargs="+", metavar="URL")
    w.add_argument("--from", dest="since", metavar="YYYYMMDD")
    w.add_argument("--to", dest="until", metavar="YYYYMMDD")
    w.add_argument("--limit", type=int, metavar="N", help="at most N distinct captures per URL")
    w.add_argument("--delay", type=float, default=1.0, metavar="SECONDS")
    w.add_argument("--wayback-url", default=DEFAULT_BASE, metavar="BASE", help=f"the archive (default {DEFAULT_BASE})")
    tsub.add_parser("list", help="the tracked URLs, their versions and last check")
    for parser in (a, p, h, c, w, tsub.choices["list"]):
        parser.add_argument("--db", required=True, metavar="ARCHIVE", help="the archive file (DuckDB)")


def _err(line: str) -> None:
    from ..reports.text_report import visible

    print(f"storydiff-cli: error: {visible(line)}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from ..web.client import Fetcher, FetchError, check_url
    from .store import PollLock, TrackStore

    cmd = args.track_command
    if cmd == "add":
        if not args.urls and not args.feed:
            raise StorydiffError("track add needs URLs or --feed FEED_URL")
        urls = [urldefrag(check_url(u)).url for u in args.urls]  # a #fragment names a place, not a page
        if args.feed:
            from ..web.feeds import feed_links

            with Fetcher() as f:
                urls += feed_links(check_url(args.feed), f)
        with TrackStore.open(args.db) as store:
            new = sum(store.add(u, args.feed if u not in args.urls else None) for u in urls)
        print(f"tracking {new} new URL{'' if new == 1 else 's'} ({len(urls) - new} already tracked) in {args.db}")
        return 0
    if cmd == "poll":
        if not os.path.exists(args.db):
            raise StorydiffError(f"{args.db}: no such archive (start with storydiff-cli track add URL --db {args.db})")
        if args.delay < 0:
            raise StorydiffError("--delay must be 0 or more seconds")
        from .poll import poll

        with PollLock(args.db), TrackStore.open(args.db) as store, Fetcher() as f:
            summary = poll(store, f, args.delay)
        for line in summary.failed:
            _err(line)
        print(summary.line())
        return 1 if summary.failed else 0
    if cmd == "wayback":
        from .poll import import_wayback

        failed = False
        with PollLock(args.db), TrackStore.open(args.db) as store, Fetcher() as f:
            for url in args.urls:
                try:
                    stored, same, failures = import_wayback(store, f, check_url(url), args.wayback_url, args.since,
                                                            args.until, args.limit, max(0.0, args.delay))
                except FetchError as e:
                    _err(str(e))
                    failed = True
                    continue
                for line in failures:
                    _err(line)
                failed |= bool(failures)
                print(f"{url}: {stored} version{'' if stored == 1 else 's'} stored from the archive, {same} with "
                      f"text already stored, {len(failures)} failed")
        return 1 if failed else 0
    with TrackStore.open(args.db, read_only=True) as store:
        if cmd == "list":
            for t in store.tracked():
                last = f"{t.checked:%Y-%m-%d %H:%M}Z {t.outcome}" if t.checked else "never polled"
                print(f"{t.url}\t{t.versions} versions\t{last}{': ' + t.problem if t.problem else ''}")
            return 0
        url = args.url.strip()
        if not store.is_tracked(url):
            raise StorydiffError(f"{url}: not tracked in {args.db} (storydiff-cli track add {url} --db {args.db})")
        versions = store.versions(url)
        if cmd == "history":
            from .history import history_dict, history_text

            doc = history_dict(url, versions, store.failures(url))
            sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n" if args.format == "json"
                             else history_text(doc))
            return 0
        return _compare(args, url, versions)


def _compare(args: argparse.Namespace, url: str, versions: list) -> int:
    from ..compare import compare
    from ..io.guards import DEFAULT_LIMITS, TooLarge
    from ..io.safe_write import write_atomic
    from ..reports import WRITERS, render
    from .history import version_sources

    if args.format not in WRITERS:
        raise StorydiffError(f"unknown --format {args.format!r} (choose from {', '.join(sorted(WRITERS))})")
    if len(versions) < 2:
        raise StorydiffError(f"{url}: {len(versions)} version{'' if len(versions) == 1 else 's'} stored; "
                             "a comparison needs two (poll again later, or import its history with track wayback)")
    try:
        result = compare(version_sources(versions), base=0, on_large="coarsen" if args.coarse else "raise",
                         limits=DEFAULT_LIMITS)
    except TooLarge as e:
        raise StorydiffError(f"{e} (rerun with --coarse to continue)") from None
    report = render(result, args.format)
    if args.output:
        write_atomic(args.output, report)
    elif isinstance(report, bytes):
        sys.stdout.buffer.write(report)
    else:
        sys.stdout.write(report)
    return 0
