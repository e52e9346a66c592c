"""Archival documents from digital archives: title/date lines, metadata fields, letter parts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DateTagger
from .segment import Block, continues, looks_like_heading

#: A metadata field heading such as "**Citation:**" or "Original Language:".
FIELD = re.compile(r"\A\**\s*(?P<name>[A-Z][A-Za-z ]{1,40}?)\s*:\s*\**\s*\Z")
#: Fields whose presence marks the digital-archive layout.
KNOWN_FIELDS = {
    "citation",
    "summary",
    "original language",
    "contents",
    "credits",
    "source",
    "rights",
    "subjects",
    "original archive",
    "date",
    "title",
}
#: A line naming the language of a translation ("Translation - English").
TRANSLATION = re.compile(r"\A(?:Translation|Transcript|Original)\s*[-–:]\s*(?P<lang>[A-Z]\w+)\Z")  # noqa: RUF001
SHORT = 200


@dataclass
class Field:
    """One metadata field: its heading block and the blocks under it."""

    name: str
    head: Block
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Letter:
    """The document proper: title, opener, paragraphs (page breaks re-joined), closer."""

    language_line: Block | None = None
    head: Block | None = None
    dateline: list[Block] = field(default_factory=list)
    opener: list[Block] = field(default_factory=list)
    paragraphs: list[list[Block]] = field(default_factory=list)
    closer: list[Block] = field(default_factory=list)


@dataclass
class ArchivalDocument:
    """Title and date lines, metadata fields and the letter inside "Contents"."""

    date_lines: list[Block] = field(default_factory=list)
    title_lines: list[Block] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    letter: Letter = field(default_factory=Letter)

    def field(self, name: str) -> Field | None:
        """The field of that name (case-insensitive), if present."""
        return next((f for f in self.fields if f.name.lower() == name), None)


def field_name(block: Block) -> str | None:
    """The name of a field heading block, else None."""
    match = FIELD.match(block.text)
    return match.group("name") if match else None


def looks_like_archival(blocks: list[Block]) -> bool:
    """Two or more of the metadata fields digital archives print."""
    names = {(field_name(b) or "").lower() for b in blocks[:400]}
    return len(names & KNOWN_FIELDS) >= 2


def parse_archival(blocks: list[Block]) -> ArchivalDocument:
    """Split the blocks into title/date lines, fields and the letter in the last field."""
    doc = ArchivalDocument()
    i = 0
    while i < len(blocks) and field_name(blocks[i]) is None:
        target = doc.date_lines if _is_date_line(blocks[i].text) else doc.title_lines
        target.append(blocks[i])
        i += 1
    current: Field | None = None
    for block in blocks[i:]:
        name = field_name(block)
        if name is not None and (current is None or current.name.lower() != "contents"):
            current = Field(name, block)
            doc.fields.append(current)
        elif current is not None:
            current.blocks.append(block)
    contents = doc.field("contents")
    if contents is None and doc.fields:
        contents = doc.fields.pop()
        doc.fields.append(Field(contents.name, contents.head, contents.blocks[:1]))
        contents = Field("contents", contents.head, contents.blocks[1:])
        doc.fields.append(contents)
    if contents is not None:
        doc.letter = parse_letter(contents.blocks, doc.title_lines)
    return doc


def _is_date_line(text: str) -> bool:
    stripped = text.strip("*_ ")
    found = DateTagger()(stripped)
    return bool(found) and (found[0].end - found[0].start) >= len(stripped) - 2


def parse_letter(blocks: list[Block], title_lines: list[Block]) -> Letter:
    """Opener (short blocks before the first long paragraph), paragraphs, closer."""
    letter = Letter()
    i = 0
    if i < len(blocks) and TRANSLATION.match(blocks[i].text):
        letter.language_line = blocks[i]
        i += 1
    title = " ".join(_words(" ".join(b.text for b in title_lines)))
    if i < len(blocks) and (
        (title and " ".join(_words(blocks[i].text)) == title) or looks_like_heading(blocks[i].text)
    ):
        letter.head = blocks[i]
        i += 1
    first = _opener_end(blocks, i)
    last = _closer_start(blocks, first)
    for block in blocks[i:first]:
        target = letter.dateline if _has_date(block.text) and not letter.opener else letter.opener
        target.append(block)
    for block in blocks[first:last]:
        if letter.paragraphs and continues(letter.paragraphs[-1][-1].text, block.text):
            letter.paragraphs[-1].append(block)
        else:
            letter.paragraphs.append([block])
    letter.closer = blocks[last:]
    return letter


def _opener_end(blocks: list[Block], start: int) -> int:
    """Index of the first body paragraph: after a salute ("Dear Minister!", "Sir,") among
    the first blocks, else after the leading short unpunctuated blocks."""
    for k in range(start, min(start + 5, len(blocks))):
        text = blocks[k].text.rstrip()
        if len(text) < 80 and text.endswith(("!", ",", ":")):
            return k + 1
    k = start
    while k < len(blocks) - 1 and _short(blocks[k].text):
        k += 1
    return k


def _closer_start(blocks: list[Block], first: int) -> int:
    """Index of the first block of the closing formula and signature."""
    k = len(blocks)
    while k - 1 > first and _short(blocks[k - 1].text):
        k -= 1
    return k


def _short(text: str) -> bool:
    return len(text) < 100 and not text.rstrip().endswith((".", "?", ";", '."', ".”"))


def _is_paragraph(text: str) -> bool:
    return len(text) > SHORT or (len(text) > 80 and text.rstrip().endswith((".", '."', ".”")))


def _has_date(text: str) -> bool:
    return bool(DateTagger()(text))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())
