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
from ..edition_index import EDITION_END, Grouped, Section, edition_start, part_bytes, tag
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


def _spans(path: str, lines: list[tuple[int, int]]) -> list[Span]:
    """Spans over written lines ((offset, length), in order): one per run of lines that
    follow each other in the file."""
    spans: list[Span] = []
    start, end, gaps = -1, -1, []
    for offset, length in lines:
        if offset != end + len(LINE_END) or start < 0:
            if start >= 0:
                spans.append(Span(path, start, end - start, tuple(gaps)))
            start, gaps = offset, []
        else:
            gaps.append(end - start)
        end = offset + length
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
            pages = self._cutter(section.name)
            held: list[bytes] | None = [] if pages is None or not pages.split else None
            yield self._line(section.start)
            for part in section.parts:
                data = part_bytes(part)
                if pages is not None:
                    pages.place(self.offset, part, data)
                if held is not None:  # while the section may stay one page
                    held.append(data)
                    if pages is not None and pages.split:
                        held = None
                yield self._line(data)
            yield self._line(section.end)
            if held is None:
                self.split_pages[section.name] = self._split(section, pages)
            else:
                self.sections[section.name] = section.start + b"".join(held) + section.end
        yield self._line(self.close)

    def _line(self, data: bytes) -> bytes:
        """A line to write, counted: the next one starts after it and its line end."""
        self.offset += len(data) + len(LINE_END)
        return data

    def _page(self, rel: str, page: str, entry_id: str | None, pieces: list) -> IndexPage:
        """A page whose slice is `pieces` joined (see `_slice`), hashed whole."""
        digest = hashlib.sha256()
        for piece in pieces:
            for data in [piece] if isinstance(piece, bytes) else [data for _, data in piece]:
                digest.update(data)
        return self._slice(rel, page, entry_id, pieces, digest.hexdigest())

    def _slice(
        self, rel: str, page: str, entry_id: str | None, pieces: list, digest: str
    ) -> IndexPage:
        """A page whose slice is `pieces` joined: bytes, and runs of written lines as
        (offset, bytes or length), read back from the spool file when there is one
        (without one, the lines hold their bytes)."""
        parts: list[bytes | Span] = []
        for piece in pieces:
            if isinstance(piece, bytes):
                parts.append(piece)
            elif self.spool is None:
                parts.append(b"".join(data for _, data in piece))
            else:
                lengths = [(at, d if isinstance(d, int) else len(d)) for at, d in piece]
                parts += _spans(self.spool, lengths)
        return IndexPage(rel, page, entry_id, tuple(parts), digest)

    def _cutter(self, name: str) -> _SplitPages | None:
        """What places a chronology's events or the citation index's archives and works
        on pages as they come; None for the sections that always stay whole."""
        if name == "chronology" and self.split:
            return _SplitPages(name, self.split, {}, held=self.spool is None)
        if name == "citations" and self.citation_pages:
            return _SplitPages(name, 0, self.citation_pages, held=self.spool is None)
        return None

    def _split(self, section: Section, pages: _SplitPages) -> list[IndexPage]:
        """The page listing the pages of a split section, then each page, in order."""
        name, index = section.name, f"{section.name}.html"
        order = pages.ordered()
        listing = [
            tag("page", (("href", rel), ("label", page.label), ("count", str(page.count))),
                empty=True).encode()
            for rel, page in order
        ]  # fmt: skip
        total = sum(page.count for _, page in order)
        start = tag(name, (("count", str(total)),)).encode()
        overview = [self.open, start, *listing, section.end, self.close]
        slices = [IndexPage.of(index, name, None, b"".join(overview))]
        for k, (rel, page) in enumerate(order):
            prev = order[k - 1] if k > 0 else ("", None)
            after = order[k + 1] if k + 1 < len(order) else ("", None)
            attrs = (
                ("count", str(page.count)), ("group", page.group),
                ("label", page.label), ("index-href", index),
                ("prev-href", prev[0]), ("prev-label", prev[1].label if prev[1] else ""),
                ("next-href", after[0]), ("next-label", after[1].label if after[1] else ""),
            )  # fmt: skip
            head = self.open + tag(name, attrs).encode()
            slices.append(self._split_page(rel, name, head, page, section.end + self.close))
        return slices

    def _split_page(self, rel: str, name: str, head: bytes, page: _Page, tail: bytes) -> IndexPage:
        """One page of a split section; its hash covers its head, its lines' hash (kept
        as they were fed) and its tail."""
        digest = hash_bytes(head + page.digest.digest() + tail)
        return self._slice(rel, name, None, [head, *page.pieces, tail], digest)

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


class _SplitPages:
    """The pages of a chronology or citation index while it is fed, each part placed on
    its page as it comes: a page keeps where its lines are in data/edition.xml and their
    hash, not the lines (the held bytes too when there is no spool file).

    Events go to their year's page, and to <year>-2.html … once the year has had `split`
    (the chronology is split only when it has more than `split` events in all: `split`
    turns true then); archives and works to the pages the build chose for their sources
    (`Context.citation_pages` by group, `Grouped.page` and `Grouped.pieces` for those on
    a further page)."""

    def __init__(self, name: str, most: int, pages: dict[str, str], *, held: bool) -> None:
        self.name, self.most, self.first, self.held = name, most, pages, held
        self.split = bool(pages)  # the citation index's split is decided by the build
        self.pages: dict[str, _Page] = {}
        self.items = 0
        self.seen: dict[str, int] = {}  # events of each year so far

    def place(self, offset: int, part: Grouped, data: bytes) -> None:
        self.items += part.items
        if self.name == "chronology":
            self.split = self.items > self.most
            seen = self.seen.get(part.group, 0)
            self.seen[part.group] = seen + part.items
            k = seen // self.most + 1
            base = f"chronology/{part.group or 'undated'}"
            rel = f"{base}.html" if k == 1 else f"{base}-{k}.html"
            self._page(rel, part).add(offset, data, part.items)
            return
        first = self.first[part.group]
        if not part.pieces:
            self._page(part.page or first, part).add(offset, data, part.items)
            return
        head, tail = data[: part.pieces[0][1]], data[part.pieces[-1][2] :]
        for page, start, end, items in part.pieces:
            self._page(page or first, part).add_cut(
                head, offset + start, data[start:end], tail, items
            )

    def _page(self, rel: str, part: Grouped) -> _Page:
        if rel not in self.pages:
            self.pages[rel] = _Page(part.group, part.label, self.held)
        return self.pages[rel]

    def ordered(self) -> list[tuple[str, _Page]]:
        """The pages in listing order, each group's numbered when it has several: years
        in order (undated last); archives by label, then the published works."""
        groups: dict[str, list[str]] = {}
        for rel, page in self.pages.items():
            groups.setdefault(page.group, []).append(rel)
        if self.name == "chronology":
            order = sorted(groups, key=_year_order)
        else:
            order = sorted(groups, key=lambda g: (not g, natural(self.pages[groups[g][0]].label)))
        listed = []
        for group in order:
            for k, rel in enumerate(groups[group], 1):
                page = self.pages[rel]
                page.label = _numbered(page.label, k, len(groups[group]))
                listed.append((rel, page))
        return listed


class _Page:
    """One page of a split index: its group, label, count, the hash of its lines, and
    its pieces: runs of written lines as (offset, length) (as (offset, bytes) when
    `held`) and, for an archive cut across pages, its start tag and end tag (bytes)
    around the run of its sources on this page."""

    def __init__(self, group: str, label: str, held: bool) -> None:
        self.group, self.label, self.count, self.held = group, label, 0, held
        self.digest = hashlib.sha256()
        self.pieces: list[bytes | list[tuple[int, int | bytes]]] = []

    def add(self, offset: int, data: bytes, items: int) -> None:
        if not self.pieces or isinstance(self.pieces[-1], bytes):
            self.pieces.append([])
        self.pieces[-1].append((offset, data if self.held else len(data)))  # type: ignore[union-attr]
        self.digest.update(data)
        self.count += items

    def add_cut(self, head: bytes, offset: int, data: bytes, tail: bytes, items: int) -> None:
        self.pieces += [head, [(offset, data if self.held else len(data))], tail]
        for piece in (head, data, tail):
            self.digest.update(piece)
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
