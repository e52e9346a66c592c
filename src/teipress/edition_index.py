"""The edition index XML (CONTRACTS.md, Build 2): documents, registers, chronology, citations.

Written to site/data/edition.xml and cut into the slices index pages are rendered
from (builders/index_pages.py). The build makes it one part at a time
(`edition_sections`: sections, register entries, cited archives and works), so that a
large edition's index is never one tree in memory; `edition_xml` assembles the whole
tree for tools and tests. Every href in it is relative to the site root
(`@root-relative` on the root says so): a stylesheet rendering a page one folder down
prefixes "../".

The index is serialised by hand (`tag`, `element`): it is the largest thing a build writes, all
of it teipress's own data, and making lxml elements only to serialise them again took
most of the time of an incremental build. `edition_xml` parses the same bytes, so tools
and tests see exactly what the index pages are rendered from.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from lxml import etree

from .citations import CitationIndex
from .model import DocumentData, RegisterEntry, Source, SourceCitation
from .registers import Registers
from .resolve import TP_NS, Context
from .textwalk import pointer_of  # noqa: F401  (re-exported for callers reading mentions)

T = TypeVar("T")

P = f"{{{TP_NS}}}"
REGISTER_TYPES = (("person", "persons"), ("org", "organisations"), ("place", "places"))


def _attr_value(value: str) -> str:
    """An attribute value escaped as XML needs it; line ends and tabs as references, so
    that a parser gives them back instead of normalising them to spaces."""
    return _escaped(value, _ATTR_SPECIAL, _ATTR_REFS)


def _text(value: str) -> str:
    return _escaped(value, _TEXT_SPECIAL, _TEXT_REFS)


def _escaped(value: str, special: re.Pattern, refs: tuple[tuple[str, str], ...]) -> str:
    if special.search(value) is None:  # most values: one scan, nothing to replace
        return value
    for char, ref in refs:  # "&" first, so that no reference is escaped again
        value = value.replace(char, ref)
    return value


_TEXT_REFS = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTR_REFS = (*_TEXT_REFS, ('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;"))
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>"\r\n\t]')


def tag(name: str, attrs: tuple[tuple[str, str], ...] | list, *, empty: bool = False) -> str:
    """The start tag of `tp:name` (attributes with an empty value left out), or the
    empty-element tag with `empty`."""
    return f"<tp:{name}{_attrs(attrs)}{'/>' if empty else '>'}"


def _attrs(attrs: tuple[tuple[str, str], ...] | list) -> str:
    """` name="value"` for each attribute whose value is not empty."""
    return "".join([f' {k}="{_attr_value(v)}"' for k, v in attrs if v])


def element(name: str, attrs: tuple | list = (), body: str = "") -> str:
    """`tp:name` with its attributes and text content (empty-element tag without it)."""
    if not body:
        return tag(name, attrs, empty=True)
    return f"{tag(name, attrs)}{_text(body)}</tp:{name}>"


@dataclass(frozen=True, slots=True)
class Entry:
    """A register entry, serialised whole (`xml`, mentions included) and as its record
    for the register's index page (`record`: no mentions, their number in @mentions)."""

    ident: str
    href: str
    xml: bytes
    record: bytes


@dataclass(frozen=True, slots=True)
class Grouped:
    """A child of the chronology (an event) or of the citation index (an archive with
    its sources, or a work), with the group it is shown in when a large index is split
    into pages (builders/index_pages.py): the event's year, the archive's anchor, or ""
    for the published works."""

    group: str
    label: str  # the group's name on its page: "1956", an archive's label, ...
    items: int  # events or citations it holds
    xml: bytes
    # A group of more than `split_index_items` continues on further pages (see `chunks`):
    # the page of a work on one of them, or the runs of an archive's sources shown on
    # different pages, as (page, start, end, citations) with byte offsets into `xml`
    # ("" for the group's first page). Empty: all of it is on the group's first page.
    page: str = ""
    pieces: tuple[tuple[str, int, int, int], ...] = ()


def chunks(items: Iterable[T], most: int, weight: Callable[[T], int]) -> Iterator[list[T]]:
    """`items` in order, cut into runs of at most `most` in weight (an item heavier
    than that is a run of its own; an item is never cut): the pages a large group of a
    split index is shown on."""
    run: list[T] = []
    total = 0
    for item in items:
        size = weight(item)
        if run and total + size > most:
            yield run
            run, total = [], 0
        run.append(item)
        total += size
    if run:
        yield run


@dataclass
class Section:
    """One child of `tp:edition`, serialised: its start and end tags around its
    children, made one at a time (bytes; `Entry` for a register's entries, `Grouped`
    for the chronology's events and the citation index's archives and works)."""

    name: str
    start: bytes
    end: bytes
    parts: Iterator[bytes] | Iterator[Entry]
    folder: str = ""  # a register's type: persons, organisations, places


def edition_start(ctx: Context) -> bytes:
    """The start tag of `tp:edition`, the index's root, declaring the namespace."""
    attrs = (("xmlns:tp", TP_NS), ("title", ctx.title), ("root-relative", "true"))
    return tag("edition", attrs).encode()


EDITION_END = b"</tp:edition>"


def edition_sections(
    docs: list[DocumentData],
    registers: Registers,
    index: CitationIndex,
    ctx: Context,
    spool: Path | None = None,
) -> Iterator[Section]:
    """The root's children one at a time (introduction, documents, three registers,
    chronology, citations), each with its children made one at a time: a caller that
    writes and drops each part never holds the whole index, nor a whole register with
    every mention, of a large edition in memory. With `spool` (a folder), the mentions,
    grouped by entry before any register is written, wait in a temporary file there
    instead of in memory."""
    intro = _introduction(ctx)
    if intro:
        yield _whole("introduction", [intro])
    yield _whole("documents", _documents(registers, ctx))
    with MentionSpool(spool) as mentions:
        _mentions_by_entry(docs, registers, ctx, mentions)
        for kind, folder in REGISTER_TYPES:
            start = tag("register", (("type", folder),)).encode()
            entries = _entries(kind, registers, mentions, ctx)
            yield Section("register", start, b"</tp:register>", entries, folder)
    events = _chronology(docs, ctx, spool)
    yield Section("chronology", b"<tp:chronology>", b"</tp:chronology>", events)
    start = tag("citations", (("count", str(index.count())),)).encode()
    yield Section("citations", start, b"</tp:citations>", _citations(index, registers, ctx))


def _whole(name: str, parts) -> Section:
    """A section whose children are strings (encoded one at a time)."""
    return Section(name, f"<tp:{name}>".encode(), f"</tp:{name}>".encode(),
                   (p.encode() for p in parts))  # fmt: skip


def edition_bytes(
    docs: list[DocumentData], registers: Registers, index: CitationIndex, ctx: Context
) -> bytes:
    """The whole index, serialised without whitespace between elements."""
    out = [edition_start(ctx)]
    for section in edition_sections(docs, registers, index, ctx):
        out.append(section.start)
        out.extend(part_bytes(p) for p in section.parts)
        out.append(section.end)
    out.append(EDITION_END)
    return b"".join(out)


def part_bytes(part: bytes | Entry | Grouped) -> bytes:
    """A section's child as it is written in the index."""
    return part if isinstance(part, bytes) else part.xml


_PARSER = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True, load_dtd=False)


def edition_xml(
    docs: list[DocumentData], registers: Registers, index: CitationIndex, ctx: Context
) -> etree._ElementTree:
    """The whole index document in one tree (deterministic order throughout)."""
    return etree.ElementTree(etree.fromstring(edition_bytes(docs, registers, index, ctx),
                                              _PARSER))  # fmt: skip


def _introduction(ctx: Context) -> str:
    """tp:introduction's paragraphs: the project description (encodingDesc/projectDesc)
    the edition's documents share: a teiCorpus header's, or the paragraphs every document
    repeats. Descriptions that differ from one document to the next describe documents,
    not the edition, and stay on their pages."""
    top = [ctx.meta[d] for d in ctx.order if not ctx.meta[d].container]
    if not top:
        return ""
    shared = [p for p in top[0].project if all(p in m.project for m in top[1:])]
    return "".join(element("p", (), paragraph) for paragraph in shared)


def _documents(registers: Registers, ctx: Context) -> Iterator[str]:
    for doc_id in ctx.order:
        meta = ctx.meta[doc_id]
        attrs = (
            ("id", meta.id), ("title", meta.title), ("href", ctx.pages[meta.id]),
            ("date", meta.date.iso if meta.date else ""),
            ("date-display", meta.date.display if meta.date else ""),
            ("place", meta.place), ("container", meta.container),
        )  # fmt: skip
        inner = []
        for agent in meta.agents:
            entry = registers.resolve(agent.pointer, meta.file) if agent.pointer else None
            href = ctx.entry_href(entry) if entry is not None else ""
            inner.append(element("agent", (("role", agent.role), ("href", href)), agent.name))
        if meta.summary:
            inner.append(element("summary", (), meta.summary))
        if meta.source:
            inner.append(element("source", (), meta.source))
        inner += [element("language", (), lang) for lang in meta.languages]
        yield _wrap("document", attrs, inner)


def _wrap(name: str, attrs, inner: list[str]) -> str:
    if not inner:
        return tag(name, attrs, empty=True)
    return f"{tag(name, attrs)}{''.join(inner)}</tp:{name}>"


class _Spool:
    """Bytes written now and read back later: to a temporary file in `folder` (unlinked
    from the start, closed by `close`), or held in memory without one."""

    def __init__(self, folder: Path | None) -> None:
        self.file = tempfile.TemporaryFile(dir=folder) if folder is not None else None  # noqa: SIM115
        self.held: list[bytes] = []
        self.offset = 0

    def put(self, data: bytes) -> int:
        """Keep `data`; returns where it is (an offset, or an index when held)."""
        if self.file is None:
            self.held.append(data)
            return len(self.held) - 1
        self.file.write(data)
        self.offset += len(data)
        return self.offset - len(data)

    def get(self, where: int, length: int) -> bytes:
        if self.file is None:
            return self.held[where]
        self.file.flush()
        return os.pread(self.file.fileno(), length, where)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        self.held = []


class MentionSpool:
    """Serialised mentions by register entry: added in document order, taken in register
    order. Without a folder they are held in memory; with one they are written to a
    temporary file there as they come (an edition's mentions are most of its index) and
    read back one entry at a time."""

    def __init__(self, folder: Path | None) -> None:
        self.spool = _Spool(folder)
        self.where: dict[tuple[str, str], array] = {}  # where, length, where, length...

    def __enter__(self) -> MentionSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.spool.close()

    def add(self, key: tuple[str, str], data: bytes) -> None:
        self.where.setdefault(key, array("q")).extend((self.spool.put(data), len(data)))

    def take(self, key: tuple[str, str]) -> list[bytes]:
        """The mentions of one entry, in document order (each entry is taken once)."""
        found = self.where.pop(key, None)
        if not found:
            return []
        return [self.spool.get(found[k], found[k + 1]) for k in range(0, len(found), 2)]


def _mentions_by_entry(docs, registers: Registers, ctx: Context, spool: MentionSpool) -> None:
    """Each entry's mentions, serialised as they are found: bytes, not the mentions
    themselves, which are read one document at a time (DocumentData.pack)."""
    kinds = {"person", "org", "place"}
    for doc in docs:
        meta = doc.meta
        head = f"<tp:mention{_attrs((('document', meta.id), ('doc-title', meta.title)))}"
        href = _attr_value(f"{ctx.pages[meta.id]}#")
        for m in doc.mentions:
            entry = registers.resolve(m.pointer, meta.file)
            if entry is not None and entry.kind in kinds:
                spool.add((entry.file, entry.id), _mention(head, href, m).encode())


def _entries(
    kind: str, registers: Registers, mentions: MentionSpool, ctx: Context
) -> Iterator[Entry]:
    """The register's entries of one kind, one at a time."""
    for entry in registers.entries():
        if entry.kind == kind and not entry.archive and (entry.file, entry.id) in ctx.entry_pages:
            yield _entry(entry, mentions.take((entry.file, entry.id)), ctx)


def _entry(entry: RegisterEntry, mentions: list[bytes], ctx: Context) -> Entry:
    href = ctx.entry_href(entry)
    attrs = (("id", entry.id), ("name", entry.name), ("href", href),
             ("mentions", str(len(mentions))))  # fmt: skip
    inner = [element("variant", (), v) for v in entry.variants]
    if entry.abbr:
        inner.append(element("variant", (("type", "abbr"),), entry.abbr))
    inner += [element("variant", (("type", "former"),), f) for f in entry.former]
    if entry.dates:
        inner.append(element("dates", (), entry.dates))
    if entry.description:
        inner.append(element("description", (), entry.description))
    inner += [element("authority", (("type", t), ("href", url))) for t, url in entry.authorities]
    record = _wrap("entry", attrs, inner).encode()
    if not mentions:
        return Entry(entry.id, href, record, record)
    start = f"{tag('entry', attrs)}{''.join(inner)}".encode()
    return Entry(entry.id, href, b"".join([start, *mentions, b"</tp:entry>"]), record)


def _mention(head: str, href: str, m) -> str:
    """The `tp:mention` of one mention: `head` holds its document's attributes, `href`
    the escaped page URL up to the anchor (made once per document)."""
    return (
        f'{head} href="{href}{_attr_value(m.anchor)}"'
        f"{_attrs((('before', m.before), ('match', m.match), ('after', m.after)))}/>"
    )


_YEAR = re.compile(r"-?\d+")


def year_of(iso: str) -> str:
    """The year a date starts in ("1956" of "1956-10-23/1956-11-04"), "" if none."""
    found = _YEAR.match(iso)
    return found.group() if found else ""


def _chronology(docs, ctx: Context, folder: Path | None = None) -> Iterator[Grouped]:
    """The chronology's events in date order (documents by their date, events in the
    text), ties in edition order. Each event is serialised as its document is read and
    waits for the sort in a temporary file in `folder` (in memory without one): only
    its sort key is held, where rows for every event took 600 bytes each (186,000 events,
    111 MB, at 200 MB of TEI)."""
    spool = _Spool(folder)
    keys: list[tuple[str, str]] = []
    years: list[str] = []
    where = array("q")  # where each event is in the spool, and its length
    try:
        for doc in docs:
            meta = doc.meta
            page = ctx.pages[meta.id]
            rows = [(meta.date, 0, meta.title, page, "document")] if meta.date else []
            rows += [
                (ev.date, k, ev.label, f"{page}#{ev.anchor}" if ev.anchor else page, "event")
                for k, ev in enumerate(doc.events, 1)
            ]
            for date, k, label, href, kind in rows:
                tie = f"{meta.order:09d}-{k:06d}" if k else f"{meta.order:09d}-0"
                xml = tag("event", (
                    ("sort-key", f"{date.sort_key}|{tie}"), ("iso", date.iso),
                    ("display", date.display), ("label", label), ("document", meta.id),
                    ("href", href), ("type", kind), ("doc-title", meta.title),
                ), empty=True).encode()  # fmt: skip
                keys.append((date.sort_key, tie))
                years.append(sys.intern(year_of(date.iso)))
                where.extend((spool.put(xml), len(xml)))
        order = sorted(range(len(keys)), key=keys.__getitem__)
        del keys
        for i in order:
            year = years[i]
            yield Grouped(year, year or "Undated", 1, spool.get(where[2 * i], where[2 * i + 1]))
    finally:
        spool.close()


def _citations(index: CitationIndex, registers: Registers, ctx: Context) -> Iterator[Grouped]:
    """The children of tp:citations one at a time: each archive with its sources, then
    each published work, in index order."""
    by_archive: dict[str, list] = defaultdict(list)
    for source in index.sources:
        if source.kind == "archival":
            by_archive[source.archive].append(source)
    for archive_id, label, name in index.archives:
        entry = registers.unique(archive_id)
        attrs = (("id", ctx.index_anchors.get(archive_id, archive_id)), ("label", label),
                 ("name", name))  # fmt: skip
        inner = [element("former", (), f) for f in (entry.former if entry is not None else ())]
        sources = by_archive.pop(archive_id, [])
        xml = [_wrap("archive", attrs, inner).encode()]
        if sources:  # the archive's start tag and former names, its sources, its end tag
            head = (tag("archive", attrs) + "".join(inner)).encode()
            xml = [head, *(_source_bytes(source, ctx) for source in sources), b"</tp:archive>"]
        items = sum(len(s.citations) for s in sources)
        yield Grouped(archive_id, label, items, b"".join(xml), pieces=_pieces(sources, xml, ctx))
    for source in index.sources:
        if source.kind != "archival":
            attrs = (("id", source.id), ("label", source.label), ("work", source.work))
            xml = _wrap("work", attrs, [_citation(c) for c in source.citations]).encode()
            page = ctx.source_pages.get(source.id, "")
            yield Grouped("", "Published sources", len(source.citations), xml, page)


def _source_bytes(source: Source, ctx: Context) -> bytes:
    """One archival source of the citation index, its location parts and citations."""
    src = [element("part", (("type", p.type), ("value", p.value))) for p in source.location]
    src += [_citation(cite) for cite in source.citations]
    return _wrap("source", (
        ("id", source.id), ("label", source.label),
        ("edition-href", ctx.pages.get(source.edition_document, "")),
        ("edition-document", source.edition_document),
        ("edition-title", _title(ctx, source.edition_document)),
    ), src).encode()  # fmt: skip


def _pieces(
    sources: list[Source], xml: list[bytes], ctx: Context
) -> tuple[tuple[str, int, int, int], ...]:
    """Where an archive's sources go when it continues on further pages of a split
    index: each run of sources on one page, as (page, start, end, citations) in the
    archive's bytes (`xml`: head, one item per source, tail). Empty when it is shown
    on one page."""
    if not any(s.id in ctx.source_pages for s in sources):
        return ()
    runs: list[list] = []
    offset = len(xml[0])
    for source, data in zip(sources, xml[1:-1], strict=True):
        page = ctx.source_pages.get(source.id, "")
        if not runs or runs[-1][0] != page:
            runs.append([page, offset, offset, 0])
        runs[-1][2] = offset = offset + len(data)
        runs[-1][3] += len(source.citations)
    return tuple(tuple(run) for run in runs)


def _title(ctx: Context, doc_id: str) -> str:
    meta = ctx.meta.get(doc_id) if doc_id else None
    return meta.title if meta is not None else ""


def _citation(cite: SourceCitation) -> str:
    return tag("citation", (
        ("document", cite.document), ("doc-title", cite.doc_title), ("note", cite.note),
        ("n", cite.n), ("href", cite.href), ("cited-range", cite.cited_range),
        ("text", cite.text),
    ), empty=True)  # fmt: skip
