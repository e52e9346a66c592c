"""The HTML and text side of the write phase: document pages, index pages, sources, assets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config, document_files, register_files
from ..executors import Executor, return_free_heap
from ..incremental import RenderedFile, render_with
from ..resolve import Context
from .documents import RenderTask
from .index_pages import REGISTER_PAGES, IndexBatch, IndexPage, batches, render_batch

if TYPE_CHECKING:
    from ..build import BuildOptions, BuildReport, _Edition
    from ..incremental import Incremental
    from ..writer import SiteWriter


def nav_sections(ctx: Context) -> str:
    """The nav parameter: the sections this edition has, in their fixed order."""
    have = {page.split("/", 1)[0] for page in ctx.entry_pages.values()}
    sections = ["index", *(s for s in REGISTER_PAGES if s in have), "chronology", "citations"]
    return " ".join(sections)


def render_options(config: Config, ctx: Context) -> dict[str, str]:
    """Parameters every page gets (declared in xslt/common/params.xsl)."""
    return {"edition-title": config.title, "nav": nav_sections(ctx)}


def write_site(
    config: Config,
    options: BuildOptions,
    edition: _Edition,
    ctx: Context,
    index_pages: list[IndexPage],
    writer: SiteWriter,
    report: BuildReport,
) -> int:
    """Write every page, text file, source copy and asset; returns the number of pages.

    Document files and index pages are rendered by the same executor, the largest index
    pages first: they run alongside the documents instead of after them.
    """
    from ..build import render_tasks, source_paths

    base = render_options(config, ctx)
    tasks = render_tasks(config, edition, ctx)
    inc = edition.incremental
    if inc is not None:  # only what changed since the last build is rendered again
        published = source_paths(config)
        sources = {published(p): p for p in document_files(config) + register_files(config)}
        inc.plan_outputs(ctx, tasks, base, index_pages, sources)
        tasks = [t for t in tasks if inc.task_needed(t, ctx)]
        index_pages = [p for p in index_pages if inc.needed(p.rel)]
    executor = edition.executor or Executor()
    if not executor.local:  # its workers cannot read the slices from this machine's disk
        index_pages = [p.loaded() for p in index_pages]
    work = _schedule(tasks, batches(index_pages, base, ctx.stylesheets[0]))
    total, pages = len(work), 0
    tick = options.progress or (lambda phase, k, n: None)
    progress = lambda k: tick("render", k, total)  # noqa: E731
    generic: Counter = Counter()
    shared = (ctx.for_workers(), base)
    for outputs in executor.imap(render_task, work, progress, shared=shared):
        pages += _emit(writer, outputs, generic)
        if inc is not None:
            inc.rendered(outputs)
        if _large(outputs):  # written: its memory goes back before the next task
            del outputs
            return_free_heap()
    report.generic_elements = dict(sorted(generic.items()))
    _copy_sources(config, writer, inc)
    _copy_assets(config, writer)
    return inc.page_count() if inc is not None else pages


def _schedule(tasks: list[RenderTask], index: list[IndexBatch]) -> list:
    """Whole-edition index pages (the slowest tasks), then documents, then entry pages."""
    whole = [b for b in index if b.pages[0].entry_id is None]
    return [*whole, *tasks, *(b for b in index if b.pages[0].entry_id is not None)]


#: A task whose outputs pass this many bytes (a large file or index page) has the heap
#: it took given back once they are written (and, in a worker, before its next task);
#: a document file of this size has it given back before it is rendered.
LARGE_BYTES = 16 * 1024 * 1024
_after_large = [False]


def render_task(task: RenderTask | IndexBatch, shared: tuple) -> RenderedFile:
    """Render one task in a worker: a document file, or a batch of index pages."""
    if _after_large[0] or _large_file(task):  # the heap before a large file starts low
        return_free_heap()
    if isinstance(task, IndexBatch):
        outputs = RenderedFile(render_batch(task))
    else:
        outputs = render_with(task, shared)
    _after_large[0] = _large(outputs)
    return outputs


def _large(outputs: list[tuple[str, bytes]]) -> bool:
    return sum(len(data) for _, data in outputs) > LARGE_BYTES


def _large_file(task: RenderTask | IndexBatch) -> bool:
    try:
        return isinstance(task, RenderTask) and Path(task.read.path).stat().st_size > LARGE_BYTES
    except OSError:  # gone since it was read: render_file says so
        return False


def _emit(writer: SiteWriter, outputs: list[tuple[str, bytes]], generic: Counter) -> int:
    from ..xslt import generic_elements

    for rel, data in outputs:
        writer.write_bytes(rel, data)
        if rel.endswith(".html"):
            generic.update(generic_elements(data))
    return sum(1 for rel, _ in outputs if rel.endswith(".html"))


def _copy_sources(config: Config, writer: SiteWriter, inc: Incremental | None = None) -> None:
    """The edition's TEI files, byte for byte, under tei/ (the data ships with the site)."""
    from ..build import source_paths

    published = source_paths(config)
    for path in document_files(config) + register_files(config):
        rel = published(path)
        if inc is None or inc.needed(rel):
            writer.copy(path, rel)


def _copy_assets(config: Config, writer: SiteWriter) -> None:
    """The stylesheet's CSS and JavaScript, from <xslt>/assets/ into assets/."""
    folder = config.xslt / "assets"
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        writer.copy(path, "assets/" + path.relative_to(folder).as_posix())


__all__ = ["Path", "render_task", "write_site"]
