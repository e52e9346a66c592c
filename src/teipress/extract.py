"""Per-document extraction: header metadata, mentions with context, dates, notes, citations.

Pure functions of one parsed file: no I/O, no edition-wide knowledge. They run in
worker processes and return plain dataclasses (model.py).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import replace as _replace
from operator import attrgetter

from lxml import etree

from .dates import date_value
from .model import (
    Agent,
    ArchivalLocation,
    Citation,
    CitedRange,
    DatedEvent,
    DocumentData,
    DocumentMeta,
    LocationPart,
    Mention,
    Note,
)
from .reader import TEI_NS
from .textwalk import (
    NAME_TAGS,
    XML_ID,
    Anchored,
    Contexts,
    assign_anchors,
    document_divs,
    edition_target,
    plain,
    pointer_of,
    walk,
)

T = f"{{{TEI_NS}}}"
BIBL, BIBL_STRUCT, LIST_BIBL, IDNO, TITLE, DATE, CITED_RANGE, BIBL_SCOPE = (
    f"{T}{n}"
    for n in ("bibl", "biblStruct", "listBibl", "idno", "title", "date", "citedRange", "biblScope")
)
ARCHIVAL_IDNOS = {
    "fond", "opis", "perechen", "delo", "dokument", "papka", "portfel", "rolik", "special",
    "collection", "series", "box", "folder", "file", "item", "record-group", "shelfmark",
}  # fmt: skip
ARCHIVAL_TYPES = {"archival", "archive", "manuscript", "unpublished"}
IBID = re.compile(r"^\s*(ibid|ibidem|op\.\s*cit|idem|ebd|ebenda|supra)\b", re.IGNORECASE)
OPCIT = re.compile(r"\bop\.?\s*cit\b", re.IGNORECASE)
SENT = {"sent", "sending", "sender"}
RECEIVED = {"received", "receiving", "addressee", "recipient"}
#: Mentions' element names, one shared string each (pickled once per file, not per mention).
_LOCAL_NAMES = {tag: tag[len(T) :] for tag in NAME_TAGS}
#: Values that repeat across a file's mentions and citations (pointers, names, location
#: types and values, page units) are interned: held and pickled once per file instead of
#: once per use (read results take about an eighth less memory once loaded).
_shared = sys.intern
_TAG = attrgetter("tag")
_LINKS = (f"{T}ref", f"{T}ptr")


def _x(el: etree._Element | None, path: str) -> etree._Element | None:
    return None if el is None else el.find(path, {"t": TEI_NS})


def _xa(el: etree._Element | None, path: str) -> list[etree._Element]:
    return [] if el is None else el.findall(path, {"t": TEI_NS})


def read_units(root: etree._Element, file: str, order: int) -> list[DocumentData]:
    """The documents of one parsed TEI file: the file itself, then its document divs."""
    doc_id = root.get(XML_ID) or file.rsplit(".", 1)[0]
    divs = document_divs(root)
    text = _x(root, "t:text")
    meta = header_meta(root, doc_id, file, order * 10000, own_text=not divs)
    units = [unit_data(meta, text if text is not None else root, bool(divs), root)]
    if divs:
        units[0] = _with_parts(units[0], tuple(d.get(XML_ID, "") for d in divs))
    for k, div in enumerate(divs, 1):
        if div.tag == f"{T}TEI":  # a TEI inside a teiCorpus has its own header
            sub = header_meta(div, div.get(XML_ID, ""), file, order * 10000 + k)
            sub = _replace(sub, container=doc_id)
            inner = _x(div, "t:text")
            units.append(unit_data(sub, inner if inner is not None else div, False, div))
            continue
        sub = div_meta(div, file, doc_id, meta.title, order * 10000 + k)
        units.append(unit_data(sub, div, False))
    return units


def _with_parts(data: DocumentData, parts: tuple[str, ...]) -> DocumentData:
    data.parts = parts  # made here a moment ago: nobody else holds it yet
    return data


def header_meta(
    root: etree._Element, doc_id: str, file: str, order: int, own_text: bool = True
) -> DocumentMeta:
    """Title, agents, date, place, summary, source, archival locations, languages.

    Without a date or place in the header, the text's dateline gives them, unless the text
    holds documents of its own (`own_text` False): their datelines are theirs.
    """
    text_root = root if own_text else None
    header = _x(root, "t:teiHeader")
    fdesc = _x(header, "t:fileDesc")
    titles = _xa(fdesc, "t:titleStmt/t:title")
    main = next((t for t in titles if t.get("type") == "main"), titles[0] if titles else None)
    sent = _corresp(header, SENT)
    date_el = _first_dated(
        [
            *_xa(sent, "t:date"),
            *_xa(header, "t:profileDesc/t:creation//t:date"),
            *_xa(text_root, "t:text//t:dateline//t:date"),
        ]
    )
    places = [
        *_xa(sent, "t:placeName"),
        *_xa(header, "t:profileDesc/t:creation//t:placeName"),
        *_xa(text_root, "t:text//t:dateline//t:placeName"),
    ]
    place = places[0] if places else None
    return DocumentMeta(
        id=doc_id,
        file=file,
        title=plain(main) or doc_id,
        agents=tuple(_agents(header)),
        date=date_value(date_el, plain(date_el)) if date_el is not None else None,
        place=plain(place),
        summary=_summary(header),
        source=_source(fdesc),
        locations=tuple(_ms_location(m) for m in _xa(fdesc, "t:sourceDesc//t:msIdentifier")),
        languages=tuple(_languages(header)),
        order=order,
        project=tuple(
            t for t in (plain(p) for p in _xa(header, "t:encodingDesc/t:projectDesc/t:p")) if t
        ),
    )


def _corresp(header: etree._Element | None, types: set[str]) -> etree._Element | None:
    for action in _xa(header, "t:profileDesc/t:correspDesc/t:correspAction"):
        if action.get("type", "").lower() in types:
            return action
    return None


def _first_dated(els: list[etree._Element]) -> etree._Element | None:
    return next((e for e in els if date_value(e) is not None), None)


def _agents(header: etree._Element | None) -> list[Agent]:
    out: list[Agent] = []
    for author in _xa(header, "t:fileDesc/t:titleStmt/t:author"):
        out.append(Agent("author", plain(author), _name_pointer(author)))
    for types, role in ((SENT, "sender"), (RECEIVED, "addressee")):
        action = _corresp(header, types)
        for name in _xa(action, "*"):
            if etree.QName(name).localname in {"persName", "orgName", "name", "rs"}:
                out.append(Agent(role, plain(name), pointer_of(name)))
    for resp in _xa(header, ".//t:respStmt"):
        if re.search(r"transl", plain(_x(resp, "t:resp")), re.IGNORECASE):
            for name in _xa(resp, "t:persName") + _xa(resp, "t:name") + _xa(resp, "t:orgName"):
                out.append(Agent("translator", plain(name), pointer_of(name)))
    for editor in _xa(header, ".//t:editor[@role='translator']"):
        out.append(Agent("translator", plain(editor), _name_pointer(editor)))
    seen: set[tuple[str, str]] = set()
    return [
        a for a in out if a.name and not ((a.role, a.name) in seen or seen.add((a.role, a.name)))
    ]


def _name_pointer(el: etree._Element) -> str:
    inner = next((c for c in el.iter() if pointer_of(c)), None)
    return pointer_of(inner) if inner is not None else ""


def _summary(header: etree._Element | None) -> str:
    for path in (
        "t:profileDesc/t:abstract",
        "t:fileDesc/t:sourceDesc//t:msContents/t:summary",
        "t:fileDesc/t:sourceDesc//t:note[@type='summary']",
        "t:fileDesc/t:notesStmt/t:note[@type='summary']",
    ):
        found = plain(_x(header, path))
        if found:
            return found
    return ""


def _source(fdesc: etree._Element | None) -> str:
    sdesc = _x(fdesc, "t:sourceDesc")
    for path in ("t:bibl", "t:listBibl/t:bibl", "t:biblStruct", "t:biblFull", "t:p"):
        found = plain(_x(sdesc, path))
        if found:
            return found
    return ""


def _ms_location(ms: etree._Element) -> ArchivalLocation:
    repo = _x(ms, "t:repository")
    if repo is None:
        repo = _x(ms, "t:institution")
    parts = tuple(
        LocationPart(i.get("type", "").lower(), norm_value(plain(i)))
        for i in _xa(ms, ".//t:idno")
        if i.get("type")
    )
    locus = _x(ms.getparent(), ".//t:msContents//t:locus") if ms.getparent() is not None else None
    leaves = None
    if locus is not None:
        leaves = CitedRange("leaf", locus.get("from", ""), locus.get("to", ""), plain(locus))
    return ArchivalLocation(
        pointer_of(repo) if repo is not None else "", plain(repo), parts, leaves
    )


_NUMBER_SIGN = re.compile(r"^(no\.?|nr\.?|№)\s*", re.IGNORECASE)


def norm_value(value: str) -> str:
    """A location value as compared: "No. 38" -> "38"; whitespace and final dot dropped."""
    value = _NUMBER_SIGN.sub("", value.strip())
    value = value.rstrip(".").strip()
    return str(int(value)) if value.isascii() and value.isdigit() else value


def _languages(header: etree._Element | None) -> list[str]:
    return [
        plain(lang) or lang.get("ident", "")
        for lang in _xa(header, "t:profileDesc/t:langUsage/t:language")
    ]


def div_meta(
    div: etree._Element, file: str, container: str, volume: str, order: int
) -> DocumentMeta:
    """Metadata of a document inside a volume: head, dateline, author from its div."""
    head = _x(div, "t:head")
    date_el = _first_dated(_xa(div, ".//t:dateline//t:date") + _xa(div, "t:opener//t:date"))
    if date_el is None and div.get("when"):
        date_el = div
    place = _x(div, ".//t:dateline//t:placeName")
    authors = [
        Agent("author", plain(a), _name_pointer(a)) for a in _xa(div, "t:byline/t:docAuthor")
    ]
    return DocumentMeta(
        id=div.get(XML_ID, ""),
        file=file,
        title=plain(head) or div.get("n") or div.get(XML_ID, ""),
        agents=tuple(authors),
        date=date_value(date_el, plain(date_el)) if date_el is not None else None,
        place=plain(place),
        source=volume,
        container=container,
        order=order,
    )


def unit_data(
    meta: DocumentMeta, scope: etree._Element, skip: bool, whole: etree._Element | None = None
) -> DocumentData:
    """Mentions, dated events, notes and citations of one document (file or div), from
    its text (`scope`); the targets of its links from all of it (`whole`, the header
    included, as its page shows it)."""
    anchored = assign_anchors(scope, skip)
    contexts = Contexts(scope, anchored)
    mentions, notes, citations = [], [], []
    note_n = {a.anchor: a for a in anchored if a.role == "note"}
    for item in anchored:
        if item.role == "mention":
            el = item.el
            before, match, after = contexts.kwic(el)
            mentions.append(
                Mention(meta.id, item.anchor, _LOCAL_NAMES[el.tag],
                        _shared(pointer_of(el)), before, _shared(match), after)
            )  # fmt: skip
        elif item.role == "note":
            n = item.el.get("n") or item.anchor.removeprefix("note-")
            notes.append(Note(item.anchor, n, item.el.get(XML_ID, ""), plain(item.el)))
        elif item.role == "bibl":
            note = note_n[item.note]
            n = _shared(note.el.get("n") or item.note.removeprefix("note-"))
            citations.append(citation(item, meta.id, n, len(citations)))
    return DocumentData(
        meta=meta,
        mentions=tuple(mentions),
        events=tuple(_events(meta.id, anchored, scope, contexts)),
        notes=tuple(notes),
        citations=tuple(citations),
        element_counts=_element_counts(scope, skip),
        ids=tuple((xml_id, a.anchor) for a in anchored if (xml_id := a.el.get(XML_ID))),
        refs=_refs(scope if whole is None else whole, skip, meta.file),
    )


def _refs(scope: etree._Element, skip: bool, file: str) -> tuple[tuple[str, str], ...]:
    """The edition targets the unit's refs and ptrs name, each once, sorted."""
    links = scope.iter(*_LINKS) if not skip else (e for e in walk(scope, skip) if e.tag in _LINKS)
    keys = {edition_target(el.get("target") or "", file) for el in links}
    keys.discard(None)
    return tuple(sorted(keys))  # type: ignore[arg-type]


def _element_counts(scope: etree._Element, skip: bool) -> tuple[tuple[str, int], ...]:
    """How often each TEI element occurs in the unit, by local name, sorted."""
    elements = scope.iter(etree.Element) if not skip else walk(scope, skip)
    counts = Counter(map(_TAG, elements))  # counted at C speed, filtered per tag after
    return tuple(sorted((tag[len(T) :], n) for tag, n in counts.items() if tag.startswith(T)))


def _events(
    doc: str, anchored: list[Anchored], scope: etree._Element, contexts: Contexts
) -> list[DatedEvent]:
    """The dated events of a unit (its anchored dates, publication dates left out)."""
    out = []
    for item in anchored:
        if item.role != "date" or _publication_date(item.el, scope):
            continue
        value = date_value(item.el, plain(item.el))
        if value is None:
            continue
        before, match, after = contexts.kwic(item.el, 40)
        out.append(DatedEvent(doc, item.anchor, value, f"{before}{match}{after}".strip()))
    return out


def _publication_date(el: etree._Element, scope: etree._Element) -> bool:
    """A date inside a published work's reference (a bibliography, a bibl that is not
    archival): when a book appeared, not an event the edition is about."""
    for anc in el.iterancestors():
        if anc is scope:
            return False
        tag = anc.tag
        if tag in (LIST_BIBL, BIBL_STRUCT):
            return True
        if tag == BIBL and anc.get("type", "").lower() not in ARCHIVAL_TYPES:
            return True
    return False


def citation(item: Anchored, doc: str, n: str, index: int) -> Citation:
    """One bibl in a note: archival address or published work, cited range, Ibid. marks."""
    el = item.el
    text = plain(el)
    idnos = [i for i in el.iter(IDNO) if i.get("type", "").lower() in ARCHIVAL_IDNOS]
    archival = el.get("type", "").lower() in ARCHIVAL_TYPES or bool(idnos)
    rng = _cited_range(el)
    location = None
    if archival:
        org = archive_name(el)
        location = ArchivalLocation(
            _shared(pointer_of(org)) if org is not None else "",
            _shared(plain(org)),
            tuple(
                LocationPart(_shared(i.get("type", "").lower()), _shared(norm_value(plain(i))))
                for i in idnos
            ),
            rng if rng is not None and rng.unit in {"leaf", "folio", ""} else None,
        )
    work = el.get("corresp") or el.get("ref") or ""
    if not work and el.get("key"):
        work = "key:" + el.get("key", "")
    title = _first_below(el, TITLE)
    date = _first_below(el, DATE)
    kind = "archival" if archival else "published" if (work or title is not None) else "unknown"
    return Citation(
        document=doc,
        note=item.note,
        n=n,
        anchor=item.anchor,
        xml_id=el.get(XML_ID, ""),
        kind=kind,
        text=text,
        work_pointer=_shared(work.strip()),
        same_as=(el.get("sameAs") or "").strip(),
        ibid=bool(el.get("sameAs")) or bool(IBID.match(text) or OPCIT.search(text)),
        location=location,
        cited_range=rng,
        title=plain(title),
        date=_shared(date.get("when") or plain(date)) if date is not None else "",
        index=index,
    )


def archive_name(bibl: etree._Element) -> etree._Element | None:
    """The archive's name in an archival bibl: the first orgName/repository outside a title
    (an orgName inside the document's title is its author or subject, not its archive)."""
    for org in bibl.iter(f"{T}repository", f"{T}institution", f"{T}orgName"):
        inside_title = False
        for anc in org.iterancestors():
            if anc is bibl:
                break
            if anc.tag == f"{T}title":
                inside_title = True
                break
        if not inside_title:
            return org
    return None


def _first_below(el: etree._Element, tag: str) -> etree._Element | None:
    """`el.find(".//tag")` without ElementPath's Python-level path machinery."""
    return next(el.iterdescendants(tag), None)


def _cited_range(el: etree._Element) -> CitedRange | None:
    rng = _first_below(el, CITED_RANGE)
    if rng is None:  # .//biblScope[@unit='page']
        rng = next((s for s in el.iterdescendants(BIBL_SCOPE) if s.get("unit") == "page"), None)
    if rng is None:
        return None
    start, end = rng.get("from", ""), rng.get("to", "")
    text = plain(rng)
    if not start and not end:
        start = text
    return CitedRange(_shared(rng.get("unit", "")), _shared(start), _shared(end), _shared(text))
