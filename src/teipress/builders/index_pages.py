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
from collections.abc import Iterator, Sequence
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
    """Every index page of the site with its slice, in a fixed order: the whole-edition
    pages, the register indexes, then every entry page sorted by path."""
    root = ed.getroot()
    slicer = _Slicer(root)
    pages = [IndexPage(f"{name}.html", name, None, slicer.sections(SECTIONS[name]))
             for name in ("index", "chronology", "citations")]  # fmt: skip
    registers = {reg.get("type", ""): reg for reg in root.iterchildren(f"{P}register")}
    have = set(nav.split())
    for folder in REGISTER_PAGES:
        if folder in have and folder in registers:
            pages.append(IndexPage(f"{folder}/index.html", folder, None,
                                   slicer.register_index(registers[folder])))  # fmt: skip
    entries = []
    for folder, reg in registers.items():
        for entry in reg.iterchildren(f"{P}entry"):
            rel = entry.get("href", "")
            if rel:
                entries.append(IndexPage(rel, folder, entry.get("id", ""),
                                         slicer.entry(reg, entry)))  # fmt: skip
    return pages + sorted(entries, key=lambda p: p.rel)


class _Slicer:
    """Serialises sections of one edition index, each section once."""

    def __init__(self, root: etree._Element) -> None:
        shell = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
        empty = etree.tostring(shell)  # b'<tp:edition xmlns:tp="..." .../>'
        self.open, self.close = empty[:-2] + b">", f"</{shell.prefix}:edition>".encode()
        if shell.prefix is None:
            self.close = b"</edition>"
        self.root = root
        self._done: dict[str, bytes] = {}

    def section(self, name: str) -> bytes:
        if name not in self._done:
            found = self.root.find(P + name)
            self._done[name] = etree.tostring(found) if found is not None else b""
        return self._done[name]

    def sections(self, names: Sequence[str]) -> bytes:
        return b"".join([self.open, *(self.section(n) for n in names), self.close])

    def register_index(self, register: etree._Element) -> bytes:
        """The register with every entry's record but not its mentions (only their count)."""
        slim = etree.Element(register.tag, dict(register.attrib), nsmap=register.nsmap)
        for entry in register.iterchildren(f"{P}entry"):
            copied = etree.SubElement(slim, entry.tag, dict(entry.attrib))
            copied.set("mentions", str(sum(1 for _ in entry.iterchildren(f"{P}mention"))))
            for child in entry:
                if child.tag != f"{P}mention":
                    copied.append(copy.deepcopy(child))
        return b"".join([self.open, etree.tostring(slim), self.close])

    def entry(self, register: etree._Element, entry: etree._Element) -> bytes:
        """The register holding just this entry, with all it holds."""
        holder = etree.Element(register.tag, dict(register.attrib), nsmap=register.nsmap)
        text = etree.tostring(holder)
        start = text[:-2] + b">"
        end = f"</{holder.prefix}:register>".encode() if holder.prefix else b"</register>"
        return b"".join([self.open, start, etree.tostring(entry), end, self.close])


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
_PARSER = etree.XMLParser(
    huge_tree=True, resolve_entities=False, no_network=True, load_dtd=False
)


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


def iter_pages(batches_: Sequence[IndexBatch]) -> Iterator[IndexPage]:
    """Every page of the batches, in order."""
    for batch in batches_:
        yield from batch.pages
