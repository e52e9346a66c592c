"""English date expressions -> TEI `date` with when/from/to/notBefore/notAfter, weekdays checked."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from .inline import Span

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_M = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_W = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_Y = r"(?:1[0-9]{3}|20[0-9]{2})"
_D = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DASH = r"\s*[-–—]{1,2}\s*"
_SEASONS = {
    "spring": ("03", "05"),
    "summer": ("06", "08"),
    "fall": ("09", "11"),
    "autumn": ("09", "11"),
    "winter": ("12", "02"),
}
_PARTS = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, 31),
    "beginning": (1, 10),
    "end": (21, 31),
}

#: Patterns in order of preference; each named group feeds `_value`.
PATTERNS = [
    (
        "mdy",
        re.compile(
            rf"\b(?:(?P<wd>{_W}),?\s+)?(?P<m>{_M})\s+(?P<d>{_D})(?:{_DASH}(?P<d2>{_D}))?(?:,?\s+(?P<y>{_Y})\b|(?![\d]))"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?:(?P<wd>{_W}),?\s+)?(?:the\s+)?(?P<d>{_D})(?:{_DASH}(?P<d2>{_D}))?\s+(?:of\s+)?(?P<m>{_M})(?:,?\s+(?P<y>{_Y})\b|\s+of\s+this\s+year)?"
        ),
    ),
    ("mmy", re.compile(rf"\b(?P<m>{_M}){_DASH}(?P<m2>{_M}),?\s+(?P<y>{_Y})\b")),
    (
        "my",
        re.compile(
            rf"\b(?:(?P<part>early|mid|late|the\s+(?:beginning|end)\s+of)[\s-]+)?(?P<m>{_M}),?\s+(?:of\s+)?(?P<y>{_Y})\b"
        ),
    ),
    (
        "season",
        re.compile(
            rf"\b(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+of\s+(?P<y>{_Y})\b", re.I
        ),
    ),
    ("yy", re.compile(rf"(?<![\w-])(?P<y>{_Y}){_DASH}(?P<y2>[0-9]{{2}}|{_Y})(?![\w-])")),
    ("part-year", re.compile(rf"\b(?P<part>early|mid|late)[\s-]+(?P<y>{_Y})s?\b")),
    (
        "year",
        re.compile(
            rf"\b(?:[Ii]n|[Ss]ince|until|by|of|from|before|after|during|around|circa|c\.)\s+(?P<y>{_Y})(?![\w-])"
        ),
    ),
]


#: Numbers after these are pages, leaves or issue numbers, not years.
_LOCATOR = re.compile(r"(?:\bpp?\.|\bLl?\.|\bNo\.|\bNos\.|\bvol\.|\bD\.?|,)\s*$")


@dataclass
class DateTagger:
    """Finds dates; a year left out ("November 2-3") is taken from the latest full date."""

    context_year: str | None = None
    found: int = 0
    problems: list[str] = field(default_factory=list)

    def __call__(self, text: str) -> list[Span]:
        """Date spans in text order (so the year context follows the reading order)."""
        candidates = []
        for kind, pattern in PATTERNS:
            for match in pattern.finditer(text):
                candidates.append((match.start(), -(match.end() - match.start()), kind, match))
        spans: list[Span] = []
        taken = -1
        for start, _neg, kind, match in sorted(candidates, key=lambda c: (c[0], c[1])):
            if start < taken:
                continue
            span = self._span(kind, match)
            if span is not None:
                spans.append(span)
                taken = match.end()
        return spans

    def _span(self, kind: str, m: re.Match[str]) -> Span | None:
        start = m.start("y") if kind == "year" else m.start()
        if kind in ("year", "yy") and _LOCATOR.search(m.string[max(0, start - 6) : start]):
            return None
        groups = {k: v for k, v in m.groupdict().items() if v}
        attrib, note = _value(kind, groups, self.context_year)
        if not attrib:
            return None
        year = groups.get("y")
        if year and kind not in ("yy",):
            self.context_year = year
        elif year is None and kind in ("mdy", "dmy"):
            attrib["cert"] = "medium"
        if "wd" in groups and "when" in attrib:
            note = note or _check_weekday(groups["wd"], attrib["when"])
        if note:
            self.problems.append(f"{m.group()!r}: {note}")
        self.found += 1
        return Span(start, m.end(), "date", attrib, priority=4, atomic=True, comment=note)


def _value(kind: str, g: dict[str, str], year: str | None) -> tuple[dict[str, str], str | None]:
    y = g.get("y") or year
    if not y:
        return {}, None
    if kind in ("mdy", "dmy"):
        return _days(y, _month(g["m"]), g["d"], g.get("d2"))
    if kind == "mmy":
        return {"from": f"{y}-{_month(g['m']):02d}", "to": f"{y}-{_month(g['m2']):02d}"}, None
    if kind == "my":
        month = f"{y}-{_month(g['m']):02d}"
        part = (g.get("part") or "").split()[-1:] or [""]
        if part[0] in _PARTS:
            lo, hi = _PARTS[part[0]]
            last = calendar.monthrange(int(y), _month(g["m"]))[1]
            return {
                "notBefore": f"{month}-{lo:02d}",
                "notAfter": f"{month}-{min(hi, last):02d}",
            }, None
        return {"when": month}, None
    if kind == "season":
        lo, hi = _SEASONS[g["season"].lower()]
        end_year = str(int(y) + 1) if hi < lo else y
        return {"notBefore": f"{y}-{lo}", "notAfter": f"{end_year}-{hi}"}, None
    if kind == "yy":
        y2 = g["y2"] if len(g["y2"]) == 4 else y[:2] + g["y2"]
        if int(y2) <= int(y):
            return {}, None
        return {"from": y, "to": y2}, None
    if kind == "part-year":
        lo, hi = {"early": ("01", "04"), "mid": ("05", "08"), "late": ("09", "12")}[g["part"]]
        return {"notBefore": f"{y}-{lo}", "notAfter": f"{y}-{hi}"}, None
    return {"when": y}, None


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _days(y: str, month: int, d: str, d2: str | None) -> tuple[dict[str, str], str | None]:
    day, day2 = int(re.sub(r"\D", "", d)), int(re.sub(r"\D", "", d2)) if d2 else None
    try:
        first = dt.date(int(y), month, day)
        last = dt.date(int(y), month, day2) if day2 else None
    except ValueError:
        return {}, None
    if last is None:
        return {"when": first.isoformat()}, None
    if last <= first:
        return {"when": first.isoformat()}, "range end before start; only the first day encoded"
    return {"from": first.isoformat(), "to": last.isoformat()}, None


def _check_weekday(weekday: str, when: str) -> str | None:
    actual = dt.date.fromisoformat(when).weekday()
    if WEEKDAYS[weekday.lower()] == actual:
        return None
    return f"{weekday} does not match {when} (a {calendar.day_name[actual]}); check the date"
