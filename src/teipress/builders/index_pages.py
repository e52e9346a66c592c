"""Index pages (start page, register indexes and entries, chronology, citation index),
each rendered from the slice of the edition index XML it shows.

Rendering every index page from the whole edition index made the write phase grow with
the edition's size times its number of pages, and kept it in one process. Each page
instead gets a small, self-contained XML document (`tp:edition` holding only the
sections the page reads), serialised to bytes: slices travel to worker processes or
Dask workers like any other task, and their hashes are what the incremental build
compares, so a page is rendered again only when what it shows changed.

What each page reads (the contract with xslt/html/*.xsl):

- index: `tp:introduction`, `tp:documents`;
- chronology, citations: `tp:documents` (titles by id) and `tp:chronology` /
  `tp:citations`;
- a register index (persons, organisations, places): its `tp:register`, each entry
  without its `tp:mention` children but with `@mentions`, their number;
- an entry page: its `tp:register` holding that one entry, mentions included.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..resolve import TP_NS

P = f"{{{TP_NS}}}"
REGISTER_PAGES = ("persons", "organisations", "places")
#: Sections of the edition index each whole-edition page reads.
SECTIONS = {
    "index": ("introduction", "documents"),
    "chronology": ("documents", "chronology"),
    "citations": ("documents", "citations"),
}
#: Entry pages are rendered in batches: one task per page would cost more in process
#: round trips than the small pages take to render.
BATCH_BYTES = 4 * 1024 * 1024
BATCH_PAGES = 200


@dataclass(frozen=True)
class IndexPage:
    """One index page to render: its site path, the `page` parameter, the entry it
    shows (register entry pages), and the edition-index slice it is rendered from."""

    rel: str
    page: str
    entry_id: str | None
    source: bytes


@dataclass(frozen=True)
class IndexBatch:
    """Index pages rendered by one task, with the stylesheet and parameters they share."""

    pages: tuple[IndexPage, ...]
    params: tuple[tuple[str, str], ...]
    stylesheet: str  # "" for the default HTML stylesheet


def index_page_list(ed: etree._ElementTree, nav: str) -> list[IndexPage]:
    """Every index page of a whole edition index, with its slice (see `IndexSlicer`)."""
    root = ed.getroot()
    slicer = IndexSlicer(root, nav)
    for section in root:
        if etree.QName(section).localname == "register":
            shell = etree.Element(section.tag, dict(section.attrib), nsmap=section.nsmap)
            for _ in slicer.streamed(shell, section.iterchildren(f"{P}entry")):
                pass
        else:
            slicer.add(section)
    return slicer.pages()


class IndexSlicer:
    """Cuts the edition index, fed one top-level section (or register entry) at a time,
    into page slices.

    Each part is serialised once and may be dropped by the caller as soon as it is
    added: only the slices (bytes) are kept. `pages()` lists them in a fixed order: the
    whole-edition pages, the register indexes, then every entry page sorted by path.
    """

    def __init__(self, root: etree._Element, nav: str) -> None:
        shell = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
        self.open, self.close = _tags(shell)
        self.nav = set(nav.split())
        self.sections: dict[str, bytes] = {}
        self.registers: list[IndexPage] = []
        self.entries: list[IndexPage] = []

    def add(self, section: etree._Element) -> None:
        """Take one child of `tp:edition` other than a register."""
        self.sections[etree.QName(section).localname] = etree.tostring(section)

    def streamed(
        self, shell: etree._Element, children: Iterable[etree._Element]
    ) -> Iterator[etree._Element]:
        """Take a section whose children come one at a time (each yielded on)."""
        if etree.QName(shell).localname == "register":
            yield from self.register(shell, children)
            return
        start, end = _tags(shell)
        parts = [start]
        for child in children:
            parts.append(etree.tostring(child))
            yield child
        parts.append(end)
        self.sections[etree.QName(shell).localname] = b"".join(parts)

    def register(
        self, shell: etree._Element, entries: Iterable[etree._Element]
    ) -> Iterator[etree._Element]:
        """Slice a register's entries as they pass (each is yielded on, unchanged): one
        page per entry, and the register's index page from their records."""
        folder = shell.get("type", "")
        start, end = _tags(shell)
        records = []  # each entry's record without its mentions, for the index page
        for entry in entries:
            if entry.get("href"):
                xml = b"".join([self.open, start, etree.tostring(entry), end, self.close])
                self.entries.append(IndexPage(entry.get("href", ""), folder,
                                              entry.get("id", ""), xml))  # fmt: skip
            records.append(etree.tostring(_record(entry)))
            yield entry
        if folder in REGISTER_PAGES and folder in self.nav:
            xml = b"".join([self.open, start, *records, end, self.close])
            self.registers.append(IndexPage(f"{folder}/index.html", folder, None, xml))

    def pages(self) -> list[IndexPage]:
        whole = [IndexPage(f"{name}.html", name, None, self._whole(SECTIONS[name]))
                 for name in ("index", "chronology", "citations")]  # fmt: skip
        return whole + self.registers + sorted(self.entries, key=lambda p: p.rel)

    def _whole(self, names: Sequence[str]) -> bytes:
        return b"".join([self.open, *(self.sections.get(n, b"") for n in names), self.close])


def _record(entry: etree._Element) -> etree._Element:
    """An entry without its mentions, but with their number (`@mentions`)."""
    record = etree.Element(entry.tag, dict(entry.attrib), nsmap=entry.nsmap)
    if record.get("mentions") is None:
        record.set("mentions", str(sum(1 for _ in entry.iterchildren(f"{P}mention"))))
    for child in entry:
        if child.tag != f"{P}mention":
            record.append(copy.deepcopy(child))
    return record


def _tags(empty: etree._Element) -> tuple[bytes, bytes]:
    """The start and end tags of an element, from its empty serialisation."""
    text = etree.tostring(empty)  # b'<tp:name xmlns:tp="..." a="..."/>'
    name = text[1:].split(None, 1)[0].rstrip(b"/>")
    return text[:-2] + b">", b"</" + name + b">"


def batches(pages: Sequence[IndexPage], params: dict[str, str], stylesheet: str
            ) -> list[IndexBatch]:  # fmt: skip
    """Group pages into tasks: each whole-edition page alone (they are the largest, so
    they go first and finish while the rest is still rendering), entry pages together."""
    shared = tuple(sorted(params.items()))
    out: list[IndexBatch] = []
    group: list[IndexPage] = []
    size = 0
    for page in pages:
        if page.entry_id is None:
            out.append(IndexBatch((page,), shared, stylesheet))
            continue
        group.append(page)
        size += len(page.source)
        if size >= BATCH_BYTES or len(group) >= BATCH_PAGES:
            out.append(IndexBatch(tuple(group), shared, stylesheet))
            group, size = [], 0
    if group:
        out.append(IndexBatch(tuple(group), shared, stylesheet))
    return out


# The slices are teipress's own serialisation of an index it built: no DTD, no entities.
# Large ones (a citation index of a big edition) exceed libxml2's default limits.
_PARSER = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True, load_dtd=False)


def render_batch(batch: IndexBatch) -> list[tuple[str, bytes]]:
    """[(site path, HTML)] of every page in the batch (runs in a worker)."""
    from .. import xslt  # compiled stylesheets are cached per process

    sheet = Path(batch.stylesheet) if batch.stylesheet else None
    params = dict(batch.params)
    return [(page.rel, _render(page, params, sheet, xslt)) for page in batch.pages]


def _render(page: IndexPage, params: dict[str, str], sheet: Path | None, xslt) -> bytes:
    tree = etree.ElementTree(etree.fromstring(page.source, _PARSER))
    return xslt.render_index_page(tree, page.page, page.entry_id, params=params,
                                  stylesheet=sheet)  # fmt: skip
