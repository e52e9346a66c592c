"""Inline markup from spans: annotators propose, the best non-overlapping spans become elements."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from ..reader import TEI_NS

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
Piece = str | etree._Element


@dataclass
class Span:
    """A proposed element over text[start:end].

    `inner` replaces the covered text as the element's content (e.g. emphasis
    without its asterisks); `children` are spans relative to that content;
    `atomic` spans are not annotated further (dates, idno), `closed` ones only by their
    `children` (a name nested in a longer name); `comment`
    adds a `<!-- teipress: … -->` after the element.
    """

    start: int
    end: int
    tag: str
    attrib: dict[str, str] = field(default_factory=dict)
    priority: int = 0
    inner: str | None = None
    children: list[Span] = field(default_factory=list)
    atomic: bool = False
    closed: bool = False
    comment: str | None = None
    element: etree._Element | None = None

    @property
    def length(self) -> int:
        """Length of the covered source text."""
        return self.end - self.start


Annotator = Callable[[str], list[Span]]


def tei(tag: str, attrib: dict[str, str] | None = None, text: str | None = None) -> etree._Element:
    """A TEI element."""
    el = etree.Element(f"{{{TEI_NS}}}{tag}", attrib or {}, nsmap={None: TEI_NS})
    if text:
        el.text = text
    return el


def comment(text: str) -> etree._Comment:
    """A `<!-- teipress: … -->` comment for what the importer could not decide."""
    safe = re.sub(r"-{2,}", "-", text).rstrip("-")
    return etree.Comment(f" teipress: {safe} ")


def select(spans: Sequence[Span]) -> list[Span]:
    """The highest-priority, longest spans that do not overlap, in text order."""
    chosen: list[Span] = []
    taken: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: (-s.priority, -s.length, s.start)):
        if span.end <= span.start and span.element is None:
            continue
        if any(span.start < end and start < span.end for start, end in taken):
            continue
        if span.end == span.start and any(start < span.start < end for start, end in taken):
            continue
        chosen.append(span)
        taken.append((span.start, span.end))
    return sorted(chosen, key=lambda s: (s.start, s.end))


class Inline:
    """Turns a string into mixed content using a list of annotators."""

    def __init__(self, annotators: Sequence[Annotator]) -> None:
        self.annotators = list(annotators)

    def pieces(self, text: str, extra: Sequence[Span] = (), annotate: bool = True) -> list[Piece]:
        """Mixed content for `text`: strings and elements in order."""
        spans = list(extra)
        for annotator in self.annotators if annotate else ():
            spans.extend(annotator(text))
        out: list[Piece] = []
        pos = 0
        for span in select(spans):
            if span.start > pos:
                out.append(text[pos : span.start])
            out.extend(self._render(text, span))
            pos = span.end
        if pos < len(text):
            out.append(text[pos:])
        return out

    def _render(self, text: str, span: Span) -> list[Piece]:
        if span.element is not None:
            el = span.element
        else:
            el = tei(span.tag, span.attrib)
            content = text[span.start : span.end] if span.inner is None else span.inner
            if span.atomic:
                el.text = content
            else:
                fill(el, self.pieces(content, span.children, annotate=not span.closed))
        result: list[Piece] = [el]
        if span.comment:
            result.append(comment(span.comment))
        return result

    def fill(self, el: etree._Element, text: str, extra: Sequence[Span] = ()) -> etree._Element:
        """Append the annotated `text` to `el`."""
        return fill(el, self.pieces(text, extra))


def fill(el: etree._Element, pieces: Sequence[Piece]) -> etree._Element:
    """Append strings and elements to `el` as text, children and tails."""
    for piece in pieces:
        if isinstance(piece, str):
            if len(el):
                last = el[-1]
                last.tail = (last.tail or "") + piece
            else:
                el.text = (el.text or "") + piece
        else:
            el.append(piece)
    return el


_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|\*|__|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def emphasis(text: str) -> list[Span]:
    """Markdown `*italic*` and `**bold**` (as saved by web archives) as `hi`."""
    spans = []
    for match in _EMPHASIS.finditer(text):
        rend = "bold" if len(match.group(1)) == 2 else "italic"
        spans.append(
            Span(match.start(), match.end(), "hi", {"rend": rend}, priority=5, inner=match.group(2))
        )
    return spans


_ANGLE_URL = re.compile(r"<(https?://[^\s<>\"]+)>")
_BARE_URL = re.compile(r"(?<![<\w])https?://[^\s<>\"]+[^\s<>\".,;:)\]]")


def urls(text: str) -> list[Span]:
    """Web addresses as `ref target` (angle brackets of markdown autolinks dropped)."""
    spans = [
        Span(m.start(), m.end(), "ref", {"target": m.group(1)}, 9, m.group(1), atomic=True)
        for m in _ANGLE_URL.finditer(text)
    ]
    spans += [
        Span(m.start(), m.end(), "ref", {"target": m.group()}, 9, atomic=True)
        for m in _BARE_URL.finditer(text)
    ]
    return spans
