"""Archive search: find every rewrite of every story in a collection of articles.

`index` shingles each file (word 3-grams, wire headers and page chrome left out)
into one embedded DuckDB file; `families` links documents that share enough rare
3-grams and groups them into families (connected components, links kept within a
date window when both dates are known) with a lineage from dates or containment;
`find` says which archived documents reuse a given file. The same steps run on a
Dask cluster (`runner.DaskRunner`) with identical results.

    from engine.archive import Archive
    with Archive.open("news.duckdb") as a:
        a.index(["texts/"])
        for fam in a.families():
            print(fam["id"], [m["path"] for m in fam["members"]])
"""

from .store import Archive
from .linking import LinkParams

__all__ = ["Archive", "LinkParams"]
