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
from collections.abc import Iterator
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
_SPACE = re.compile(r"\s+")
KWIC_WIDTH = 60


def is_doc_div(el: etree._Element) -> bool:
    """A document of its own inside a file: a document div (FRUS-style volumes) or a TEI
    inside a teiCorpus, either with an xml:id."""
    if not el.get(XML_ID):
        return False
    if el.tag == f"{T}div":
        return el.get("type") == "document"
    parent = el.getparent()
    return el.tag == f"{T}TEI" and parent is not None and parent.tag == f"{T}teiCorpus"


def document_divs(root: etree._Element) -> list[etree._Element]:
    """The documents inside one file, in document order: the TEI children of a teiCorpus,
    else the outermost document divs of the text."""
    if root.tag == f"{T}teiCorpus":
        return [child for child in root if is_doc_div(child)]
    text = root.find(f"{T}text")
    if text is None:
        return []
    found = []
    for div in text.iter(f"{T}div"):
        if is_doc_div(div) and not any(is_doc_div(a) for a in div.iterancestors(f"{T}div")):
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


def pointer_of(el: etree._Element) -> str:
    """The element's pointer as one string: @ref, "key:" + @key, or @corresp."""
    if el.get("ref"):
        return el.get("ref", "").strip()
    if el.get("key"):
        return "key:" + el.get("key", "").strip()
    return (el.get("corresp") or "").strip()


@dataclass
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


def _safe_fragment(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", value) or "_"


def assign_anchors(scope: etree._Element, skip: bool) -> list[Anchored]:
    """Number notes, mentions, bibls in notes, page breaks, dates and id'd blocks of a unit.

    Dates with a dating attribute get `date-<k>` so that the chronology links to the
    exact place of each event.
    """
    out: list[Anchored] = []
    used: set[str] = set()
    notes = mentions = pages = dates = 0
    bibl_counts: dict[str, int] = {}
    current_note: dict[int, str] = {}
    for el in walk(scope, skip):
        tag = el.tag
        if tag == f"{T}note":
            notes += 1
            n = (el.get("n") or str(notes)).strip()
            anchor = unique_id(f"note-{_safe_fragment(n)}", used)
            out.append(Anchored(el, anchor, "note"))
            current_note[id(el)] = anchor
        elif tag in NAME_TAGS and any(el.get(a) for a in POINTER_ATTRS):
            mentions += 1
            out.append(Anchored(el, unique_id(f"m-{mentions}", used), "mention"))
        elif tag in (f"{T}bibl", f"{T}biblStruct"):
            note = _enclosing_note(el, scope)
            if note is not None and _outer_bibl(el, note):
                key = current_note.get(id(note), "")
                if key:
                    bibl_counts[key] = bibl_counts.get(key, 0) + 1
                    anchor = unique_id(f"{key}-b{bibl_counts[key]}", used)
                    out.append(Anchored(el, anchor, "bibl", key))
        elif tag == f"{T}pb":
            pages += 1
            n = el.get("n") or str(pages)
            out.append(Anchored(el, unique_id(f"page-{_safe_fragment(n)}", used), "pb"))
        elif tag == f"{T}date" and any(el.get(a) for a in DATING_ATTRS) and el is not scope:
            dates += 1
            out.append(Anchored(el, unique_id(f"date-{dates}", used), "date"))
        elif tag in ID_ANCHORED and el.get(XML_ID) and el is not scope:
            out.append(Anchored(el, unique_id(_safe_fragment(el.get(XML_ID, "")), used), "id"))
    return out


def _enclosing_note(el: etree._Element, scope: etree._Element) -> etree._Element | None:
    for anc in el.iterancestors():
        if anc.tag == f"{T}note":
            return anc
        if anc is scope:
            return None
    return None


def _outer_bibl(el: etree._Element, note: etree._Element) -> bool:
    for anc in el.iterancestors():
        if anc is note:
            return True
        if anc.tag in (f"{T}bibl", f"{T}biblStruct"):
            return False
    return True


def block_of(el: etree._Element, scope: etree._Element) -> etree._Element:
    """The nearest block (paragraph, line, note…) around an element, for its context."""
    for anc in el.iterancestors():
        if anc.tag in BLOCK_TAGS or anc is scope:
            return anc
    return scope


class FlatText:
    """A block's text as one string (nested notes left out), with element offsets.

    Offsets are into the raw text; whitespace is normalised only in what is returned,
    so building one costs a join, not a regex per text node.
    """

    def __init__(self, block: etree._Element) -> None:
        self.parts: list[str] = []
        self.pos = 0
        # Keyed by the element itself, never id(): the proxy of a visited child may be
        # freed and its id reused by another element, which gave wrong, run-dependent KWIC.
        self.spans: dict[etree._Element, tuple[int, int]] = {}
        self._visit(block, top=True)
        self.raw = "".join(self.parts)
        self._text: str | None = None

    @property
    def text(self) -> str:
        """The whole block's text, whitespace normalised."""
        if self._text is None:
            self._text = _SPACE.sub(" ", self.raw)
        return self._text

    def _add(self, s: str | None) -> None:
        if s:
            self.parts.append(s)
            self.pos += len(s)

    def _visit(self, el: etree._Element, top: bool = False) -> None:
        start = self.pos
        self._add(el.text)
        first_only = el.tag == f"{T}choice"  # the source reading (sic/orig/abbr) comes first
        seen = 0
        for child in el:
            if isinstance(child.tag, str):
                seen += 1
                wanted = not (first_only and seen > 1)
                if wanted and child.tag != f"{T}note" and not is_doc_div(child):
                    self._visit(child)
            self._add(child.tail)
        if not top:
            self.spans[el] = (start, self.pos)

    def kwic(self, el: etree._Element, width: int = KWIC_WIDTH) -> tuple[str, str, str]:
        """(before, match, after) around an element, cut at word boundaries."""
        start, end = self.spans.get(el, (0, 0))
        window = 3 * width + 64  # raw characters enough for `width` normalised ones
        lo = max(0, start - window)
        before = _SPACE.sub(" ", self.raw[lo:start])
        match = _SPACE.sub(" ", self.raw[start:end])
        after = _SPACE.sub(" ", self.raw[end : end + window])
        if len(before) > width or (lo > 0 and before.strip()):
            before = "…" + before[-width:].split(" ", 1)[-1]
        if len(after) > width or (end + window < len(self.raw) and after.strip()):
            after = after[:width].rsplit(" ", 1)[0] + "…"
        return before.lstrip(), match.strip(), after.rstrip()


_HAS_SKIPPED = etree.XPath(
    "boolean(.//t:note | .//t:choice | .//t:div[@type='document'])", namespaces={"t": TEI_NS}
)


def plain(el: etree._Element | None) -> str:
    """An element's text, whitespace normalised, nested notes left out."""
    if el is None:
        return ""
    if not _HAS_SKIPPED(el):  # the common case, at C speed
        return _SPACE.sub(" ", "".join(el.itertext())).strip()
    return FlatText(el).text.strip()
