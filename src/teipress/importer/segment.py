"""Splitting a source into blocks (blank-line separated paragraphs) and re-joining page breaks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

#: Characters that end a finished paragraph (closing quotes and brackets may follow them).
_FINAL = re.compile(r"[.!?:…][\"'”’»)\]*_]*\s*$")  # noqa: RUF001
#: English words after which a line cannot end a paragraph even before a capital.
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "but",
        "as",
        "that",
        "than",
        "his",
        "her",
        "its",
        "their",
        "our",
        "your",
        "my",
        "this",
        "these",
        "those",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "had",
        "has",
        "have",
        "which",
        "who",
        "whom",
        "whose",
        "not",
        "no",
        "into",
        "onto",
        "upon",
        "about",
        "between",
        "against",
    ]
)
_INITIALS = re.compile(r"(?:^|[\s(])(?:[A-Z]\.\s?){1,3}$")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: A block at least this long that ends in a word is running text cut by a page break.
_LONG = 60
_TRAILING_ASIDE = re.compile(r"\s*\([^()]{1,60}\)\s*$")
_LAST_WORD = re.compile(r"([\w'’-]+)\W*$")  # noqa: RUF001
_HARD_BREAK = re.compile(r"(?:  |\\)$")


@dataclass
class Block:
    """A blank-line separated block: its lines (hard breaks kept) and first source line."""

    line: int
    lines: list[str]

    @property
    def text(self) -> str:
        """The block as one string, lines joined by spaces (markdown hard breaks dropped)."""
        return " ".join(strip_break(x).strip() for x in self.lines)

    def hard_breaks(self) -> list[str]:
        """The block's lines when they were separated by markdown hard breaks, else [text]."""
        if len(self.lines) > 1 and all(_HARD_BREAK.search(x) for x in self.lines[:-1]):
            return [strip_break(x).strip() for x in self.lines]
        return [self.text]


def strip_break(line: str) -> str:
    """Drop a trailing markdown hard break ('  ' or a backslash)."""
    return line[:-1] if line.endswith("\\") else line.rstrip()


def iter_blocks(text: str) -> Iterator[Block]:
    """Yield blocks lazily so a very large source is never held twice as lines."""
    current: list[str] = []
    start = 0
    for number, line in enumerate(_lines(text), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            yield Block(start, current)
            current = []
    if current:
        yield Block(start, current)


def _lines(text: str) -> Iterator[str]:
    """Lines of a text without building a second copy of it."""
    pos = 0
    while pos <= len(text):
        end = text.find("\n", pos)
        if end < 0:
            yield text[pos:]
            return
        yield text[pos:end]
        pos = end + 1


def is_finished(text: str) -> bool:
    """True when a paragraph ends like a finished sentence.

    A closing parenthetical after a finished sentence ('…the dues." (emphasis added)')
    does not reopen it.
    """
    text = text.rstrip().rstrip(_SUPERSCRIPTS)
    if _INITIALS.search(text):
        return False  # "signed by Colonel A.B." goes on with the surname
    if _FINAL.search(text):
        return True
    aside = _TRAILING_ASIDE.search(text)
    return bool(aside) and bool(_FINAL.search(text[: aside.start()]))


def continues(previous: str, following: str) -> bool:
    """True when `following` continues the sentence `previous` left unfinished at a page break.

    A lowercase start always continues an unfinished paragraph; a capital start
    only when the paragraph stopped on a comma, a hyphen or a function word, since
    headings and list items also end without punctuation.
    """
    if is_finished(previous) or not following:
        return False
    if looks_like_heading(previous):
        return False
    first = following.lstrip("\"'“‘*_([")[:1]  # noqa: RUF001
    if first.islower() or (first and not first.isalnum() and first not in "\"'“‘*_(["):  # noqa: RUF001
        return True
    tail = previous.rstrip().rstrip(_SUPERSCRIPTS)
    if tail.endswith((",", "-", "–", "—", ";")):  # noqa: RUF001
        return True
    if _INITIALS.search(tail):
        return True
    if len(tail) >= _LONG and tail[-1:].isalpha():
        return True  # printed paragraphs end with punctuation; a long one ending in a word runs on
    match = _LAST_WORD.search(tail)
    return bool(match and match.group(1).lower() in _FUNCTION_WORDS)


def looks_like_heading(text: str) -> bool:
    """A short line with no final punctuation in capitals or markdown bold: a heading."""
    stripped = text.strip().strip("*_#").strip()
    if not stripped or len(stripped) > 80:
        return False
    raw = text.strip()
    if raw.startswith("#") or (raw.startswith("**") and raw.endswith("**")):
        return True
    letters = [ch for ch in stripped if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(letters) > 3


def join_pages(blocks: Iterable[Block]) -> Iterator[list[Block]]:
    """Group consecutive blocks that form one paragraph broken by a page break."""
    group: list[Block] = []
    for block in blocks:
        if group and continues(group[-1].text, block.text):
            group.append(block)
            continue
        if group:
            yield group
        group = [block]
    if group:
        yield group
