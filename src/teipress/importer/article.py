"""Articles with footnotes: front matter, glossary, notes moved to anchors, bibliography."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .segment import Block, continues, is_finished, looks_like_heading

#: A footnote block: "12. text", "[12] text", "(12) text" or "¹² text".
NOTE_START = re.compile(
    r"\A\s*(?:(\d{1,4})\.(?!\d)|\[(\d{1,4})\]|\((\d{1,4})\)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s*"
)
SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MARKER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[(\d{1,4})\]|\((\d{1,4})\)")
GLOSS = re.compile(r"\A\s*(?P<abbr>[A-Z0-9][\w.'’-]{0,14})\s*=\s*(?P<exp>\S.*)\Z", re.S)  # noqa: RUF001
GLOSS_SPACE = re.compile(
    r"\A\s*(?P<abbr>[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\s+(?P<exp>[A-Z].*)\Z", re.S
)
BIBLIOGRAPHY = re.compile(
    r"\A\W*(?:select\s+)?(?:bibliography|references|works cited|sources|literature)\W*\Z", re.I
)
FIELD_LINE = re.compile(r"\A\**(?:Copyright|Source|Published|Citation|Author|Keywords)\**:")


def superscript_number(text: str) -> int:
    """'¹²' -> 12."""
    return int("".join(str(SUPERSCRIPT.index(ch)) for ch in text))


def marker_number(match: re.Match[str]) -> int:
    """The note number of a MARKER match."""
    if match.group(1):
        return int(match.group(1))
    if match.group(2):
        return int(match.group(2))
    return superscript_number(match.group())


@dataclass
class Part:
    """Text of a paragraph or note, possibly assembled from blocks split by page breaks."""

    line: int
    pieces: list[str]
    joins: int = 0
    quotes: set[int] = field(default_factory=set)  # indices of pieces that are block quotes

    @property
    def text(self) -> str:
        """The parts joined with spaces."""
        return " ".join(self.pieces)

    @property
    def last(self) -> str:
        """The last piece (what decides whether the paragraph is finished)."""
        return self.pieces[-1]


@dataclass
class Article:
    """The structure of an article, still as text: the TEI writer turns it into elements."""

    title: Part | None = None
    author: Part | None = None
    glossary_head: Part | None = None
    glossary: list[tuple[str, str, int]] = field(default_factory=list)
    front: list[Part] = field(default_factory=list)
    body: list[Part] = field(default_factory=list)
    notes: dict[int, Part] = field(default_factory=dict)
    note_order: list[int] = field(default_factory=list)
    bibliography_head: Part | None = None
    bibliography: list[Part] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def note_number(block: Block, expected: int) -> int | None:
    """The number of a footnote block when it is the next (or next-but-one) expected note."""
    match = NOTE_START.match(block.text)
    if not match:
        return None
    digits = next(g for g in match.groups() if g)
    number = superscript_number(digits) if digits[0] in SUPERSCRIPT else int(digits)
    return number if number in (expected, expected + 1) else None


def note_body(block: Block) -> str:
    """A footnote block without its number."""
    match = NOTE_START.match(block.text)
    return block.text[match.end() :] if match else block.text


def looks_like_article(blocks: list[Block]) -> bool:
    """At least three numbered note blocks in sequence and markers in the running text."""
    expected, found = 1, 0
    markers = 0
    for block in blocks:
        if note_number(block, expected) is not None:
            expected += 1
            found += 1
        else:
            markers += len(MARKER.findall(block.text))
    return found >= 3 and markers >= 2


def parse_article(blocks: list[Block]) -> Article:
    """Split blocks into front matter, body paragraphs, notes (by number) and bibliography."""
    art = Article()
    blocks = _take_bibliography(blocks, art)
    numbers = _number_notes(blocks, art)
    index = _take_front(blocks, numbers, art)
    open_note: int | None = None
    for i in range(index, len(blocks)):
        block = blocks[i]
        if numbers[i] is not None:
            open_note = numbers[i]
            art.notes[open_note] = Part(block.line, [note_body(block)])
            art.note_order.append(open_note)
            continue
        if open_note is not None and _continues_note(blocks, numbers, i, art, open_note):
            note = art.notes[open_note]
            note.pieces.append(block.text)
            note.joins += 1
            continue
        if art.body and _introduces_quote(art.body[-1], block.text):
            art.body[-1].quotes.add(len(art.body[-1].pieces))
            art.body[-1].pieces.append(block.text)
        elif art.body and continues(art.body[-1].last, block.text):
            art.body[-1].pieces.append(block.text)
            art.body[-1].joins += 1
        else:
            art.body.append(Part(block.line, [block.text]))
    return art


def _introduces_quote(part: Part, text: str) -> bool:
    """A paragraph whose text ends with a colon introduces the block that follows as a quote,
    kept inside the paragraph as printed block quotes are."""
    last = len(part.pieces) - 1
    return last not in part.quotes and part.last.rstrip().endswith(":") and bool(text)


def _number_notes(blocks: list[Block], art: Article) -> list[int | None]:
    numbers: list[int | None] = []
    expected = 1
    for block in blocks:
        number = note_number(block, expected)
        if number is not None and number != expected:
            art.problems.append(f"line {block.line}: note {expected} missing before note {number}")
        numbers.append(number)
        if number is not None:
            expected = number + 1
    return numbers


def _continues_note(blocks: list[Block], numbers: list, i: int, art: Article, n: int) -> bool:
    """Does block i continue the open note n across a page break?

    Printed notes run on at the foot of the next page, so the converted text puts
    the remainder after that page's running text, right before its first new note.
    A note that stopped mid-sentence therefore claims the block just before the
    next note block, unless that block directly follows the note itself and reads
    on from the running text; blocks carrying footnote markers are running text.
    """
    text = blocks[i].text
    last = art.notes[n].last
    if (is_finished(last) and not last.rstrip().endswith(":")) or MARKER.search(text):
        return False
    body_open = bool(art.body) and continues(art.body[-1].last, text)
    before_note = i + 1 >= len(blocks) or numbers[i + 1] is not None
    if before_note:
        directly_after_note = i > 0 and numbers[i - 1] is not None
        return not (directly_after_note and body_open)
    return text[:1].islower() and not body_open


def _take_bibliography(blocks: list[Block], art: Article) -> list[Block]:
    for i in range(len(blocks) - 1, -1, -1):
        if BIBLIOGRAPHY.match(blocks[i].text.strip("*_# ")):
            art.bibliography_head = Part(blocks[i].line, [blocks[i].text])
            art.bibliography = [Part(b.line, [b.text]) for b in blocks[i + 1 :]]
            return blocks[:i]
    return blocks


def _take_front(blocks: list[Block], numbers: list, art: Article) -> int:
    """Title, author, a glossary of abbreviations and labelled lines before the running text."""
    i = 0
    if i < len(blocks) and numbers[i] is None and _short_line(blocks[i].text, 250):
        art.title = Part(blocks[i].line, [blocks[i].text])
        i += 1
    if i < len(blocks) and numbers[i] is None and _byline(blocks[i].text):
        art.author = Part(blocks[i].line, [blocks[i].text])
        i += 1
    start = i
    while i < len(blocks):
        text = blocks[i].text
        if (
            numbers[i] is not None
            and _short_line(note_body(blocks[i]), 120)
            and _gloss_follows(blocks, i + 1)
        ):
            art.notes[numbers[i]] = Part(blocks[i].line, [note_body(blocks[i])])
            art.note_order.append(numbers[i])
        elif _short_line(text, 120) and looks_like_heading(text) and _gloss_follows(blocks, i + 1):
            art.glossary_head = Part(blocks[i].line, [text])
        elif _gloss_entry(text) and (art.glossary or _gloss_follows(blocks, i)):
            match = _gloss_entry(text)
            art.glossary.append((match.group("abbr"), match.group("exp"), blocks[i].line))
        elif FIELD_LINE.match(text) and (art.glossary or i == start):
            art.front.append(Part(blocks[i].line, [text]))
        else:
            break
        i += 1
    return i


def _gloss_entry(text: str) -> re.Match[str] | None:
    return GLOSS.match(text) or GLOSS_SPACE.match(text)


def _gloss_follows(blocks: list[Block], i: int) -> bool:
    """Three blocks in a row of the form ABBR=expansion start a glossary."""
    window = blocks[i : i + 3]
    return (
        len(window) == 3
        and all(_gloss_entry(b.text) for b in window)
        and any(GLOSS.match(b.text) for b in window)
    )


def _byline(text: str) -> bool:
    """An author line: short, few words, mostly capitalised (or "by ...")."""
    words = text.split()
    if not words or len(text) > 80 or len(words) > 8 or not _short_line(text, 80):
        return False
    capitals = sum(1 for w in words if w[:1].isupper())
    return words[0].lower() == "by" or capitals >= 0.6 * len(words)


def _short_line(text: str, limit: int) -> bool:
    return len(text) <= limit and not text.rstrip().endswith((".", "!", "?", ";"))
