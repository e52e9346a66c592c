"""Register-driven name tagging: recorded forms, accent-blind, possessives, surnames in context."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..dates import MONTHS, WEEKDAYS
from .inline import Span
from .registers import Entry, Registers, fold

#: A word token: letters, digits, inner apostrophes/hyphens/periods of initials.
_TOKEN = re.compile(r"\w+(?:[’']\w+)*\.?|[^\w\s]")  # noqa: RUF001
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zà-ÿ][\w]*")  # noqa: RUF001
_POSSESSIVE = re.compile(r"(\w)(['’]s?)$")  # noqa: RUF001
_CAPITALISED = re.compile(r"\b[A-ZÀ-ÞĀ-Ž][\w’'-]*(?:\s+(?:[A-ZÀ-ÞĀ-Ž][\w’'-]*|[A-Z]\.))*")  # noqa: RUF001
#: Capitalised words that are never names: sentence openers, months, titles.
_NOT_NAMES = frozenset(
    [
        "A",
        "An",
        "The",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Then",
        "Thus",
        "This",
        "It",
        "Its",
        "In",
        "On",
        "At",
        "To",
        "For",
        "From",
        "By",
        "With",
        "As",
        "But",
        "And",
        "Or",
        "Nor",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "During",
        "Since",
        "Until",
        "Although",
        "Though",
        "However",
        "Moreover",
        "Furthermore",
        "Indeed",
        "Also",
        "Even",
        "Still",
        "Yet",
        "So",
        "We",
        "You",
        "They",
        "He",
        "She",
        "I",
        "My",
        "Our",
        "Your",
        "Their",
        "His",
        "Her",
        "Who",
        "What",
        "Which",
        "Where",
        "Why",
        "How",
        "Not",
        "No",
        "Yes",
        "See",
        "Ibid",
        "Cf",
        "Op",
        "Vol",
        "Nos",
        "No",
        "Dok",
        "Per",
        "Por",
        "Delo",
        "Fond",
        "Opis",
        "List",
        "Papka",
        "Rolik",
        "Comrade",
        "Comrades",
        "Dear",
        "Mr",
        "Mrs",
        "Dr",
        "Prof",
        "Sir",
        "Madam",
        "Translation",
        "Copy",
        "Both",
        "Each",
        "Many",
        "Most",
        "Some",
        "All",
        "One",
        "Two",
        "Having",
        "Given",
        "Being",
        "Here",
        "Now",
        "Only",
        "Like",
        "Despite",
        "Instead",
        "Among",
        "Later",
        "Meanwhile",
        "Rather",
        "Clearly",
        "Apparently",
        "Unfortunately",
        "Ironically",
        "Evidently",
        "Accordingly",
        "Precisely",
        "Specifically",
        "Whomever",
        "Note",
        "Notes",
        "Summary",
        "Citation",
        "Contents",
        "Original",
        "Language",
    ]
).union(MONTHS, WEEKDAYS)


@dataclass
class Form:
    """One name form as a token sequence (accent-folded) pointing at an entry."""

    tokens: tuple[str, ...]
    entry: Entry
    surname_only: bool = False


@dataclass
class NameTagger:
    """Finds register names in text; remembers context for surname-only mentions."""

    registers: Registers
    index: dict[str, list[Form]] = field(default_factory=dict)
    recent: dict[str, Entry] = field(default_factory=dict)
    found: Counter[str] = field(default_factory=Counter)
    unknown: Counter[str] = field(default_factory=Counter)
    ambiguous: Counter[str] = field(default_factory=Counter)
    lowercase: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        surnames = Counter(e.surname for e in self.registers.entries if e.surname)
        for entry in self.registers.entries:
            for form in entry.forms:
                tokens = tuple(_key(_strip_possessive(t)) for t in _TOKEN.findall(form))
                if not tokens:
                    continue
                shared = entry.surname is not None and form == entry.surname
                shared = shared and surnames[entry.surname] > 1
                self._add(Form(tokens, entry, surname_only=shared))
                if form.isupper() is False and len(form) > 3:
                    upper = tuple(_key(_strip_possessive(t)) for t in _TOKEN.findall(form.upper()))
                    self._add(Form(upper, entry, surname_only=shared))
        for forms in self.index.values():
            forms.sort(key=lambda f: -len(f.tokens))

    def _add(self, form: Form) -> None:
        bucket = self.index.setdefault(form.tokens[0], [])
        if all(f.tokens != form.tokens or f.entry.ref != form.entry.ref for f in bucket):
            bucket.append(form)

    def __call__(self, text: str, outer: str | None = None) -> list[Span]:
        """Spans of register names in `text`, possessive endings left outside the element.

        A name inside a longer one ("Coelho" in "the Coelho ministry") is kept as
        a child of the longer name; `outer` is the entry of that longer name.
        """
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        keys = [_token_key(t[2]) for t in tokens]
        spans: list[Span] = []
        index = self.index
        i = 0
        while i < len(tokens):
            if keys[i] not in index:  # most words start no name: skip them cheaply
                i += 1
                continue
            match = next(
                (
                    m
                    for m in self._matches(keys, tokens, i)
                    if outer is None
                    or (
                        m[1].ref != outer
                        and (tokens[i][0], tokens[i + m[0] - 1][1]) != (0, len(text))
                    )
                ),
                None,
            )
            if match is None:
                i += 1
                continue
            length, entry = match
            start, end = tokens[i][0], tokens[i + length - 1][1]
            surface = text[start:end]
            trimmed = _strip_possessive(surface)
            if trimmed.endswith(".") and not re.search(r"\b\w\.$", trimmed):
                trimmed = trimmed[:-1]
            end = start + len(trimmed)
            span = Span(start, end, entry.tag, {"ref": entry.ref}, priority=3, atomic=True)
            if length > 1:
                inner = [s for s in self(text[start:end], outer=entry.ref) if s.tag != entry.tag]
                if inner:
                    span.atomic, span.closed, span.children = False, True, inner
            spans.append(span)
            self.found[entry.ref] += 1
            i += length
        if outer is None:
            self._collect_unknown(text, spans)
        return spans

    def _matches(self, keys: list[str], tokens: list, i: int) -> Iterator[tuple[int, Entry]]:
        """Register forms starting at token i, longest first."""
        forms = self.index.get(keys[i]) or []
        for form in forms:
            if not tokens[i][2][:1].isupper() and form.tokens[0][:1].isupper():
                continue
            n = len(form.tokens)
            if tuple(keys[i : i + n]) != form.tokens:
                continue
            if n > 1 and _gap(tokens, i, n):
                continue
            yield n, self._resolve(form, forms)

    def _resolve(self, form: Form, forms: list[Form]) -> Entry:
        """A surname shared by several people goes to the one named in full most recently."""
        if form.surname_only:
            candidates = [f.entry for f in forms if f.tokens == form.tokens]
            for entry in candidates:
                if self.recent.get(form.tokens[-1]) == entry:
                    return entry
            self.ambiguous[" ".join(form.tokens)] += 1
            return candidates[0]
        if len(form.tokens) > 1 and form.entry.surname:
            self.recent[_key(form.entry.surname)] = form.entry
        return form.entry

    def unknown_names(self) -> Counter[str]:
        """Candidates for the registers: capitalised words never written in lowercase in the
        document ("Conversation" in a quoted title is an ordinary word, "Marlowe" is not)."""
        return Counter(
            {
                name: count
                for name, count in self.unknown.items()
                if not all(
                    w.lower() in self.lowercase or w in _NOT_NAMES
                    for w in re.findall(r"[^\W\d_]+", name)
                )
            }
        )

    def _collect_unknown(self, text: str, spans: list[Span]) -> None:
        self.lowercase.update(_LOWER_WORD.findall(text))
        for match in _CAPITALISED.finditer(text):
            if any(s.start < match.end() and match.start() < s.end for s in spans):
                continue
            words = [w for w in match.group().split() if w not in _NOT_NAMES]
            words = [w for w in words if not w.isupper() or len(w) > 1]
            candidate = " ".join(words).rstrip(".")
            if candidate and not candidate.isdigit() and len(candidate) > 2:
                sentence_start = _sentence_start(text, match.start())
                if sentence_start and len(words) == 1 and not candidate.isupper():
                    continue
                self.unknown[_strip_possessive(candidate)] += 1


@functools.lru_cache(maxsize=1 << 16)
def _token_key(token: str) -> str:
    """Cached key of a text token (possessive dropped): most tokens of a long text repeat."""
    return _key(_strip_possessive(token))


def _key(token: str) -> str:
    """Accent-folded token; a final period is dropped except on initials ("I.")."""
    if token.endswith(".") and len(token) > 2:
        token = token[:-1]
    return fold(token).replace("’", "'")  # noqa: RUF001


def _strip_possessive(token: str) -> str:
    match = _POSSESSIVE.search(token)
    return token[: match.start(2)] if match else token


def _gap(tokens: list, i: int, n: int) -> bool:
    """True when the tokens of a multi-word match are separated by a line of punctuation."""
    return any(tokens[k + 1][0] - tokens[k][1] > 2 for k in range(i, i + n - 1))


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"'“‘([*")  # noqa: RUF001
    return not before or before[-1] in ".!?:"
