"""The edition index XML (CONTRACTS.md, Build 2): documents, registers, chronology, citations.

Written to site/data/edition.xml and cut into the slices index pages are rendered
from (builders/index_pages.py). The build makes it one part at a time
(`edition_sections`: sections, register entries, cited archives and works), so that a
large edition's index is never one tree in memory; `edition_xml` assembles the whole
tree for tools and tests. Every href in it is relative to the site root
(`@root-relative` on the root says so): a stylesheet rendering a page one folder down
prefixes "../".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from lxml import etree

from .citations import CitationIndex
from .model import DocumentData, RegisterEntry, SourceCitation
from .registers import Registers
from .resolve import TP_NS, Context
from .textwalk import pointer_of  # noqa: F401  (re-exported for callers reading mentions)

P = f"{{{TP_NS}}}"
REGISTER_TYPES = (("person", "persons"), ("org", "organisations"), ("place", "places"))


def _sub(parent: etree._Element, tag: str, body: str = "", **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, P + tag, {k.replace("_", "-"): v for k, v in attrs.items() if v})
    if body:
        el.text = body
    return el


def edition_root(ctx: Context) -> etree._Element:
    """The empty `tp:edition` element: the index's root, with its attributes."""
    root = etree.Element(P + "edition", nsmap={"tp": TP_NS})
    root.set("title", ctx.title)
    root.set("root-relative", "true")
    return root


Part = tuple[etree._Element, Iterator[etree._Element] | None]


def edition_sections(
    docs: list[DocumentData], registers: Registers, index: CitationIndex, ctx: Context
) -> Iterator[Part]:
    """The root's children one at a time (introduction, documents, three registers,
    chronology, citations), as (element, None) for a section made whole, or
    (empty element, its children) for a register (its entries) and the citations (its
    archives and works), whose children are made one at a time: a caller that
    serialises and drops each part never holds the whole index, nor a whole register
    with every mention, of a large edition in memory."""
    holder = edition_root(ctx)  # sections are built inside it, then detached
    for build in (_introduction, _documents_section):
        yield from _detached(holder, build(holder, docs, registers, ctx))
    mentions = _mentions_by_entry(docs, registers, ctx)
    for kind, folder in REGISTER_TYPES:
        reg = etree.Element(P + "register", {"type": folder}, nsmap={"tp": TP_NS})
        yield reg, _entries(reg, kind, registers, mentions, ctx)
    yield from _detached(holder, _chronology(holder, docs, ctx))
    citations = etree.Element(P + "citations", {"count": str(index.count())},
                              nsmap={"tp": TP_NS})  # fmt: skip
    yield citations, _citations(index, registers, ctx)


def _entries(reg, kind: str, registers: Registers, mentions: dict, ctx: Context
             ) -> Iterator[etree._Element]:  # fmt: skip
    """The register's entries of one kind, each made (inside `reg`) and detached."""
    for entry in registers.entries():
        if entry.kind == kind and not entry.archive and (entry.file, entry.id) in ctx.entry_pages:
            el = _entry(reg, entry, mentions.pop((entry.file, entry.id), []), ctx)
            reg.remove(el)
            yield el


def _detached(holder: etree._Element, section: etree._Element | None) -> Iterator[Part]:
    if section is not None:
        holder.remove(section)
        yield section, None


def edition_xml(
    docs: list[DocumentData], registers: Registers, index: CitationIndex, ctx: Context
) -> etree._ElementTree:
    """The whole index document in one tree (deterministic order throughout)."""
    root = edition_root(ctx)
    for section, children in edition_sections(docs, registers, index, ctx):
        root.append(section)
        section.extend(children or ())
    return etree.ElementTree(root)


def _introduction(root: etree._Element, docs, registers: Registers, ctx: Context
                  ) -> etree._Element | None:  # fmt: skip
    """tp:introduction: the project description (encodingDesc/projectDesc) the edition's
    documents share: a teiCorpus header's, or the paragraphs every document repeats.
    Descriptions that differ from one document to the next describe documents, not the
    edition, and stay on their pages."""
    top = [ctx.meta[d] for d in ctx.order if not ctx.meta[d].container]
    if not top:
        return None
    shared = [p for p in top[0].project if all(p in m.project for m in top[1:])]
    if not shared:
        return None
    intro = _sub(root, "introduction")
    for paragraph in shared:
        _sub(intro, "p", paragraph)
    return intro


def _documents_section(
    root: etree._Element, docs, registers: Registers, ctx: Context
) -> etree._Element:
    holder = _sub(root, "documents")
    for doc_id in ctx.order:
        meta = ctx.meta[doc_id]
        el = _sub(
            holder, "document", id=meta.id, title=meta.title, href=ctx.pages[meta.id],
            date=meta.date.iso if meta.date else "",
            date_display=meta.date.display if meta.date else "",
            place=meta.place, container=meta.container,
        )  # fmt: skip
        for agent in meta.agents:
            entry = registers.resolve(agent.pointer, meta.file) if agent.pointer else None
            href = ctx.entry_href(entry) if entry is not None else ""
            _sub(el, "agent", agent.name, role=agent.role, href=href)
        if meta.summary:
            _sub(el, "summary", meta.summary)
        if meta.source:
            _sub(el, "source", meta.source)
        for lang in meta.languages:
            _sub(el, "language", lang)
    return holder


def _mentions_by_entry(docs, registers: Registers, ctx: Context) -> dict:
    found: dict[tuple[str, str], list] = defaultdict(list)
    for doc in docs:
        for m in doc.mentions:
            entry = registers.resolve(m.pointer, doc.meta.file)
            if entry is not None and entry.kind in {"person", "org", "place"}:
                found[(entry.file, entry.id)].append((doc, m))
    return found


def _entry(
    reg: etree._Element, entry: RegisterEntry, mentions: list, ctx: Context
) -> etree._Element:
    el = _sub(reg, "entry", id=entry.id, name=entry.name, href=ctx.entry_href(entry),
              mentions=str(len(mentions)))  # fmt: skip
    for variant in entry.variants:
        _sub(el, "variant", variant)
    if entry.abbr:
        _sub(el, "variant", entry.abbr, type="abbr")
    for former in entry.former:
        _sub(el, "variant", former, type="former")
    if entry.dates:
        _sub(el, "dates", entry.dates)
    if entry.description:
        _sub(el, "description", entry.description)
    for typ, url in entry.authorities:
        _sub(el, "authority", type=typ, href=url)
    for doc, m in mentions:
        _sub(
            el, "mention", document=doc.meta.id, doc_title=doc.meta.title,
            href=f"{ctx.pages[doc.meta.id]}#{m.anchor}",
            before=m.before, match=m.match, after=m.after,
        )  # fmt: skip
    return el


def _chronology(root: etree._Element, docs, ctx: Context) -> etree._Element:
    rows = []
    for doc in docs:
        meta = doc.meta
        page = ctx.pages[meta.id]
        if meta.date:
            rows.append((meta.date, f"{meta.order:09d}-0", meta.title, meta.id, page, "document"))
        for k, ev in enumerate(doc.events, 1):
            href = f"{page}#{ev.anchor}" if ev.anchor else page
            rows.append((ev.date, f"{meta.order:09d}-{k:06d}", ev.label, meta.id, href, "event"))
    chron = _sub(root, "chronology")
    for date, tie, label, doc_id, href, kind in sorted(rows, key=lambda r: (r[0].sort_key, r[1])):
        _sub(
            chron, "event", sort_key=f"{date.sort_key}|{tie}", iso=date.iso,
            display=date.display, label=label, document=doc_id, href=href, type=kind,
            doc_title=ctx.meta[doc_id].title,
        )  # fmt: skip
    return chron


def _citations(index: CitationIndex, registers: Registers, ctx: Context
               ) -> Iterator[etree._Element]:  # fmt: skip
    """The children of tp:citations one at a time: each archive with its sources, then
    each published work, in index order."""
    holder = etree.Element(P + "citations", nsmap={"tp": TP_NS})
    by_archive: dict[str, list] = defaultdict(list)
    for source in index.sources:
        if source.kind == "archival":
            by_archive[source.archive].append(source)
    for archive_id, label, name in index.archives:
        entry = registers.unique(archive_id)
        el = _sub(holder, "archive", id=ctx.index_anchors.get(archive_id, archive_id),
                  label=label, name=name)  # fmt: skip
        for former in entry.former if entry is not None else ():
            _sub(el, "former", former)
        for source in by_archive.pop(archive_id, []):
            src = _sub(
                el, "source", id=source.id, label=source.label,
                edition_href=ctx.pages.get(source.edition_document, ""),
                edition_document=source.edition_document,
            )  # fmt: skip
            for part in source.location:
                _sub(src, "part", type=part.type, value=part.value)
            for cite in source.citations:
                _citation(src, cite)
        holder.remove(el)
        yield el
    for source in index.sources:
        if source.kind != "archival":
            el = _sub(holder, "work", id=source.id, label=source.label, work=source.work)
            for cite in source.citations:
                _citation(el, cite)
            holder.remove(el)
            yield el


def _citation(parent: etree._Element, cite: SourceCitation) -> None:
    _sub(
        parent, "citation", document=cite.document, doc_title=cite.doc_title, note=cite.note,
        n=cite.n, href=cite.href, cited_range=cite.cited_range, text=cite.text,
    )  # fmt: skip
