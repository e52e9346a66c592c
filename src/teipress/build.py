"""`teipress build`: discover → read → validate → resolve → write, with a report.

Reading runs per file (in worker processes with `jobs > 1`) and returns plain data;
only the resolve phase sees the whole edition; only the write phase writes, and it
writes through writer.SiteWriter, so a failed build leaves the previous site intact.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .builders import data as data_builder
from .builders.documents import (
    FileResult,
    ReadTask,
    RenderTask,
    forget_trees,
    read_file,
    render_file,
)
from .citations import CitationIndex, build_index, slug
from .config import Config, document_files, register_files
from .edition_index import chunks, edition_sections, edition_start, edition_xml
from .errors import Diagnostic, UsageError, display_path
from .executors import Executor, make_executor, return_free_heap
from .incremental import Incremental
from .model import DocumentData, Source
from .registers import Registers
from .resolve import Context, safe_name
from .writer import SiteWriter, check_output

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    """The options of `teipress build`."""

    out: Path | None = None
    jobs: int = 1
    clean: bool = False
    keep_going: bool = False
    progress: Progress | None = None
    executor: str = "local"  # or "dask", with `scheduler`
    scheduler: str | None = None
    full: bool = False  # ignore the previous build's state: rebuild every output


@dataclass
class BuildReport:
    """What a build did: counts for the summary line, diagnostics, unrendered elements."""

    output: Path
    documents: int = 0
    pages: int = 0
    citations: int = 0
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    element_counts: Counter = field(default_factory=Counter)
    generic_elements: dict[str, int] = field(default_factory=dict)
    validation: str = ""
    seconds: float = 0.0
    written: bool = False
    up_to_date: bool = False  # nothing changed: the previous site was kept as it is
    rebuilt: list[str] = field(default_factory=list)  # "output: why", for `build -v`
    carried: int = 0  # outputs kept from the previous site

    def summary(self) -> str:
        """The one-line summary the command prints last."""
        return (
            f"{self.documents} documents, {self.pages} pages, {self.citations} citations, "
            f"{len(self.warnings)} warnings, {self.seconds:.2f}s"
        )


@dataclass
class _Edition:
    """The read edition, in memory between the read and write phases."""

    results: list[FileResult]
    trees: dict[str, etree._ElementTree]
    docs: list[DocumentData]
    incremental: Incremental | None = None
    executor: Executor | None = None


def build(config: Config, options: BuildOptions | None = None) -> BuildReport:
    """Build the edition's site; returns the report (written=False when it failed)."""
    options = options or BuildOptions()
    started = time.perf_counter()
    out = (options.out or config.output).resolve()
    check_output(out, [config.documents, config.registers, config.root / "tei"])
    report = BuildReport(output=out)
    inc = _incremental(config, options, out, report)
    if inc.up_to_date():
        report.up_to_date = report.written = True
        report.documents, report.pages = (inc.state.info.get(k, 0) for k in ("documents", "pages"))
        report.citations = inc.state.info.get("citations", 0)
        report.warnings = [  # the edition has not changed, nor have its warnings
            Diagnostic(path, line, col, "warning", code, message)
            for path, line, col, code, message in inc.state.warnings
        ]
        report.seconds = time.perf_counter() - started
        return report
    thresholds = gc.get_threshold()
    try:
        with make_executor(options.executor, options.jobs, options.scheduler) as executor:
            edition = _read(config, options, report, inc, executor)
            # The read results are millions of long-lived objects: frozen, the cyclic
            # collector stops walking them again and again, and forked render workers
            # stop copying their pages when it would.
            gc.freeze()
            gc.set_threshold(50_000, 20, 100)  # resolve makes many objects, few cycles
            if report.errors and not options.keep_going:
                report.seconds = time.perf_counter() - started
                return report
            report.warnings.extend(report.errors)
            inc.save_state = not report.errors  # kept-going past errors: rebuild all next time
            report.errors = []
            _write(config, options, edition, report, out)
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
        forget_trees()  # trees kept by a one-process read for the render phase
    report.seconds = time.perf_counter() - started
    return report


def _incremental(
    config: Config, options: BuildOptions, out: Path, report: BuildReport
) -> Incremental:
    """The previous build's state (a warning when it is unusable, so all is rebuilt)."""
    inc = Incremental(
        config, out, document_files(config) + register_files(config), full=options.full
    )
    if inc.warning:
        report.warnings.append(
            Diagnostic(display_path(out), 0, 0, "warning", "build-state", inc.warning)
        )
    return inc


def _tasks(config: Config, *, validate: bool = False) -> list[ReadTask]:
    """One read task per document, then per register; with `validate`, each task also
    checks its file against the edition's schemas."""
    from .validate.validator import SchemaPaths

    docs, regs = document_files(config), register_files(config)
    if not docs:
        raise UsageError(
            f"no documents in {display_path(config.documents)}; put TEI files there or set "
            "[edition] documents in teipress.toml"
        )
    root = str(config.root)
    schemas = SchemaPaths.of(config) if validate else None
    return [
        ReadTask(str(p), p.name, is_doc, k, root, config.huge_tree, schemas)
        for k, (p, is_doc) in enumerate([(d, True) for d in docs] + [(r, False) for r in regs])
    ]


def _read(
    config: Config,
    options: BuildOptions,
    report: BuildReport,
    inc: Incremental,
    executor: Executor,
) -> _Edition:
    """Parse, validate and extract every file (once; files unchanged since the last build
    are not read again: their results come from the build cache), then run the
    edition-wide checks on every file's index."""
    import gc
    import pickle

    from .validate.validator import SchemaPaths, shared_validator

    # Load and compile the schemas here: a broken one is a usage error before any file
    # is read, and forked workers inherit the compiled schemas instead of compiling them.
    validator = shared_validator(SchemaPaths.of(config)).compile()
    tasks = _tasks(config, validate=True)
    tick = _ticker(options, "read", len(tasks))
    # Unpickling the results (indexes with 100,000s of pointers) makes millions of objects
    # and no cycles; the cyclic collector, walking them again and again, would take as
    # long again as the unpickling itself.
    collecting = gc.isenabled()
    gc.disable()
    try:
        results = inc.read(executor, read_file, tasks, tick)
    finally:
        if collecting:
            gc.enable()
    # A document's <?xml-model?> may name a schema outside the configuration (so not in
    # the cache's key): a cached result whose schema has changed since is made again.
    stale = [
        i
        for i, r in enumerate(results)
        if r.check is not None
        and r.check.models
        and not validator.models_unchanged(Path(r.task.path), r.check.models)
    ]
    if stale:
        fresh = executor.map(read_file, [tasks[i] for i in stale])
        for i, result in zip(stale, fresh, strict=True):
            results[i] = result
            inc.cache.put(inc.read_keys[i], pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
    # The reading workers are done: let them go before the whole-edition phases, the
    # build's largest (they held 350 MB between them at 200 MB of TEI).
    executor.release_idle()
    report.errors.extend(r.error for r in results if r.error is not None)
    report.validation = _validate(config, results, report)
    docs = [d for r in results if r.error is None for d in r.documents]
    return _Edition(results, {}, docs, inc, executor)


@dataclass
class ResolvedEdition:
    """The edition after the resolve phase, for tools and tests that need no site."""

    docs: list[DocumentData]
    registers: Registers
    index: CitationIndex
    context: Context
    report: BuildReport

    def edition_xml(self) -> etree._ElementTree:
        """The edition index XML (CONTRACTS.md, Build 2)."""
        return edition_xml(self.docs, self.registers, self.index, self.context)

    def sections(self) -> Iterator:
        """The edition index one section at a time (edition_index.Section)."""
        return edition_sections(self.docs, self.registers, self.index, self.context)


def read_edition(config: Config) -> ResolvedEdition:
    """Read and resolve the whole edition in this process, without validating or writing."""
    report = BuildReport(output=config.output)
    results = [read_file(task) for task in _tasks(config)]
    forget_trees()
    report.errors.extend(r.error for r in results if r.error is not None)
    docs = [d for r in results if r.error is None for d in r.documents]
    edition = _Edition(results, {}, docs)
    docs, registers, index, ctx = resolve(config, edition, report)
    return ResolvedEdition(docs, registers, index, ctx, report)


def _validate(config: Config, results: list[FileResult], report: BuildReport) -> str:
    """Report RELAX NG and Schematron results (found by each file's read task, cached
    with it) and run the edition-wide checks on every file's index (then dropped).

    The diagnostics are those of `teipress validate` on the whole edition; errors already
    reported by the read phase are not repeated.
    """
    from .validate.edition import FileIndex, check_edition

    for result in results:
        if result.schema_error is not None:
            raise UsageError(result.schema_error)
    diags: list[Diagnostic] = []
    indexes: list[FileIndex] = []
    for result in results:
        if result.check is None:
            continue
        check = result.check.relabel(display_path(result.task.path))
        diags += check.diagnostics
        indexes.append(check.index)
    diags += check_edition(indexes, {Path(r.task.path) for r in results})
    for result in results:  # the indexes are large and of no further use
        result.check = None
    seen = {(d.path, d.line, d.code) for d in report.errors}
    for diag in sorted(diags):
        if (diag.path, diag.line, diag.code) in seen:
            continue
        (report.errors if diag.severity == "error" else report.warnings).append(diag)
    return "RELAX NG, Schematron and edition checks"


def _ticker(options: BuildOptions, phase: str, total: int) -> Callable[[int], None]:
    progress = options.progress
    return (lambda k: progress(phase, k, total)) if progress else (lambda k: None)


def _page_names(docs: list[DocumentData]) -> dict[str, str]:
    """doc id -> "documents/<name>.html", names safe and unique (case-insensitively)."""
    used: set[str] = set()
    return {doc.meta.id: f"documents/{_unused(safe_name(doc.meta.id), used)}.html" for doc in docs}


def _unused(base: str, used: set[str], reserved: str | None = None) -> str:
    """`base`, or `base-2`, `-3` … : a page name not in `used` whatever its case (sites
    are copied to case-insensitive file systems), nor ending in `reserved`; recorded."""
    name, k = base, 2
    while name.casefold() in used or (reserved and name.casefold().endswith(reserved)):
        name, k = f"{base}-{k}", k + 1
    used.add(name.casefold())
    return name


def resolve(config: Config, edition: _Edition, report: BuildReport) -> tuple:
    """The whole-edition phase: registers, citation index, page names, context, index XML."""
    docs = edition.docs
    seen: set[str] = set()
    for doc in docs:
        if doc.meta.id in seen:
            report.warnings.append(
                Diagnostic(doc.meta.file, 0, 0, "warning", "build-duplicate-id",
                           f"document id {doc.meta.id!r} used twice; the second is left out")
            )  # fmt: skip
        seen.add(doc.meta.id)
    docs = list({d.meta.id: d for d in reversed(docs)}.values())[::-1]
    docs.sort(key=lambda d: (d.meta.date.sort_key if d.meta.date else "9999", d.meta.order))
    entries = [e for r in edition.results for e in r.entries]
    uses = [u for r in edition.results for u in r.archive_uses]
    registers = Registers(entries, config.key_prefix).mark_archives(uses)
    pages = _page_names(docs)
    index = build_index(docs, registers, lambda d: pages[d])
    citation_pages, source_pages = _citation_pages(index, config.split_index_items)
    ctx = Context(
        title=config.title, registers=registers, pages=pages,
        entry_pages=_entry_pages(registers), targets=_targets(docs),
        file_docs={d.meta.file: d.meta.id for d in docs if not d.meta.container},
        resolved=index.resolved, cited_by=index.cited_by,
        meta={d.meta.id: d.meta for d in docs}, order=[d.meta.id for d in docs],
        index_anchors=_index_anchors(index), stylesheets=_stylesheets(config),
        window=config.window_elements, split_index=config.split_index_items,
        citation_pages=citation_pages, source_pages=source_pages,
    )  # fmt: skip
    files = {Path(r.task.path).name: display_path(r.task.path) for r in edition.results}
    for text in index.warnings:
        name, _, message = text.partition(": ")
        report.warnings.append(
            Diagnostic(files.get(name, name), 0, 0, "warning", "citation-ibid", message)
        )
    return docs, registers, index, ctx


def _stylesheets(config: Config) -> tuple[str, str]:
    """The edition's HTML and text entry stylesheets (its overrides, else the defaults)."""
    from .xslt import default_stylesheets

    html, text = default_stylesheets(config)
    return str(html), str(text)


def _entry_pages(registers: Registers) -> dict[tuple[str, str], str]:
    used: set[str] = set()
    pages = {}
    for entry in registers.entries():
        if not entry.folder:
            continue
        name = _unused(f"{entry.folder}/{safe_name(entry.id)}", used, reserved="/index")
        pages[(entry.file, entry.id)] = f"{name}.html"
    return pages


def _targets(docs: list[DocumentData]) -> dict[tuple[str, str], tuple[str, str]]:
    """(file, xml:id) -> (doc id, anchor) of what the edition's refs and ptrs name, and of
    each document div (its volume's page links to it). Only those are ever looked up:
    every xml:id of a 200 MB edition took 130 MB, and a new id nobody points at would
    have changed the hash every page depends on (incremental.site_hash)."""
    wanted = {key for doc in docs for key in doc.refs}
    wanted.update((doc.meta.file, doc.meta.id) for doc in docs if doc.meta.container)
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for doc in docs:
        if doc.meta.container:
            found.setdefault((doc.meta.file, doc.meta.id), (doc.meta.id, ""))
        file = doc.meta.file
        for xml_id, anchor in doc.ids:
            if (file, xml_id) in wanted:
                found.setdefault((file, xml_id), (doc.meta.id, anchor))
    return found


def _citation_pages(index: CitationIndex, split: int) -> tuple[dict[str, str], dict[str, str]]:
    """The pages of a citation index of more than `split` citations: one per archive,
    one for the published works (key ""), and further pages for a group of more than
    `split` citations (its sources in index order, never one cut). Returns the first
    page of each group, and the page of each source shown on a further one. Empty when
    the index stays one page."""
    if not split or index.count() <= split:
        return {}, {}
    groups: dict[str, list[Source]] = {archive[0]: [] for archive in index.archives}
    for source in index.sources:  # archives in index order, then the works
        groups.setdefault(source.archive if source.kind == "archival" else "", []).append(source)
    used: set[str] = set()
    first: dict[str, str] = {}
    later: dict[str, str] = {}
    for group, sources in groups.items():
        base = f"citations/{slug(group) if group else 'works'}"
        for k, run in enumerate(chunks(sources, split, lambda s: len(s.citations)), 1):
            name = _unused(base if k == 1 else f"{base}-{k}", used)
            if k == 1:
                first[group] = f"{name}.html"
            else:
                later.update((source.id, f"{name}.html") for source in run)
    return first, later


def _index_anchors(index) -> dict[str, str]:
    anchors = {a[0]: slug(a[0]) for a in index.archives}
    anchors.update({s.work: s.id for s in index.sources if s.kind == "published" and s.work})
    return anchors


def _write(
    config: Config, options: BuildOptions, edition: _Edition, report: BuildReport, out: Path
) -> None:
    """Render and write everything into a temp folder, then swap it in."""
    from .builders.index_pages import IndexSlicer
    from .builders.site import nav_sections, write_site

    docs, registers, index, ctx = resolve(config, edition, report)
    report.documents = len(docs)
    report.citations = index.count()
    for counts in [doc.element_counts for doc in docs]:  # no loop variable keeps a document
        report.element_counts.update(dict(counts))
    with SiteWriter(out, clean=options.clean) as writer:
        spool = writer.where("data/edition.xml")  # index pages read their slices from it
        slicer = IndexSlicer(edition_start(ctx), nav_sections(ctx), ctx, spool)
        # The edition index is made, written and cut into page slices one part at a
        # time: a large edition's index is never held whole.
        sections = edition_sections(docs, registers, index, ctx, writer.temp)
        writer.write_lines("data/edition.xml", slicer.feed(sections))
        pages = slicer.pages()
        writer.write_lines("data/citations.json", data_builder.citations_json_lines(index))
        writer.write_lines("data/citations.csv", data_builder.citations_csv_lines(index))
        writer.write_text("data/bibliography.json", data_builder.bibliography_json(registers))
        del docs, index
        _keep_only_metadata(edition)
        report.pages = write_site(config, options, edition, ctx, pages, writer, report)
        if edition.incremental is not None:
            report.carried = edition.incremental.finish(writer.temp, writer.written, report)
            report.rebuilt = edition.incremental.explain()
        writer.commit()
    report.written = True


def _keep_only_metadata(edition: _Edition) -> None:
    """Drop what was read of each document but its metadata once the edition index is
    written: rendering needs only the resolved context. This process renders with
    `--jobs 1`, and holds the rest of the build with more; a small build's render workers
    are forked from it (executors.FRESH_ABOVE_BYTES), so they are smaller too.

    What is left is frozen for the collector: a forked worker's collector then never
    walks (and so never copies) the pages of objects it inherited."""
    for result in edition.results:
        result.documents = [d.metadata_only() for d in result.documents]
    edition.docs = []
    gc.collect()
    return_free_heap()
    gc.freeze()


def render_tasks(config: Config, edition: _Edition, ctx: Context) -> list[RenderTask]:
    """One render task per document file, listing the documents (pages) it holds."""
    tasks = []
    published = source_paths(config)
    citations: dict[str, list] = {}
    for key, resolved in ctx.resolved.items():
        citations.setdefault(key[0], []).append((key, resolved))
    for result in edition.results:
        if result.error is not None or not result.task.is_document:
            continue
        ids = tuple(  # a duplicate id is published once, from its first file
            d.meta.id
            for d in result.documents
            if d.meta.id in ctx.meta and ctx.meta[d.meta.id].order == d.meta.order
        )
        if not ids:
            continue
        src = "../" + published(Path(result.task.path))
        cited = tuple(c for i in ids for c in citations.get(i, ()))
        targets = _task_targets(ctx, ids, {d.meta.id: d.refs for d in result.documents})
        tasks.append(RenderTask(result.task, ids, tuple((i, src) for i in ids), cited, targets))
    return tasks


def _task_targets(
    ctx: Context, ids: tuple[str, ...], refs: dict[str, tuple[tuple[str, str], ...]]
) -> tuple[tuple[tuple[str, str], tuple[str, str]], ...]:
    """The link targets a file's pages need: those its documents' refs and ptrs name,
    and its document divs (the file's own page links to each)."""
    keys = {key for i in ids for key in refs.get(i, ())}
    keys.update((ctx.meta[i].file, i) for i in ids if ctx.meta[i].container)
    return tuple((key, ctx.targets[key]) for key in sorted(keys) if key in ctx.targets)


def source_paths(config: Config) -> Callable[[Path], str]:
    """Where each source file is published in the site (tei/documents/…,
    tei/registers/…); the edition's folders are resolved once, not per file (resolving
    a path is several system calls, and a large edition has thousands of files)."""
    folders = [(config.registers.resolve(), "registers"), (config.documents.resolve(), "documents")]

    def published(path: Path) -> str:
        resolved = Path(path).resolve()
        for folder, name in folders:
            if resolved.is_relative_to(folder):
                return f"tei/{name}/{resolved.relative_to(folder).as_posix()}"
        return f"tei/{Path(path).name}"

    return published


__all__ = ["BuildOptions", "BuildReport", "build", "read_edition", "render_file", "resolve"]
