"""The edition's registers as the importer needs them: every recorded name form and its pointer."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import TeipressError
from ..reader import NS, parse_file

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: register file -> (entry element, name element, kind of mention it yields)
REGISTERS = {
    "persons.xml": ("person", "persName", "persName"),
    "organisations.xml": ("org", "orgName", "orgName"),
    "places.xml": ("place", "placeName", "placeName"),
    "archives.xml": ("org", "orgName", "orgName"),
}


@dataclass(frozen=True)
class Entry:
    """One register entry: its pointer, kind of name element and recorded forms."""

    ref: str
    tag: str
    register: str
    forms: tuple[str, ...]
    surname: str | None = None
    abbrs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Work:
    """A bibliography entry: pointer, author surnames, year and title."""

    ref: str
    surnames: tuple[str, ...]
    year: str | None
    titles: tuple[str, ...]


@dataclass
class Registers:
    """All register entries of an edition (empty when it has none)."""

    entries: list[Entry] = field(default_factory=list)
    works: list[Work] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def archives(self) -> list[Entry]:
        """Entries of the archives register."""
        return [e for e in self.entries if e.register == "archives.xml"]


#: Letters with strokes that Unicode does not decompose into a base letter and a mark.
_STROKES = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ħ": "h",
        "Ħ": "H",
        "ı": "i",  # noqa: RUF001
        "ŧ": "t",
        "Ŧ": "T",
    }
)


def fold(text: str) -> str:
    """Text without diacritics (Dvořák -> Dvorak, Łódź -> Lodz) for accent-blind matching."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_STROKES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _name_forms(entry: etree._Element, name_tag: str) -> tuple[list[str], str | None, list[str]]:
    forms: list[str] = []
    abbrs: list[str] = []
    surname = None
    for name in entry.iterfind(f"tei:{name_tag}", NS):
        forename = " ".join(_text(f) for f in name.iterfind("tei:forename", NS))
        sur = " ".join(_text(s) for s in name.iterfind("tei:surname", NS))
        if name.get("type", "main") == "main" and sur:
            surname = sur
        if forename and sur:
            forms += [f"{forename} {sur}", sur]
        forms.append(_text(name))
        if name.get("type") == "abbr":
            abbrs.append(_text(name))
    return [f for f in dict.fromkeys(forms) if f], surname, abbrs


def load_registers(folder: Path | None) -> Registers:
    """Read persons, organisations, places, archives and bibliography from `folder`."""
    regs = Registers()
    if folder is None or not folder.is_dir():
        regs.problems.append(f"no register folder ({folder}); names are not tagged")
        return regs
    for filename, (entry_tag, name_tag, tag) in REGISTERS.items():
        tree = _parse(folder / filename, regs)
        if tree is None:
            continue
        for entry in tree.iter(f"{{{NS['tei']}}}{entry_tag}"):
            ident = entry.get(XML_ID)
            if not ident:
                continue
            forms, surname, abbrs = _name_forms(entry, name_tag)
            surname = surname if filename == "persons.xml" else None
            ref = f"{filename}#{ident}"
            regs.entries.append(Entry(ref, tag, filename, tuple(forms), surname, tuple(abbrs)))
    tree = _parse(folder / "bibliography.xml", regs)
    if tree is not None:
        regs.works = [_work(b) for b in tree.iter(f"{{{NS['tei']}}}bibl") if b.get(XML_ID)]
    return regs


def _parse(path: Path, regs: Registers) -> etree._ElementTree | None:
    if not path.exists():
        regs.problems.append(f"register {path.name} not found")
        return None
    try:
        return parse_file(path)
    except TeipressError as exc:
        regs.problems.append(f"register {path.name} not read: {exc}")
        return None


def _work(bibl: etree._Element) -> Work:
    surnames = []
    for person in [*bibl.iterfind("tei:author", NS), *bibl.iterfind("tei:editor", NS)]:
        sur = person.find(".//tei:surname", NS)
        raw = _text(sur) if sur is not None else _text(person)
        name = raw.split(",")[0].strip() if "," in raw or sur is not None else raw.split()[-1:]
        name = name if isinstance(name, str) else "".join(name)
        if name:
            surnames.append(name)
    date = bibl.find("tei:date", NS)
    year = (date.get("when") or _text(date))[:4] if date is not None else None
    titles = tuple(_text(t) for t in bibl.iterfind("tei:title", NS) if _text(t))
    return Work(f"bibliography.xml#{bibl.get(XML_ID)}", tuple(surnames), year, titles)
