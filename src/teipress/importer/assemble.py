"""Turning the parsed structure of an article or archival document into TEI elements."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from .archival_document import ArchivalDocument, Letter
from .article import MARKER, Article, Part, marker_number
from .citations import CitationFinder
from .dates import DateTagger
from .inline import XML_ID, XML_LANG, Inline, Span, comment, emphasis, fill, tei, urls
from .languages import transliteration
from .names import NameTagger
from .registers import Registers
from .report import Report
from .segment import Block


@dataclass
class Annotators:
    """The annotators of one import run; their state follows the reading order."""

    registers: Registers
    report: Report
    names: NameTagger = field(init=False)
    dates: DateTagger = field(init=False)
    citations: CitationFinder = field(init=False)

    def __post_init__(self) -> None:
        self.names = NameTagger(self.registers)
        self.dates = DateTagger()
        self.citations = CitationFinder(self.registers)
        self.inline = Inline([urls, emphasis, self.dates, self.names])

    def pieces(self, text: str, extra: list[Span] | None = None) -> list:
        """Annotated mixed content of a text."""
        return self.inline.pieces(text, extra or [])


def lines_content(el: etree._Element, lines: list[str], ann: Annotators) -> etree._Element:
    """Fill `el` with lines separated by `lb` (markdown hard breaks of the source)."""
    for k, line in enumerate(lines):
        if k:
            fill(el, [tei("lb"), "\n"])
        fill(el, ann.pieces(line))
    return el


def block_content(el: etree._Element, block: Block, ann: Annotators) -> etree._Element:
    """One block as the content of `el`, hard line breaks kept as `lb`."""
    return lines_content(el, unwrap(block.hard_breaks()), ann)


def unwrap(lines: list[str]) -> list[str]:
    """Drop markdown bold/italic wrapped around a whole heading block (spanning its lines)."""
    for mark in ("**", "__", "*", "_"):
        if len(lines[0]) > 2 * len(mark) and lines[0].startswith(mark) and lines[-1].endswith(mark):
            lines = [lines[0][len(mark) :], *lines[1:]]
            lines[-1] = lines[-1][: -len(mark)]
            return lines
    return lines


# ---------------------------------------------------------------- articles
class ArticleAssembler:
    """Builds front, body paragraphs (notes at their anchors) and back of an article."""

    def __init__(self, art: Article, ann: Annotators) -> None:
        self.art = art
        self.ann = ann
        self.anchored: set[int] = set()
        self.expected = 1
        ann.citations.add_glossary([(a, e) for a, e, _ in art.glossary])

    def front(self) -> etree._Element:
        """titlePage with title and author, the abbreviation list, labelled front lines."""
        front = tei("front")
        art = self.art
        if art.title or art.author:
            page = etree.SubElement(front, tei("titlePage").tag)
            if art.title:
                title = etree.SubElement(
                    etree.SubElement(page, tei("docTitle").tag), tei("titlePart").tag
                )
                title.set("type", "main")
                self.paragraph_content(title, art.title)
            if art.author:
                self.paragraph_content(etree.SubElement(page, tei("docAuthor").tag), art.author)
        if art.glossary:
            div = etree.SubElement(front, tei("div").tag, {"type": "abbreviations"})
            if art.glossary_head:
                self.paragraph_content(etree.SubElement(div, tei("head").tag), art.glossary_head)
            gloss = etree.SubElement(div, tei("list").tag, {"type": "gloss"})
            for abbr, expansion, _line in art.glossary:
                fill(etree.SubElement(gloss, tei("label").tag), [tei("term", text=abbr)])
                fill(etree.SubElement(gloss, tei("item").tag), self.ann.pieces(expansion))
        if art.front:
            div = etree.SubElement(front, tei("div").tag, {"type": "front-matter"})
            for part in art.front:
                self.paragraph_content(etree.SubElement(div, tei("p").tag), part)
        return front if len(front) else None

    def body(self) -> Iterator[etree._Element]:
        """Body paragraphs one at a time (notes built when their anchor is reached)."""
        for part in self.art.body:
            yield self.paragraph_content(tei("p"), part)

    def back(self) -> etree._Element | None:
        """Unanchored notes and the closing bibliography."""
        back = tei("back")
        missing = [n for n in self.art.note_order if n not in self.anchored]
        if missing:
            div = etree.SubElement(back, tei("div").tag, {"type": "notes"})
            div.append(
                comment(f"notes without a marker in the text: {missing}; place them by hand")
            )
            for n in missing:
                self.ann.report.problem(
                    self.art.notes[n].line, f"note {n} has no marker in the text"
                )
                div.append(self.note(n))
        if self.art.bibliography_head:
            div = etree.SubElement(back, tei("div").tag, {"type": "bibliography"})
            self.paragraph_content(
                etree.SubElement(div, tei("head").tag), self.art.bibliography_head
            )
            listbibl = etree.SubElement(div, tei("listBibl").tag)
            for part in self.art.bibliography:
                bibl = etree.SubElement(listbibl, tei("bibl").tag)
                fill(bibl, self.ann.pieces(part.text, _titles(part.text)))
        return back if len(back) else None

    def paragraph_content(self, el: etree._Element, part: Part) -> etree._Element:
        """Pieces of a re-joined paragraph with `pb` where page breaks split it."""
        for k, piece in enumerate(part.pieces):
            quoted = k in part.quotes
            if k and not quoted and k - 1 not in part.quotes:
                fill(el, [" ", tei("pb"), " "] if el.tag == tei("p").tag else [" "])
            elif k:
                fill(el, ["\n"])
            target = tei("quote") if quoted else el
            fill(target, self.ann.pieces(piece, self._markers(piece, part.line)))
            if quoted:
                fill(el, [target])
        return el

    def _markers(self, text: str, line: int) -> list[Span]:
        spans = []
        for match in MARKER.finditer(text):
            n = marker_number(match)
            if (match.group(1) or match.group(2)) and n != self.expected:
                continue  # bracketed numbers count only in sequence
            if n not in self.art.notes or n in self.anchored:
                if n not in self.anchored:
                    self.ann.report.problem(line, f"marker {n} has no footnote text")
                spans.append(
                    Span(
                        match.start(),
                        match.end(),
                        "",
                        priority=30,
                        element=comment(f"marker {match.group()} without a note"),
                    )
                )
                spans[-1].end = spans[-1].start  # keep the marker's text
                continue
            self.anchored.add(n)
            self.expected = n + 1
            spans.append(
                Span(match.start(), match.end(), "note", priority=30, element=self.note(n))
            )
        return spans

    def note(self, n: int) -> etree._Element:
        """`note place="foot"` with its citations as `bibl`."""
        part = self.art.notes[n]
        el = tei("note", {"place": "foot", "n": str(n), XML_ID: f"n{n}"})
        text = part.text
        fill(el, self.ann.pieces(text, self.ann.citations(str(n), text)))
        return el


def _titles(text: str) -> list[Span]:
    """Italic titles of a bibliography entry as `title`."""
    return [Span(s.start, s.end, "title", {}, 6, inner=s.inner) for s in emphasis(text)]


# ------------------------------------------------------ archival documents
_BRACKET = re.compile(r"\[([^\[\]]{1,80})\]")


class DocumentAssembler:
    """Builds the front (title, date, metadata fields) and body (the letter)."""

    def __init__(self, doc: ArchivalDocument, ann: Annotators, lang: str | None) -> None:
        self.doc = doc
        self.ann = ann
        self.lang = lang
        words = " ".join(b.text for f in doc.fields for b in f.blocks)
        self.plain_words = {w.lower() for w in re.findall(r"\w+", _BRACKET.sub(" ", words))}
        self.brackets = Inline([self._brackets, urls, emphasis, ann.dates, ann.names])

    def front(self) -> etree._Element | None:
        """Title and date lines and every metadata field but the contents."""
        front = tei("front")
        if self.doc.title_lines or self.doc.date_lines:
            page = etree.SubElement(front, tei("titlePage").tag)
        for block in self.doc.date_lines:
            block_content(etree.SubElement(page, tei("docDate").tag), block, self.ann)
        if self.doc.title_lines:
            doc_title = etree.SubElement(page, tei("docTitle").tag)
            for block in self.doc.title_lines:
                block_content(etree.SubElement(doc_title, tei("titlePart").tag), block, self.ann)
        for fld in self.doc.fields:
            if fld.name.lower() == "contents":
                continue
            div = etree.SubElement(front, tei("div").tag, {"type": _slug(fld.name)})
            block_content(etree.SubElement(div, tei("head").tag), fld.head, self.ann)
            for block in fld.blocks:
                block_content(etree.SubElement(div, tei("p").tag), block, self.ann)
        return front if len(front) else None

    def body(self) -> Iterator[etree._Element]:
        """The contents field: a `div type="letter"` with opener, paragraphs and closer."""
        contents = self.doc.field("contents")
        if contents is None:
            return
        div = tei("div", {"type": "contents"})
        block_content(etree.SubElement(div, tei("head").tag), contents.head, self.ann)
        letter: Letter = self.doc.letter
        if letter.language_line is not None:
            block_content(etree.SubElement(div, tei("p").tag), letter.language_line, self.ann)
        inner = etree.SubElement(div, tei("div").tag, {"type": "letter"})
        if self.lang:
            inner.set(XML_LANG, self.lang)
        if letter.head is not None:
            self._lines(etree.SubElement(inner, tei("head").tag), letter.head)
        if letter.dateline or letter.opener:
            opener = etree.SubElement(inner, tei("opener").tag)
            for block in letter.dateline:
                self._lines(etree.SubElement(opener, tei("dateline").tag), block)
            for block in letter.opener:
                self._lines(etree.SubElement(opener, tei("salute").tag), block)
        for group in letter.paragraphs:
            p = etree.SubElement(inner, tei("p").tag)
            for k, block in enumerate(group):
                if k:
                    fill(p, [" ", tei("pb"), " "])
                fill(p, self.brackets.pieces(block.text))
        if letter.closer:
            closer = etree.SubElement(inner, tei("closer").tag)
            for k, block in enumerate(letter.closer):
                tag = "signed" if k == len(letter.closer) - 1 else "salute"
                self._lines(etree.SubElement(closer, tei(tag).tag), block)
        yield div

    def _lines(self, el: etree._Element, block: Block) -> None:
        for k, line in enumerate(unwrap(block.hard_breaks())):
            if k:
                fill(el, [tei("lb"), "\n"])
            fill(el, self.brackets.pieces(line))

    def _brackets(self, text: str) -> list[Span]:
        """Translator's brackets: English words -> supplied, words found nowhere else -> foreign.

        A transliterated word of the original does not occur in the translation's
        own running text, while the translator's added English words do.
        """
        spans = []
        for match in _BRACKET.finditer(text):
            inner = match.group(1)
            words = [w.lower() for w in re.findall(r"\w+", inner)]
            if not words or inner.strip().isdigit():
                continue
            if any(w in self.plain_words for w in words if len(w) > 1) or inner.startswith("i.e."):
                el = tei("supplied", {"reason": "editorial"})
            else:
                lang = transliteration(self.lang_original)
                el = tei("foreign", {XML_LANG: lang} if lang else {})
                self.ann.report.decided(f"[{inner}] taken as a transliteration (foreign)")
            fill(el, self.ann.pieces(inner))
            spans.append(Span(match.start(1), match.end(1), "", priority=25, element=el))
        return spans

    lang_original: str | None = None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
