"""Executors: the same results, in the same order, whether serial, pooled or on Dask."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from teipress.errors import UsageError
from teipress.executors import DaskExecutor, Executor, ProcessExecutor, make_executor
from teipress.state import hash_bytes, hash_file

ITEMS = [f"item {i}".encode() * (i + 1) for i in range(40)]
EXPECTED = [hash_bytes(item) for item in ITEMS]


def test_serial_maps_in_order_and_reports_progress() -> None:
    seen: list[int] = []
    assert Executor().map(hash_bytes, ITEMS, seen.append) == EXPECTED
    assert seen == list(range(1, len(ITEMS) + 1))


def test_process_pool_gives_results_in_item_order() -> None:
    seen: list[int] = []
    with ProcessExecutor(2) as pool:
        assert pool.map(hash_bytes, ITEMS, seen.append) == EXPECTED
        assert pool.map(hash_bytes, ITEMS[:3]) == EXPECTED[:3]  # the pool is reused
    assert seen[-1] == len(ITEMS)


def test_process_pool_raises_the_first_failure_in_item_order(tmp_path: Path) -> None:
    good = tmp_path / "good.xml"
    good.write_bytes(b"<a/>")
    paths = [good, tmp_path / "missing-1.xml", good, tmp_path / "missing-2.xml"]
    with ProcessExecutor(2) as pool, pytest.raises(FileNotFoundError, match="missing-1"):
        pool.map(hash_file, paths)


def test_make_executor_chooses_by_jobs_and_rejects_bad_options() -> None:
    assert type(make_executor("local", jobs=1)) is Executor
    assert isinstance(make_executor("local", jobs=2), ProcessExecutor)
    assert isinstance(make_executor("local", jobs=0), Executor)
    with pytest.raises(UsageError, match="unknown executor"):
        make_executor("spark")
    with pytest.raises(UsageError, match="only applies"):
        make_executor("local", scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(UsageError, match="--jobs"):
        make_executor("local", jobs=-3)
    with pytest.raises(UsageError, match="--scheduler"):
        make_executor("dask")


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip(
        "distributed", reason="distributed is not installed (pip install 'teipress[dask]')"
    )
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    yield cluster
    cluster.close()


def test_dask_cluster_gives_the_same_results_as_local(dask_cluster) -> None:
    seen: list[int] = []
    with DaskExecutor(dask_cluster.scheduler_address) as dask:
        assert "2 workers" in dask.describe()
        assert dask.map(hash_bytes, ITEMS, seen.append) == EXPECTED
        assert dask.map(hash_bytes, []) == []
    assert seen[-1] == len(ITEMS)


def test_dask_worker_errors_reach_the_caller(dask_cluster, tmp_path: Path) -> None:
    with DaskExecutor(dask_cluster.scheduler_address) as dask, pytest.raises(FileNotFoundError):
        dask.map(hash_file, [tmp_path / "absent.xml"])


def test_unreachable_scheduler_is_a_one_line_input_error(monkeypatch) -> None:
    pytest.importorskip("distributed", reason="distributed is not installed")
    from teipress import executors
    from teipress.errors import InputError

    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
        make_executor("dask", scheduler="tcp://127.0.0.1:9")


def _join(item: str, shared: str) -> str:
    return f"{item}+{shared}"


SHARED_ITEMS = [str(i) for i in range(12)]


def test_shared_argument_reaches_every_local_worker() -> None:
    expected = [f"{i}+ctx" for i in SHARED_ITEMS]
    assert Executor().map(_join, SHARED_ITEMS, shared="ctx") == expected
    with ProcessExecutor(2) as pool:
        assert pool.map(_join, SHARED_ITEMS, shared="ctx") == expected


#: Set by the test below after this module was imported: a worker forked from the test
#: process sees the new value, a worker started afresh (forkserver) the imported one.
INHERITED = "imported"


def _inherited(item: str, shared: str) -> str:
    return f"{item}+{shared}+{INHERITED}"


@pytest.mark.parametrize(("limit", "seen"), [(2**62, "changed"), (0, "imported")])
def test_workers_of_a_large_process_do_not_start_from_its_memory(
    monkeypatch: pytest.MonkeyPatch, limit: int, seen: str
) -> None:
    from teipress import executors

    monkeypatch.setattr(executors, "FRESH_ABOVE_BYTES", limit)
    monkeypatch.setattr(sys.modules[__name__], "INHERITED", "changed")
    with ProcessExecutor(2) as pool:
        assert pool.map(_inherited, SHARED_ITEMS, shared="ctx") == [
            f"{i}+ctx+{seen}" for i in SHARED_ITEMS
        ]


def test_shared_argument_reaches_every_dask_worker(dask_cluster) -> None:
    items = SHARED_ITEMS
    expected = [f"{i}+ctx" for i in items]
    with DaskExecutor(dask_cluster.scheduler_address) as dask:
        assert dask.map(_join, items, shared="ctx") == expected
