"""Archive search: find every rewrite of every story in a collection of articles.

`index` shingles each file (word 3-grams, wire headers and page chrome left out)
into one embedded DuckDB file; `families` links documents that share enough rare
3-grams and groups them into families (connected components, kept within a date
window when dates are known) with a lineage from dates or containment; `find`
says which archived documents reuse a given file. The same steps run on a Dask
cluster (`runner.DaskRunner`) with identical results.

    from engine.archive import Archive
    with Archive.open("news.duckdb") as a:
        a.index(["texts/"])
        for fam in a.families():
            print(fam["id"], [m["path"] for m in fam["members"]])

Modules load DuckDB when first used, so `engine.cli` starts as fast as before.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Archive", "LinkParams"]


def __getattr__(name: str) -> Any:
    if name == "Archive":
        from .store import Archive

        return Archive
    if name == "LinkParams":
        from .linking import LinkParams

        return LinkParams
    raise AttributeError(name)
