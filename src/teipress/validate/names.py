"""Does a name in the text plausibly spell the register entry it is linked to?

Names are compared normalised (case-folded, diacritics stripped, possessive 's
dropped, punctuation ignored), and a mention may give only part of a name
(surname only, initials). Words that belong to no name of the entry are allowed
(titles such as "Comrade") unless they are a name of *another* entry of the same
kind, which is what a link to the wrong person looks like.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s?\b")
_NON_WORD = re.compile(r"[^\w]+")
_MIN_STEM = 5


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower case, no diacritics, no possessive 's, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = _POSSESSIVE.sub("", bare.casefold())
    return " ".join(_NON_WORD.sub(" ", bare).replace("_", " ").split())


def tokens(text: str) -> list[str]:
    """The words of a normalised name."""
    return normalise(text).split()


def _same_word(a: str, b: str) -> bool:
    """Equal, or one a stem of the other (inflection: Khrushchev / Khrushcheva)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= _MIN_STEM and long_.startswith(short) and len(long_) - len(short) <= 2


def _known(word: str, vocabulary: set[str]) -> bool:
    if len(word) == 1:
        return any(v.startswith(word) for v in vocabulary)
    return any(_same_word(word, v) for v in vocabulary)


def matches(mention: str, names: Iterable[str], is_other: Callable[[str], bool]) -> bool:
    """True when `mention` spells one of `names` in full or in part.

    `is_other(word)` says whether a word belongs to a name of another entry of the
    same kind: such a word in the mention, absent from `names`, suggests a wrong link.
    """
    names = list(names)
    said = tokens(mention)
    if not said:
        return True
    full = {normalise(n) for n in names}
    if " ".join(said) in full:
        return True
    vocabulary = {t for n in names for t in tokens(n)}
    hits = [w for w in said if _known(w, vocabulary)]
    if not any(len(w) > 1 for w in hits):
        return False
    strangers = [w for w in said if w not in hits and len(w) > 2]
    return not any(is_other(w) for w in strangers)
