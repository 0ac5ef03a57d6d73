"""`storydiff-cli`: compare versions of an article from a terminal or a script.

    storydiff-cli compare FILE FILE [FILE...] [--base FILE] [--format text|json|...] [-o OUT]
    storydiff-cli archive index|families|find ...   (see engine.archive.command)
    storydiff-cli track add|poll|history|compare|wayback ...   (see engine.track.command)

A FILE may be an http(s) URL: the page is fetched (engine.web) and its article compared.

Exit status 0 on success; 2 on bad input or usage, with one line on stderr that
names the file and the problem (never a traceback); 130 when interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from . import __version__
from .archive import command as archive_command
from .compare import compare, load_versions
from .errors import InputError, StorydiffError
from .io.guards import DEFAULT_LIMITS, TooLarge
from .io.safe_write import OutputGuard, write_atomic
from .model import Options
from .plan import plan
from .reports import WRITERS, render
from .reports.text_report import explain, visible
from .track import command as track_command
from .web import is_url


class _OneLineParser(argparse.ArgumentParser):
    """Usage errors in one line (argparse prints the whole usage text otherwise)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _OneLineParser(prog="storydiff-cli", description="Compare versions of a news article.")
    p.add_argument("--version", action="version", version=f"storydiff {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_OneLineParser)
    c = sub.add_parser("compare", help="align the paragraphs of two or more versions",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=explain())
    c.add_argument("files", nargs="*", metavar="FILE", help="versions to compare (two or more files or "
                   "http(s) URLs), or one saved .storydiff session")
    c.add_argument("--explain", action="store_true",
                   help="print what the report's words and figures mean (after the report; alone without FILEs)")
    c.add_argument("--base", metavar="FILE", help="the version the others are compared against "
                   "(one of the FILEs, or its position from 0; default: the first)")
    c.add_argument("--format", default="text", help="text (default), json, or another report format")
    c.add_argument("-o", "--output", metavar="OUT", help="write the report here instead of stdout")
    c.add_argument("--strict-case", action="store_true",
                   help="upper and lower case differ (by default a change of case alone is no change)")
    c.add_argument("--ignore-case", action="store_true", help=argparse.SUPPRESS)  # kept for old scripts: now the default
    c.add_argument("--ignore-punctuation", action="store_true", help="ignore punctuation")
    c.add_argument("--strict-quotes", action="store_true",
                   help="the style of quote marks counts: curly and straight, single and double differ")
    c.add_argument("--sensitivity", type=float, default=0.5,
                   help="0..1: how loose a paraphrase may be and still be linked (default 0.5)")
    c.add_argument("--granularity", choices=("word", "char"), default="word", help="inline diff unit")
    c.add_argument("--sentences", action="store_true", help="align sentences instead of paragraphs")
    c.add_argument("--coarse", action="store_true",
                   help="when the inputs are too large for the granularity asked, continue at a coarser "
                        "one (paragraphs, word diffs, merged sections) instead of stopping")
    archive_command.add_parser(sub)
    track_command.add_parser(sub)
    return p


def _base_index(base: str | None, files: list[str]) -> int:
    if base is None:
        return 0
    for k, f in enumerate(files):
        if base == f or os.path.abspath(base) == os.path.abspath(f):
            return k
    if base.isdigit() and int(base) < len(files):
        return int(base)
    matches = [k for k, f in enumerate(files) if Path(f).name == Path(base).name]
    if len(matches) == 1:
        return matches[0]
    raise StorydiffError(f"{base}: --base must be one of the files being compared")


def _session(files: list[str]):
    """The saved session when the one FILE is a .storydiff, else None."""
    from .io.formats import is_session_path
    from .io.session import load_session

    sessions = [f for f in files if is_session_path(f)]
    if not sessions:
        return None
    if len(files) > 1:
        raise StorydiffError(f"{sessions[0]}: a saved session is compared on its own "
                             f"(storydiff-cli compare {sessions[0]})")
    return load_session(files[0])


def _fetch_urls(sources: list, errors: list[InputError]) -> list:
    """URLs fetched and read as versions (engine.web.page); a failure joins the files' errors."""
    if not any(isinstance(s, str) for s in sources):
        return sources
    from .web.client import Fetcher
    from .web.page import fetch_source

    out = []
    with Fetcher() as fetcher:
        for s in sources:
            if not isinstance(s, str):
                out.append(s)
                continue
            try:
                out.append(fetch_source(s, fetcher=fetcher))
            except StorydiffError as e:
                errors.append(InputError(s, getattr(e, "problem", str(e))))
    return out


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "archive":
            return archive_command.run(args)
        if args.command == "track":
            return track_command.run(args)
        if args.explain and not args.files:
            sys.stdout.write(explain())
            return 0
        if args.explain and args.format != "text":
            raise StorydiffError("--explain goes with the text report (--format text)")
        if args.format not in WRITERS:
            raise StorydiffError(f"unknown --format {args.format!r} (choose from {', '.join(sorted(WRITERS))})")
        session = _session(args.files)
        if session is None and len(args.files) < 2:
            raise StorydiffError("compare needs at least two files")
        base = _base_index(args.base, args.files) if session is None else session.base
        # The versions (and a session) are never written over, by any spelling or link of their path.
        guard = OutputGuard().protect(args.files, "a version being compared")
        if args.output:
            guard.check(args.output)  # before a file is read: a refused run costs nothing
        options = Options(ignore_case=not args.strict_case, ignore_punctuation=args.ignore_punctuation,
                          ignore_quotes=not args.strict_quotes, sensitivity=args.sensitivity,
                          granularity=args.granularity,
                          unit="sentence" if args.sentences else "paragraph")
        on_large = "coarsen" if args.coarse else "raise"
        if session is not None:  # the session's own versions, base and options
            sources, names, options = session.sources, session.names, session.options
        else:
            # Path objects: a command-line argument is always a file, never text to compare;
            # a URL is fetched first (its failure is one line like a file's).
            sources, names = [f if is_url(f) else Path(f) for f in args.files], None
        # Too many versions: decided before a file is read (2,000 files would take minutes).
        try:
            planned = plan(len(sources), base, on_large, DEFAULT_LIMITS, options)
        except TooLarge as e:
            raise StorydiffError(f"{e} (rerun with --coarse to compare the first "
                                 f"{DEFAULT_LIMITS.max_versions})") from None
        sources, base = planned.subset(sources), planned.base
        names = planned.subset(names) if names else None
        # Every file is tried, so each bad one gets its line before the exit.
        errors: list[InputError] = []
        sources = _fetch_urls(sources, errors)
        versions = load_versions(sources, names=names, errors=errors)
        if errors:
            for err in errors:
                print(f"storydiff-cli: error: {visible(str(err))}", file=sys.stderr)
            return 2
        try:
            result = compare(versions, base=base, options=options, on_large=on_large, findings=planned.findings)
        except TooLarge as e:
            raise StorydiffError(f"{e} (rerun with --coarse to continue)") from None
        report = render(result, args.format)
        if args.explain and isinstance(report, str):  # only the text report (checked above)
            report = f"{report}\n{explain()}"
        if args.output:
            write_atomic(args.output, report, guard)
        else:
            if isinstance(report, bytes):
                sys.stdout.buffer.write(report)
            else:
                sys.stdout.write(report)
            sys.stdout.flush()
        return 0
    except StorydiffError as e:
        print(f"storydiff-cli: error: {visible(str(e))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("storydiff-cli: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:
        where = getattr(e, "filename", None) or "output"
        print(f"storydiff-cli: error: {visible(str(where))}: {e.strerror or e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
