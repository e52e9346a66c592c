"""Run per-document work serially, in a local process pool, or on a Dask cluster.

The build maps a pure, module-level function over the edition's documents; results
come back in input order whatever the executor and whatever order the work finished
in, so output bytes never depend on `--jobs` or `--executor`. Dask is an optional
extra (`pip install 'teipress[dask]'`): nothing imports `distributed` unless asked to.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from typing import Any, TypeVar

from .errors import InputError, UsageError

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int], None]
NOTHING: Any = object()  # no shared argument

EXECUTORS = ("local", "dask")
#: How long to keep trying to reach a Dask scheduler before giving up.
CONNECT_TIMEOUT = "10s"


def default_jobs() -> int:
    """The number of CPUs this process may use (respects affinity masks and containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Executor:
    """Maps a function over items and returns the results in item order."""

    name = "serial"

    def map(
        self,
        fn: Callable[..., R],
        items: Sequence[T],
        progress: Progress | None = None,
        shared: Any = NOTHING,
    ) -> list[R]:
        """`[fn(item) for item in items]`; `progress(k)` after each of the k results.

        With `shared`, calls `fn(item, shared)`; the shared value (say, the resolved
        edition) travels to each worker once, not once per item.
        """
        results = []
        for item in items:
            results.append(fn(item) if shared is NOTHING else fn(item, shared))
            if progress:
                progress(len(results))
        return results

    def describe(self) -> str:
        """For the build report: where the work ran."""
        return "1 process"

    def close(self) -> None:
        """Release workers or connections (nothing for the serial executor)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ProcessExecutor(Executor):
    """A local process pool of `jobs` workers, started on first use and reused after."""

    name = "process"

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    def describe(self) -> str:
        return f"{self.jobs} processes"

    def map(
        self,
        fn: Callable[..., R],
        items: Sequence[T],
        progress: Progress | None = None,
        shared: Any = NOTHING,
    ) -> list[R]:
        if self.jobs <= 1 or len(items) <= 1:
            return super().map(fn, items, progress, shared)
        if shared is not NOTHING:
            with ProcessPoolExecutor(
                max_workers=min(self.jobs, len(items)),
                initializer=_keep_shared,
                initargs=(shared,),
            ) as pool:
                futures = [pool.submit(_with_shared, fn, item) for item in items]
                _wait_in_order(futures, progress)
                return [f.result() for f in futures]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs)
        futures = [self._pool.submit(fn, item) for item in items]
        _wait_in_order(futures, progress)
        return [f.result() for f in futures]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


_SHARED: Any = NOTHING


def _keep_shared(shared: Any) -> None:
    """Pool initializer: keep the shared argument in the worker process."""
    global _SHARED
    _SHARED = shared


def _with_shared(fn: Callable[..., R], item: Any) -> R:
    return fn(item, _SHARED)


def _wait_in_order(futures: list[Future], progress: Progress | None) -> None:
    """Wait for every future, reporting progress; the first failure (in item order) raises.

    Waiting for all before raising keeps the reported error the same on every run.
    """
    pending, done = set(futures), 0
    while pending:
        finished, pending = wait(pending, return_when="FIRST_COMPLETED")
        done += len(finished)
        if progress:
            progress(done)
    for future in futures:
        future.result()


class DaskExecutor(Executor):
    """Sends the work to a Dask distributed scheduler and gathers the results in order.

    Workers need teipress installed (same version) and, when items are file paths, the
    edition at the same path; the build sends document bytes so a shared folder is not
    required.
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, client: Any = None) -> None:
        if client is None and not scheduler:
            raise UsageError(
                "--executor dask needs --scheduler tcp://HOST:PORT (start one with "
                "`dask scheduler` and workers with `dask worker tcp://HOST:PORT`)"
            )
        self.scheduler = scheduler or str(getattr(client.scheduler, "address", "client"))
        self._own = client is None
        self.client = client if client is not None else _connect(scheduler or "")

    def describe(self) -> str:
        workers = self.client.scheduler_info().get("workers", {})
        threads = sum(w.get("nthreads", 0) for w in workers.values())
        return f"Dask at {self.scheduler}: {len(workers)} workers, {threads} threads"

    def map(
        self,
        fn: Callable[..., R],
        items: Sequence[T],
        progress: Progress | None = None,
        shared: Any = NOTHING,
    ) -> list[R]:
        if not items:
            return []
        from distributed import as_completed

        if shared is NOTHING:
            futures = self.client.map(fn, list(items), pure=False)
        else:
            value = self.client.scatter(shared, broadcast=True, hash=False)
            futures = self.client.map(fn, list(items), [value] * len(items), pure=False)
        try:
            for done, _ in enumerate(as_completed(futures, loop=self.client.loop), 1):
                if progress:
                    progress(done)
            return self.client.gather(futures)
        finally:
            self.client.cancel(futures)

    def close(self) -> None:
        if self._own:
            self.client.close()


def _connect(scheduler: str) -> Any:
    """A Client connected to `scheduler`; one-line errors when Dask is absent or unreachable."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise UsageError(
            "--executor dask needs the Dask distributed package: pip install 'teipress[dask]'"
        ) from exc
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(
            f"cannot reach the Dask scheduler at {scheduler} ({exc.__class__.__name__}); "
            "is `dask scheduler` running there and the address right?"
        ) from exc


def make_executor(
    kind: str = "local", jobs: int | None = None, scheduler: str | None = None
) -> Executor:
    """The executor for `--executor KIND --jobs N --scheduler ADDRESS`."""
    if kind == "dask":
        return DaskExecutor(scheduler)
    if kind != "local":
        raise UsageError(f"unknown executor {kind!r}; choose one of: {', '.join(EXECUTORS)}")
    if scheduler:
        raise UsageError("--scheduler only applies to --executor dask")
    jobs = default_jobs() if jobs is None or jobs == 0 else jobs
    if jobs < 0:
        raise UsageError(f"--jobs must be 0 (all cores) or more, not {jobs}")
    return ProcessExecutor(jobs) if jobs > 1 else Executor()
