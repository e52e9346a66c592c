"""Incremental builds: what each output is made from, what changed, and carrying the rest over.

The build asks this module three things. Before reading: is everything up to date (the
no-op fast path, file hashes only)? While reading: which files can reuse their cached
per-file results (state.ResultCache, keyed by content hash)? Before writing: which
outputs must be rendered again? Each output depends on hashed inputs:

- documents/<id>.html, text/<id>.txt: the source file; `@doc:<id>` (its own metadata,
  neighbours, the resolved citations of its notes, the notes citing it); `@site` (what
  every document page may link to: page names, titles, register labels, anchors);
- index pages (start, chronology, citations, register indexes, entry pages):
  `@page:<page>`, the slice of the edition index the page is rendered from
  (builders/index_pages.py), and `@nav`; tei/ copies: their source file.

Outputs not rebuilt are hard-linked from the previous site into the new one before the
atomic swap, so the previous site stays whole until the new one is complete.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .executors import Executor
from .state import (
    FULL_ASKED,
    BuildState,
    Inputs,
    Plan,
    ResultCache,
    edition_inputs,
    hash_file,
    hash_text,
)

log = logging.getLogger("teipress.build")
TP = "{https://teipress.org/ns}"


class Incremental:
    """One build's view of the previous one: state, cached reads, the plan, carrying over."""

    def __init__(self, config: Any, out: Path, files: Sequence[Path], *, full: bool) -> None:
        self.config, self.out = config, Path(out)
        self._root = Path(config.root).resolve()  # once: file_key runs for every file
        self.inputs: Inputs = edition_inputs(config, files)
        self.state = BuildState(problem=FULL_ASKED) if full else BuildState.load(self.out)
        salt = hash_text(*(f"{k}={v}" for k, v in sorted(self.inputs.globals.items())))
        self.cache = ResultCache(self.out, salt)
        self.plan: Plan | None = None
        self.graph: dict[str, list[str]] = {}
        self.read_keys: list[str] = []
        self.save_state = True

    @property
    def warning(self) -> str | None:
        """Why a previous state could not be used (corrupt, old format), for the report."""
        return self.state.warning

    def up_to_date(self) -> bool:
        """Nothing changed since the last successful build and its outputs are all there."""
        return self.state.up_to_date(self.inputs, self.out)

    def file_key(self, path: str | Path) -> str:
        """The key of an edition file in the state: its path relative to the project."""
        path, root = Path(path).resolve(), self._root
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()

    def read(self, executor: Executor, fn: Callable, tasks: Sequence[Any], progress=None) -> list:
        """`fn(task)` for every read task, reusing results for files whose bytes are known."""
        keys = [
            hash_text(self.inputs.files.get(self.file_key(t.path)) or hash_file(t.path), repr(t))
            for t in tasks
        ]

        def run(f: Callable, items: Sequence[Any]) -> Iterator:
            return executor.imap(f, items, progress)

        results = self.cache.map(run, fn, tasks, keys)
        self.read_keys = list(keys)
        if self.cache.hits:
            log.debug("reused the cached reading of %d of %d files", self.cache.hits, len(tasks))
        return results

    # ------------------------------------------------------------ planning

    def plan_outputs(
        self,
        ctx: Any,
        render_tasks: Sequence[Any],
        options: dict,
        index_pages: Sequence[Any] = (),
        sources: dict[str, Path] | None = None,
    ) -> Plan:
        """The dependency graph of this build's outputs, compared with the last build.

        `index_pages` are builders.index_pages.IndexPage: each depends on the hash of
        the edition-index slice it is rendered from, and on the navigation.
        """
        derived = {
            "@site": site_hash(ctx, options),
            "@nav": hash_text(repr(sorted(options.items()))),
        }
        graph: dict[str, list[str]] = {}
        for entry in ctx.registers.entries():
            derived[label_key(entry)] = hash_text(
                entry.name, entry.kind, str(entry.archive), ctx.entry_href(entry)
            )
        for task in render_tasks:
            source = self.file_key(task.read.path)
            resolved: dict[str, list] = {}  # the task's citations (build.render_tasks) by document
            for key, value in task.citations:
                resolved.setdefault(key[0], []).append((key, value))
            for doc_id in task.documents:
                derived[f"@doc:{doc_id}"] = doc_hash(ctx, doc_id, resolved.get(doc_id, []))
                page = ctx.pages[doc_id]
                # the register entries this page showed last time (recorded while rendering)
                seen = [d for d in self.state.outputs.get(page, []) if d.startswith("@label:")]
                deps = [source, "@site", f"@doc:{doc_id}", *seen]
                name = page.removeprefix("documents/").removesuffix(".html")
                graph[page] = deps
                graph[f"text/{name}.txt"] = deps
        for page in index_pages:
            derived[f"@page:{page.rel}"] = page.digest
            graph[page.rel] = [f"@page:{page.rel}", "@nav"]
        for rel, path in (sources or {}).items():
            graph[rel] = [self.file_key(path)]
        self.graph = graph
        self.inputs = self.inputs.with_hashes(derived)
        self.plan = self.state.plan(self.inputs, graph, self.out)
        if self.plan.full:
            log.debug("full rebuild: %s", self.plan.full)
        for line in self.plan.explain():
            log.debug("rebuild %s", line)
        return self.plan

    def rendered(self, result: Any) -> None:
        """Record the register entries a freshly rendered file showed, as its pages' deps."""
        labels = list(getattr(result, "label_deps", []))
        for rel, _ in result:
            if rel in self.graph:
                static = [d for d in self.graph[rel] if not d.startswith("@label:")]
                self.graph[rel] = static + labels

    def task_needed(self, task: Any, ctx: Any) -> bool:
        """Must this document file be rendered again (any of its pages or texts)?"""
        return any(self.needed(rel) for rel in _task_outputs(task, ctx))

    def page_count(self) -> int:
        """HTML pages of the whole site, rebuilt or carried over."""
        return sum(1 for rel in self.graph if rel.endswith(".html"))

    def needed(self, rel: str) -> bool:
        """Must `rel` be written now? Outputs outside the graph always are."""
        return self.plan is None or rel not in self.graph or self.plan.needs(rel)

    # ------------------------------------------------------------ finishing

    def finish(self, temp: Path, written: Iterable[str], report: Any) -> int:
        """Carry unchanged outputs over into the new site, then save state and cache there.

        Returns the number of outputs carried over (hard links, else copies). A build
        that kept going past invalid documents saves no state: the next one starts over.
        """
        done = {w.casefold() for w in written}
        carried = 0
        for rel in sorted(self.graph):
            if rel.casefold() in done:
                continue
            source = self.out / rel
            if not source.is_file():
                raise RuntimeError(f"{rel} was neither rebuilt nor found in the previous site")
            _link_or_copy(source, temp / rel)
            carried += 1
        if self.save_state:
            self.cache.persist(temp, self.read_keys)
            info = {k: getattr(report, k) for k in ("documents", "pages", "citations")}
            warnings = [
                [d.path, d.line, d.col, d.code, d.message]
                for d in report.warnings
                if d.code != "build-state"  # about this build, not the edition
            ]
            BuildState.record(self.inputs, self.graph, info, warnings).save(temp)
        return carried

    def explain(self) -> list[str]:
        """`output: why` for every output rebuilt, or the one reason of a full rebuild."""
        if self.plan is None:
            return []
        if self.plan.full:
            return [f"all {len(self.graph)} outputs: {self.plan.full}"]
        return self.plan.explain()


def _task_outputs(task: Any, ctx: Any) -> list[str]:
    outputs = []
    for doc_id in task.documents:
        page = ctx.pages[doc_id]
        outputs += [page, f"text/{page.removeprefix('documents/').removesuffix('.html')}.txt"]
    return outputs


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def label_key(entry: Any) -> str:
    """The input key of what a document page shows of a register entry (name, link)."""
    return f"@label:{entry.file}#{entry.id}"


def site_hash(ctx: Any, options: dict) -> str:
    """Everything any document page may show of the rest of the edition.

    Page names, document titles, anchors of cross-file targets, which register entries
    exist (so that a pointer resolves the same way), register and citation-index
    anchors. Not the entries' names: each page depends on the names it showed
    (recorded while rendering), so renaming an entry rebuilds the pages that show it.
    """
    labels = sorted((e.file, e.id, e.kind, e.archive) for e in ctx.registers.entries())
    titles = sorted((k, m.title) for k, m in ctx.meta.items())
    return hash_text(
        ctx.title,
        repr(sorted(options.items())),
        repr(sorted(ctx.pages.items())),
        repr(titles),
        repr(labels),
        repr(sorted(ctx.entry_pages.items())),
        repr(sorted(ctx.targets.items())),
        repr(sorted(ctx.file_docs.items())),
        repr(sorted(ctx.index_anchors.items())),
        repr(sorted(ctx.citation_pages.items())),
    )


def doc_hash(ctx: Any, doc_id: str, resolved: list) -> str:
    """What one document's page takes from the resolved edition besides `site_hash`."""
    meta = ctx.meta[doc_id]
    position = ctx.position.get(doc_id, -1)
    neighbours = [
        ctx.order[p] for p in (position - 1, position + 1) if 0 <= p < len(ctx.order)
    ]  # fmt: skip
    container = ctx.meta.get(meta.container)
    resolved = sorted(resolved, key=lambda kv: kv[0])
    return hash_text(
        repr(meta),
        repr(container.title if container else ""),
        repr(neighbours if position >= 0 else None),
        repr(resolved),
        repr(ctx.cited_by.get(doc_id, [])),
        # the page of a split index each citation links to: a large group's further
        # pages move as citations are added, so this is the document's, not the site's
        repr([ctx.source_pages.get(r.source, "") for _, r in resolved]),
    )


def render_with(task: Any, shared: tuple) -> Any:
    """Render one document file in a worker; `shared` holds init_worker's arguments
    (the resolved edition first), sent once per worker by the executor.

    Every register entry the rendering looks up is recorded (`label_deps`), like a
    compiler's depfile: the next build rebuilds these pages when one of them changes.
    Recording is per thread, since a Dask worker renders in several threads at once.
    """
    from .builders import documents

    ctx = shared[0]
    with _INSTALL:
        if documents._CONTEXT is not ctx:
            documents.init_worker(*shared)
        if not isinstance(ctx.registers, _Recorder):
            ctx.registers = _Recorder(ctx.registers)
    _LOCAL.seen = set()
    try:
        result = RenderedFile(documents.render_file(task))
    finally:
        seen, _LOCAL.seen = _LOCAL.seen, None
    result.label_deps = sorted(seen)
    return result


class RenderedFile(list):
    """render_file's [(site path, bytes)], plus the register entries its pages showed."""

    label_deps: list[str]


_LOCAL = threading.local()
_INSTALL = threading.Lock()


class _Recorder:
    """Stands in for a Registers object; notes, per thread, every entry lookups return."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.real, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            found = attr(*args, **kwargs)
            seen = getattr(_LOCAL, "seen", None)
            if seen is not None and all(hasattr(found, a) for a in ("file", "id", "name")):
                seen.add(label_key(found))
            return found

        return call
