"""Walking a document's text: units (documents inside one file), anchors, flat text, KWIC.

Extraction (per document) and annotation (resolve) both number elements through
`assign_anchors`, so that a mention's anchor in the data is the anchor on the page.

Documents inside one file: every `div[@type="document"]` with an xml:id inside `text`
(FRUS-style volumes), and every `TEI` with an xml:id inside a `teiCorpus`, is a document
of its own with the page `documents/<id>.html`; the file itself stays a document too
(front matter and a list of links to its documents). Nested document divs belong to
the outermost one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterator
from dataclasses import dataclass

from lxml import etree

from .reader import TEI_NS, XML_NS

T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
NAME_TAGS = {f"{T}{n}" for n in ("persName", "orgName", "placeName", "name", "rs", "term")}
POINTER_ATTRS = ("ref", "key", "corresp")
DATING_ATTRS = ("when", "from", "to", "notBefore", "notAfter")
BLOCK_TAGS = {
    f"{T}{n}"
    for n in [
        "p",
        "ab",
        "head",
        "l",
        "item",
        "cell",
        "note",
        "dateline",
        "salute",
        "signed",
        "byline",
        "opener",
        "closer",
        "speaker",
        "stage",
        "label",
        "docTitle",
        "trailer",
        "epigraph",
        "quote",
    ]
}
ID_ANCHORED = {f"{T}{n}" for n in ("div", "p", "ab", "lg", "sp", "head", "l", "table", "list")}
KWIC_WIDTH = 60
# Tags compared in the per-element loops, built once rather than per element.
NOTE, CHOICE, DIV, TEI, CORPUS = (f"{T}{n}" for n in ("note", "choice", "div", "TEI", "teiCorpus"))
BIBLS = (f"{T}bibl", f"{T}biblStruct")
PB, DATE = f"{T}pb", f"{T}date"


def is_doc_div(el: etree._Element) -> bool:
    """A document of its own inside a file: a document div (FRUS-style volumes) or a TEI
    inside a teiCorpus, either with an xml:id."""
    tag = el.tag  # checked first: it rules out almost every element without a lookup
    if tag == DIV:
        return el.get("type") == "document" and bool(el.get(XML_ID))
    if tag != TEI or not el.get(XML_ID):
        return False
    parent = el.getparent()
    return parent is not None and parent.tag == CORPUS


def document_divs(root: etree._Element) -> list[etree._Element]:
    """The documents inside one file, in document order: the TEI children of a teiCorpus,
    else the outermost document divs of the text."""
    if root.tag == CORPUS:
        return [child for child in root if is_doc_div(child)]
    text = root.find(f"{T}text")
    if text is None:
        return []
    found = []
    for div in text.iter(DIV):
        if is_doc_div(div) and not any(is_doc_div(a) for a in div.iterancestors(DIV)):
            found.append(div)
    return found


def walk(scope: etree._Element, skip: bool) -> Iterator[etree._Element]:
    """Elements under `scope` in document order; with `skip`, document divs are left out."""
    elements = scope.iter(etree.Element)  # lxml's own traversal: no comments or PIs
    if not skip:
        yield from elements
        return
    for el in elements:
        if el is not scope and is_doc_div(el):
            for _ in range(sum(1 for _ in el.iterdescendants(etree.Element))):
                next(elements)  # pass over the document div's subtree
            continue
        yield el


def edition_target(target: str, file: str) -> tuple[str, str] | None:
    """(file, xml:id) that a ref's or ptr's @target names in the edition ("#id" in
    `file`, "other.xml#id"), looked up in `Context.targets`; None for anything else."""
    tokens = target.split()
    if not tokens:
        return None
    base, hashmark, frag = tokens[0].partition("#")
    if hashmark and (not base or base.rsplit("/", 1)[-1].endswith(".xml")):
        return (base.rsplit("/", 1)[-1] if base else file, frag)
    return None


def pointer_of(el: etree._Element) -> str:
    """The element's pointer as one string: @ref, "key:" + @key, or @corresp."""
    ref = el.get("ref")
    if ref:
        return ref.strip()
    key = el.get("key")
    if key:
        return "key:" + key.strip()
    return (el.get("corresp") or "").strip()


@dataclass(slots=True)
class Anchored:
    """An element of a unit with its HTML anchor and its role (note, mention, bibl, pb, id)."""

    el: etree._Element
    anchor: str
    role: str
    note: str = ""


def unique_id(anchor: str, used: set[str]) -> str:
    """`anchor`, or `anchor-2`, `-3` … when taken; records the result in `used`."""
    candidate, k = anchor, 2
    while candidate in used:
        candidate, k = f"{anchor}-{k}", k + 1
    used.add(candidate)
    return candidate


_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def _safe_fragment(value: str) -> str:
    return _UNSAFE.sub("_", value) or "_"


def assign_anchors(scope: etree._Element, skip: bool) -> list[Anchored]:
    """Number notes, mentions, bibls in notes, page breaks, dates and id'd blocks of a unit.

    Dates with a dating attribute get `date-<k>` so that the chronology links to the
    exact place of each event.
    """
    out: list[Anchored] = []
    used: set[str] = set()
    notes = mentions = pages = dates = 0
    bibl_counts: dict[str, int] = {}
    current_note: dict[etree._Element, str] = {}
    for el in walk(scope, skip):
        tag = el.tag
        if tag == NOTE:
            notes += 1
            n = (el.get("n") or str(notes)).strip()
            anchor = unique_id(f"note-{_safe_fragment(n)}", used)
            out.append(Anchored(el, anchor, "note"))
            current_note[el] = anchor
        elif tag in NAME_TAGS:
            if el.get("ref") or el.get("key") or el.get("corresp"):  # POINTER_ATTRS
                mentions += 1
                out.append(Anchored(el, unique_id(f"m-{mentions}", used), "mention"))
        elif tag in BIBLS:
            note = _note_of_outer_bibl(el, scope)
            key = current_note.get(note, "") if note is not None else ""
            if key:
                bibl_counts[key] = bibl_counts.get(key, 0) + 1
                anchor = unique_id(f"{key}-b{bibl_counts[key]}", used)
                out.append(Anchored(el, anchor, "bibl", key))
        elif tag == PB:
            pages += 1
            n = el.get("n") or str(pages)
            out.append(Anchored(el, unique_id(f"page-{_safe_fragment(n)}", used), "pb"))
        elif tag == DATE and any(el.get(a) for a in DATING_ATTRS) and el is not scope:
            dates += 1
            out.append(Anchored(el, unique_id(f"date-{dates}", used), "date"))
        elif tag in ID_ANCHORED and el.get(XML_ID) and el is not scope:
            out.append(Anchored(el, unique_id(_safe_fragment(el.get(XML_ID, "")), used), "id"))
    return out


def _note_of_outer_bibl(el: etree._Element, scope: etree._Element) -> etree._Element | None:
    """The note a bibl sits in, when it is not inside another bibl of that note; else None.

    One walk up the ancestors (the nearest note, unless `scope` or a bibl comes first)
    instead of one to find the note and another to look for bibls below it.
    """
    inside_bibl = False
    for anc in el.iterancestors():
        tag = anc.tag
        if tag == NOTE:
            return None if inside_bibl else anc
        if anc is scope:
            return None
        if tag in BIBLS:
            inside_bibl = True
    return None


def block_of(el: etree._Element, scope: etree._Element) -> etree._Element:
    """The nearest block (paragraph, line, note…) around an element, for its context."""
    anc = el.getparent()  # cheaper than an ancestor iterator: the block is mostly the parent
    while anc is not None:
        if anc.tag in BLOCK_TAGS or anc is scope:
            return anc
        anc = anc.getparent()
    return scope


class FlatText:
    """A block's text as one string (nested notes left out), with element offsets.

    Offsets are into the raw text; whitespace is normalised only in what is returned.
    KWIC slices of the normalised text are found by mapping raw offsets through the
    whitespace runs that normalising changes (`_Runs`), so one regex per block replaces
    three per mention, and a block without such runs is sliced as it is.
    """

    def __init__(self, block: etree._Element, wanted: Container | None = None) -> None:
        """`wanted`: the elements whose offsets will be asked for (default: all)."""
        parts: list[str] = []
        # Keyed by the element itself, never id(): the proxy of a visited child may be
        # freed and its id reused by another element, which gave wrong, run-dependent KWIC.
        self.spans: dict[etree._Element, tuple[int, int]] = {}
        _flatten(block, 0, parts, self.spans, wanted)
        self.spans.pop(block, None)
        self.raw = "".join(parts)
        self._runs: _Runs | None = None

    @property
    def text(self) -> str:
        """The whole block's text, whitespace normalised."""
        return self.runs.text

    @property
    def runs(self) -> _Runs:
        """The normalised text and its offset map, made on first use."""
        if self._runs is None:
            self._runs = _Runs(self.raw)
        return self._runs

    def kwic(self, el: etree._Element, width: int = KWIC_WIDTH) -> tuple[str, str, str]:
        """(before, match, after) around an element, cut at word boundaries."""
        start, end = self.spans.get(el, (0, 0))
        window = 3 * width + 64  # raw characters enough for `width` normalised ones
        lo, hi = max(0, start - window), min(len(self.raw), end + window)
        runs = self.runs
        before, match, after = runs.slice(lo, start), runs.slice(start, end), runs.slice(end, hi)
        if len(before) > width or (lo > 0 and before.strip()):
            before = "…" + before[-width:].split(" ", 1)[-1]
        if len(after) > width or (hi < len(self.raw) and after.strip()):
            after = after[:width].rsplit(" ", 1)[0] + "…"
        return before.lstrip(), match.strip(), after.rstrip()


class Contexts:
    """The flat texts of the blocks around a unit's mentions and dates, made once per block
    and holding offsets only for those elements (not for every element of the block)."""

    def __init__(self, scope: etree._Element, anchored: list[Anchored]) -> None:
        self.scope = scope
        self.wanted = {a.el for a in anchored if a.role in ("mention", "date")}
        self.flats: dict[etree._Element, FlatText] = {}  # by block; keeps its proxy alive

    def kwic(self, el: etree._Element, width: int = KWIC_WIDTH) -> tuple[str, str, str]:
        """(before, match, after) of `el` in its block (see FlatText.kwic)."""
        block = block_of(el, self.scope)
        flat = self.flats.get(block)
        if flat is None:
            flat = self.flats[block] = FlatText(block, self.wanted)
        return flat.kwic(el, width)


def _flatten(
    el: etree._Element, pos: int, parts: list[str], spans: dict, wanted: Container | None
) -> int:
    """Append the raw text of `el` to `parts` (notes, document divs and all but the first
    reading of a choice left out); record the (start, end) of wanted elements in
    `spans`. Returns the offset after `el`. (A plain recursive function: a closure
    would make a reference cycle per block, left for the garbage collector.)"""
    start, text = pos, el.text
    if text:
        parts.append(text)
        pos += len(text)
    first_only = el.tag == CHOICE  # the source reading (sic/orig/abbr) comes first
    seen = False
    for child in el:
        tag = child.tag
        if isinstance(tag, str):  # not a comment or processing instruction
            if not (first_only and seen) and tag != NOTE and not is_doc_div(child):
                pos = _flatten(child, pos, parts, spans, wanted)
            seen = True
        tail = child.tail
        if tail:
            parts.append(tail)
            pos += len(tail)
    if wanted is None or el in wanted:
        spans[el] = (start, pos)
    return pos


class _Runs:
    """A raw text, its whitespace-normalised form (`\\s+` -> " ") and the map between.

    Only runs other than a single space change offsets. For each of them the map keeps
    its raw start and end and how many characters the runs before it removed; a raw
    offset is mapped by bisecting the starts. Normalising a slice equals slicing the
    normalised text, except that a slice starting inside a run keeps that run's space.
    """

    __slots__ = ("ends", "removed", "starts", "text")

    def __init__(self, raw: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.removed: list[int] = []  # characters removed by the runs before each run
        kept: list[str] = []  # the text between runs; each run becomes one space
        gone = last = 0
        for m in _CHANGED_RUN.finditer(raw):
            start, end = m.span()
            self.starts.append(start)
            self.ends.append(end)
            self.removed.append(gone)
            kept.append(raw[last:start])
            gone, last = gone + end - start - 1, end
        kept.append(raw[last:])
        self.text = " ".join(kept) if self.starts else raw

    def slice(self, a: int, b: int) -> str:
        """Normalised `raw[a:b]` (runs of whitespace as one space), for 0 <= a, b <= len(raw)."""
        if a >= b:
            return ""
        if not self.starts:
            return self.text[a:b]
        return self.text[self._index(a, True) : self._index(b, False)]

    def _index(self, x: int, left: bool) -> int:
        """Where raw offset `x` falls in the normalised text; inside a run, before its
        space when a slice starts there (`left`), after it when a slice ends there."""
        k = bisect_left(self.starts, x)  # runs starting before x
        if k == 0:
            return x
        start, end, removed = self.starts[k - 1], self.ends[k - 1], self.removed[k - 1]
        if x >= end:
            return x - removed - (end - start - 1)
        return start - removed + (0 if left else 1)


#: Whitespace runs that normalising changes: a character that is not a space, or more
#: than one (written to start with `\s`, which lets the regex engine skip to whitespace).
_CHANGED_RUN = re.compile(r"\s(?:(?<=[^ ])|\s)\s*")


def _has_skipped(el: etree._Element) -> bool:
    """Whether `el` holds what plain text leaves out: a note, a choice (all readings but
    the first), a document div."""
    for found in el.iterdescendants(NOTE, CHOICE, DIV):
        if found.tag != DIV or found.get("type") == "document":
            return True
    return False


def plain(el: etree._Element | None) -> str:
    """An element's text, whitespace normalised, nested notes left out.

    The common cases run at C speed: an element without children is its text; one
    without notes, choices or document divs is lxml's text serialisation (which equals
    `itertext()` on trees from reader's parser: they hold no entity nodes). Normalising
    by split and join equals `\\s+` -> " " and strip: both go by str.isspace.
    """
    if el is None:
        return ""
    if not len(el):
        return " ".join(el.text.split()) if el.text else ""
    if not _has_skipped(el):
        return " ".join(etree.tostring(el, method="text", encoding=str, with_tail=False).split())
    return FlatText(el, ()).text.strip()
