"""`storydiff-cli archive`: index an archive, list its story families, find reuse of a file.

    storydiff-cli archive index DIR|FILE... --db ARCHIVE [--dates manifest.csv] [--keep-deleted]
    storydiff-cli archive families --db ARCHIVE [-o families.jsonl] [--format jsonl|html] [--compare DIR]
    storydiff-cli archive find FILE --db ARCHIVE [--format text|json]
    storydiff-cli archive prune --db ARCHIVE
    storydiff-cli archive quotes --db ARCHIVE [-o quotes.jsonl] [--format jsonl|html]   (see engine.archive.quotes)

Every command takes `--engine local|dask [--scheduler ADDRESS | --workers N] [--timeout SECONDS]`:
`--engine dask` without a scheduler starts a Dask LocalCluster on this machine's cores.
Progress goes to stderr (a bar on a terminal), then a one-line summary; results go
to stdout or -o. What reaches the terminal (warnings naming files, `find`'s list) is
escaped as the compare command escapes it. No output is written over an input, an
archived document, the archive, or into a folder the archive indexes (`OutputGuard`);
every failure of the archive file or the cluster is one line and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from ..errors import StorydiffError
from ..io.safe_write import OutputGuard, write_atomic
from ..reports.text_report import visible
from . import quotes as quotes_command

DASK_TIMEOUT = 30.0  # dask_runner.TIMEOUT, without importing it (and DuckDB) at start
SAMPLE = Path(__file__).resolve().parent.parent.parent / "resources" / "archive-sample"


def add_parser(sub: Any) -> None:
    """Add `archive` and its commands to the CLI's subparsers."""
    a = sub.add_parser("archive", help="find the families of rewrites in an archive of articles")
    asub = a.add_subparsers(dest="archive_command", required=True, parser_class=type(a))

    def common(p: argparse.ArgumentParser, links: bool) -> None:
        p.add_argument("--db", required=True, metavar="ARCHIVE",
                       help="the archive file (DuckDB; index creates it if new)")
        p.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="run here (default) or on a Dask cluster")
        p.add_argument("--scheduler", metavar="ADDRESS",
                       help="Dask scheduler address, e.g. tcp://host:8786 (without it, --engine dask "
                            "starts a cluster on this machine's cores)")
        p.add_argument("--workers", type=int, metavar="N",
                       help="with --engine dask and no --scheduler: worker processes to start here "
                            "(default: one per core)")
        p.add_argument("--timeout", type=float, default=DASK_TIMEOUT, metavar="SECONDS",
                       help="with --engine dask: give up when the scheduler does not answer, or has no "
                            f"workers, for this long (default {DASK_TIMEOUT:g})")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary on stderr")
        if links:
            from .linking import LinkParams

            d = LinkParams()
            p.add_argument("--max-df", type=int, default=d.max_df,
                           help=f"a 3-gram in more documents than this is ignored (default {d.max_df})")
            p.add_argument("--min-shared", type=int, default=d.min_shared,
                           help=f"rare 3-grams two documents must share (default {d.min_shared})")
            p.add_argument("--min-containment", type=float, default=d.min_containment,
                           help=f"share of one document's 3-grams in the other (default {d.min_containment})")
            p.add_argument("--min-evidence", type=float, default=d.min_evidence,
                           help=f"shared 3-grams x containment (default {d.min_evidence})")
            p.add_argument("--window", type=int, default=d.window_days, metavar="DAYS",
                           help=f"documents with known dates further apart are not linked (default {d.window_days})")

    i = asub.add_parser("index", help="add files (and every file under folders) to the archive")
    i.add_argument("paths", nargs="*", metavar="DIR|FILE")
    i.add_argument("--sample", action="store_true", help="index the bundled sample archive")
    i.add_argument("--dates", metavar="MANIFEST", help="CSV of path,date (YYYY-MM-DD) for files that state none")
    i.add_argument("--keep-deleted", action="store_true",
                   help="keep documents whose file was deleted from the folders indexed (pruned by default)")
    common(i, links=False)

    f = asub.add_parser("families", help="write the families of rewrites (families.jsonl contract)")
    f.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    f.add_argument("--format", choices=("jsonl", "html"), default="jsonl",
                   help="jsonl (default) or an HTML list linking to each family's comparison")
    f.add_argument("--compare", metavar="DIR",
                   help="also compare each family's members (storydiff/1 JSON, or HTML with --format html) "
                        "into DIR; each family then names its comparison")
    common(f, links=True)

    f.add_argument("--facts", action="store_true",
                   help="give each member its count of altered quotes and changed figures against its "
                        "family's source (compares each member with it)")
    quotes_command.add_parser(asub, common)

    q = asub.add_parser("find", help="which archived documents reuse this file, and how much")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--format", choices=("text", "json"), default="text")
    common(q, links=True)

    r = asub.add_parser("prune", help="forget documents whose file no longer exists")
    common(r, links=False)


def _params(args: argparse.Namespace):
    from .linking import LinkParams

    return LinkParams(max_df=args.max_df, min_shared=args.min_shared,
                      min_containment=args.min_containment, min_evidence=args.min_evidence,
                      window_days=args.window).check()


def run(args: argparse.Namespace) -> int:
    """Run an `archive` command; StorydiffError propagates for the CLI's one-line error."""
    import duckdb

    from .runner import make_runner
    from .schema import archive_error
    from .store import Archive

    stream = None if args.quiet else sys.stderr
    started = time.perf_counter()
    cmd = args.archive_command
    if cmd != "index" and not os.path.lexists(args.db):
        raise StorydiffError(f"{args.db}: no such archive (build it with `storydiff-cli archive index`)")
    inputs = _index_inputs(args) if cmd == "index" else None  # checked before the archive is created
    if args.engine == "dask":
        _quiet_dask()
    runner = make_runner(args.engine, args.scheduler, args.timeout, args.workers)
    try:
        # index and prune write; families and find open the file read-only, so several can run at once.
        with Archive.open(args.db, read_only=cmd not in ("index", "prune")) as archive:
            if cmd == "index":
                return _index(archive, args, inputs, runner, stream, started)
            if cmd == "families":
                return _families(archive, args, runner, stream, started)
            if cmd == "prune":
                n = archive.prune()
                _say(stream, f"pruned {n} documents whose file is gone; the archive holds {archive.count()} documents")
                return 0
            if cmd == "quotes":
                return quotes_command.run(archive, args, runner, _params(args), lambda line: _say(stream, line),
                                          _guard(archive))
            return _find(archive, args, stream)
    except duckdb.Error as e:  # a damaged block found mid-query, a full disk mid-write
        raise archive_error(args.db, e) from None
    finally:
        runner.close()


def _quiet_dask() -> None:
    """dask.distributed logs a lost connection as a traceback on stderr; the command says it in one line."""
    import logging
    import warnings

    try:
        import distributed  # noqa: F401  (its import sets the levels of its own loggers)
    except ImportError:
        return  # make_runner says what to install
    for name in ["distributed", "tornado", "asyncio", *logging.root.manager.loggerDict]:
        if name.split(".")[0] in ("distributed", "tornado", "asyncio"):
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    warnings.filterwarnings("ignore", module="distributed")


def _say(stream: Any, line: str) -> None:
    if stream is not None:
        print(line, file=stream, flush=True)


def _index_inputs(args: argparse.Namespace) -> tuple[list[str], Any]:
    """The paths to index and the manifest's dates; a missing path or bad manifest is an error,
    and so is an archive path that names one of the inputs."""
    from .dates import read_manifest

    paths = list(args.paths) + ([str(SAMPLE / "articles")] if args.sample else [])
    if args.sample and not args.dates:
        args.dates = str(SAMPLE / "dates.csv")
    if not paths:
        raise StorydiffError("archive index needs files or folders (or --sample)")
    for p in paths:
        if not os.path.lexists(p):
            raise StorydiffError(f"{p}: no such file or folder")
    guard = OutputGuard().protect([p for p in paths if not os.path.isdir(p)], "a file being indexed")
    if args.dates:
        guard.protect([args.dates], "the manifest")
    guard.check(args.db)
    return paths, (read_manifest(args.dates) if args.dates else None)


def _index(archive, args, inputs, runner, stream, started: float) -> int:
    paths, manifest = inputs
    s = archive.index(paths, manifest=manifest, runner=runner, stream=stream, prune=not args.keep_deleted)
    for e in s.errors:
        print(f"storydiff-cli: warning: skipped {visible(e)}", file=sys.stderr)
    _say(stream, f"indexed {s.added} new, {s.updated} changed, {s.unchanged} unchanged"
                 + (f", {s.redated} re-dated" if s.redated else "")
                 + (f", {s.pruned} pruned (deleted)" if s.pruned else "")
                 + f"; {len(s.errors)} skipped; the archive holds {s.total} documents"
                 f" ({time.perf_counter() - started:.1f} s, {args.engine})")
    return 0


def _guard(archive) -> OutputGuard:
    """What `families` never writes over: the archive, its documents, anything in a folder it indexes."""
    return (OutputGuard().protect(archive.own_files(), "the archive")
            .protect((m.key for m in archive.members().values()), "an archived document")
            .protect_folders(archive.roots(), "a folder this archive indexes"))


def _families(archive, args, runner, stream, started: float) -> int:
    from . import families as fam_mod
    from .compare_family import compare_family, family_list_html, family_versions
    from .progress import Progress

    params = _params(args)
    if args.format == "html" and not args.output:
        raise StorydiffError("--format html needs -o FILE (the family list links to files beside it)")
    guard = _guard(archive)
    if args.output:
        guard.check(args.output)  # before the work: a refused run costs nothing
    compare_dir = args.compare
    if args.format == "html" and not compare_dir:
        compare_dir = str(Path(args.output).with_suffix("")) + "-families"
    fmt = "html" if args.format == "html" else "json"
    if compare_dir:
        guard.check(os.path.join(compare_dir, f"family-0.{fmt}"))
    fams = archive.families(params, runner=runner, stream=stream)
    if args.facts:  # each member's altered quotes and changed figures (engine.archive.quotes)
        quotes_command.member_facts(fams, archive.members(), runner)
    docs = sum(len(f["members"]) for f in fams)
    links = sum(len(f["links"]) for f in fams)
    targets: dict[int, str] = {}
    failed = 0
    if compare_dir:
        try:
            os.makedirs(compare_dir, exist_ok=True)
        except OSError as e:
            raise StorydiffError(f"{compare_dir}: cannot make this folder ({e.strerror or e})") from None
        members = archive.members()
        jobs = [(f["id"], [(p, members[p]) for p in family_versions(f)], fmt) for f in fams if len(f["members"]) > 1]
        for fid, _members, _fmt in jobs:  # every target checked before the first is written
            guard.check(os.path.join(compare_dir, f"family-{fid}.{fmt}"))
        base = Path(args.output).resolve().parent if args.output else Path.cwd()
        with Progress("comparing", len(jobs), stream) as bar:
            for fid, report, error, notes in runner.map(compare_family, jobs):
                bar.advance()
                for note in notes:
                    print(f"storydiff-cli: warning: family {fid}: left out {visible(note)}", file=sys.stderr)
                if error:
                    failed += 1
                    print(f"storydiff-cli: warning: family {fid}: {visible(error)}", file=sys.stderr)
                    continue
                out = os.path.join(compare_dir, f"family-{fid}.{fmt}")
                write_atomic(out, report, guard)
                targets[fid] = os.path.relpath(os.path.realpath(out), base)
        for f in fams:
            if f["id"] in targets:
                f["comparison"] = targets[f["id"]]
    if args.format == "html":
        write_atomic(args.output, family_list_html(fams, targets, f"Families in {Path(args.db).name}"), guard)
    else:
        lines = fam_mod.to_jsonl(fams)
        if args.output:
            write_atomic(args.output, lines, guard)
        else:
            sys.stdout.write(lines)
            sys.stdout.flush()
    multi = [f for f in fams if len(f["members"]) > 1]
    _say(stream, f"{len(fams)} families from {docs} documents: {len(multi)} with two or more members"
                 + (f" (largest {max(len(f['members']) for f in multi)})" if multi else "")
                 + f", {docs - sum(len(f['members']) for f in multi)} alone; {links} links within families"
                 + (f"; {len(targets)} comparisons in {visible(compare_dir)}" if compare_dir else "")
                 + (f", {failed} failed" if failed else "")
                 + f" ({time.perf_counter() - started:.1f} s, {args.engine})")
    return 0


def _find(archive, args, stream) -> int:
    hits = archive.find(args.file, _params(args))
    if args.format == "json":  # JSON escapes control characters itself
        sys.stdout.write(json.dumps({"file": args.file, "reused_by": hits}, ensure_ascii=False, indent=1) + "\n")
    else:
        for h in hits:
            sys.stdout.write(f"{h['reused'] * 100:5.1f}%  {h['shared']:>6} shared  {h['date'] or '':10}  "
                             f"{visible(h['path'])}\n")
    sys.stdout.flush()
    _say(stream, f"{len(hits)} archived documents reuse {visible(args.file)} "
                 "(% = share of each archived document's 3-grams found in it)")
    return 0
