"""Where the archive's work runs: in this process, or on a Dask cluster.

Both runners offer the same two operations, so the archive code is the same for
either: `map` a picklable function over work items (shingling batches, family
comparisons), and `pair_counts`, the candidate self-join. The local runner runs
`linking.PAIR_SQL` on the archive's DuckDB file; the Dask runner splits the
3-gram table by hash into partitions, runs the same query on each partition on
the workers (`linking.partition_pair_counts`) and sums the counts. No home-made
cluster or queue: the Dask scheduler does the distribution. The Dask runner
(`dask_runner`) bounds every wait on the cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import duckdb

from ..errors import StorydiffError
from .dask_runner import TIMEOUT, DaskRunner
from .linking import PAIR_SQL, SH_SQL, LinkParams, pair_sql_params
from .progress import Progress

__all__ = ["DaskRunner", "LocalRunner", "make_runner"]


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


def make_runner(engine: str, scheduler: str | None, timeout: float = TIMEOUT,
                workers: int | None = None) -> LocalRunner | DaskRunner:
    """The runner a command asked for. `--engine dask` without a scheduler starts a Dask
    LocalCluster on this machine (`workers` processes, default one per core)."""
    if engine == "local":
        if workers is not None:
            raise StorydiffError("--workers goes with --engine dask (a cluster on this machine's cores)")
        return LocalRunner()
    if engine == "dask":
        if not 0 < timeout < 86_400:  # not nan, not inf: a deadline that never comes is a hang
            raise StorydiffError("--timeout must be a number of seconds above 0 and below a day")
        if not scheduler:
            return DaskRunner.on_this_machine(workers, timeout=timeout)
        if workers is not None:
            raise StorydiffError("--workers starts a cluster on this machine: leave out --scheduler, or start "
                                 "the workers with the scheduler")
        return DaskRunner(scheduler, timeout=timeout)
    raise StorydiffError(f"unknown --engine {engine!r} (choose local or dask)")
