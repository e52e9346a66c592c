"""Run per-document work serially, in a local process pool, or on a Dask cluster.

The build maps a pure, module-level function over the edition's documents; results
come back in input order whatever the executor and whatever order the work finished
in, so output bytes never depend on `--jobs` or `--executor`. Dask is an optional
extra (`pip install 'teipress[dask]'`): nothing imports `distributed` unless asked to.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from .errors import InputError, UsageError

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int], None]
NOTHING: Any = object()  # no shared argument

EXECUTORS = ("local", "dask")
#: How long to keep trying to reach a Dask scheduler before giving up.
CONNECT_TIMEOUT = "10s"
#: A pool whose workers get a shared value is started from a fresh process (not forked
#: from this one) when this process holds more than this much memory (`_start_method`).
FRESH_ABOVE_BYTES = 256 * 1024 * 1024


def return_free_heap() -> None:
    """Give the C heap's free pages back to the system (glibc's malloc_trim). A large
    file's tree or page, once freed, stays in the process otherwise: for a 100 MB document
    that is most of a GB, carried through the rest of the build and into every worker
    forked from the process."""
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library the interpreter runs on
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to give back
        return
    trim(0)


def default_jobs() -> int:
    """The number of CPUs this process may use (respects affinity masks and containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Executor:
    """Maps a function over items and yields the results in item order."""

    name = "serial"
    #: Do the workers see this machine's files (the site being written)? Dask's may not.
    local = True

    def imap(
        self,
        fn: Callable[..., R],
        items: Sequence[T],
        progress: Progress | None = None,
        shared: Any = NOTHING,
    ) -> Iterator[R]:
        """`fn(item)` for each item, in item order, as soon as each is ready.

        With `shared`, calls `fn(item, shared)`; the shared value (say, the resolved
        edition) travels to each worker once, not once per item. `progress(k)` is called
        after the k-th result. Consuming results as they come keeps memory flat: the
        caller writes each page and drops it.
        """
        for k, item in enumerate(items, 1):
            yield fn(item) if shared is NOTHING else fn(item, shared)
            if progress:
                progress(k)

    def map(
        self,
        fn: Callable[..., R],
        items: Sequence[T],
        progress: Progress | None = None,
        shared: Any = NOTHING,
    ) -> list[R]:
        """All results of `imap` as a list."""
        return list(self.imap(fn, items, progress, shared))

    def describe(self) -> str:
        """For the build report: where the work ran."""
        return "1 process"

    def close(self) -> None:
        """Release workers or connections (nothing for the serial executor)."""

    def release_idle(self) -> None:
        """Let go of workers kept for reuse between phases, before a phase that starts
        its own (a local pool is made again when next needed; a cluster is kept)."""

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

    def imap(
        self,
        fn: Callable[..., R],
        items: Sequence[T],
        progress: Progress | None = None,
        shared: Any = NOTHING,
    ) -> Iterator[R]:
        if self.jobs <= 1 or len(items) <= 1:
            yield from super().imap(fn, items, progress, shared)
            return
        if shared is NOTHING:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=self.jobs)
            yield from _in_order([self._pool.submit(fn, i) for i in items], progress)
            return
        with ProcessPoolExecutor(
            max_workers=min(self.jobs, len(items)),
            mp_context=_start_method(),
            initializer=_keep_shared,
            initargs=(pickle.dumps(shared, pickle.HIGHEST_PROTOCOL),),
        ) as pool:
            futures = [pool.submit(_with_shared, fn, item) for item in items]
            try:
                yield from _in_order(futures, progress)
            finally:
                for future in futures:
                    if future is not None:
                        future.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def release_idle(self) -> None:
        self.close()


_SHARED: Any = NOTHING


def _start_method() -> multiprocessing.context.BaseContext:
    """How to start the workers of a pool that gets a shared value.

    Such a pool runs after the whole-edition phases, when this process may hold a GB of
    read results. A worker forked from it shares those pages only until it touches the
    objects on them (a reference count is a write), so each worker ends up with its own
    copy of most of them: 0.6 to 0.7 GB each at 200 MB of TEI. A worker started by the
    forkserver starts from a process that holds nothing of the edition and unpickles
    only the shared value (the resolved context, a tenth of that). A small process is
    forked as before: it is faster to start and there is little to copy.
    """
    large = _resident_bytes() > FRESH_ABOVE_BYTES
    if large and "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # The server imports teipress once, for every worker it starts. Those workers,
        # like any that multiprocessing starts afresh, import the caller's main module:
        # a script calling teipress must keep its work under `if __name__ == "__main__":`.
        context.set_forkserver_preload(["teipress.builders.site"])
        return context
    return multiprocessing.get_context()


def _resident_bytes() -> int:
    """This process's resident memory (0 where /proc is not there to say)."""
    try:
        resident = Path("/proc/self/statm").read_bytes().split()[1]
        return int(resident) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _keep_shared(blob: bytes) -> None:
    """Pool initializer: keep the shared argument in the worker process. It comes
    pickled, once for the pool rather than once per worker started."""
    global _SHARED
    _SHARED = pickle.loads(blob)


def _with_shared(fn: Callable[..., R], item: Any) -> R:
    return fn(item, _SHARED)


def _in_order(futures: list[Future], progress: Progress | None) -> Iterator[Any]:
    """Results in item order, each released once yielded; the first failure (in item
    order) raises, so the reported error is the same on every run."""
    for k in range(len(futures)):
        result = futures[k].result()
        futures[k] = None  # type: ignore[call-overload]  # let the result be freed
        yield result
        if progress:
            progress(k + 1)


class DaskExecutor(Executor):
    """Sends the work to a Dask distributed scheduler and gathers the results in order.

    Workers need teipress installed (the same version) and the edition's files at the
    same path (a shared or synchronised folder), since tasks name files by path.
    """

    name = "dask"
    local = False

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

    def imap(
        self,
        fn: Callable[..., R],
        items: Sequence[T],
        progress: Progress | None = None,
        shared: Any = NOTHING,
    ) -> Iterator[R]:
        if not items:
            return
        if shared is NOTHING:
            futures = self.client.map(fn, list(items), pure=False)
        else:
            value = self.client.scatter(shared, broadcast=True, hash=False)
            futures = self.client.map(fn, list(items), [value] * len(items), pure=False)
        try:
            for k in range(len(futures)):
                result = futures[k].result()
                futures[k].release()
                yield result
                if progress:
                    progress(k + 1)
        finally:
            self.client.cancel([f for f in futures if f.status == "pending"])

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
