"""The HTML and text side of the write phase: document pages, index pages, sources, assets."""

from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..config import Config, document_files, register_files
from ..executors import Executor
from ..incremental import render_with
from ..resolve import TP_NS, Context

if TYPE_CHECKING:
    from ..build import BuildOptions, BuildReport, _Edition
    from ..incremental import Incremental
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
    from ..build import render_tasks, source_path

    base = render_options(config, ctx)
    tasks = render_tasks(config, edition, ctx)
    index = _index_list(ctx, base)
    inc = edition.incremental
    if inc is not None:  # only what changed since the last build is rendered again
        sources = {
            source_path(config, p): p for p in document_files(config) + register_files(config)
        }
        inc.plan_outputs(ctx, ed, tasks, base, [i[0] for i in index if i[2] is None], sources)
        tasks = [t for t in tasks if inc.task_needed(t, ctx)]
        index = [i for i in index if inc.needed(i[0])]
    total, pages = len(tasks), 0
    tick = options.progress or (lambda phase, k, n: None)
    executor = edition.executor or Executor()
    progress = lambda k: tick("render", k, total)  # noqa: E731
    generic: Counter = Counter()
    for outputs in executor.imap(render_with, tasks, progress, shared=(ctx, base)):
        pages += _emit(writer, outputs, generic)
        if inc is not None:
            inc.rendered(outputs)
    pages += _index_pages(ed, index, base, writer, ctx)
    report.generic_elements = dict(sorted(generic.items()))
    _copy_sources(config, writer, inc)
    _copy_assets(config, writer)
    return inc.page_count() if inc is not None else pages


def _emit(writer: SiteWriter, outputs: list[tuple[str, bytes]], generic: Counter) -> int:
    from ..xslt import generic_elements

    for rel, data in outputs:
        writer.write_bytes(rel, data)
        if rel.endswith(".html"):
            generic.update(generic_elements(data))
    return sum(1 for rel, _ in outputs if rel.endswith(".html"))


def _index_list(ctx: Context, base: dict) -> list[tuple[str, str, str | None]]:
    """(path, page, entry id) of index.html, register indexes and entry pages,
    chronology.html and citations.html."""
    pages = [("index.html", "index", None), ("chronology.html", "chronology", None),
             ("citations.html", "citations", None)]  # fmt: skip
    have = set(base["nav"].split())
    for folder in REGISTER_PAGES:
        if folder in have:
            pages.append((f"{folder}/index.html", folder, None))
    for (_file, entry_id), page in sorted(ctx.entry_pages.items(), key=lambda kv: kv[1]):
        pages.append((page, page.split("/", 1)[0], entry_id))
    return pages


def _index_pages(
    ed: etree._ElementTree,
    pages: list[tuple[str, str, str | None]],
    base: dict,
    writer: SiteWriter,
    ctx: Context,
) -> int:
    """Render the index pages listed by `_index_list` with the edition's HTML stylesheet."""
    from .. import xslt

    sheet = Path(ctx.stylesheets[0]) if ctx.stylesheets[0] else None
    entries = _entries_by_page(ed)
    for rel, page, entry_id in pages:
        source = ed if entry_id is None else entry_edition(ed, entries[(page, entry_id)])
        html = xslt.render_index_page(source, page, entry_id, params=base, stylesheet=sheet)
        writer.write_bytes(rel, html)
    return len(pages)


def _entries_by_page(ed: etree._ElementTree) -> dict[tuple[str, str], etree._Element]:
    """(register type, entry id) -> its tp:entry, found in one pass."""
    root = ed.getroot()
    return {
        (reg.get("type", ""), entry.get("id", "")): entry
        for reg in root.iterchildren(f"{{{TP_NS}}}register")
        for entry in reg.iterchildren(f"{{{TP_NS}}}entry")
    }


def entry_edition(ed: etree._ElementTree, entry: etree._Element) -> etree._ElementTree:
    """The edition XML cut down to one register entry: what its page needs.

    An entry page shows only its entry (names, dates, mentions); transforming the whole
    edition for each of thousands of entries made index pages quadratic in edition size.
    """
    root = ed.getroot()
    slim = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    register = entry.getparent()
    holder = etree.SubElement(slim, register.tag, dict(register.attrib))
    holder.append(copy.deepcopy(entry))
    return etree.ElementTree(slim)


def _copy_sources(config: Config, writer: SiteWriter, inc: Incremental | None = None) -> None:
    """The edition's TEI files, byte for byte, under tei/ (the data ships with the site)."""
    from ..build import source_path

    for path in document_files(config) + register_files(config):
        rel = source_path(config, path)
        if inc is None or inc.needed(rel):
            writer.copy(path, rel)


def _copy_assets(config: Config, writer: SiteWriter) -> None:
    """The stylesheet's CSS and JavaScript, from <xslt>/assets/ into assets/."""
    folder = config.xslt / "assets"
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        writer.copy(path, "assets/" + path.relative_to(folder).as_posix())


__all__ = ["Path", "write_site"]
