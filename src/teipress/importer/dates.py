"""English date expressions -> TEI `date` with when/from/to/notBefore/notAfter, weekdays checked."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from .inline import Span

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
#: Russian month names in the usual Latin transliteration (nominative and genitive).
RU_MONTHS = {
    "yanvar": 1, "yanvarya": 1, "fevral": 2, "fevralya": 2, "mart": 3, "marta": 3,
    "aprel": 4, "aprelya": 4, "mai": 5, "maya": 5, "iyun": 6, "iyunya": 6, "iyul": 7,
    "iyulya": 7, "avgust": 8, "avgusta": 8, "sentyabr": 9, "sentyabrya": 9, "oktyabr": 10,
    "oktyabrya": 10, "noyabr": 11, "noyabrya": 11, "dekabr": 12, "dekabrya": 12,
}  # fmt: skip
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_M = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
_RU = r"(?:" + "|".join(sorted(RU_MONTHS, key=len, reverse=True)) + r")\b['’]?"  # noqa: RUF001
_W = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_Y = r"(?:1[0-9]{3}|20[0-9]{2})"
_D = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DASH = r"\s*[-–—]{1,2}\s*"  # noqa: RUF001 (en and em dashes of printed ranges)
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11),
            "winter": (12, 14)}  # fmt: skip
_PARTS = {"early": (1, 10), "mid": (10, 20), "late": (20, 31), "beginning": (1, 10),
          "end": (20, 31)}  # fmt: skip
_PART = r"(?P<part>early|mid|late|(?:the\s+)?(?:beginning|end)\s+of)"
_NEXT = r"(?![\w-])"

#: (kind, pattern); at one starting point the longest match wins.
PATTERNS = [
    (
        "mdy",
        rf"\b(?=[A-Z])(?:(?P<wd>{_W}),?\s+)?(?P<m>{_M})\s+(?P<d>{_D})(?:{_DASH}(?P<d2>{_D}))?"
        rf"(?:,?\s*(?P<y>{_Y})\b|(?![\d]))",
    ),
    (
        "dmy",
        rf"\b(?=[A-Z0-9])(?:(?P<wd>{_W}),?\s+)?(?P<d>{_D})(?:{_DASH}(?P<d2>{_D}))?\s+(?:of\s+)?"
        rf"(?P<m>{_M})(?:,?\s+(?P<y>{_Y})\b|\s+of\s+this\s+year)?",
    ),
    (
        "mmy",
        rf"\b(?=[A-Z])(?P<m>{_M})(?:{_DASH}|\s+and\s+)(?P<m2>{_M}),?\s+(?:of\s+)?(?P<y>{_Y})\b",
    ),
    ("my", rf"\b(?=[A-Zemlbt])(?:{_PART}[\s-]+)?(?P<m>{_M}),?\s+(?:of\s+)?(?P<y>{_Y})\b"),
    ("pm", rf"\b(?=[emlbt]){_PART}[\s-]+(?P<m>{_M})"),
    (
        "season",
        rf"\b(?=[eElLsSfFaAwW])(?P<q>early\s+|late\s+)?(?P<s>{_SEASON})(?:\s+and\s+(?P<s2>{_SEASON}))?"
        rf"(?:\s+months)?\s+of\s+(?P<y>{_Y})\b",
    ),
    ("months", rf"\b(?=[eElLfF])(?P<q>early|late|first|last)\s+months\s+of\s+(?P<y>{_Y})\b"),
    (
        "decade",
        r"\b(?=[emlEML12])(?:(?P<q>early|mid|late)[\s-]+)?(?P<dec>1[0-9]{2}0|20[0-9]0)['’]?s\b",  # noqa: RUF001
    ),
    (
        "ru",
        rf"\b(?=[0-9yfmaisond])(?:(?P<d>{_D})\s+)?(?P<m>{_RU})(?:{_DASH}(?P<m2>{_RU}))?\s+(?P<y>{_Y})\b",
    ),
    ("yy", rf"(?<![\w-])(?=[12])(?P<y>{_Y}){_DASH}(?P<y2>[0-9]{{2}}|{_Y}){_NEXT}"),
    ("part-year", rf"\b(?=[eml])(?P<q>early|mid|late)[\s-]+(?P<y>{_Y}){_NEXT}"),
    ("year", rf"(?<![\w.,/-])(?=[12])(?P<y>{_Y}){_NEXT}"),
]
COMPILED = [(kind, re.compile(rx, re.I if kind in ("season", "months") else 0))
            for kind, rx in PATTERNS]  # fmt: skip
_DIGIT = re.compile(r"\d")
#: Numbers after these are pages, leaves, issues or archival parts, not years.
_LOCATOR = re.compile(
    r"(?:\bpp?\.|\bLl?\.?|\bNos?\.|\bvol\.|\bno\.|\b[FDLOP]|\bDok\.?|\bDelo|\bFond|\bList|"
    r"\bPapka|\bRolik|\bPer\.?|\bOp\.?|\bcol\.|#)\s*$"
)


@dataclass
class DateTagger:
    """Finds dates; a year left out ("November 2-3") comes from the same text, else from
    the year the whole document names most often (`default_year`)."""

    default_year: str | None = None
    found: int = 0
    problems: list[str] = field(default_factory=list)

    def prescan(self, text: str) -> None:
        """Set `default_year` to the year most often named in full dates of the source."""
        years: Counter[str] = Counter()
        for kind in ("mdy", "dmy", "my"):
            pattern = dict(COMPILED)[kind]
            years.update(m.group("y") for m in pattern.finditer(text) if m.group("y"))
        if years:
            self.default_year = years.most_common(1)[0][0]

    def __call__(self, text: str) -> list[Span]:
        """Date spans in text order; the year context follows the reading order."""
        candidates = []
        digits = _DIGIT.search(text) is not None
        for kind, pattern in COMPILED:
            if not digits and kind != "pm":
                continue
            for match in pattern.finditer(text):
                start = _start(kind, match)
                candidates.append((start, -(match.end() - start), kind, match))
        spans: list[Span] = []
        taken = -1
        context = self.default_year
        for start, _neg, kind, match in sorted(candidates, key=lambda c: (c[0], c[1])):
            if start < taken:
                continue
            span = self._span(kind, match, start, context)
            if span is not None:
                spans.append(span)
                taken = match.end()
                year = match.groupdict().get("y")
                if year and kind in ("mdy", "dmy", "my", "mmy"):
                    context = year
        return spans

    def _span(self, kind: str, m: re.Match[str], start: int, context: str | None) -> Span | None:
        if kind in ("year", "yy") and _LOCATOR.search(m.string[max(0, start - 8) : start]):
            return None
        groups = {k: v for k, v in m.groupdict().items() if v}
        attrib, note = _value(kind, groups, context)
        if not attrib:
            return None
        if "y" not in groups and kind in ("mdy", "dmy", "pm"):
            attrib["cert"] = "medium"
        if "wd" in groups and "when" in attrib:
            note = note or _check_weekday(groups["wd"], attrib["when"])
        if note:
            self.problems.append(f"{m.group()!r}: {note}")
        self.found += 1
        return Span(start, m.end(), "date", attrib, priority=4, atomic=True, comment=note)


def _start(kind: str, m: re.Match[str]) -> int:
    """Where the date element starts: the leading article of "the beginning of" stays out."""
    text = m.group()
    lead = re.match(r"the\s+", text, re.I)
    return m.start() + (lead.end() if lead else 0)


def _value(kind: str, g: dict[str, str], year: str | None) -> tuple[dict[str, str], str | None]:
    if kind == "decade":
        return _decade(g), None
    y = g.get("y") or year
    if not y:
        return {}, None
    if kind in ("mdy", "dmy"):
        return _days(y, _month(g["m"]), g["d"], g.get("d2"))
    if kind == "ru":
        if g.get("m2"):
            return {"from": f"{y}-{_month(g['m']):02d}", "to": f"{y}-{_month(g['m2']):02d}"}, None
        if g.get("d"):
            return _days(y, _month(g["m"]), g["d"], None)
        return {"when": f"{y}-{_month(g['m']):02d}"}, None
    if kind == "mmy":
        return {"from": f"{y}-{_month(g['m']):02d}", "to": f"{y}-{_month(g['m2']):02d}"}, None
    if kind in ("my", "pm"):
        return _month_part(y, _month(g["m"]), g.get("part")), None
    if kind == "season":
        return _season(y, g), None
    if kind == "months":
        early = g["q"].lower() in ("early", "first")
        return ({"notBefore": f"{y}-01", "notAfter": f"{y}-04"} if early
                else {"notBefore": f"{y}-09", "notAfter": f"{y}-12"}), None  # fmt: skip
    if kind == "yy":
        y2 = g["y2"] if len(g["y2"]) == 4 else y[:2] + g["y2"]
        return ({"from": y, "to": y2}, None) if int(y2) > int(y) else ({}, None)
    if kind == "part-year":
        lo, hi = {"early": ("01", "04"), "mid": ("05", "08"), "late": ("09", "12")}[g["q"]]
        return {"notBefore": f"{y}-{lo}", "notAfter": f"{y}-{hi}"}, None
    return {"when": y}, None


def _month(name: str) -> int:
    key = name.rstrip(".'’").lower()  # noqa: RUF001
    return MONTHS.get(key) or RU_MONTHS[key]


def _month_part(y: str, month: int, part: str | None) -> dict[str, str]:
    key = (part or "").split()[0].lower() if part else ""
    key = (part or "").split()[-2].lower() if part and part.split()[-1] == "of" else key
    if key not in _PARTS:
        return {"when": f"{y}-{month:02d}"}
    lo, hi = _PARTS[key]
    hi = min(hi, calendar.monthrange(int(y), month)[1])
    return {"notBefore": f"{y}-{month:02d}-{lo:02d}", "notAfter": f"{y}-{month:02d}-{hi:02d}"}


def _season(y: str, g: dict[str, str]) -> dict[str, str]:
    first = _SEASONS[g["s"].lower()]
    last = _SEASONS[g.get("s2", g["s"]).lower()]
    lo, hi = first[0], last[1]
    end_year = int(y) + (1 if hi > 12 else 0)
    return {"notBefore": f"{y}-{lo:02d}", "notAfter": f"{end_year}-{(hi - 1) % 12 + 1:02d}"}


def _decade(g: dict[str, str]) -> dict[str, str]:
    start = int(g["dec"])
    lo, hi = {"early": (0, 3), "mid": (3, 7), "late": (5, 9)}.get(
        (g.get("q") or "").lower(), (0, 9)
    )
    return {"notBefore": str(start + lo), "notAfter": str(start + hi)}


def _days(y: str, month: int, d: str, d2: str | None) -> tuple[dict[str, str], str | None]:
    day = int(re.sub(r"\D", "", d))
    day2 = int(re.sub(r"\D", "", d2)) if d2 else None
    if day2 is not None and day2 < day and len(str(day2)) < len(str(day)):
        day2 = int(str(day)[: len(str(day)) - len(str(day2))] + str(day2))  # "24-5" -> 24-25
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
