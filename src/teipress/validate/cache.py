"""A small on-disk cache keyed by content hashes, under the user's cache folder.

Compiling a schema (rnc -> rng, Schematron -> XSLT) and validating a large file
against tei_all take seconds; their results depend only on the bytes involved, so
a repeated run can reuse them. The cache is an optimisation: any failure to read
or write it is ignored, and `TEIPRESS_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

import lxml.etree

from .. import __version__

_CODE_FILES = ("grammar.py", "rules.py", "messages.py", "rngmodel.py", "cache.py")


def cache_dir() -> Path | None:
    """$TEIPRESS_CACHE_DIR, else $XDG_CACHE_HOME/teipress, else ~/.cache/teipress."""
    if os.environ.get("TEIPRESS_NO_CACHE"):
        return None
    explicit = os.environ.get("TEIPRESS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "teipress"


@cache
def code_key() -> str:
    """Changes whenever the code that produces cached results changes."""
    h = hashlib.sha256(f"{__version__}|{lxml.etree.LXML_VERSION}".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE_FILES:
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def digest(*parts: bytes | str) -> str:
    """A content hash of several byte strings, unambiguous about where each ends."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _entry(kind: str, key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / kind / f"{key}"


def get(kind: str, key: str) -> bytes | None:
    """The cached bytes for `key`, or None (missing, unreadable or caching off)."""
    path = _entry(kind, key)
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def put(kind: str, key: str, data: bytes) -> None:
    """Store bytes atomically (a reader never sees half an entry); errors are ignored."""
    path = _entry(kind, key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(path)
    except OSError:
        return
