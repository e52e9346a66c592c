"""Build state: hashes decide what is rebuilt, each decision has a reason, bad state is safe."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from teipress.config import load_config
from teipress.executors import Executor
from teipress.state import (
    CACHE_DIR,
    STATE_NAME,
    BuildState,
    Inputs,
    ResultCache,
    edition_inputs,
    hash_bytes,
    hash_tree,
)

GLOBALS = {"teipress": "1.0", "config": "c1", "xslt": "x1", "schema": "s1"}
GRAPH = {
    "documents/a.html": ["docs/a.xml", "persons.xml#ann"],
    "documents/b.html": ["docs/b.xml"],
    "persons/ann.html": ["persons.xml#ann", "docs/a.xml"],
    "index.html": ["docs/a.xml", "docs/b.xml"],
}


def inputs(changes: dict[str, str] | None = None) -> Inputs:
    """The inputs of the recorded build, with some hashes changed (keys with # are derived)."""
    files = {"docs/a.xml": "ha", "docs/b.xml": "hb", "reg/persons.xml": "hp"}
    derived = {"persons.xml#ann": "e1"}
    for key, value in (changes or {}).items():
        (derived if "#" in key else files)[key] = value
    return Inputs(dict(GLOBALS), files).with_hashes(derived)


def saved(tmp_path: Path, graph: dict = GRAPH) -> BuildState:
    out = tmp_path / "site"
    for name in graph:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("x")
    BuildState.record(inputs(), graph).save(out)
    return BuildState.load(out)


def test_round_trip_and_nothing_to_do(tmp_path: Path) -> None:
    state = saved(tmp_path)
    assert state.problem is None and state.warning is None
    assert state.up_to_date(inputs(), tmp_path / "site")
    plan = state.plan(inputs(), GRAPH, tmp_path / "site")
    assert plan.nothing_to_do and plan.rebuild == {} and len(plan.unchanged) == 4


def test_changed_document_rebuilds_only_what_depends_on_it(tmp_path: Path) -> None:
    state = saved(tmp_path)
    now = inputs({"docs/b.xml": "hb2"})
    assert not state.up_to_date(now)
    plan = state.plan(now, GRAPH, tmp_path / "site")
    assert plan.rebuild == {
        "documents/b.html": ["docs/b.xml changed"],
        "index.html": ["docs/b.xml changed"],
    }
    assert "documents/a.html" in plan.unchanged and "persons/ann.html" in plan.unchanged
    assert plan.explain()[0] == "documents/b.html: docs/b.xml changed"


def test_changed_register_entry_rebuilds_the_pages_that_mention_it(tmp_path: Path) -> None:
    state = saved(tmp_path)
    plan = state.plan(inputs({"persons.xml#ann": "e2"}), GRAPH)
    assert sorted(plan.rebuild) == ["documents/a.html", "persons/ann.html"]
    assert plan.rebuild["persons/ann.html"] == ["persons.xml#ann changed"]


def test_removed_document_removes_its_outputs(tmp_path: Path) -> None:
    state = saved(tmp_path)
    now = Inputs(dict(GLOBALS), {"docs/a.xml": "ha", "reg/persons.xml": "hp"}).with_hashes(
        {"persons.xml#ann": "e1"}
    )
    assert not state.up_to_date(now), "a removed file must defeat the no-op fast path"
    graph = {k: [d for d in v if d != "docs/b.xml"] for k, v in GRAPH.items() if "b." not in k}
    plan = state.plan(now, graph)
    assert plan.remove == ["documents/b.html"]
    assert plan.rebuild == {"index.html": ["no longer depends on docs/b.xml"]}
    assert plan.explain()[-1] == "documents/b.html: removed (its inputs are gone)"


def test_global_change_rebuilds_everything_naming_the_cause(tmp_path: Path) -> None:
    state = saved(tmp_path)
    now = Inputs({**GLOBALS, "xslt": "x2"}, dict(inputs().files), dict(inputs().derived))
    assert not state.up_to_date(now)
    plan = state.plan(now, GRAPH)
    assert plan.full == "stylesheets changed"
    assert all(why == ["stylesheets changed"] for why in plan.rebuild.values())
    assert len(plan.rebuild) == len(GRAPH)


def test_new_and_missing_outputs_are_rebuilt(tmp_path: Path) -> None:
    state = saved(tmp_path)
    (tmp_path / "site" / "index.html").unlink()
    assert not state.up_to_date(inputs(), tmp_path / "site")
    plan = state.plan(inputs(), {**GRAPH, "chronology.html": ["docs/a.xml"]}, tmp_path / "site")
    assert plan.rebuild == {
        "chronology.html": ["new output"],
        "index.html": ["missing from the output folder"],
    }


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'{"version": 0}',
        b'{"version": 2, "files": 3}',
        b'{"version": 1, "globals": {}, "files": {}, "derived": {}, "outputs": {}}',
        b'{"version": 2, "globals": {}, "files": {}, "derived": {}, "deps": ["a"],'
        b' "outputs": {"x.html": [3]}}',
    ],
)
def test_corrupt_or_old_state_means_full_rebuild_with_a_warning(
    tmp_path: Path, content: bytes
) -> None:
    cache = tmp_path / "site" / CACHE_DIR
    cache.mkdir(parents=True)
    (cache / STATE_NAME).write_bytes(content)
    state = BuildState.load(tmp_path / "site")
    assert state.warning and state.warning.endswith("rebuilding everything")
    plan = state.plan(inputs(), GRAPH)
    assert plan.full and len(plan.rebuild) == len(GRAPH) and plan.warning == state.warning
    assert not state.up_to_date(inputs())


def test_missing_state_is_a_full_build_without_a_warning(tmp_path: Path) -> None:
    state = BuildState.load(tmp_path / "nowhere")
    assert state.warning is None
    assert state.plan(inputs(), GRAPH).full == "no previous build state"


def test_state_file_is_stable_json_with_a_version(tmp_path: Path) -> None:
    saved(tmp_path)
    path = tmp_path / "site" / CACHE_DIR / STATE_NAME
    first = path.read_bytes()
    BuildState.load(tmp_path / "site").save(tmp_path / "site")
    assert path.read_bytes() == first
    data = json.loads(first)
    assert data["version"] == 2
    assert [data["deps"][k] for k in data["outputs"]["index.html"]] == ["docs/a.xml", "docs/b.xml"]


def test_record_refuses_a_dependency_without_a_hash() -> None:
    with pytest.raises(ValueError, match="without a hash"):
        BuildState.record(inputs(), {"x.html": ["docs/zzz.xml"]})


def test_edition_inputs_hash_content_not_mtimes(tmp_path: Path) -> None:
    (tmp_path / "teipress.toml").write_text('[edition]\ntitle = "T"\n')
    docs = tmp_path / "tei" / "documents"
    docs.mkdir(parents=True)
    doc = docs / "a.xml"
    doc.write_bytes(b"<TEI/>")
    config = load_config(tmp_path)
    first = edition_inputs(config)
    assert first.files == {"tei/documents/a.xml": hash_bytes(b"<TEI/>")}
    os.utime(doc, (1, 1))
    assert edition_inputs(config) == first, "touching a file changes nothing"
    doc.write_bytes(b"<TEI />")
    os.utime(doc, (1, 1))
    assert edition_inputs(config).files != first.files, "an edit with an old mtime is seen"
    assert set(first.globals) >= {"teipress", "config", "xslt", "schema"}


def test_hash_tree_sees_renames_and_edits(tmp_path: Path) -> None:
    (tmp_path / "a.xsl").write_text("1")
    before = hash_tree(tmp_path)
    (tmp_path / "a.xsl").rename(tmp_path / "b.xsl")
    assert hash_tree(tmp_path) != before
    assert hash_tree(None) == "" and hash_tree(tmp_path / "absent") == "absent"


def test_result_cache_reuses_results_for_the_same_bytes_only(tmp_path: Path) -> None:
    calls: list[bytes] = []

    def work(item: bytes) -> str:
        calls.append(item)
        return hash_bytes(item)

    def keys(items: list[bytes]) -> list[str]:
        return [hash_bytes(i) for i in items]

    items = [b"a", b"b", b"c"]
    cache = ResultCache(tmp_path / "old", salt="v1")
    assert cache.map(Executor().map, work, items, keys(items)) == keys(items)
    assert calls == items
    cache.persist(tmp_path / "old", keys(items))
    calls.clear()
    again = ResultCache(tmp_path / "old", salt="v1")
    items[1] = b"B"
    assert again.map(Executor().map, work, items, keys(items))[1] == hash_bytes(b"B")
    assert calls == [b"B"] and again.hits == 2
    again.persist(tmp_path / "new", keys(items))
    kept = list((tmp_path / "new" / CACHE_DIR / "results").glob("*.pickle"))
    assert len(kept) == 3, "the new cache holds the current files' entries only"
    calls.clear()
    other = ResultCache(tmp_path / "new", salt="v2")
    other.map(Executor().map, work, items, keys(items))
    assert calls == items, "another toolkit version or config never reuses results"


def test_result_cache_recomputes_unreadable_entries(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, salt="s")
    cache.put("k", pickle.dumps({"x": 1}))
    cache.persist(tmp_path, ["k"])
    assert ResultCache(tmp_path, salt="s").get("k") == (True, {"x": 1})
    for entry in (tmp_path / CACHE_DIR / "results").glob("*.pickle"):
        entry.write_bytes(b"truncated")
    assert ResultCache(tmp_path, salt="s").get("k") == (False, None)
