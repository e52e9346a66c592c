"""Word-by-word comparison of an encoded TEI document with its plain-text source.

Used by the edition's faithfulness tests: the encoded text must keep every word
of its source, in order.  Editorial alternatives (``corr``, ``expan``, ``reg``)
are not source words and are skipped; the source readings (``sic``, ``abbr``,
``orig``) are kept.  Footnote markers (superscript numerals) are dropped from
the source because the encoding replaces them by ``note`` elements.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
WORD = re.compile(r"\w+")
MARKER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
#: Editorial alternatives inside ``choice``: they are not words of the source.
EDITORIAL = frozenset({"corr", "expan", "reg"})
#: A token: the word and where it was found (for failure messages).
Token = tuple[str, str]


def words(text: str, where: str = "") -> list[Token]:
    """Split text into ``\\w+`` words, each tagged with its location."""
    return [(w, where) for w in WORD.findall(text)]


def strip_markers(text: str) -> str:
    """Replace footnote markers by a space so that words on both sides stay apart."""
    return MARKER.sub(" ", text)


def _local(el: etree._Element) -> str:
    """Local name of an element; comments and PIs give an empty string."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


#: Elements that end a word wherever they stand (block-level containers).
BLOCKS = frozenset(
    {
        "p",
        "head",
        "item",
        "label",
        "list",
        "div",
        "quote",
        "lg",
        "l",
        "ab",
        "listBibl",
        "bibl",
        "titlePart",
        "docAuthor",
        "docTitle",
        "titlePage",
        "front",
        "body",
        "back",
        "opener",
        "closer",
        "salute",
        "dateline",
        "signed",
        "table",
        "row",
        "cell",
    }
)


def tei_words(el: etree._Element, skip: frozenset[str] = frozenset()) -> list[Token]:
    """Words of a TEI element in reading order, leaving out editorial text and `skip` elements.

    Inline markup does not break words (``F<idno>77</idno>`` reads "F77"), but a
    skipped element or a block-level element does, so removing a note never glues
    two words together.
    """
    pieces: list[tuple[str, str]] = []
    _collect(el, skip | EDITORIAL, pieces, top=True)
    text, starts, places = "", [], []
    for piece, where in pieces:
        starts.append(len(text))
        places.append(where)
        text += piece
    out: list[Token] = []
    for match in WORD.finditer(text):
        out.append((match.group(), places[bisect_right(starts, match.start()) - 1]))
    return out


def _collect(
    el: etree._Element, skip: frozenset[str], out: list[tuple[str, str]], top: bool
) -> None:
    where = f"xml line {el.sourceline}"
    name = _local(el)
    if name and (top or name not in skip):
        boundary = " " if name in BLOCKS else ""
        out.append((boundary + (el.text or ""), where))
        for child in el:
            _collect(child, skip, out, top=False)
        out.append((boundary, where))
    elif name:
        out.append((" ", where))
    if not top:
        out.append((el.tail or "", where))


@dataclass
class Paragraph:
    """A blank-line separated block of a source file."""

    line: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    """Split a plain-text source into blank-line separated paragraphs, keeping line numbers."""
    result: list[Paragraph] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            result.append(Paragraph(start, " ".join(current)))
            current = []
    if current:
        result.append(Paragraph(start, " ".join(current)))
    return result


@dataclass
class ArticleSource:
    """A source article split into running text and footnotes."""

    body: list[Token] = field(default_factory=list)
    notes: dict[int, list[Token]] = field(default_factory=dict)
    continuations_found: list[str] = field(default_factory=list)


NOTE_START = re.compile(r"(\d+)\.\s*")


def split_article(text: str, continuations: tuple[str, ...]) -> ArticleSource:
    """Separate footnote blocks from running text.

    A footnote block starts with a paragraph ``N.`` where N is the next expected
    note number.  Printed page breaks split some notes: a paragraph beginning with
    one of `continuations` (known openings of such remainders) continues the note
    started last.  Everything else is running text.
    """
    src = ArticleSource()
    expected = 1
    for para in paragraphs(text):
        where = f"source line {para.line}"
        match = NOTE_START.match(para.text)
        if match and int(match.group(1)) == expected:
            src.notes[expected] = words(strip_markers(para.text[match.end() :]), where)
            expected += 1
        elif para.text.startswith(continuations) and src.notes:
            src.notes[expected - 1].extend(words(strip_markers(para.text), where))
            src.continuations_found.append(para.text)
        else:
            src.body.extend(words(strip_markers(para.text), where))
    return src


def text_after(text: str, marker_line: str) -> str:
    """The part of a source after the first line equal to `marker_line` (stripped)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.strip() == marker_line:
            return "\n".join(lines[index + 1 :])
    raise ValueError(f"line {marker_line!r} not found in source")


def first_difference(expected: list[Token], actual: list[Token]) -> int | None:
    """Index of the first differing word, or None when the sequences are equal."""
    for index, (exp, act) in enumerate(zip(expected, actual, strict=False)):
        if exp[0] != act[0]:
            return index
    if len(expected) != len(actual):
        return min(len(expected), len(actual))
    return None


def _context(tokens: list[Token], index: int, width: int) -> str:
    where = tokens[index][1] if index < len(tokens) else "end"
    before = " ".join(w for w, _ in tokens[max(0, index - width) : index])
    here = tokens[index][0] if index < len(tokens) else "<END>"
    after = " ".join(w for w, _ in tokens[index + 1 : index + 1 + width])
    return f"{before} [[{here}]] {after}  ({where})"


def compare(label: str, expected: list[Token], actual: list[Token], width: int = 8) -> str | None:
    """A readable message for the first difference between source and encoding, else None."""
    index = first_difference(expected, actual)
    if index is None:
        return None
    return (
        f"{label}: first difference at word {index} "
        f"(source has {len(expected)} words, encoding {len(actual)})\n"
        f"  source:   {_context(expected, index, width)}\n"
        f"  encoding: {_context(actual, index, width)}"
    )


def parse(path: Path) -> etree._ElementTree:
    """Parse an edition file without network access or DTD loading."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser)
