"""Registers wherever an edition keeps them: read entries, then look pointers up.

Entries are read from every `listPerson`, `listPlace`, `listOrg` and `listBibl` in any
edition file (register files, documents, `standOff`), so that `entries_in` runs inside
the per-file phase and each file is parsed once.

Archive rule (general, never keyed on a file name): an `org` is an archive when
(1) it is declared so: it sits in a `listOrg` whose `@type` is "archives", "archive" or
"repositories", or carries `@type` "archive"/"repository"; or (2) the edition uses it so:
an `msIdentifier/repository|institution` or an `orgName` inside an archival `bibl`
points at it. Former names (`orgName type="former"`) are names of the same archive.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from lxml import etree

from .model import RegisterEntry
from .reader import TEI_NS, XML_NS

T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
ENTRY_TAGS = {
    f"{T}person": "person",
    f"{T}personGrp": "person",
    f"{T}org": "org",
    f"{T}place": "place",
    f"{T}bibl": "work",
    f"{T}biblStruct": "work",
}
LIST_TAGS = {f"{T}listPerson", f"{T}listOrg", f"{T}listPlace", f"{T}listBibl"}
NAME_TAGS = {
    "person": f"{T}persName",
    "org": f"{T}orgName",
    "place": f"{T}placeName",
}
ARCHIVE_TYPES = {"archives", "archive", "repositories", "repository"}
AUTHORITY_URLS = {
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "viaf": "https://viaf.org/viaf/{}",
    "gnd": "https://d-nb.info/gnd/{}",
    "geonames": "https://www.geonames.org/{}",
    "orcid": "https://orcid.org/{}",
}
_SPACE = re.compile(r"\s+")


def text_of(el: etree._Element | None) -> str:
    """An element's text with whitespace normalised (notes inside are kept: registers)."""
    if el is None:
        return ""
    return _SPACE.sub(" ", "".join(el.itertext())).strip()


def entries_in(root: etree._Element, file: str) -> list[RegisterEntry]:
    """Every register entry with an xml:id inside any list element of one parsed file."""
    found: list[RegisterEntry] = []
    for lst in root.iter(*LIST_TAGS):
        declared = lst.tag == f"{T}listOrg" and lst.get("type", "").lower() in ARCHIVE_TYPES
        for child in lst:
            kind = ENTRY_TAGS.get(child.tag) if isinstance(child.tag, str) else None
            if kind is None or not child.get(XML_ID):
                continue
            if kind == "work":
                found.append(_work(child, file))
            else:
                found.append(_named(child, kind, file, declared))
    return found


def _named(el: etree._Element, kind: str, file: str, archive_list: bool) -> RegisterEntry:
    """A person, org or place: main name, variants, former names, dates, description."""
    names = [n for n in el if n.tag == NAME_TAGS[kind]]
    main = next((n for n in names if n.get("type") == "main"), names[0] if names else None)
    variants, former, abbr = [], [], ""
    for n in names:
        if n is main:
            continue
        label, typ = text_of(n), n.get("type", "")
        if typ == "former":
            former.append(label)
        elif typ == "abbr" and not abbr:
            abbr = label
        elif label:
            variants.append(label)
    name = text_of(main) or abbr or el.get(XML_ID, "")
    is_archive = kind == "org" and (archive_list or el.get("type", "").lower() in ARCHIVE_TYPES)
    return RegisterEntry(
        id=el.get(XML_ID, ""),
        kind=kind,
        file=file,
        name=name,
        variants=tuple(dict.fromkeys(v for v in variants if v != name)),
        former=tuple(former),
        abbr=abbr,
        dates=_life_dates(el),
        description=_description(el),
        authorities=_authorities(el),
        archive=is_archive,
    )


def _life_dates(el: etree._Element) -> str:
    """ "1892–1980" from birth/death (or floruit) when= values; empty when none."""  # noqa: RUF002

    def year(tag: str) -> str:
        node = el.find(f"{T}{tag}")
        if node is None:
            return ""
        value = node.get("when") or node.get("notBefore") or node.get("from") or text_of(node)
        return value[:10]

    birth, death = year("birth"), year("death")
    if birth or death:
        return f"{birth or '?'}–{death}"  # noqa: RUF001
    return year("floruit")


def _description(el: etree._Element) -> str:
    """The one-line description: note[@type=description], else the first note."""
    notes = el.findall(f"{T}note")
    chosen = next((n for n in notes if n.get("type") == "description"), notes[0] if notes else None)
    return text_of(chosen)


def _authorities(el: etree._Element) -> tuple[tuple[str, str], ...]:
    """(type, URL) for each idno that names an authority record."""
    out = []
    for idno in el.findall(f"{T}idno"):
        typ, value = idno.get("type", "").lower(), text_of(idno)
        if value.startswith(("http://", "https://")):
            out.append((typ or "link", value))
        elif typ in AUTHORITY_URLS and value:
            out.append((typ, AUTHORITY_URLS[typ].format(value)))
    return tuple(out)


def _work(el: etree._Element, file: str) -> RegisterEntry:
    """A published work: its label ("Author, Title, Year") and CSL-JSON fields."""
    from .csl import csl_fields  # local: csl is a leaf module of the data builder

    fields = csl_fields(el)
    authors = fields.get("author") or fields.get("editor") or []
    who = ", ".join(a.get("family") or a.get("literal", "") for a in authors[:2])  # type: ignore[union-attr]
    year = fields.get("issued", {}).get("date-parts", [[""]])[0][0]  # type: ignore[union-attr]
    parts = [p for p in (who, str(fields.get("title", "")), str(year or "")) if p]
    return RegisterEntry(
        id=el.get(XML_ID, ""),
        kind="work",
        file=file,
        name=", ".join(parts) or el.get(XML_ID, ""),
        csl=tuple(sorted(fields.items())),
    )


class Registers:
    """All entries of the edition, looked up by any usual pointer form.

    `@ref`/`@corresp`: "file.xml#id" (any folder; resolved by basename), "#id" (same
    file first, then edition-wide if unique), an authority URL an entry's idno gives.
    `@key`: register id = key_prefix + key (falling back to the bare key).
    """

    def __init__(self, entries: Iterable[RegisterEntry], key_prefix: str = "") -> None:
        self.key_prefix = key_prefix
        self.by_file: dict[tuple[str, str], RegisterEntry] = {}
        self.by_id: dict[str, list[RegisterEntry]] = defaultdict(list)
        self.by_url: dict[str, RegisterEntry] = {}
        for entry in entries:
            self.by_file.setdefault((entry.file, entry.id), entry)
            self.by_id[entry.id].append(entry)
            for _, url in entry.authorities:
                self.by_url.setdefault(url, entry)
        self._names: dict[str, RegisterEntry] | None = None
        self._resolved: dict[tuple[str, str], RegisterEntry | None] = {}

    def entries(self) -> list[RegisterEntry]:
        """Every entry, sorted by kind and id (deterministic)."""
        return sorted(self.by_file.values(), key=lambda e: (e.kind, e.id, e.file))

    def unique(self, xml_id: str) -> RegisterEntry | None:
        """The entry with this id when exactly one file defines it."""
        found = self.by_id.get(xml_id, [])
        return found[0] if len(found) == 1 else None

    def lookup(self, pointer: str, file: str = "") -> RegisterEntry | None:
        """Resolve one @ref/@corresp value (possibly several space-separated URIs)."""
        for token in pointer.split():
            entry = self._one(token, file)
            if entry is not None:
                return entry
        return None

    def _one(self, token: str, file: str) -> RegisterEntry | None:
        if token.startswith(("http://", "https://")):
            return self.by_url.get(token)
        base, _, frag = token.partition("#")
        if not frag:
            return self.unique(base)
        if not base:
            return self.by_file.get((file, frag)) or self.unique(frag)
        name = base.replace("\\", "/").rsplit("/", 1)[-1]
        return self.by_file.get((name, frag))

    def resolve(self, pointer: str, file: str = "") -> RegisterEntry | None:
        """Resolve a pointer string as textwalk.pointer_of gives it ("key:" marks @key).

        Remembered: the same few thousand pointers are resolved for every mention and
        citation of the edition. Only a "#id" token depends on the pointing file."""
        key = (pointer, file if " #" in f" {pointer}" else "")
        if key in self._resolved:
            return self._resolved[key]
        if pointer.startswith("key:"):
            found = self.lookup_key(pointer[4:])
        else:
            found = self.lookup(pointer, file)
        self._resolved[key] = found
        return found

    def __getstate__(self) -> dict:
        """Pickled without what `resolve` remembered (rebuilt where it is used)."""
        return {**self.__dict__, "_resolved": {}}

    def lookup_key(self, key: str) -> RegisterEntry | None:
        """Resolve a @key value through the configured prefix."""
        for token in key.split():
            for candidate in (self.key_prefix + token, token):
                entry = self.unique(candidate)
                if entry is not None:
                    return entry
        return None

    def pointer_of(self, el: etree._Element, file: str) -> RegisterEntry | None:
        """The entry an element points at through @ref, @key or @corresp, in that order."""
        if el.get("ref"):
            found = self.lookup(el.get("ref", ""), file)
            if found is not None:
                return found
        if el.get("key"):
            found = self.lookup_key(el.get("key", ""))
            if found is not None:
                return found
        if el.get("corresp"):
            return self.lookup(el.get("corresp", ""), file)
        return None

    def archive_by_name(self, name: str) -> RegisterEntry | None:
        """An archive whose main, abbreviated, variant or former name is `name`."""
        if self._names is None:
            self._names = {}
            for entry in self.entries():
                if entry.archive:
                    for n in entry.names():
                        self._names.setdefault(_norm(n), entry)
        return self._names.get(_norm(name))

    def mark_archives(self, used: Iterable[tuple[str, str]]) -> Registers:
        """A copy in which orgs the edition uses as archives (pointer, file) are archives."""
        hits = {id(e) for p, f in used if (e := self.lookup(p, f)) is not None and e.kind == "org"}
        entries = [
            _as_archive(e) if id(e) in hits and not e.archive else e for e in self.by_file.values()
        ]
        return Registers(entries, self.key_prefix)


def _as_archive(entry: RegisterEntry) -> RegisterEntry:
    from dataclasses import replace

    return replace(entry, archive=True)


def _norm(name: str) -> str:
    """Name as matched: case- and punctuation-insensitive."""
    return re.sub(r"[\W_]+", "", name).casefold()
