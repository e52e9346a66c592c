"""Reading a plain-text source: decoding (UTF-8, BOM, Windows-1252/Latin-1) and line endings."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, InputError, diagnostic_error

#: Bytes probed for NULs and control characters when deciding "binary".
_PROBE = 65536
#: Control characters that never occur in a text file (tab, LF, FF, CR excluded).
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) | {127}
#: Characters XML 1.0 cannot hold (form feed is handled as a page break instead).
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")
_LETTERS = re.compile(r"[^\W\d_]+")
_WESTERN_PUNCTUATION = set(
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u00a0\u00b0\u00a7\u00ab\u00bb\u00b7\u2022\u00a9\u00ae\u20ac\u00a3"
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Source:
    """A decoded source text with '\\n' line endings and how it was decoded."""

    path: str
    text: str
    encoding: str
    guessed: bool
    crlf: bool


def read_source(path: Path, encoding: str | None = None) -> Source:
    """Read and decode a text file; every failure is a one-line error with the file's place."""
    if not path.exists():
        raise diagnostic_error(InputError, path, "file not found", "io-missing")
    if path.is_dir():
        raise diagnostic_error(InputError, path, "is a folder, not a text file", "io-folder")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise diagnostic_error(InputError, path, f"cannot read: {exc.strerror}", "io-read") from exc
    return decode_source(data, path, encoding)


def decode_source(data: bytes, path: Path | str, encoding: str | None = None) -> Source:
    """Decode bytes; an explicit encoding wins, else BOM, UTF-8, then a checked cp1252 guess."""
    if not data.strip():
        raise diagnostic_error(
            ContentError, path, "file is empty; nothing to import", "import-empty", 1, 1
        )
    if encoding:
        text, name, guessed = _decode_explicit(data, path, encoding), encoding, False
    else:
        text, name, guessed = _decode_guess(data, path)
    _check_text(text, path)
    crlf = "\r" in text
    if crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n\n")
    text = unicodedata.normalize("NFC", text)
    return Source(str(path), text, name, guessed, crlf)


def _decode_explicit(data: bytes, path: Path | str, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise diagnostic_error(
            InputError, path, f"unknown encoding {encoding!r} given to --encoding", "import-enc"
        ) from exc
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise diagnostic_error(
            InputError,
            path,
            f"not valid {encoding}: byte 0x{data[exc.start]:02x}; try another --encoding",
            "import-decode",
            line,
            col,
        ) from exc


def _decode_guess(data: bytes, path: Path | str) -> tuple[str, str, bool]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_explicit(data, path, name), name, False
    _check_binary(data, path)
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for name in ("cp1252", "latin-1"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _plausibly_western(text):
            return text, name, True
    line, col = _position(data, first_bad)
    raise diagnostic_error(
        InputError,
        path,
        f"not UTF-8 (byte 0x{data[first_bad]:02x}) and not recognisably Windows-1252/Latin-1; "
        "give the encoding with --encoding (e.g. --encoding cp1251)",
        "import-decode",
        line,
        col,
    )


def _plausibly_western(text: str) -> bool:
    """True when the non-ASCII characters look like West-European accents and punctuation.

    A Cyrillic or Greek 8-bit text decoded as cp1252 turns into whole words of
    accented letters and symbols; in real Western text accented letters sit
    inside otherwise ASCII words.
    """
    accented = [w for w in _LETTERS.findall(text) if any(ord(ch) > 127 for ch in w)]
    foreign = [w for w in accented if len(w) >= 3 and all(ord(ch) > 127 for ch in w)]
    if len(foreign) > 0.2 * len(accented):
        return False
    high = [ch for ch in text if ord(ch) > 127]
    odd = sum(1 for ch in high if not (ch.isalpha() or ch in _WESTERN_PUNCTUATION))
    return odd <= max(2, 0.05 * len(high))


def _check_binary(data: bytes, path: Path | str) -> None:
    head = data[:_PROBE]
    nul = head.find(b"\x00")
    controls = sum(1 for byte in head if byte in _CONTROL)
    if nul >= 0 or controls > max(8, len(head) // 100):
        where = nul if nul >= 0 else next(i for i, b in enumerate(head) if b in _CONTROL)
        line, col = _position(data, where)
        raise diagnostic_error(
            ContentError,
            path,
            "binary file (control bytes found); import expects plain text",
            "import-binary",
            line,
            col,
        )


def _check_text(text: str, path: Path | str) -> None:
    """After decoding: refuse stray control characters XML cannot hold."""
    match = _BAD_CHAR.search(text)
    if match is None:
        return
    index = match.start()
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    raise diagnostic_error(
        ContentError,
        path,
        f"control character U+{ord(match.group()):04X} cannot appear in TEI; is this a text file?",
        "import-binary",
        line,
        col,
    )


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col
