"""Published works of the bibliography register found in note text (author, then title or year)."""

from __future__ import annotations

import re

from .registers import Work, fold

#: Page numbers right after a citation: ", 72", ", pp. 7-8".
_PAGES = re.compile(r"\A,?\s*(?:pp?\.\s*)?(?P<a>\d+)(?:\s*[-–]{1,2}\s*(?P<b>\d+))?(?!\w)")  # noqa: RUF001


def work_mentions(work: Work, text: str, folded: str) -> list[tuple[int, int]]:
    """Places where a note cites `work`: author surname followed by title words or the year."""
    found = []
    for surname in work.surnames[:1]:
        for m in re.finditer(rf"(?<![\w]){re.escape(fold(surname))}(?![\w])", folded):
            window = folded[m.end() : m.end() + 300]
            end = _title_or_year(work, window)
            if end is None:
                continue
            start = _name_start(folded, m.start())
            found.append((start, m.end() + end))
    return found


def _title_or_year(work: Work, window: str) -> int | None:
    """End of a citation of `work` that starts just before `window`, or None.

    The title's first significant words must follow the surname within the same
    sentence, or the work's year must close a parenthesis soon after it, as in
    "(London: Longman, 1996)"; page numbers after it belong to the citation.
    """
    cut = re.search(r";|(?<=\w{4})\.\s+(?=[A-Z\"“])|\bAlso\b", window)
    scope = window[: cut.start()] if cut else window
    low = scope.lower()
    end = None
    for title in work.titles:
        words = [w for w in re.findall(r"\w+", fold(title).lower()) if len(w) > 3][:3]
        found = [re.search(rf"\b{re.escape(w)}\b", low) for w in words]
        if words and all(found):
            end = max(m.end() for m in found if m)
            break
    if work.year:
        match = re.search(rf"\([^()]*\b{work.year}\)", scope)
        if match and (end is not None or match.start() < 150):
            end = max(end or 0, match.end())
    if end is None:
        return None
    pages = _PAGES.match(scope[end:])
    return end + pages.end() if pages and pages.group("a") else end


def _name_start(text: str, pos: int) -> int:
    """Extend a surname leftwards over forenames and initials."""
    m = re.search(r"(?:(?:[A-Z][\w'’-]*\.?|[A-Z]\.)\s+)+$", text[max(0, pos - 40) : pos])  # noqa: RUF001
    return pos - len(m.group()) if m else pos
