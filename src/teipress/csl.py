"""CSL-JSON fields of a TEI bibl/biblStruct (what Zotero imports), read without I/O."""

from __future__ import annotations

import re

from lxml import etree

from .reader import TEI_NS

T = f"{{{TEI_NS}}}"
_SPACE = re.compile(r"\s+")


def _text(el: etree._Element) -> str:
    return _SPACE.sub(" ", "".join(el.itertext())).strip().strip(",.;: ")


def csl_name(el: etree._Element) -> dict[str, str]:
    """A CSL name from author/editor: forename/surname when marked up, else split the text."""
    sur = el.find(f".//{T}surname")
    fore = el.find(f".//{T}forename")
    if sur is not None:
        name = {"family": _text(sur)}
        if fore is not None:
            name["given"] = _text(fore)
        return name
    text = _text(el)
    if el.find(f".//{T}orgName") is not None or not text:
        return {"literal": text}
    if "," in text:
        family, given = (s.strip() for s in text.split(",", 1))
        return {"family": family, "given": given}
    bits = text.rsplit(" ", 1)
    return {"family": bits[-1], "given": bits[0]} if len(bits) == 2 else {"literal": text}


def _issued(el: etree._Element) -> dict[str, list[list[int]]] | None:
    date = el.find(f".//{T}date")
    if date is None:
        return None
    value = date.get("when") or date.get("from") or date.get("notBefore") or _text(date)
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not match:
        return None
    return {"date-parts": [[int(g) for g in match.groups() if g]]}


def _titles(el: etree._Element) -> dict[str, str]:
    by_level: dict[str, str] = {}
    for title in el.iter(f"{T}title"):
        by_level.setdefault(title.get("level", "m"), _text(title))
    return by_level


def csl_type(levels: dict[str, str]) -> str:
    """CSL item type from the title levels present."""
    if "a" in levels and "j" in levels:
        return "article-journal"
    if "a" in levels and "m" in levels:
        return "chapter"
    if "u" in levels:
        return "manuscript"
    return "book" if "m" in levels else "document"


def csl_fields(el: etree._Element) -> dict[str, object]:
    """The CSL-JSON item of one bibliography entry (id added by the caller)."""
    levels = _titles(el)
    item: dict[str, object] = {"type": csl_type(levels)}
    title = levels.get("a") or levels.get("m") or levels.get("j") or levels.get("u") or ""
    if title:
        item["title"] = title
    container = levels.get("j") or (levels.get("m") if "a" in levels else "")
    if container:
        item["container-title"] = container
    for role in ("author", "editor"):
        names = [csl_name(n) for n in el.iter(f"{T}{role}")]
        if names:
            item[role] = names
    simple = {"pubPlace": "publisher-place", "publisher": "publisher"}
    for tag, key in simple.items():
        node = el.find(f".//{T}{tag}")
        if node is not None and _text(node):
            item[key] = _text(node)
    issued = _issued(el)
    if issued:
        item["issued"] = issued
    for scope in el.iter(f"{T}biblScope"):
        unit = scope.get("unit") or scope.get("type") or ""
        key = {"volume": "volume", "issue": "issue", "page": "page", "pp": "page"}.get(unit)
        if key:
            start, end = scope.get("from"), scope.get("to")
            value = f"{start}-{end}" if start and end and start != end else start or _text(scope)
            item[key] = value
    return item
