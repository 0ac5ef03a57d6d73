"""The misquote finder: every quotation a version altered against its family's source.

    storydiff-cli archive quotes --db ARCHIVE [-o quotes.jsonl] [--format jsonl|html]
    storydiff-cli archive families --db ARCHIVE --facts     (per member: altered quotes, changed figures)

Each member of a family that has a lineage source is compared with the root of its
lineage chain (the wire story the family was written from), two versions at a time,
and its fact ledger read: quotations `altered` (words changed inside the quote marks)
and `reattributed` (put in another speaker's mouth) are listed, one JSON line each:

    {"family": 0, "source": "path", "version": "path", "change": "altered",
     "old": "...", "new": "...", "speaker_old": "...", "speaker_new": "...",
     "description": "...", "a_block": 3, "b_block": 5}

`--format html` writes the same as one escaped page. `families --facts` adds to each
member with a source `"facts": {"quotes_altered": n, "figures_changed": m}`.
Comparisons go through the runner (`--engine dask` sends them to the workers).
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from typing import TYPE_CHECKING, Any

from ..errors import StorydiffError
from ..io.safe_write import OutputGuard, write_atomic
from ..reports.text_report import visible

if TYPE_CHECKING:  # the store loads DuckDB: the CLI starts without it
    from .store import Member

MISQUOTES = ("altered", "reattributed")


def add_parser(asub: Any, common: Any) -> None:
    """The `quotes` command, and `families --facts` (hooks called by command.add_parser)."""
    q = asub.add_parser("quotes", help="every quotation a version altered against its family's source")
    q.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    q.add_argument("--format", choices=("jsonl", "html"), default="jsonl", help="jsonl (default) or one HTML page")
    common(q, links=True)


def roots(fam: dict) -> list[tuple[str, str]]:
    """(member, root of its lineage chain) for every member with a source."""
    source = {e["path"]: e["source"] for e in fam["lineage"]}
    out = []
    for member, parent in source.items():
        if parent is None:
            continue
        seen = {member}
        root = parent
        while source.get(root) is not None and root not in seen:  # a cycle would be a bug; never loop
            seen.add(root)
            root = source[root]
        out.append((member, root))
    return out


def compare_member(job: tuple[int, str, str, Member, Member]) -> tuple[int, str, str, list[dict], dict, str | None]:
    """(family, source path, member path, their archive entries) -> the member's misquotes
    and fact counts against the source. Top-level and picklable (Dask). Both are read only
    as they were indexed (engine.archive.verify): an edited archive never makes it read
    another file."""
    from ..compare import compare
    from .verify import read_members

    fid, source, member, source_entry, member_entry = job
    sources, problems = read_members([(source, source_entry), (member, member_entry)])
    if len(sources) < 2:
        return fid, source, member, [], {}, "; ".join(problems)
    try:
        c = compare(sources, base=0, on_large="coarsen")
    except StorydiffError as e:
        return fid, source, member, [], {}, str(e)
    ledger = list(c.pair(0, 1).facts)
    quotes = [{"family": fid, "source": source, "version": member, "change": f.change, "old": f.old,
               "new": f.new, "speaker_old": f.speaker_old, "speaker_new": f.speaker_new,
               "description": f.description, "a_block": f.a_block, "b_block": f.b_block}
              for f in ledger if f.kind == "quote" and f.change in MISQUOTES]
    counts = {"quotes_altered": len(quotes),
              "figures_changed": sum(1 for f in ledger if f.kind == "number" and f.change == "changed")}
    return fid, source, member, quotes, counts, None


def _jobs(fams: list[dict], members: dict[str, Member]) -> list[tuple[int, str, str, Member, Member]]:
    return [(f["id"], root, member, members[root], members[member]) for f in fams for member, root in roots(f)]


def member_facts(fams: list[dict], members: dict[str, Member], runner: Any) -> tuple[list[dict], int]:
    """Compare each member with its source; add its counts to `fams` (in place).
    Returns every misquote found and the number of comparisons that failed."""
    found: list[dict] = []
    failed = 0
    counts: dict[tuple[int, str], dict] = {}
    for fid, _source, member, quotes, member_counts, error in runner.map(compare_member, _jobs(fams, members)):
        if error:
            failed += 1
            print(f"storydiff-cli: warning: family {fid}: {visible(member)}: {visible(error)}", file=sys.stderr)
            continue
        found += quotes
        counts[(fid, member)] = member_counts
    for f in fams:
        for m in f["members"]:
            if (f["id"], m["path"]) in counts:
                m["facts"] = counts[(f["id"], m["path"])]
    return found, failed


def to_jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def to_html(rows: list[dict], title: str) -> str:
    """The misquotes as one page; every piece of article text and every path escaped."""
    e = html.escape
    body = []
    for r in rows:
        body.append(f"<tr><td>{r['family']}</td><td>{e(r['source'])}</td><td>{e(r['version'])}</td>"
                    f"<td>{e(r['change'])}</td><td>{e(r['old'])}<br><i>{e(r['speaker_old'])}</i></td>"
                    f"<td>{e(r['new'])}<br><i>{e(r['speaker_new'])}</i></td></tr>")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{e(title)}</title><style>body{{font-family:sans-serif;margin:2em}}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;"
            "text-align:left}</style></head><body>"
            f"<h1>{e(title)}</h1><p>{len(rows)} quotations altered or put in another speaker's mouth, each "
            "against the source of its family (the root of its lineage).</p>"
            "<table><tr><th>family</th><th>source</th><th>version</th><th>change</th><th>source's words</th>"
            "<th>version's words</th></tr>" + "".join(body) + "</table></body></html>\n")


def run(archive: Any, args: argparse.Namespace, runner: Any, params: Any, say: Any, guard: OutputGuard) -> int:
    """`archive quotes`: list the misquotes of every family (never written over what `guard` protects)."""
    if args.output:
        guard.check(args.output)  # before the work: a refused run costs nothing
    fams = archive.families(params, runner=runner)
    rows, failed = member_facts(fams, archive.members(), runner)
    text = to_html(rows, "Altered quotations") if args.format == "html" else to_jsonl(rows)
    if args.output:
        write_atomic(args.output, text, guard)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    compared = sum(len(roots(f)) for f in fams)
    say(f"{len(rows)} altered quotations in {compared} versions compared with their family's source"
        + (f", {failed} failed" if failed else ""))
    return 0
