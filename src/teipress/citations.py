"""The citation index: group citations into sources, follow Ibid., link edition documents.

Archival sources are keyed by (archive, location parts): the archive is the register
entry the citation points at or names (former names unified, so a citation of a
renamed archive joins its current name), parts are fond → opis/perechen → delo/
dokument … with values normalised ("No. 038" = "38"). Published sources are keyed
by the bibliography entry. An "Ibid."/"op. cit." follows its @sameAs; without one it
stands for the previous citation in the same document. A source is linked to an
edition document when that document's msIdentifier names the same archive and the
same location parts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from .model import Citation, DocumentData, LocationPart, RegisterEntry, Source, SourceCitation
from .registers import Registers
from .textwalk import unique_id

PART_LABELS = {
    "fond": "f.", "opis": "op.", "perechen": "per.", "delo": "d.", "dokument": "dok.",
    "papka": "p.", "portfel": "por.", "rolik": "rol.", "special": "",
}  # fmt: skip
PartsKey = tuple[tuple[str, str], ...]
OPCIT_AUTHOR = re.compile(r"^\s*([^\W\d][\w'’-]+)\b[^.]{0,80}?\bop\.?\s*cit", re.IGNORECASE)  # noqa: RUF001


class Resolved(NamedTuple):
    """What one citation stands for after resolution (one per citation: a named tuple)."""

    source: str
    label: str
    edition_document: str
    ibid: bool
    archive: str = ""  # an archival source's archive, whose page of the index lists it


@dataclass
class CitationIndex:
    """Sources in index order, each citation's resolution, and who cites each document."""

    sources: list[Source]
    archives: list[RegisterEntry | tuple[str, str]]
    resolved: dict[tuple[str, str], Resolved]
    cited_by: dict[str, list[SourceCitation]]
    warnings: list[str] = field(default_factory=list)

    def count(self) -> int:
        """Number of citations in the index."""
        return sum(len(s.citations) for s in self.sources)


def slug(value: str) -> str:
    """A lowercase ASCII id fragment: "AVP RF, f. 77" -> "avp-rf-f-77"."""
    return re.sub(r"[^a-z0-9]+", "-", value.casefold()).strip("-") or "x"


@lru_cache(maxsize=65536)  # archive labels and location parts repeat across sources
def natural(value: str) -> tuple:
    """Sort key that puts "f. 5" before "f. 89" before "f. 100" and "Čavoški" among the Cs."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c)
    ).casefold()
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", plain))


PART_ORDER = {
    t: k
    for k, t in enumerate(
        [
            "fond",
            "collection",
            "record-group",
            "series",
            "opis",
            "perechen",
            "portfel",
            "papka",
            "box",
            "delo",
            "file",
            "folder",
            "dokument",
            "item",
            "rolik",
            "special",
            "shelfmark",
        ]
    )
}


def canonical(parts: Iterable[LocationPart]) -> tuple[LocationPart, ...]:
    """Parts from the widest level to the narrowest, whatever order the citation used."""
    return tuple(sorted(parts, key=lambda p: PART_ORDER.get(p.type, len(PART_ORDER))))


def parts_key(parts: Iterable[LocationPart]) -> PartsKey:
    """Location parts as compared: type and value, case-folded, in order."""
    return tuple((p.type, p.value.casefold()) for p in parts)


def parts_label(parts: Iterable[LocationPart]) -> str:
    """ "f. 89, per. 45, dok. 38" """
    return ", ".join(f"{PART_LABELS.get(p.type, p.type)} {p.value}".strip() for p in parts)


class _Resolver:
    """Turns citations into source keys, one document at a time, in document order."""

    def __init__(self, registers: Registers) -> None:
        self.registers = registers
        self.archive_labels: dict[str, tuple[str, str]] = {}

    def archive(self, pointer: str, text: str, file: str) -> str:
        """Register id of an archive from its pointer or, failing that, one of its names."""
        entry = self.registers.resolve(pointer, file) if pointer else None
        if entry is not None and entry.kind != "org":
            entry = None
        if entry is None and text:
            entry = self.registers.archive_by_name(text)
        if entry is not None:
            self.archive_labels[entry.id] = (entry.abbr or entry.name, entry.name)
            return entry.id
        frag = pointer.rsplit("#", 1)[-1].removeprefix("key:") if pointer else ""
        key = frag or "archive-" + slug(text or "unknown")  # unresolved: the pointer still unifies
        self.archive_labels.setdefault(key, (text or "Unknown archive", text or ""))
        return key

    def work(self, pointer: str, file: str) -> RegisterEntry | None:
        entry = self.registers.resolve(pointer, file) if pointer else None
        return entry if entry is not None and entry.kind == "work" else None

    def own_key(self, cit: Citation, file: str) -> tuple:
        """The source key of a citation read on its own (no Ibid. logic)."""
        if cit.kind == "archival" and cit.location is not None:
            loc = cit.location
            archive = self.archive(loc.archive_pointer, loc.archive_text, file)
            return ("archival", archive, canonical(loc.parts))
        work = self.work(cit.work_pointer, file)
        if work is not None:
            return ("published", work.id, work.name)
        label = cit.title or cit.text[:80]
        frag = cit.work_pointer.rsplit("#", 1)[-1].removeprefix("key:")
        if frag:  # a pointer to a work the registers lack: the pointer still groups
            return ("published", frag, label)
        return ("published", "unlinked-" + slug(label)[:60], label)


def _merge(antecedent: tuple, own: tuple, cit: Citation) -> tuple:
    """An Ibid. takes its antecedent's source; its own location parts refine it."""
    if antecedent[0] != "archival" or cit.location is None or not cit.location.parts:
        return antecedent
    own_types = [p.type for p in cit.location.parts]
    kept: list[LocationPart] = []
    for part in antecedent[2]:
        if part.type in own_types:
            break
        kept.append(part)
    return ("archival", antecedent[1], canonical((*kept, *cit.location.parts)))


def build_index(
    docs: list[DocumentData], registers: Registers, page_of: Callable[[str], str]
) -> CitationIndex:
    """Resolve every citation of the edition and group them into sources.

    A document's citations become index records (`SourceCitation`) as the document is
    resolved; only the records wait for the grouping. The citations themselves, with
    their locations and ranges, are held a document at a time: at 300,000 citations,
    holding them all until the end took half a GB more."""
    res = _Resolver(registers)
    by_xml_id: dict[tuple[str, str], tuple] = {}
    grouped: dict[tuple, list[tuple[SourceCitation, bool]]] = defaultdict(list)
    first_key: dict[tuple, tuple] = {}
    warnings: list[str] = []
    for doc in docs:
        citations = doc.citations
        if not citations:
            continue
        page = page_of(doc.meta.id)
        note_ids = {n.anchor: n.xml_id or n.anchor for n in doc.notes}
        history: list[tuple[Citation, tuple]] = []
        for cit in citations:
            key = _key_of(cit, doc, res, by_xml_id, history, warnings)
            if cit.xml_id:
                by_xml_id[(doc.meta.file, cit.xml_id)] = key
            history.append((cit, key))
            norm = _norm_key(key)
            first_key.setdefault(norm, key)
            grouped[norm].append((_source_citation(doc, cit, page, note_ids), cit.ibid))
    editions = _edition_locations(docs, res)
    return _group(grouped, first_key, res, editions, warnings)


def _antecedent(cit: Citation, history: list[tuple[Citation, tuple]]) -> tuple | None:
    """Without @sameAs: Ibid. is the previous citation; "Author, op. cit." is that
    author's latest citation that is not itself an Ibid. (else the previous one)."""
    if not history:
        return None
    match = OPCIT_AUTHOR.match(cit.text)
    if match:
        author = match.group(1).casefold()
        for earlier, key in reversed(history[-500:]):  # bounded: linear in long documents
            if not earlier.ibid and earlier.text.casefold().startswith(author):
                return key
    return history[-1][1]


def _key_of(cit, doc, res, by_xml_id, history, warnings) -> tuple:
    """The key of one citation, following @sameAs or the previous citation for Ibid."""
    previous = _antecedent(cit, history) if cit.ibid else None
    own = res.own_key(cit, doc.meta.file)
    if not cit.ibid:
        return own
    antecedent = None
    if cit.same_as:
        base, _, frag = cit.same_as.partition("#")
        file = base.rsplit("/", 1)[-1] if base else doc.meta.file
        antecedent = by_xml_id.get((file, frag))
        if antecedent is None:
            warnings.append(
                f"{doc.meta.file}: note {cit.n}: @sameAs={cit.same_as} names no earlier "
                "citation; the Ibid. is taken to repeat the previous one"
            )
    if antecedent is None:
        antecedent = previous
    if antecedent is None:
        if own[1].startswith("unlinked-"):
            warnings.append(
                f"{doc.meta.file}: note {cit.n}: {cit.text[:40]!r} stands for an earlier "
                "citation but none precedes it; add @sameAs or @corresp"
            )
        return own
    explicit = cit.kind == "published" and res.work(cit.work_pointer, doc.meta.file)
    if explicit and own[1] != antecedent[1]:
        return own  # an explicit @corresp to another work wins over position
    return _merge(antecedent, own, cit)


def _edition_locations(docs: list[DocumentData], res: _Resolver) -> dict[tuple, str]:
    """(archive, parts) of every msIdentifier in the edition -> the document holding it."""
    found: dict[tuple, str] = {}
    for doc in docs:
        for loc in doc.meta.locations:
            if loc.parts:
                archive = res.archive(loc.archive_pointer, loc.archive_text, doc.meta.file)
                found.setdefault((archive, parts_key(canonical(loc.parts))), doc.meta.id)
    return found


def _group(grouped, first_key, res, editions, warnings) -> CitationIndex:
    """Sources in index order with their citations; resolutions; cited-by lists."""
    sources: list[Source] = []
    resolved: dict[tuple[str, str], Resolved] = {}
    cited_by: dict[str, list[SourceCitation]] = defaultdict(list)
    used_ids: set[str] = set()
    for norm in sorted(grouped, key=lambda k: _sort_key(first_key[k], res)):
        key = first_key[norm]
        source = _source(key, norm, res, editions, used_ids)
        cites = grouped.pop(norm)
        sources.append(replace(source, citations=tuple(sc for sc, _ in cites)))
        for sc, ibid in cites:
            resolved[(sc.document, sc.anchor)] = Resolved(
                source.id, source.label, source.edition_document, ibid, source.archive
            )
            if source.edition_document and source.edition_document != sc.document:
                cited_by[source.edition_document].append(sc)
    archives = sorted({s.archive for s in sources if s.kind == "archival"}, key=natural)
    labelled = [(a, *res.archive_labels.get(a, (a, a))) for a in archives]
    return CitationIndex(sources, labelled, resolved, dict(cited_by), warnings)


def _norm_key(key: tuple) -> tuple:
    if key[0] == "archival":
        return ("archival", key[1], parts_key(key[2]))
    return ("published", key[1])


def _sort_key(key: tuple, res: _Resolver) -> tuple:
    if key[0] == "archival":
        label = res.archive_labels.get(key[1], (key[1],))[0]
        return (0, natural(label), key[1], tuple(natural(f"{p.type} {p.value}") for p in key[2]))
    return (1, natural(key[2]), key[1], ())


def _source(key, norm, res, editions, used_ids) -> Source:
    if key[0] == "archival":
        archive, parts = key[1], key[2]
        label = ", ".join(x for x in (res.archive_labels[archive][0], parts_label(parts)) if x)
        bits = [
            slug(PART_LABELS[p.type]) + slug(p.value)
            if PART_LABELS.get(p.type)
            else f"{slug(p.type)}-{slug(p.value)}"
            for p in parts
        ]
        base = "-".join([slug(archive), *bits])
        sid = unique_id(base, used_ids)
        edition = editions.get((archive, norm[2]), "")
        return Source(sid, "archival", label, archive=archive, location=tuple(parts),
                      edition_document=edition)  # fmt: skip
    return Source(unique_id(slug(key[1]), used_ids), "published", key[2], work=key[1])


def _source_citation(
    doc: DocumentData, cit: Citation, page: str, note_ids: dict[str, str]
) -> SourceCitation:
    return SourceCitation(
        document=doc.meta.id,
        doc_title=doc.meta.title,
        note=note_ids.get(cit.note, cit.note),
        n=cit.n,
        anchor=cit.anchor,
        cited_range=cit.cited_range.label() if cit.cited_range else "",
        text=cit.text,
        href=f"{page}#{cit.note}",
    )
