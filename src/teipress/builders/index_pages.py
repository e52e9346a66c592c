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

A large chronology or citation index (more events or citations than `[build]
split_index_items`) is split: chronology.html and citations.html then list the pages
(`tp:page` children of an empty `tp:chronology` / `tp:citations`), and each page
(chronology/<year>.html, citations/<archive>.html, citations/works.html) reads a
`tp:chronology` / `tp:citations` holding its own events or sources, with `@group`,
`@label` and the links to its neighbours (`@prev-href`, `@next-href`, `@index-href`).
A group of more than `split_index_items` goes on over further pages (<year>-2.html …):
an archive cut across pages shows its heading on each, with the run of its sources
there. A page of 100 MB helps no reader, and one XSLT result tree that size took
gigabytes (a 39 MB page of published works, 0.9 GB in the worker that rendered it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..citations import natural
from ..edition_index import (
    EDITION_END,
    Grouped,
    Section,
    chunks,
    edition_start,
    part_bytes,
    tag,
)
from ..errors import InputError
from ..state import hash_bytes
from ..writer import LINE_END

if TYPE_CHECKING:
    from ..build import ResolvedEdition
    from ..resolve import Context

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
class Span:
    """Consecutive lines of a file this build wrote (data/edition.xml), without the line
    ends between them (`gaps`: where they are): a page's slice names the parts of the
    edition index it shows instead of holding a copy of them."""

    path: str
    offset: int
    length: int
    gaps: tuple[int, ...] = ()

    def read(self) -> bytes:
        try:
            with Path(self.path).open("rb") as handle:
                handle.seek(self.offset)
                data = handle.read(self.length)
        except OSError as exc:
            raise InputError(f"{self.path}: cannot read the edition index: {exc.strerror}") from exc
        if len(data) != self.length:
            raise InputError(f"{self.path}: the edition index changed while the site was built")
        pieces, start = [], 0
        for gap in self.gaps:
            pieces.append(data[start:gap])
            start = gap + len(LINE_END)
        pieces.append(data[start:])
        return b"".join(pieces)


def _spans(path: str, lines: list[tuple[int, bytes]]) -> list[Span]:
    """Spans over written lines ((offset, bytes), in order): one per run of lines that
    follow each other in the file."""
    spans: list[Span] = []
    start, end, gaps = -1, -1, []
    for offset, data in lines:
        if offset != end + len(LINE_END) or start < 0:
            if start >= 0:
                spans.append(Span(path, start, end - start, tuple(gaps)))
            start, gaps = offset, []
        else:
            gaps.append(end - start)
        end = offset + len(data)
    if start >= 0:
        spans.append(Span(path, start, end - start, tuple(gaps)))
    return spans


@dataclass(frozen=True)
class IndexPage:
    """One index page to render: its site path, the `page` parameter, the entry it
    shows (register entry pages), and the edition-index slice it is rendered from,
    as bytes and spans of data/edition.xml (`parts`); `digest` is the slice's hash,
    which the incremental build compares."""

    rel: str
    page: str
    entry_id: str | None
    parts: tuple[bytes | Span, ...]
    digest: str

    @classmethod
    def of(cls, rel: str, page: str, entry_id: str | None, source: bytes) -> IndexPage:
        """A page whose slice is held in memory."""
        return cls(rel, page, entry_id, (source,), hash_bytes(source))

    @property
    def source(self) -> bytes:
        """The slice, read from data/edition.xml where it is spooled."""
        return b"".join(p if isinstance(p, bytes) else p.read() for p in self.parts)

    @property
    def size(self) -> int:
        return sum(len(p) if isinstance(p, bytes) else p.length for p in self.parts)

    def loaded(self) -> IndexPage:
        """The same page holding its slice, for workers that cannot read this machine's
        files (a Dask cluster)."""
        return replace(self, parts=(self.source,))


@dataclass(frozen=True)
class IndexBatch:
    """Index pages rendered by one task, with the stylesheet and parameters they share."""

    pages: tuple[IndexPage, ...]
    params: tuple[tuple[str, str], ...]
    stylesheet: str  # "" for the default HTML stylesheet


def index_page_list(edition: ResolvedEdition, nav: str) -> list[IndexPage]:
    """Every index page of a read edition (build.ResolvedEdition), with its slice."""
    slicer = IndexSlicer(edition_start(edition.context), nav, edition.context)
    for _ in slicer.feed(edition.sections()):
        pass
    return slicer.pages()


class IndexSlicer:
    """Cuts the edition index, fed one section at a time, into page slices.

    `feed` passes the index's bytes on (to be written to data/edition.xml) and keeps
    only what pages read: the whole-edition sections (or the groups of a split one),
    each entry, each entry's record. `pages()` lists the slices in a fixed order: the
    whole-edition pages and the pages of split ones, the register indexes, then every
    entry page sorted by path.
    """

    def __init__(
        self, start: bytes, nav: str, ctx: Context | None = None, spool: Path | None = None
    ) -> None:
        self.open, self.close = start, EDITION_END
        self.nav = set(nav.split())
        # Where the fed lines are written: pages then read their slices from there (the
        # entries' and split indexes' slices of a large edition are hundreds of MB).
        self.spool = str(spool) if spool is not None else None
        self.offset = 0  # of the next line in that file
        self.split = ctx.split_index if ctx is not None else 0
        self.citation_pages = ctx.citation_pages if ctx is not None else {}
        self.sections: dict[str, bytes] = {}
        self.split_pages: dict[str, list[IndexPage]] = {}
        self.registers: list[IndexPage] = []
        self.entries: list[IndexPage] = []

    def feed(self, sections: Iterable[Section]) -> Iterator[bytes]:
        """The index as bytes to write, one line per part (root, section tags, entries,
        archives, works, events, documents), slicing it on the way."""
        yield self._line(self.open)
        for section in sections:
            if section.name == "register":
                yield from self.register(section)
                continue
            parts, offsets = [], []
            yield self._line(section.start)
            for part in section.parts:
                data = part_bytes(part)
                parts.append(part)
                offsets.append(self.offset)
                yield self._line(data)
            yield self._line(section.end)
            groups = self._groups(section.name, parts, offsets)
            if groups is not None:
                self.split_pages[section.name] = self._split(section, groups)
            else:
                body = b"".join(part_bytes(p) for p in parts)
                self.sections[section.name] = section.start + body + section.end
        yield self._line(self.close)

    def _line(self, data: bytes) -> bytes:
        """A line to write, counted: the next one starts after it and its line end."""
        self.offset += len(data) + len(LINE_END)
        return data

    def _page(self, rel: str, page: str, entry_id: str | None, pieces: list) -> IndexPage:
        """A page whose slice is `pieces` joined: bytes, and lists of written lines
        ((offset, bytes)) that are read back from the spool file when there is one."""
        digest = hashlib.sha256()
        parts: list[bytes | Span] = []
        for piece in pieces:
            lines = [piece] if isinstance(piece, bytes) else [data for _, data in piece]
            for data in lines:
                digest.update(data)
            if isinstance(piece, bytes) or self.spool is None:
                parts.append(b"".join(lines))
            else:
                parts += _spans(self.spool, piece)
        return IndexPage(rel, page, entry_id, tuple(parts), digest.hexdigest())

    def _groups(self, name: str, parts: list, offsets: list[int]) -> dict[str, _Page] | None:
        """A large chronology's events by year, or the citation index's archives and
        works by page, each group continued on further pages when it holds more than
        `split` items; None when the section stays whole."""
        if name == "chronology" and self.split and len(parts) > self.split:
            return self._years(parts, offsets)
        if name == "citations" and self.citation_pages:
            return self._citation_groups(parts, offsets)
        return None

    def _years(self, parts: list[Grouped], offsets: list[int]) -> dict[str, _Page]:
        """chronology/<year>.html, then <year>-2.html … for a year of more than `split`
        events (in date order, as the chronology lists them)."""
        years: dict[str, list[tuple[int, Grouped]]] = {}
        for offset, part in zip(offsets, parts, strict=True):
            years.setdefault(part.group, []).append((offset, part))
        pages: dict[str, _Page] = {}
        for year in sorted(years, key=_year_order):
            base = f"chronology/{year or 'undated'}"
            runs = list(chunks(years[year], self.split, lambda line: line[1].items))
            for k, run in enumerate(runs, 1):
                page = _Page(year, _numbered(run[0][1].label, k, len(runs)))
                for offset, part in run:
                    page.add_line(offset, part)
                pages[f"{base}.html" if k == 1 else f"{base}-{k}.html"] = page
        return pages

    def _citation_groups(self, parts: list[Grouped], offsets: list[int]) -> dict[str, _Page]:
        """The citation index's pages (decided by the build, `Context.citation_pages`
        and `source_pages`): archives by label, then the published works."""
        pages: dict[str, _Page] = {}
        for offset, part in zip(offsets, parts, strict=True):
            first = self.citation_pages[part.group]
            if not part.pieces:
                pages.setdefault(part.page or first, _Page(part.group, part.label))
                pages[part.page or first].add_line(offset, part)
                continue
            head, tail = part.xml[: part.pieces[0][1]], part.xml[part.pieces[-1][2] :]
            for page, start, end, items in part.pieces:
                rel = page or first
                pages.setdefault(rel, _Page(part.group, part.label))
                pages[rel].add_cut(head, (offset + start, part.xml[start:end]), tail, items)
        by_group: dict[str, list[str]] = {}
        for rel, page in pages.items():
            by_group.setdefault(page.group, []).append(rel)
        order = sorted(by_group, key=lambda g: (not g, natural(pages[by_group[g][0]].label)))
        ordered = {}
        for group in order:
            for k, rel in enumerate(by_group[group], 1):
                pages[rel].label = _numbered(pages[rel].label, k, len(by_group[group]))
                ordered[rel] = pages[rel]
        return ordered

    def _split(self, section: Section, groups: dict[str, _Page]) -> list[IndexPage]:
        """The page listing the groups' pages, then one page per group (in that order)."""
        name, index = section.name, f"{section.name}.html"
        order = list(groups)
        listing = [
            tag("page", (("href", rel), ("label", groups[rel].label),
                         ("count", str(groups[rel].count))), empty=True).encode()
            for rel in order
        ]  # fmt: skip
        total = sum(page.count for page in groups.values())
        start = tag(name, (("count", str(total)),)).encode()
        overview = [self.open, start, *listing, section.end, self.close]
        pages = [IndexPage.of(index, name, None, b"".join(overview))]
        for k, rel in enumerate(order):
            page = groups[rel]
            prev = order[k - 1] if k > 0 else ""
            after = order[k + 1] if k + 1 < len(order) else ""
            attrs = (
                ("count", str(page.count)), ("group", page.group),
                ("label", page.label), ("index-href", index),
                ("prev-href", prev), ("prev-label", groups[prev].label if prev else ""),
                ("next-href", after), ("next-label", groups[after].label if after else ""),
            )  # fmt: skip
            head = self.open + tag(name, attrs).encode()
            pages.append(
                self._page(rel, name, None, [head, *page.pieces, section.end + self.close])
            )
        return pages

    def register(self, section: Section) -> Iterator[bytes]:
        """One page per entry, and the register's index page from their records."""
        folder, start, end = section.folder, section.start, section.end
        records = []
        yield self._line(start)
        for entry in section.parts:
            if entry.href:
                pieces = [self.open + start, [(self.offset, entry.xml)], end + self.close]
                self.entries.append(self._page(entry.href, folder, entry.ident, pieces))
            records.append(entry.record)
            yield self._line(entry.xml)
        yield self._line(end)
        if folder in REGISTER_PAGES and folder in self.nav:
            xml = b"".join([self.open, start, *records, end, self.close])
            self.registers.append(IndexPage.of(f"{folder}/index.html", folder, None, xml))

    def pages(self) -> list[IndexPage]:
        """Every page's slice, once; the whole-edition sections are let go (each page
        holds its own copy of those it reads)."""
        whole = []
        for name in ("index", "chronology", "citations"):
            if name in self.split_pages:
                whole += self.split_pages.pop(name)
            else:
                whole.append(IndexPage.of(f"{name}.html", name, None, self._whole(SECTIONS[name])))
        self.sections.clear()
        return whole + self.registers + sorted(self.entries, key=lambda p: p.rel)

    def _whole(self, names: Sequence[str]) -> bytes:
        return b"".join([self.open, *(self.sections.get(n, b"") for n in names), self.close])


class _Page:
    """One page of a split index, while the index is cut: its group, label and count,
    and the pieces of its slice (`IndexSlicer._page`): written lines (whole events,
    archives, works) and, for an archive cut across pages, its start tag, the run of
    its sources on this page and its end tag."""

    def __init__(self, group: str, label: str) -> None:
        self.group, self.label, self.count = group, label, 0
        self.pieces: list[bytes | list[tuple[int, bytes]]] = []

    def add_line(self, offset: int, part: Grouped) -> None:
        if not self.pieces or isinstance(self.pieces[-1], bytes):
            self.pieces.append([])
        self.pieces[-1].append((offset, part.xml))  # type: ignore[union-attr]
        self.count += part.items

    def add_cut(self, head: bytes, line: tuple[int, bytes], tail: bytes, items: int) -> None:
        self.pieces += [head, [line], tail]
        self.count += items


def _numbered(label: str, k: int, pages: int) -> str:
    """A group's label on the k-th of its pages: "1956 (2/3)"; the label alone on one."""
    return label if pages == 1 else f"{label} ({k}/{pages})"


def _year_order(year: str) -> tuple[int, str]:
    """Years in order (-44 before 1956), undated ("") last."""
    try:
        return (int(year), "")
    except ValueError:
        return (10**9, year)


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
        size += page.size
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
