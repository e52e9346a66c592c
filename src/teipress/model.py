"""Frozen dataclasses the build pipeline passes between phases (plain data, no I/O).

Everything here is picklable so that per-document work can run in worker processes
and return its results to the resolve phase, which alone sees the whole edition.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import NamedTuple

#: Register kinds and the output folder of their pages.
REGISTER_FOLDERS = {"person": "persons", "org": "organisations", "place": "places"}


def pickled_by_fields(cls: type) -> type:
    """Pickle a frozen slotted dataclass as `cls(*field values)`.

    Slots make each object about half the size of one with a `__dict__` (a Mention: 88
    bytes instead of some 180), but the pickling dataclasses gives frozen slotted classes
    (a Python `__getstate__` and `__setstate__` calling `fields()` per object) is twice as
    slow as a `__dict__`'s, and every file's results are pickled and loaded once a build.
    """
    values = attrgetter(*(f.name for f in fields(cls)))
    single = len(fields(cls)) == 1

    def __reduce__(self):
        return (cls, (values(self),) if single else values(self))

    cls.__reduce__ = __reduce__
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DateValue:
    """A normalised date: `iso` is "YYYY[-MM[-DD]]" or a range "from/to"; `sort_key` sorts."""

    iso: str
    display: str
    sort_key: str
    text: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Agent:
    """A person or body named in a document's header: author, sender, addressee, translator."""

    role: str
    name: str
    pointer: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class LocationPart:
    """One level of an archival location: type (fond, opis, delo…) and its value."""

    type: str
    value: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class CitedRange:
    """What part of a source is cited: unit (page, leaf…), from/to and the source's words."""

    unit: str
    start: str
    end: str
    text: str

    def label(self) -> str:
        """Compact form for indexes: "ll. 3-5", "p. 72"."""
        prefix = {"leaf": "l.", "page": "p.", "volume": "vol.", "issue": "no."}.get(
            self.unit, self.unit + "." if self.unit else ""
        )
        if self.start and self.end and self.start != self.end:
            prefix = {"l.": "ll.", "p.": "pp."}.get(prefix, prefix)
            value = f"{self.start}-{self.end}"
        else:
            value = self.start or self.end or self.text
        return f"{prefix} {value}".strip()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ArchivalLocation:
    """An archival address: archive pointer (or its name as written) and location parts."""

    archive_pointer: str
    archive_text: str
    parts: tuple[LocationPart, ...]
    leaves: CitedRange | None = None


# A document's citations, mentions, events and notes are named tuples: an edition has
# millions, each pickled by a worker and unpickled by the build (in C, where a frozen
# dataclass takes a Python call per field).
class Citation(NamedTuple):
    """One bibl inside a note, as read from one document (before edition-wide resolution)."""

    document: str
    note: str
    n: str
    anchor: str
    xml_id: str
    kind: str  # "archival" | "published" | "unknown"
    text: str
    work_pointer: str = ""
    same_as: str = ""
    ibid: bool = False
    location: ArchivalLocation | None = None
    cited_range: CitedRange | None = None
    title: str = ""
    date: str = ""
    index: int = 0


class Mention(NamedTuple):
    """A pointer-bearing name in a document's text, with its keyword-in-context line."""

    document: str
    anchor: str
    element: str
    pointer: str
    before: str
    match: str
    after: str


class DatedEvent(NamedTuple):
    """A date in a document's text, for the chronology."""

    document: str
    anchor: str
    date: DateValue
    label: str


class Note(NamedTuple):
    """A note of a document: its anchor, number and plain text."""

    anchor: str
    n: str
    xml_id: str
    text: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What a document's header (or, for a document inside a volume, its div) says of it."""

    id: str
    file: str
    title: str
    agents: tuple[Agent, ...] = ()
    date: DateValue | None = None
    place: str = ""
    summary: str = ""
    source: str = ""
    locations: tuple[ArchivalLocation, ...] = ()
    languages: tuple[str, ...] = ()
    container: str = ""
    order: int = 0
    project: tuple[str, ...] = ()


#: The bulky fields of DocumentData: what `DocumentData.pack` keeps pickled.
BULK_FIELDS = ("mentions", "events", "notes", "citations", "ids")


def _bulk_field(name: str) -> property:
    def get(self: DocumentData) -> tuple:
        value = self._bulk[name]
        return pickle.loads(value) if isinstance(value, bytes) else value

    return property(get, doc=f"The document's {name} (unpickled anew when packed).")


class DocumentData:
    """Everything read from one document: the per-document phase's whole result.

    Its bulky fields (mentions with their contexts, events, notes, citations, ids) are
    most of an edition's read data and each is used by one or two whole-edition steps.
    A worker `pack`s the documents it returns: the main process then holds each field
    as bytes (several times smaller than the objects) and a step unpickles a field while
    it uses it, so a large edition's read results are never all in memory as objects.
    A packed field is unpickled on every access: read it once per step.
    """

    __slots__ = ("_bulk", "element_counts", "meta", "parts", "refs")

    def __init__(
        self,
        meta: DocumentMeta,
        mentions: tuple[Mention, ...] = (),
        events: tuple[DatedEvent, ...] = (),
        notes: tuple[Note, ...] = (),
        citations: tuple[Citation, ...] = (),
        element_counts: tuple[tuple[str, int], ...] = (),
        parts: tuple[str, ...] = (),
        ids: tuple[tuple[str, str], ...] = (),
        refs: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.meta = meta
        self.element_counts = element_counts
        self.parts = parts
        # (file, xml:id) named by its refs and ptrs (textwalk.edition_target): what its
        # render task needs of the edition's link targets; kept with the metadata
        self.refs = refs
        self._bulk: dict[str, tuple | bytes] = dict(
            zip(BULK_FIELDS, (mentions, events, notes, citations, ids), strict=True)
        )

    mentions = _bulk_field("mentions")
    events = _bulk_field("events")
    notes = _bulk_field("notes")
    citations = _bulk_field("citations")
    ids = _bulk_field("ids")

    def pack(self) -> DocumentData:
        """Keep the bulky fields pickled (empty ones stay empty tuples); returns self."""
        self._bulk = {
            k: pickle.dumps(v, pickle.HIGHEST_PROTOCOL) if v and not isinstance(v, bytes) else v
            for k, v in self._bulk.items()
        }
        return self

    def metadata_only(self) -> DocumentData:
        """The same document without its bulky fields."""
        return DocumentData(
            self.meta, element_counts=self.element_counts, parts=self.parts, refs=self.refs
        )

    def _values(self) -> tuple:
        return (self.meta, self.element_counts, self.parts, self.refs,
                *(getattr(self, k) for k in BULK_FIELDS))  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DocumentData):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # equal documents need not be one object

    def __repr__(self) -> str:
        return f"DocumentData({self.meta.id!r}, {self.meta.file!r})"

    def __reduce__(self):
        return (_document, (self.meta, self.element_counts, self.parts, self._bulk, self.refs))


def _document(meta, element_counts, parts, bulk, refs=()) -> DocumentData:
    """Unpickle a DocumentData as it was (packed fields stay packed)."""
    doc = DocumentData(meta, element_counts=element_counts, parts=parts, refs=refs)
    doc._bulk = bulk
    return doc


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """One entry of a register: person, org, place or work (bibl), wherever it is kept."""

    id: str
    kind: str  # "person" | "org" | "place" | "work"
    file: str
    name: str
    variants: tuple[str, ...] = ()
    former: tuple[str, ...] = ()
    abbr: str = ""
    dates: str = ""
    description: str = ""
    authorities: tuple[tuple[str, str], ...] = ()
    archive: bool = False
    csl: tuple[tuple[str, object], ...] = ()

    @property
    def folder(self) -> str:
        """Output folder of this entry's page ("" for works and archives: no page)."""
        return "" if self.archive else REGISTER_FOLDERS.get(self.kind, "")

    def names(self) -> tuple[str, ...]:
        """Every name the entry is known by, for matching citations written without pointers."""
        return tuple(n for n in (self.name, self.abbr, *self.variants, *self.former) if n)


class SourceCitation(NamedTuple):
    """One note citing a source, resolved (Ibid. followed). A named tuple: an edition
    has one per citation, made, pickled and unpickled in C."""

    document: str
    doc_title: str
    note: str
    n: str
    anchor: str
    cited_range: str
    text: str
    href: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Source:
    """A cited source of the citation index: an archival unit or a published work."""

    id: str
    kind: str  # "archival" | "published"
    label: str
    archive: str = ""
    location: tuple[LocationPart, ...] = ()
    work: str = ""
    edition_document: str = ""
    citations: tuple[SourceCitation, ...] = field(default=())
