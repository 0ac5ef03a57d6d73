"""A tracked URL's history: its versions in time order, each with one line on what changed.

Shared by `storydiff-cli track history|compare` and the window's timeline: the versions
as `Source`s (named by site and fetch time) and the history document

    {"url": ..., "versions": [{"fetched": ISO 8601, "title": ..., "origin": "poll"|"wayback",
                               "final_url": ..., "words": N, "change": "one line"}],
     "failures": [{"at": ISO 8601, "problem": ...}]}
"""

from __future__ import annotations

import datetime as dt

from ..io.loading import Source
from ..web.page import version_name
from .fingerprint import change_line
from .store import StoredVersion


def version_sources(versions: list[StoredVersion]) -> list[Source]:
    """The stored versions as versions to compare, oldest first."""
    return [Source(name=version_name(v.url, v.fetched), text=v.text, path=None, encoding=v.encoding or "utf-8",
                   fmt=v.fmt or "html", published=v.published) for v in versions]


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def history_dict(url: str, versions: list[StoredVersion], failures: list[tuple[dt.datetime, str]] | None = None) -> dict:
    out = []
    previous: str | None = None
    for v in versions:
        out.append({"fetched": _iso(v.fetched), "title": v.title, "origin": v.origin, "final_url": v.final_url,
                    "words": len(v.text.split()), "change": change_line(previous, v.text)})
        previous = v.text
    return {"url": url, "versions": out,
            "failures": [{"at": _iso(at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at), "problem": p}
                         for at, p in failures or []]}


def history_text(doc: dict) -> str:
    from ..reports.text_report import visible

    lines = [f"{visible(doc['url'])}: {len(doc['versions'])} version{'' if len(doc['versions']) == 1 else 's'}"]
    for k, v in enumerate(doc["versions"], 1):
        lines.append(f"{k:>3}  {v['fetched']}  {v['origin']:<7}  {visible(v['title'])[:70]}")
        lines.append(f"     {visible(v['change'])}")
    if doc["failures"]:
        lines.append(f"failed fetches: {len(doc['failures'])}, the last {doc['failures'][-1]['at']}: "
                     f"{visible(doc['failures'][-1]['problem'])}")
    return "\n".join(lines) + "\n"
