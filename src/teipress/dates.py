"""TEI dating attributes -> DateValue (normalised ISO value or range, display, sort key)."""

from __future__ import annotations

import re

from lxml import etree

from .model import DateValue

W3C = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: English month and weekday names, fixed here rather than taken from `calendar`, whose
#: names follow the process's locale: output must not depend on it.
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _valid(value: str | None) -> str:
    """The value when it is a W3C date YYYY, YYYY-MM or YYYY-MM-DD with sane month/day."""
    if not value:
        return ""
    match = W3C.match(value.strip())
    if not match:
        return ""
    month, day = match.group(2), match.group(3)
    if month and not 1 <= int(month) <= 12:
        return ""
    if day and not 1 <= int(day) <= 31:
        return ""
    return value.strip()


def display(value: str) -> str:
    """ "1956-11-08" -> "8 November 1956"; "1956-11" -> "November 1956"; "1956" -> "1956"."""
    match = W3C.match(value)
    if not match:
        return value
    year, month, day = match.groups()
    if not month:
        return year
    name = MONTHS[int(month) - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def date_value(el: etree._Element, text: str = "") -> DateValue | None:
    """Normalise @when, @from/@to or @notBefore/@notAfter (in that order); None if absent."""
    when = _valid(el.get("when"))
    if when:
        return DateValue(when, display(when), when, text)
    start = _valid(el.get("from")) or _valid(el.get("notBefore"))
    end = _valid(el.get("to")) or _valid(el.get("notAfter"))
    if not (start or end):
        return None
    vague = el.get("from") is None and el.get("to") is None
    if start and end:
        shown = f"{display(start)} – {display(end)}"  # noqa: RUF001
        if vague:
            shown = f"between {display(start)} and {display(end)}"
    elif start:
        shown = f"{'after' if vague else 'from'} {display(start)}"
    else:
        shown = f"{'before' if vague else 'until'} {display(end)}"
    return DateValue(f"{start}/{end}", shown, start or end, text)


def has_dating(el: etree._Element) -> bool:
    """Whether the element carries any dating attribute (valid or not)."""
    return any(el.get(a) for a in ("when", "from", "to", "notBefore", "notAfter"))
