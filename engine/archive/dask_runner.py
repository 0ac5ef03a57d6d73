"""The archive's work on a `dask.distributed` cluster, with a deadline on every wait.

A Dask client waits for ever by default: on a scheduler that accepts the connection
and never answers (or is stopped with SIGSTOP), on a cluster whose workers are all
gone (the scheduler keeps the tasks for workers that may come), on a scheduler
killed mid-run. Here every wait is bounded by `timeout` seconds of silence:

* before a client is made, the scheduler must answer an `identity` call within
  `timeout` (a private event loop, so a silent server cannot hold the client's);
  the client itself is made in a helper thread that is given up after `timeout`;
* while tasks run, their state is polled locally, and every few seconds the
  scheduler must answer again, the connection must still be up, and the cluster
  must have had a worker within the last `timeout` seconds;
* fetching a result, scattering data and closing the client have the same deadline.

A task may run as long as it needs as long as the cluster answers. Every failure
is a one-line StorydiffError naming the scheduler: the CLI prints it and exits 2.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

import duckdb
import numpy as np

from ..errors import StorydiffError
from .linking import SH_SQL, LinkParams, pair_sql_params, partition_pair_counts
from .progress import Progress

TIMEOUT = 30.0  # seconds of silence (no answer, no worker) before a Dask step is given up
_POLL = 0.05


def _problem(address: str, error: BaseException) -> str:
    text = str(error).strip().splitlines()
    msg = text[0] if text else error.__class__.__name__
    if "TLS" in msg or "ssl" in msg.lower():
        return (f"cannot reach the Dask scheduler at {address}: it needs TLS certificates "
                "(set them in Dask's configuration, distributed.comm.tls)")
    if address.startswith("ucx://") or "UCX" in msg:
        return f"cannot reach the Dask scheduler at {address}: the ucx transport is not installed here (use tcp://)"
    if isinstance(error, TimeoutError) and msg == "TimeoutError":
        msg = "no answer"
    return f"cannot reach the Dask scheduler at {address}: {msg}"


def identity(address: str, timeout: float) -> dict:
    """The scheduler's `identity` answer, within `timeout` seconds, from a private event loop."""
    from distributed.core import rpc
    from distributed.security import Security

    async def ask() -> dict:
        r = rpc(address, timeout=timeout, connection_args=Security().get_connection_args("client"))
        try:
            return await r.identity()
        finally:
            await r.close_rpc()

    try:
        return asyncio.run(asyncio.wait_for(ask(), timeout))
    except TimeoutError:
        raise StorydiffError(f"cannot reach the Dask scheduler at {address}: "
                             f"no answer within {timeout:g} s") from None
    except Exception as e:  # a bad address, an unknown scheme, TLS without certificates, refused
        raise StorydiffError(_problem(address, e)) from None


def _in_thread(fn: Callable[[], Any], timeout: float, what: str) -> Any:
    """`fn()` in a daemon thread, given up after `timeout` (a distributed call that may never return)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as e:  # handed to the caller's thread
            box["error"] = e

    t = threading.Thread(target=run, name=f"storydiff-{what}", daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise TimeoutError(f"{what} took more than {timeout:g} s")
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _reap(processes: list[Any], timeout: float) -> None:
    """Wait for a closed cluster's worker processes, then stop any still running.

    A LocalCluster's close can return (or time out) while its workers are still shutting
    down; a command that ends must not leave them behind."""
    deadline = time.monotonic() + min(timeout, 10.0)
    for p in processes:
        p.join(max(0.0, deadline - time.monotonic()))
    for p in processes:
        if p.is_alive():
            p.terminate()
            p.join(2.0)
        if p.is_alive():
            p.kill()
            p.join(2.0)


class DaskRunner:
    """The same work as `LocalRunner` on a Dask cluster (its scheduler's address, or a Client)."""

    name = "dask"

    def __init__(self, scheduler: str | Any, partitions: int | None = None, timeout: float = TIMEOUT) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise StorydiffError("--engine dask needs dask.distributed: pip install 'storydiff[archive]'") from None
        self.timeout = timeout
        self._cluster: Any = None  # a LocalCluster this runner started (`on_this_machine`)
        self._processes: list[Any] = []  # its worker processes
        if isinstance(scheduler, str):
            self.address = scheduler
            info = identity(scheduler, timeout)
            try:
                self.client = _in_thread(lambda: Client(scheduler, timeout=timeout, set_as_default=False),
                                         timeout + 5, "connecting")
            except Exception as e:
                raise StorydiffError(_problem(scheduler, e)) from None
            self._own = True
            threads = sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values())
        else:
            self.client, self._own = scheduler, False
            self.address = str(getattr(scheduler.scheduler, "address", "the scheduler"))
            threads = sum(self._call(lambda: self.client.nthreads(), "asking for its workers").values())
        # A power of two, about two partitions per worker thread, so a slow one does not hold the rest.
        workers = max(1, threads)
        self.partitions = partitions or 1 << max(1, (2 * workers - 1).bit_length())

    # -- every call to the cluster is bounded ---------------------------------------------------

    def _fail(self, what: str, error: BaseException | None = None) -> StorydiffError:
        detail = f" ({error.__class__.__name__}: {str(error).splitlines()[0][:160] if str(error) else ''})" \
            if error is not None else ""
        return StorydiffError(f"the Dask cluster at {self.address} failed {what}{detail}")

    def _call(self, fn: Callable[[], Any], what: str) -> Any:
        try:
            return _in_thread(fn, self.timeout, what)
        except StorydiffError:
            raise
        except TimeoutError:
            raise StorydiffError(f"the Dask scheduler at {self.address} did not answer {what} "
                                 f"within {self.timeout:g} s") from None
        except Exception as e:
            raise self._fail(what, e) from None

    def _check(self, state: dict) -> None:
        """The scheduler answers, the connection is up, and a worker was there within `timeout`."""
        if self.client.status not in ("running", "connecting"):
            raise StorydiffError(f"lost the connection to the Dask scheduler at {self.address}")
        info = self._call(lambda: self.client.sync(self.client.scheduler.identity,
                                                   callback_timeout=self.timeout), "a status call")
        now = time.monotonic()
        if info.get("workers"):
            state["workers_seen"] = now
        elif now - state["workers_seen"] > self.timeout:
            raise StorydiffError(f"the Dask cluster at {self.address} has had no workers for "
                                 f"{self.timeout:g} s (all lost?); the archive keeps what was done")

    def _wait(self, futures: list, state: dict) -> Any:
        """The first of `futures` to finish (polled locally, the cluster checked every few seconds)."""
        every = max(0.5, min(3.0, self.timeout / 5))
        while True:
            for f in futures:
                if f.done():
                    return f
            if time.monotonic() - state["checked"] >= every:
                self._check(state)
                state["checked"] = time.monotonic()
            time.sleep(_POLL)

    def _result(self, f: Any) -> Any:
        status = f.status
        if status == "cancelled":
            raise StorydiffError(f"the Dask scheduler at {self.address} dropped the work "
                                 "(was it restarted or stopped?)")
        if status == "error":
            exc = f.exception(timeout=self.timeout)
            if exc.__class__.__name__ == "KilledWorker":
                raise StorydiffError(f"Dask workers at {self.address} died running the task (out of memory?)")
            raise self._fail("a task", exc)
        try:
            return f.result(timeout=self.timeout)
        except TimeoutError:
            raise StorydiffError(f"could not fetch a result from the Dask cluster at {self.address} "
                                 f"within {self.timeout:g} s") from None
        except Exception as e:
            raise self._fail("a task", e) from None

    def _state(self) -> dict:
        now = time.monotonic()
        return {"workers_seen": now, "checked": now}

    # -- the two operations -------------------------------------------------------------------

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        """Results in the order of `items` (the caller numbers documents in that order)."""
        futures = self.client.map(fn, list(items), pure=False)
        state = self._state()
        try:
            for f in futures:
                while not f.done():
                    self._wait([f], state)
                yield self._result(f)
                f.release()
        finally:
            for f in futures:
                f.release()

    def pair_counts(self, con: duckdb.DuckDBPyConnection, params: LinkParams, progress: Progress) -> None:
        p = self.partitions
        futures = []
        con.execute("CREATE OR REPLACE TEMP VIEW sh AS " + SH_SQL)
        for part in range(p):
            # Bits of the hash pick the partition: every row of a 3-gram goes to the same one.
            cols = con.execute("SELECT h, doc, day FROM sh WHERE (h & $mask) = $part",
                               {"mask": p - 1, "part": part}).fetchnumpy()
            # Scattered, not embedded in the task: the arrays go to a worker once, as data.
            # (A list, not the dict: scattered dict keys would be the same for every partition.)
            arrays = [cols["h"], cols["doc"], cols["day"]]
            h, doc, day = self._call(partial(self.client.scatter, arrays, hash=False, timeout=self.timeout),
                                     "scattering data")
            futures.append(self.client.submit(partition_pair_counts, h, doc, day,
                                              pair_sql_params(params), pure=False))
        pieces = []
        state = self._state()
        try:
            pending = list(futures)
            while pending:
                f = self._wait(pending, state)
                pending.remove(f)
                pieces.append(self._result(f))
                f.release()
                progress.advance(1)
        finally:
            for f in futures:
                f.release()
        parts = {k: np.concatenate([np.asarray(x[k]) for x in pieces]) if pieces else np.zeros(0, np.int64)
                 for k in ("a", "b", "shared")}
        con.register("partial_counts", parts)
        con.execute("CREATE OR REPLACE TEMP TABLE pair_counts AS "
                    "SELECT a::INTEGER AS a, b::INTEGER AS b, sum(shared)::INTEGER AS shared "
                    "FROM partial_counts GROUP BY a, b")
        con.unregister("partial_counts")

    @classmethod
    def on_this_machine(cls, workers: int | None = None, timeout: float = TIMEOUT) -> DaskRunner:
        """A runner on a Dask LocalCluster started here: `workers` processes of one thread
        each (default: one per core), listening on 127.0.0.1 only, closed with the runner.
        For an archive on one many-core machine: the same work as on a cluster, on every
        core, with no scheduler to start by hand."""
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise StorydiffError("--engine dask needs dask.distributed: pip install 'storydiff[archive]'") from None
        n = (os.cpu_count() or 1) if workers is None else workers
        if not 1 <= n <= 1024:
            raise StorydiffError("--workers must be a whole number from 1 to 1024")
        before = set(multiprocessing.active_children())
        try:
            cluster = _in_thread(lambda: LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                                      host="127.0.0.1", dashboard_address=None,
                                                      silence_logs=logging.CRITICAL),
                                 timeout + 30, "starting its workers")
        except TimeoutError:
            raise StorydiffError(f"could not start a Dask cluster on this machine within {timeout + 30:g} s") from None
        except Exception as e:
            raise StorydiffError(f"could not start a Dask cluster on this machine ({e.__class__.__name__}: "
                                 f"{str(e).splitlines()[0][:160] if str(e) else ''})") from None
        try:
            runner = cls(Client(cluster, timeout=timeout, set_as_default=False), timeout=timeout)
        except BaseException:
            cluster.close()
            raise
        runner._own, runner._cluster = True, cluster
        # The worker processes the cluster started, so `close` can make sure none outlives it.
        runner._processes = [p for p in multiprocessing.active_children() if p not in before]
        runner.address = f"this machine ({n} worker{'s' if n != 1 else ''})"
        return runner

    def close(self) -> None:
        if self._own:
            try:
                _in_thread(lambda: self.client.close(timeout=self.timeout), self.timeout + 2, "closing")
            except Exception:
                pass  # the run's own outcome (or error) is what the user needs to hear
        if self._cluster is not None:
            try:
                _in_thread(lambda: self._cluster.close(timeout=self.timeout), self.timeout + 2, "closing")
            except Exception:
                pass
            self._cluster = None
        _reap(self._processes, self.timeout)
        self._processes = []
