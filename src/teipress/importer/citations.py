"""Citations in notes: archival locations structured, works matched, Ibid./op. cit. linked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .inline import XML_ID, Span
from .registers import Entry, Registers, fold
from .works import work_mentions

#: Location labels in their many spellings -> idno type ("leaf" becomes citedRange).
LABELS: dict[str, str] = {
    "F": "fond",
    "Fond": "fond",
    "f": "fond",
    "Fonds": "fond",
    "O": "opis",
    "Op": "opis",
    "Opis": "opis",
    "Opis'": "opis",
    "op": "opis",
    "o": "opis",
    "Per": "perechen",
    "Perechen": "perechen",
    "Perechen'": "perechen",
    "per": "perechen",
    "D": "delo",
    "Delo": "delo",
    "d": "delo",
    "Dela": "delo",
    "Dok": "dokument",
    "Dokument": "dokument",
    "dok": "dokument",
    "Doc": "dokument",
    "P": "papka",
    "Papka": "papka",
    "p": "papka",
    "Por": "portfel",
    "Portfel": "portfel",
    "Portfel'": "portfel",
    "Rolik": "rolik",
    "Rol": "rolik",
    "rolik": "rolik",
    "L": "leaf",
    "Ll": "leaf",
    "List": "leaf",
    "Listy": "leaf",
    "l": "leaf",
    "list": "leaf",
    "ll": "leaf",
}
#: Words a glossary may expand an abbreviation to ("0=Opis'") -> idno type.
LABEL_WORDS = {
    "fond": "fond",
    "opis": "opis",
    "perechen": "perechen",
    "delo": "delo",
    "dokument": "dokument",
    "document": "dokument",
    "papka": "papka",
    "portfel": "portfel",
    "rolik": "rolik",
    "list": "leaf",
}
_VALUE = r"(?:No\.\s*)?(?P<v>\d+[a-zA-Z]?(?:\s*[-–]{1,2}\s*\d+(?:ob|[a-z])?)?)"  # noqa: RUF001
_DATE_FULL = re.compile(
    r"\b(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\.?(?:\s+\d{1,2})?,?\s+\d{4}\b"
)
_QUOTED = re.compile(r"[\"“]([^\"“”]{3,400})[\"”]")
_IBID = re.compile(r"\b(?:Ibid|ibid|Ibidem|ibidem)\b\.?")
_OPCIT = re.compile(r"\bop\.?\s*cit\.?", re.I)
_SUPRA = re.compile(
    r"\b(?:(?:[Nn]ote|n\.)\s*#?(?P<n2>\d+)\W{0,3})?[Ss]upra\b"
    r"(?:,?\s*(?:note|n\.)\s*#?(?P<n>\d+))?"
)
_PAGES = re.compile(r"\A,?\s*(?:pp?\.\s*)?(?P<a>\d+)(?:\s*[-–]{1,2}\s*(?P<b>\d+))?(?!\w)")  # noqa: RUF001


@dataclass
class Antecedent:
    """A bibl already emitted that a later Ibid./op. cit. may point at."""

    span: Span
    corresp: str | None
    archival: bool
    text: str


@dataclass
class CitationFinder:
    """Finds citations in note texts, in reading order, remembering antecedents."""

    registers: Registers
    extra_labels: dict[str, str] = field(default_factory=dict)
    history: list[Antecedent] = field(default_factory=list)
    by_note: dict[str, list[Antecedent]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        labels = {**LABELS, **self.extra_labels}
        names = sorted(labels, key=len, reverse=True)
        alt = "|".join(re.escape(n) for n in names)
        self.labels = labels
        self.part = re.compile(
            rf"[\s,.:]*(?P<l>{alt})(?:(?<=[A-Z.])(?=\d)|(?![A-Za-z0-9']))\.?\s*{_VALUE}(?![\w])"
        )
        self.archive_forms = _archive_patterns(self.registers.archives())

    def add_glossary(self, pairs: list[tuple[str, str]]) -> None:
        """Learn location labels from the document's own abbreviation list (e.g. 0=Opis')."""
        for abbr, expansion in pairs:
            word = fold(re.split(r"[\s\[(]", expansion.strip())[0]).lower().strip("'’.")  # noqa: RUF001
            for known, kind in LABEL_WORDS.items():
                if _close(word, known) and abbr.rstrip(".") not in LABELS:
                    self.extra_labels[abbr.rstrip(".")] = kind
        self.__post_init__()

    def __call__(self, note_n: str, text: str) -> list[Span]:
        """bibl spans for one note's text."""
        spans = self._archival(text)
        spans += [s for s in self._published(text) if not _overlaps(s, spans)]
        spans += [s for s in self._back_references(note_n, text) if not _overlaps(s, spans)]
        spans.sort(key=lambda s: s.start)
        for k, span in enumerate(spans, start=1):
            span.attrib["{http://www.w3.org/XML/1998/namespace}id"] = f"n{note_n}-b{k}"
            first = self._first_citation(span.attrib.get("corresp"))
            if first is not None and "sameAs" not in span.attrib:
                span.attrib["sameAs"] = "#" + first.span.attrib[XML_ID]
            ante = Antecedent(
                span,
                span.attrib.get("corresp"),
                span.attrib.get("type") == "archival",
                text[span.start : span.end],
            )
            self.history.append(ante)
            self.by_note.setdefault(note_n, []).append(ante)
        return spans

    # archival --------------------------------------------------------------
    def _archival(self, text: str) -> list[Span]:
        spans: list[Span] = []
        starts = [
            (m.start(), m.end(), entry)
            for entry, rx in self.archive_forms
            for m in rx.finditer(text)
        ]
        starts += [
            (m.start(), m.start(), None) for m in re.finditer(r"(?<![\w.])(?=F\.?\s*\d)", text)
        ]
        starts.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        last_archive: Entry | None = None
        pos = 0
        for start, end, entry in starts:
            if start < pos:
                continue
            children, chain_end = self._chain(text, end)
            needed = 1 if entry else 2
            if len(children) < needed:
                if entry is not None:
                    last_archive = entry
                continue
            if entry is not None:
                children.insert(0, Span(start, end, "orgName", {"ref": entry.ref}, 9, atomic=True))
                last_archive = entry
            bibl_end = self._bibl_end(text, chain_end, starts, start)
            title = _QUOTED.search(text, chain_end, bibl_end)
            if title and title.start() - chain_end < 60:
                children.append(Span(title.start(), title.end(), "title", {}, 8))
            attrib = {"type": "archival"}
            span = Span(start, bibl_end, "bibl", attrib, priority=20)
            span.children = [_shift(c, -start) for c in children]
            if entry is None:
                span.comment = (
                    f"archive not named; same as {last_archive.ref}?"
                    if last_archive
                    else "archive not named"
                )
            spans.append(span)
            self.counts["archival"] = self.counts.get("archival", 0) + 1
            pos = bibl_end
        return spans

    def _names_archive(self, text: str) -> bool:
        return any(rx.search(text) for _entry, rx in self.archive_forms)

    def _chain(self, text: str, pos: int) -> tuple[list[Span], int]:
        children: list[Span] = []
        gloss = re.match(r"\s*\([^()]{0,150}\)", text[pos:])  # "ABC (Archive of ...)"
        end = pos + gloss.end() if gloss and self.part.match(text, pos + gloss.end()) else pos
        skips = 0
        while True:
            m = self.part.match(text, end)
            if m is None:
                skipped = re.match(r"[,.]?\s*[^,.;]{1,40}[,.]", text[end:])
                skips += 1
                if (
                    skips <= 2
                    and skipped
                    and self.part.match(text, end + skipped.end())
                    and not self._names_archive(skipped.group())
                    and not re.search(r"\band\b", skipped.group())
                ):
                    end += skipped.end()
                    continue
                return children, end
            kind = self.labels[m.group("l")]
            value = m.group("v")
            vs, ve = m.start("v"), m.end("v")
            if kind == "leaf":
                lo, hi = _range(value)
                children.append(
                    Span(
                        vs, ve, "citedRange", {"unit": "leaf", "from": lo, "to": hi}, 8, atomic=True
                    )
                )
            else:
                children.append(Span(vs, ve, "idno", {"type": kind}, 8, atomic=True))
            end = m.end()

    def _bibl_end(self, text: str, chain_end: int, starts: list, start: int) -> int:
        limit = min([s for s, _e, _n in starts if s >= chain_end] + [len(text), chain_end + 400])
        stop = re.search(r"\b(?:Also|See also|Cf)\b|[;]", text[chain_end:limit])
        if stop:
            limit = chain_end + stop.start()
        title = _QUOTED.search(text, chain_end, limit)
        search_from = title.end() if title and title.start() - chain_end < 60 else chain_end
        date = _DATE_FULL.search(text, search_from, limit)
        if date:
            return date.end()
        if title and title.start() - chain_end < 60:
            return title.end()
        return chain_end

    # published works -------------------------------------------------------
    def _published(self, text: str) -> list[Span]:
        spans: list[Span] = []
        folded = fold(text)
        for work in self.registers.works:
            for start, end in work_mentions(work, text, folded):
                span = Span(start, end, "bibl", {"corresp": work.ref}, priority=15)
                span.children = [_shift(c, -start) for c in _page_range(text, start, end)]
                spans.append(span)
        return _non_overlapping(spans)

    # Ibid., op. cit., supra --------------------------------------------------
    def _back_references(self, note_n: str, text: str) -> list[Span]:
        spans = []
        for m in _IBID.finditer(text):
            ante = self.history[-1] if self.history else None
            spans.append(self._pointer(text, m.start(), m.end(), ante, "Ibid."))
        for m in _OPCIT.finditer(text):
            before = text[max(0, m.start() - 60) : m.start()]
            surname = re.findall(r"([A-Z][\w'’-]+)\W*$", before)  # noqa: RUF001
            ante = self._by_text(surname[-1]) if surname else None
            start = (
                m.start()
                - len(surname[-1])
                - (len(before) - before.rfind(surname[-1]) - len(surname[-1]))
                if surname
                else m.start()
            )
            spans.append(self._pointer(text, start, m.end(), ante, "op. cit."))
        for m in _SUPRA.finditer(text):
            target = self.by_note.get(m.group("n") or m.group("n2") or "", [])
            ante = target[0] if target else (self.history[-1] if self.history else None)
            spans.append(self._pointer(text, m.start(), m.end(), ante, "supra"))
        return spans

    def _first_citation(self, corresp: str | None) -> Antecedent | None:
        """The first citation of the same published work (later ones point at it)."""
        if corresp is None:
            return None
        return next((a for a in self.history if a.corresp == corresp), None)

    def _by_text(self, surname: str) -> Antecedent | None:
        for ante in reversed(self.history):
            if fold(surname) in fold(ante.text):
                return ante
        return None

    def _pointer(self, text: str, start: int, end: int, ante: Antecedent | None, what: str) -> Span:
        pages = _PAGES.match(text[end:])
        if pages and pages.group("a"):
            end += pages.end()
        attrib: dict[str, str] = {}
        span = Span(start, end, "bibl", attrib, priority=12)
        if ante is None:
            span.comment = f"{what}: antecedent not found"
        else:
            attrib["sameAs"] = "#" + ante.span.attrib["{http://www.w3.org/XML/1998/namespace}id"]
            if ante.corresp:
                attrib["corresp"] = ante.corresp
            if ante.archival:
                attrib["type"] = "archival"
        span.children = [_shift(c, -start) for c in _page_range(text, start, end)]
        self.counts[what] = self.counts.get(what, 0) + 1
        return span


def _archive_patterns(archives: list[Entry]) -> list[tuple[Entry, re.Pattern[str]]]:
    """Each recorded archive name as a pattern; abbreviations also with or without spaces."""
    result = []
    for entry in archives:
        forms = set(entry.forms)
        for form in list(forms):
            if form.replace(" ", "").isupper() and len(form) <= 12:
                letters = [re.escape(ch) for ch in form.replace(" ", "")]
                result.append(
                    (entry, re.compile(r"(?<![\w])" + r"\s?".join(letters) + r"(?![\w])"))
                )
            else:
                result.append((entry, re.compile(r"(?<![\w])" + re.escape(form) + r"(?![\w])")))
    return result


def _page_range(text: str, start: int, end: int) -> list[Span]:
    m = re.search(r"(?:pp?\.\s*|,\s*)(\d+)(?:\s*[-–]{1,2}\s*(\d+))?\s*$", text[start:end])  # noqa: RUF001
    if not m:
        return []
    lo, hi = _range(m.group(1) + (f"-{m.group(2)}" if m.group(2) else ""))
    s = start + m.start(1)
    e = start + (m.end(2) if m.group(2) else m.end(1))
    return [Span(s, e, "citedRange", {"unit": "page", "from": lo, "to": hi}, 8, atomic=True)]


def _range(value: str) -> tuple[str, str]:
    """'61-67' -> (61, 67); '13-4' -> (13, 14); '1005-6' -> (1005, 1006)."""
    parts = [p for p in re.split(r"\s*[-–]+\s*", value) if p]  # noqa: RUF001
    lo = re.sub(r"\D", "", parts[0])
    if len(parts) < 2:
        return lo, lo
    hi = re.sub(r"\D", "", parts[1])
    if len(hi) < len(lo):
        hi = lo[: len(lo) - len(hi)] + hi
    return lo, hi


def _close(a: str, b: str) -> bool:
    """Equal or one edit apart (OCR: Porttel' for Portfel')."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _shift(span: Span, delta: int) -> Span:
    span.start += delta
    span.end += delta
    return span


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def _non_overlapping(spans: list[Span]) -> list[Span]:
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not _overlaps(span, chosen):
            chosen.append(span)
    return chosen
