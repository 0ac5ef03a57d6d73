"""Candidate links: documents that share enough rare word 3-grams.

A 3-gram is *rare* when 2..`max_df` documents contain it: common phrases and
repeated boilerplate drop out by themselves, so the join stays linear in the
archive (each rare 3-gram yields at most max_df² / 2 pairs). Two documents are
linked when they share at least `min_shared` rare 3-grams, one of them has at
least `min_containment` of its 3-grams in the other, and shared x containment is
at least `min_evidence` (more shared 3-grams make up for a lower containment: a
paper that uses one take of a long wire story shares a small part of it); when
both dates are known (stated or from a manifest), they must also lie within
`window_days`.

`PAIR_SQL` counts shared rare 3-grams over a table `sh(h, doc, day)` (`SH_SQL`:
each 3-gram row with its document's known day, or NO_DAY), counting only pairs
inside the date window, so an archive spanning years does not build the pairs of
distant days only to drop them. The local path runs it on the whole archive; the
Dask path runs the same query on partitions split by hash (a 3-gram's documents
all land in one partition, so its document frequency is exact there) and sums
the counts. Counts are integers, so both paths give the same links.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np

from .dates import KNOWN


@dataclass(frozen=True)
class LinkParams:
    """Thresholds of a link (the defaults were chosen on wire/newspaper data; see bench/eval_archive.py)."""

    max_df: int = 40            # a 3-gram in more documents than this is too common to link them
    min_shared: int = 5         # rare 3-grams two documents must share
    min_containment: float = 0.03  # share of the smaller side's 3-grams found in the other
    min_evidence: float = 0.3   # shared x containment (e.g. 10 shared at 0.03, or 6 at 0.05)
    window_days: int = 1        # both dates known: at most this many days apart (a print rewrite runs next day)

    def check(self) -> LinkParams:
        import math

        from ..errors import StorydiffError

        if not all(math.isfinite(v) for v in (self.min_containment, self.min_evidence)):
            raise StorydiffError("--min-containment and --min-evidence must be numbers")
        if self.max_df < 2:
            raise StorydiffError("--max-df must be at least 2")
        if self.min_shared < 1:
            raise StorydiffError("--min-shared must be at least 1")
        if not 0.0 <= self.min_containment <= 1.0:
            raise StorydiffError("--min-containment must be between 0 and 1")
        if self.min_evidence < 0:
            raise StorydiffError("--min-evidence must be 0 or more")
        if self.window_days < 0:
            raise StorydiffError("--window must be 0 days or more")
        return self


NO_DAY = -(2 ** 31)  # a document whose date is not known (mtime only): no window applies


def _known(column: str) -> str:
    return f"{column} IN ({', '.join(repr(k) for k in KNOWN)})"


# The 3-gram rows with their document's known day (days since 1970), on the archive's connection.
SH_SQL = f"""
SELECT s.h, s.doc,
       CASE WHEN {_known('d.date_source')} THEN date_diff('day', DATE '1970-01-01', d.date)
            ELSE {NO_DAY} END::INTEGER AS day
FROM shingles s JOIN docs d ON d.id = s.doc
"""

PAIR_SQL = """
WITH rare AS (
    SELECT h, doc, day FROM sh
    WHERE h IN (SELECT h FROM sh GROUP BY h HAVING count(*) BETWEEN 2 AND $max_df)
)
SELECT x.doc AS a, y.doc AS b, count(*)::INTEGER AS shared
FROM rare x JOIN rare y ON x.h = y.h AND x.doc < y.doc
WHERE x.day = $no_day OR y.day = $no_day OR abs(x.day - y.day) <= $window
GROUP BY x.doc, y.doc
"""


def pair_sql_params(params: LinkParams) -> dict[str, int]:
    return {"max_df": params.max_df, "no_day": NO_DAY, "window": params.window_days}


def partition_pair_counts(h: np.ndarray, doc: np.ndarray, day: np.ndarray,
                          sql_params: dict[str, int]) -> dict[str, np.ndarray]:
    """PAIR_SQL on one partition of (hash, doc, day) rows, in a private in-memory DuckDB.

    The unit of work a Dask worker runs; returns columns a, b, shared.
    """
    con = duckdb.connect()
    try:
        con.execute("SET threads = 1")  # one task per worker thread; the cluster supplies parallelism
        rows = {"h": np.asarray(h, dtype=np.int64), "doc": np.asarray(doc, dtype=np.int32),
                "day": np.asarray(day, dtype=np.int32)}
        con.register("sh", rows)
        return con.execute(PAIR_SQL, sql_params).fetchnumpy()
    finally:
        con.close()


# From summed counts in `pair_counts(a, b, shared)` to links, on the archive's connection.
FINISH_SQL = f"""
SELECT p.a, p.b, p.shared,
       p.shared / da.n AS a_in_b, p.shared / db.n AS b_in_a
FROM pair_counts p JOIN docs da ON da.id = p.a JOIN docs db ON db.id = p.b
WHERE p.shared >= $min_shared
  AND greatest(p.shared / da.n, p.shared / db.n) >= $min_containment
  AND p.shared * greatest(p.shared / da.n, p.shared / db.n) >= $min_evidence
  AND NOT ({_known('da.date_source')} AND {_known('db.date_source')}
           AND abs(date_diff('day', da.date, db.date)) > $window_days)
ORDER BY p.a, p.b
"""


@dataclass(frozen=True)
class DocLink:
    """Two archived documents (ids, a < b) sharing `shared` rare 3-grams."""

    a: int
    b: int
    shared: int
    a_in_b: float  # share of a's 3-grams found in b
    b_in_a: float


def finish_links(con: duckdb.DuckDBPyConnection, params: LinkParams) -> list[DocLink]:
    rows = con.execute(FINISH_SQL, {"min_shared": params.min_shared,
                                    "min_containment": params.min_containment,
                                    "min_evidence": params.min_evidence,
                                    "window_days": params.window_days}).fetchall()
    return [DocLink(int(a), int(b), int(s), float(x), float(y)) for a, b, s, x, y in rows]
