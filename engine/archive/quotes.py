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
import os
import sys
from typing import Any

from ..errors import StorydiffError
from ..io.safe_write import write_atomic

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


def compare_member(job: tuple[int, str, str, str, str]) -> tuple[int, str, str, list[dict], dict, str | None]:
    """(family, source path, member path, source file, member file) -> the member's
    misquotes and fact counts against the source. Top-level and picklable (Dask)."""
    from ..compare import compare

    fid, source, member, source_file, member_file = job
    try:
        c = compare([os.fspath(source_file), os.fspath(member_file)], base=0, on_large="coarsen")
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


def _jobs(fams: list[dict], keys: dict[str, str]) -> list[tuple[int, str, str, str, str]]:
    return [(f["id"], root, member, keys[root], keys[member]) for f in fams for member, root in roots(f)]


def member_facts(fams: list[dict], keys: dict[str, str], runner: Any) -> tuple[list[dict], int]:
    """Compare each member with its source; add its counts to `fams` (in place).
    Returns every misquote found and the number of comparisons that failed."""
    found: list[dict] = []
    failed = 0
    counts: dict[tuple[int, str], dict] = {}
    for fid, _source, member, quotes, member_counts, error in runner.map(compare_member, _jobs(fams, keys)):
        if error:
            failed += 1
            print(f"storydiff-cli: warning: family {fid}: {member}: {error}", file=sys.stderr)
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


def run(archive: Any, args: argparse.Namespace, runner: Any, params: Any, say: Any) -> int:
    """`archive quotes`: list the misquotes of every family."""
    if args.output and os.path.abspath(args.output) in set(archive.keys().values()):
        raise StorydiffError(f"{args.output}: refusing to overwrite an archived document")
    fams = archive.families(params, runner=runner)
    rows, failed = member_facts(fams, archive.keys(), runner)
    text = to_html(rows, "Altered quotations") if args.format == "html" else to_jsonl(rows)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    compared = sum(len(roots(f)) for f in fams)
    say(f"{len(rows)} altered quotations in {compared} versions compared with their family's source"
        + (f", {failed} failed" if failed else ""))
    return 0
