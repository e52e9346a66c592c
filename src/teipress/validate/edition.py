"""Edition-wide integrity: pointers across files, unique ids, register use, name spellings.

Schematron sees one file at a time; these checks need the whole edition. Each
file is reduced to a small index while its tree is in memory (ids, pointers,
register entries), so checking a large edition never holds more than one tree.
"""

from __future__ import annotations

import difflib
import pickle
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from ..errors import Diagnostic, Severity
from ..model import pickled_by_fields
from ..reader import TEI_NS, XML_NS
from .names import matches, tokens
from .source import tag_column

POINTER_ATTRS = ("ref", "target", "corresp", "sameAs", "source", "who")
_POINTER_SET = frozenset(POINTER_ATTRS)
_POINTER = re.compile(r"^(?P<file>[^#\s:]*\.xml)?#(?P<id>[^\s#]+)$")
_XML_ID = f"{{{XML_NS}}}id"
_T = f"{{{TEI_NS}}}"
# What each register element is, and which name element must point at which kind.
ENTRY_KINDS = {"person": "person", "org": "org", "place": "place", "bibl": "work",
               "biblStruct": "work", "event": "event"}  # fmt: skip
NAME_KINDS = {"persName": "person", "orgName": "org", "placeName": "place"}
_NAME_ELEMENTS = {"person": "persName", "org": "orgName", "place": "placeName"}
_KIND_WORDS = {"person": "a <person>", "org": "an <org>", "place": "a <place>"}
_REGISTER_LISTS = {"listPerson", "listOrg", "listPlace", "listBibl", "head"}


# Every pointer of every file travels from the worker that indexed it to the process
# that runs the edition checks: slotted classes pickled as their field values load
# several times faster than dataclasses with a __dict__.
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an element starts: its line, its tag as written, and its rank on that line."""

    line: int
    qname: str
    rank: int


class Pointer(NamedTuple):
    """One `#id` or `file.xml#id` reference as written: attribute, target, element, and
    the name it is written under. A file's identical references share one Pointer,
    checked once (FileIndex.pointers lists where each occurs). A named tuple: an
    edition has hundreds of thousands, hashed and unpickled in C."""

    attr: str
    file: str | None
    ident: str
    element: str
    mention: tuple[str, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Entry:
    """A register entry: its kind and every name it records."""

    kind: str
    anchor: Anchor
    names: list[str]


@dataclass
class FileIndex:
    """What the edition checks need to know about one file."""

    path: Path
    label: str
    is_register: bool
    doc_id: str | None = None
    ids: dict[str, str] = field(default_factory=dict)
    doc_anchor: Anchor | None = None  # where the element carrying `doc_id` starts
    duplicates: list[tuple[str, Anchor]] = field(default_factory=list)
    # Each distinct pointer, with where it occurs as (line, qname, rank) tuples: plain
    # tuples, since a large edition has millions and every one travels between processes.
    # Once the file is indexed they are kept pickled (`pack`): an edition's pointers, as
    # objects, are ten times their pickle, and the checks read one file's at a time.
    pointers: dict[Pointer, list[tuple[int, str, int]]] | bytes = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    key: Path = field(init=False)
    # `key` and its folder as text: hashed for every pointer, where a Path's hash is slow
    key_text: str = field(init=False)
    folder_text: str = field(init=False)

    def __post_init__(self) -> None:
        self.key = self.path.resolve()
        self.key_text, self.folder_text = str(self.key), str(self.key.parent)

    def pack(self) -> FileIndex:
        """Keep the pointers pickled; returns self."""
        if not isinstance(self.pointers, bytes):
            self.pointers = pickle.dumps(self.pointers, pickle.HIGHEST_PROTOCOL)
        return self

    def pointer_places(self) -> dict[Pointer, list[tuple[int, str, int]]]:
        """The pointers with where each occurs (unpickled on each call: call it once)."""
        if isinstance(self.pointers, bytes):
            return pickle.loads(self.pointers)
        return self.pointers


def is_register_tree(tree: etree._ElementTree) -> bool:
    """A register is a TEI file whose body holds only lists of persons, orgs, places or works."""
    body = tree.getroot().find(f"{_T}text/{_T}body")
    if body is None:
        return False
    kids = [etree.QName(c).localname for c in body if isinstance(c.tag, str)]
    return bool(kids) and all(k in _REGISTER_LISTS for k in kids)


def index_file(
    tree: etree._ElementTree, path: Path, label: str, *, is_register: bool | None = None
) -> FileIndex:
    """One pass over a file's elements, in document order."""
    register = is_register_tree(tree) if is_register is None else is_register
    index = FileIndex(path, label, register, tree.getroot().get(_XML_ID))
    line, ranks = -1, dict[str, int]()
    for el in tree.getroot().iter(etree.Element):
        if el.sourceline != line:
            line, ranks = el.sourceline or 0, {}
        tag = el.tag
        local = tag[tag.rfind("}") + 1 :]
        qname = f"{el.prefix}:{local}" if el.prefix else local
        rank = ranks.get(qname, 0)
        ranks[qname] = rank + 1
        if el.attrib:
            _index_element(index, el, local, Anchor(line, qname, rank))
    return index.pack()


def _index_element(index: FileIndex, el: etree._Element, local: str, anchor: Anchor) -> None:
    """Record an element's xml:id (and register entry) and its pointers."""
    ident = el.get(_XML_ID)
    if ident is not None:
        if ident in index.ids:
            index.duplicates.append((ident, anchor))
        else:
            index.ids[ident] = local
            if ident == index.doc_id:
                index.doc_anchor = anchor
        if index.is_register and local in ENTRY_KINDS and _in_register_list(el):
            index.entries[ident] = Entry(ENTRY_KINDS[local], anchor, _entry_names(el, local))
    for attr, value in el.attrib.items():
        if attr not in _POINTER_SET or not value:
            continue
        # <rs> is a referring string ("our representative"), not a name: its words are
        # not expected among the entry's spellings, so it gets no spelling check.
        mention = _mention(el) if local in NAME_KINDS or local == "name" else ()
        for part in value.split():
            match = _POINTER.match(part)
            if match:
                pointer = Pointer(attr, match["file"], match["id"], local, mention)
                index.pointers.setdefault(pointer, []).append(
                    (anchor.line, anchor.qname, anchor.rank)
                )


def _in_register_list(el: etree._Element) -> bool:
    parent = el.getparent()
    return parent is not None and etree.QName(parent).localname in _REGISTER_LISTS


def _entry_names(el: etree._Element, local: str) -> list[str]:
    wanted = _NAME_ELEMENTS.get(local)
    if wanted is None:
        return []
    names = []
    for name in el.iter(f"{_T}{wanted}"):
        names.append(" ".join("".join(name.itertext()).split()))
        names += [
            " ".join("".join(part.itertext()).split()) for part in name if isinstance(part.tag, str)
        ]
    return [n for n in names if n]


_PREFERRED = ("corr", "expan", "reg")
_ORIGINAL = ("sic", "abbr", "orig")


def _mention(el: etree._Element) -> tuple[str, ...]:
    """The words of a name in the text without its footnotes: the corrected/expanded
    reading of any <choice>, and the source's own reading when it differs."""
    readings = (_text(el, _PREFERRED), _text(el, _ORIGINAL))
    return tuple(dict.fromkeys(r for r in readings if r))


def _text(el: etree._Element, prefer: tuple[str, ...]) -> str:
    return " ".join(_words(el, prefer).split())


def _words(el: etree._Element, prefer: tuple[str, ...]) -> str:
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            local = etree.QName(child).localname
            if local == "choice":
                pick = [c for c in child if etree.QName(c).localname in prefer] or list(child)[:1]
                parts += [_words(c, prefer) for c in pick[:1]]
            elif local != "note":
                parts.append(_words(child, prefer))
        parts.append(child.tail or "")
    return "".join(parts)


@dataclass
class Finding:
    """An edition problem before its column is known (columns need the file's text)."""

    index: FileIndex
    anchor: Anchor
    severity: Severity
    code: str
    message: str


def check_edition(files: list[FileIndex], report_for: set[Path]) -> list[Diagnostic]:
    """Every edition-wide check; diagnostics only for files in `report_for`."""
    edition = _Files(files)
    findings: list[Finding] = []
    used: set[tuple[str, str]] = set()  # (key_text, xml:id) of every entry pointed at
    others = _Vocabulary(files)
    for f in files:
        findings += [
            Finding(f, a, "error", "duplicate-id",
                    f'xml:id "{i}" is used twice in this file; ids must be unique within a file')
            for i, a in f.duplicates
        ]  # fmt: skip
        for p, places in f.pointer_places().items():
            problem = _check_pointer(f, p, edition, used, others)
            if problem is not None:
                findings += [Finding(f, Anchor(*place), *problem) for place in places]
    findings += _duplicate_documents(files)
    findings += _unused_entries(files, used)
    wanted = {p.resolve() for p in report_for}
    return _to_diagnostics([x for x in findings if x.index.key in wanted])


class _Files:
    """The edition's files by path and by name, and where the `file.xml` of a pointer leads."""

    def __init__(self, files: list[FileIndex]) -> None:
        self.by_path = {f.key: f for f in files}
        self.by_name: dict[str, list[FileIndex]] = defaultdict(list)
        for f in files:
            self.by_name[f.path.name].append(f)
        self._targets: dict[tuple[str, str], FileIndex | None] = {}  # many pointers, few folders

    def resolve(self, f: FileIndex, name: str) -> FileIndex | None:
        """`file.xml` relative to the pointing file, else by basename anywhere in the edition."""
        key = (f.folder_text, name)  # the same for every file of one folder
        if key not in self._targets:
            relative = self.by_path.get((f.key.parent / name).resolve())
            candidates = self.by_name.get(Path(name).name, [])
            if relative is None and len(candidates) == 1:
                relative = candidates[0]
            self._targets[key] = relative
        return self._targets[key]


def _check_pointer(
    f: FileIndex,
    p: Pointer,
    edition: _Files,
    used: set[tuple[str, str]],
    others: _Vocabulary,
) -> tuple[Severity, str, str] | None:
    """The problem of one pointer, if any: (severity, code, message). None almost always:
    this runs for every distinct pointer of every file, so messages are made only when
    there is something to say."""
    target = f if p.file is None else edition.resolve(f, p.file)
    if target is None:
        many = len(edition.by_name.get(Path(p.file or "").name, [])) > 1
        why = (
            "is ambiguous: several edition files have that name"
            if many
            else "is not a file of the edition"
        )
        return "error", "unresolved-pointer", f"{_where(p)}: {p.file} {why}"
    found = target.ids.get(p.ident)
    if found is None:
        close = difflib.get_close_matches(p.ident, list(target.ids), n=1)
        hint = f'; did you mean "{close[0]}"?' if close else ""
        place = "this file" if target is f else target.path.name
        msg = f'{_where(p)}: {place} has no xml:id "{p.ident}"{hint}'
        return "error", "unresolved-pointer", msg
    used.add((target.key_text, p.ident))
    kind = NAME_KINDS.get(p.element)
    if kind and p.attr == "ref" and target is not f and ENTRY_KINDS.get(found) != kind:
        msg = (
            f"{_where(p)} points at a <{found}>, not {_KIND_WORDS[kind]}: link it to a {kind} entry"
        )
        return "error", f"ref-{kind}", msg
    if not p.mention:
        return None
    entry = target.entries.get(p.ident)
    if (
        entry
        and entry.names
        and entry.kind in _NAME_ELEMENTS
        and not others.spells((target.key, p.ident), entry, p.mention)
    ):
        msg = (
            f'"{p.mention[0]}" is linked to {target.path.name}#{p.ident} '
            f"({entry.names[0]}) but matches none of its recorded names: check the link, "
            f'or add the spelling as <{_NAME_ELEMENTS[entry.kind]} type="variant">'
        )
        return "warning", "name-variant", msg
    return None


def _where(p: Pointer) -> str:
    return f'@{p.attr}="{(p.file or "")}#{p.ident}" on <{p.element}>'


class _Vocabulary:
    """Which words occur in the names of which entries, per kind (to spot wrong links)."""

    def __init__(self, files: list[FileIndex]) -> None:
        self.own: dict[tuple[Path, str], set[str]] = {}
        self.counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.spelled: dict[tuple[tuple[Path, str], tuple[str, ...]], bool] = {}
        for f in files:
            for ident, entry in f.entries.items():
                words = {t for n in entry.names for t in tokens(n)}
                self.own[(f.key, ident)] = words
                for w in words:
                    self.counts[entry.kind][w] += 1

    def spells(self, key: tuple[Path, str], entry: Entry, mention: tuple[str, ...]) -> bool:
        """Does any of the mention's forms spell the entry's names? Remembered per entry
        and form: an edition names the same people the same way thousands of times."""
        found = self.spelled.get((key, mention))
        if found is None:
            rivals = self.other_than(key, entry.kind)
            found = any(matches(m, entry.names, rivals) for m in mention)
            self.spelled[(key, mention)] = found
        return found

    def other_than(self, key: tuple[Path, str], kind: str) -> Callable[[str], bool]:
        """A predicate: is a word part of a name of another entry of `kind`?"""
        own, counts = self.own.get(key, set()), self.counts[kind]
        return lambda w: counts.get(w, 0) > (1 if w in own else 0)


def _duplicate_documents(files: list[FileIndex]) -> list[Finding]:
    seen: dict[str, FileIndex] = {}
    findings = []
    for f in files:
        if not f.doc_id:
            continue
        if f.doc_id in seen:
            first = seen[f.doc_id]
            msg = (
                f'document id "{f.doc_id}" (TEI/@xml:id) is also the id of {first.label}; '
                "every document of an edition needs its own id"
            )
            anchor = f.doc_anchor or Anchor(0, "TEI", 0)
            findings.append(Finding(f, anchor, "error", "duplicate-document-id", msg))
        else:
            seen[f.doc_id] = f
    return findings


def _unused_entries(files: list[FileIndex], used: set[tuple[str, str]]) -> list[Finding]:
    findings = []
    for f in files:
        for ident, entry in f.entries.items():
            if (f.key_text, ident) not in used:
                msg = (
                    f'register entry "{ident}" ({entry.names[0] if entry.names else entry.kind}) '
                    "is not referred to anywhere in the edition; link a mention to it or remove it"
                )
                findings.append(Finding(f, entry.anchor, "warning", "unused-entry", msg))
    return findings


def _to_diagnostics(findings: list[Finding]) -> list[Diagnostic]:
    """Add columns, reading each file's text once and only when it has findings."""
    lines_of: dict[Path, list[bytes]] = {}
    out = []
    for x in findings:
        lines = lines_of.get(x.index.path)
        if lines is None:
            try:
                lines = x.index.path.read_bytes().split(b"\n")
            except OSError:
                lines = []
            lines_of[x.index.path] = lines
        text = (
            lines[x.anchor.line - 1].decode("utf-8", "replace")
            if 0 < x.anchor.line <= len(lines)
            else ""
        )
        col = tag_column(text, x.anchor.qname, x.anchor.rank) if text else 0
        out.append(Diagnostic(x.index.label, x.anchor.line, col, x.severity, x.code, x.message))
    return sorted(set(out))
