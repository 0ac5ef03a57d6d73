"""Where the archive's work runs: in this process, or on a Dask cluster.

Both runners offer the same two operations, so the archive code is the same for
either: `map` a picklable function over work items (shingling batches, family
comparisons), and `pair_counts`, the candidate self-join. The local runner runs
`linking.PAIR_SQL` on the archive's DuckDB file; the Dask runner splits the
3-gram table by hash into partitions, runs the same query on each partition on
the workers (`linking.partition_pair_counts`) and sums the counts. No home-made
cluster or queue: the Dask scheduler does the distribution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import duckdb
import numpy as np

from ..errors import StorydiffError
from .linking import PAIR_SQL, SH_SQL, LinkParams, pair_sql_params, partition_pair_counts
from .progress import Progress


class LocalRunner:
    """Everything in this process; the join in the archive's own DuckDB."""

    name = "local"

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            yield fn(item)

    def pair_counts(self, con: duckdb.DuckDBPyConnection, params: LinkParams, progress: Progress) -> None:
        con.execute("CREATE OR REPLACE TEMP VIEW sh AS " + SH_SQL)
        con.execute("CREATE OR REPLACE TEMP TABLE pair_counts AS " + PAIR_SQL, pair_sql_params(params))
        progress.advance(progress.total)  # one step: the whole join in one query

    def close(self) -> None:
        pass


class DaskRunner:
    """The same work on a `dask.distributed` cluster (its scheduler's address, or a Client)."""

    name = "dask"

    def __init__(self, scheduler: str | Any, partitions: int | None = None) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise StorydiffError("--engine dask needs dask.distributed: pip install 'storydiff[archive]'") from None
        if isinstance(scheduler, str):
            try:
                self.client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError, ValueError) as e:  # unreachable, or not an address
                raise StorydiffError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
            self._own = True
        else:
            self.client, self._own = scheduler, False
        workers = max(1, sum(self.client.nthreads().values()))
        # A power of two, about two partitions per worker thread, so a slow one does not hold the rest.
        self.partitions = partitions or 1 << max(1, (2 * workers - 1).bit_length())

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        """Results in the order of `items` (the caller numbers documents in that order)."""
        futures = self.client.map(fn, list(items), pure=False)
        try:
            for f in futures:
                yield f.result()
        finally:
            for f in futures:
                f.release()

    def pair_counts(self, con: duckdb.DuckDBPyConnection, params: LinkParams, progress: Progress) -> None:
        from distributed import as_completed

        p = self.partitions
        futures = []
        con.execute("CREATE OR REPLACE TEMP VIEW sh AS " + SH_SQL)
        for part in range(p):
            # Bits of the hash pick the partition: every row of a 3-gram goes to the same one.
            cols = con.execute("SELECT h, doc, day FROM sh WHERE (h & $mask) = $part",
                               {"mask": p - 1, "part": part}).fetchnumpy()
            # Scattered, not embedded in the task: the arrays go to a worker once, as data.
            # (A list, not the dict: scattered dict keys would be the same for every partition.)
            h, doc, day = self.client.scatter([cols["h"], cols["doc"], cols["day"]], hash=False)
            futures.append(self.client.submit(partition_pair_counts, h, doc, day,
                                              pair_sql_params(params), pure=False))
        pieces = []
        for f in as_completed(futures):
            pieces.append(f.result())
            f.release()
            progress.advance(1)
        parts = {k: np.concatenate([np.asarray(x[k]) for x in pieces]) if pieces else np.zeros(0, np.int64)
                 for k in ("a", "b", "shared")}
        con.register("partial_counts", parts)
        con.execute("CREATE OR REPLACE TEMP TABLE pair_counts AS "
                    "SELECT a::INTEGER AS a, b::INTEGER AS b, sum(shared)::INTEGER AS shared "
                    "FROM partial_counts GROUP BY a, b")
        con.unregister("partial_counts")

    def close(self) -> None:
        if self._own:
            self.client.close()


def make_runner(engine: str, scheduler: str | None) -> LocalRunner | DaskRunner:
    if engine == "local":
        return LocalRunner()
    if engine == "dask":
        if not scheduler:
            raise StorydiffError("--engine dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        return DaskRunner(scheduler)
    raise StorydiffError(f"unknown --engine {engine!r} (choose local or dask)")
