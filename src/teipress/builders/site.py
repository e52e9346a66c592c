"""The HTML and text side of the write phase: document pages, index pages, sources, assets."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..config import Config, document_files, register_files
from ..resolve import Context
from .documents import init_worker, render_file

if TYPE_CHECKING:
    from ..build import BuildOptions, BuildReport, _Edition
    from ..writer import SiteWriter

REGISTER_PAGES = ("persons", "organisations", "places")


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
    ed: etree._ElementTree,
    writer: SiteWriter,
    report: BuildReport,
) -> int:
    """Write every page, text file, source copy and asset; returns the number of pages."""
    from ..build import render_tasks

    base = render_options(config, ctx)
    tasks = render_tasks(config, edition, ctx)
    total, pages = len(tasks), 0
    tick = options.progress or (lambda phase, k, n: None)
    if options.jobs > 1 and total > 1:
        with ProcessPoolExecutor(
            options.jobs, initializer=init_worker, initargs=(ctx, base)
        ) as pool:
            for k, outputs in enumerate(pool.map(render_file, tasks), 1):
                pages += _emit(writer, outputs)
                tick("render", k, total)
    else:
        init_worker(ctx, base)
        for k, task in enumerate(tasks, 1):
            pages += _emit(writer, render_file(task, edition.trees.get(task.read.path)))
            tick("render", k, total)
    pages += _index_pages(ed, ctx, base, writer)
    _generic(report)
    _copy_sources(config, writer)
    _copy_assets(config, writer)
    return pages


def _emit(writer: SiteWriter, outputs: list[tuple[str, bytes]]) -> int:
    for rel, data in outputs:
        writer.write_bytes(rel, data)
    return sum(1 for rel, _ in outputs if rel.endswith(".html"))


def _index_pages(ed: etree._ElementTree, ctx: Context, base: dict, writer: SiteWriter) -> int:
    """index.html, register indexes and entry pages, chronology.html, citations.html."""
    from .. import xslt

    pages = [("index.html", "index", None), ("chronology.html", "chronology", None),
             ("citations.html", "citations", None)]  # fmt: skip
    have = set(base["nav"].split())
    for folder in REGISTER_PAGES:
        if folder in have:
            pages.append((f"{folder}/index.html", folder, None))
    for (_file, entry_id), page in sorted(ctx.entry_pages.items(), key=lambda kv: kv[1]):
        pages.append((page, page.split("/", 1)[0], entry_id))
    for rel, page, entry_id in pages:
        writer.write_bytes(rel, xslt.render_index_page(ed, page, entry_id, base))
    return len(pages)


def _generic(report: BuildReport) -> None:
    """Elements the stylesheets render generically, counted for the build report."""
    from .. import xslt

    known = getattr(xslt, "specific_elements", None)
    if known is None:
        return
    handled = set(known())
    report.generic_elements = dict(
        sorted((k, v) for k, v in Counter(report.element_counts).items() if k not in handled)
    )


def _copy_sources(config: Config, writer: SiteWriter) -> None:
    """The edition's TEI files, byte for byte, under tei/ (the data ships with the site)."""
    from ..build import source_path

    for path in document_files(config) + register_files(config):
        writer.copy(path, source_path(config, path))


def _copy_assets(config: Config, writer: SiteWriter) -> None:
    """The stylesheet's CSS and JavaScript, from <xslt>/assets/ into assets/."""
    folder = config.xslt / "assets"
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        writer.copy(path, "assets/" + path.relative_to(folder).as_posix())


__all__ = ["Path", "write_site"]
