"""Grammars: RELAX NG (.rng, or .rnc through rnc2rng) and W3C XML Schema, compiled once.

A grammar is loaded through the hardened reader, refuses references to the
network, and compiles lazily: a run whose results all come from the cache never
pays the seconds tei_all.rng takes to compile.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lxml import etree

from ..errors import ContentError, Diagnostic, UsageError, diagnostic_error, display_path
from ..reader import parse_bytes, read_bytes
from . import cache
from .messages import SourceText, explain_relaxng, explain_xsd
from .rngmodel import RNG_NS, GrammarModel

GrammarKind = Literal["relaxng", "xsd"]
XSD_NS = "http://www.w3.org/2001/XMLSchema"
_REMOTE = ("http:", "https:", "ftp:")


def grammar_kind(path: Path) -> GrammarKind | None:
    """What a schema file is, from its extension (None: not a grammar)."""
    return {".rng": "relaxng", ".rnc": "relaxng", ".xsd": "xsd"}.get(path.suffix.lower())


def rnc_to_rng(path: Path) -> bytes:
    """Convert compact syntax to XML syntax, cached by the .rnc's content hash.

    rnc2rng builds its parser when imported (a noticeable part of start-up), so it
    is imported only when a conversion is not in the cache.
    """
    source = read_bytes(path)
    key = cache.digest("rnc2rng", cache.code_key(), source)
    cached = cache.get("rnc", key)
    if cached is not None:
        return cached
    import rnc2rng
    from rnc2rng.parser import ParseError

    try:
        text = source.decode("utf-8")
        handle = io.StringIO(text)
        handle.name = str(path)
        rng = rnc2rng.dumps(rnc2rng.load(handle)).encode("utf-8")
    except ParseError as exc:
        _fn, line, col = exc.location
        message = f"RELAX NG compact syntax error near {str(exc.token.value)!r}"
        raise _broken(path, message, line + 1, col + 1) from exc
    except AttributeError as exc:  # rnc2rng fails this way on an unexpected end of file
        raise _broken(path, "RELAX NG compact syntax error: unexpected end of file") from exc
    except (UnicodeDecodeError, ValueError, LookupError) as exc:
        raise _broken(path, f"cannot read compact syntax: {exc}") from exc
    cache.put("rnc", key, rng)
    return rng


def _broken(path: Path, message: str, line: int = 0, col: int = 0) -> UsageError:
    """A schema that cannot be used stops the run: exit 2, naming the schema's own line."""
    err = diagnostic_error(
        UsageError, path, f"broken schema: {message}", "schema-broken", line, col
    )
    assert isinstance(err, UsageError)
    return err


def _referenced(tree: etree._ElementTree, base: Path) -> list[Path]:
    """Files a grammar includes; remote references are refused (never the network)."""
    root = tree.getroot()
    hrefs = [el.get("href") for el in root.iter(f"{{{RNG_NS}}}include", f"{{{RNG_NS}}}externalRef")]
    hrefs += [
        el.get("schemaLocation")
        for el in root.iter(f"{{{XSD_NS}}}include", f"{{{XSD_NS}}}import", f"{{{XSD_NS}}}redefine")
    ]
    found = []
    for href in filter(None, hrefs):
        if href.startswith(_REMOTE):
            raise _broken(base, f"refers to {href}; teipress never loads schemas from the network")
        found.append((base.parent / href.removeprefix("file://")).resolve())
    return found


@dataclass
class Grammar:
    """One grammar file, parsed and hashed now, compiled on first use."""

    path: Path
    kind: GrammarKind
    tree: etree._ElementTree
    key: str
    _validator: etree._Validator | None = field(default=None, repr=False)
    _model: GrammarModel | None = field(default=None, repr=False)

    @classmethod
    def load(cls, path: Path) -> Grammar:
        """Parse a grammar (converting .rnc), hash it with everything it includes."""
        path = Path(path)
        kind = grammar_kind(path)
        if kind is None:
            raise UsageError(f"{display_path(path)}: not a grammar (.rng, .rnc or .xsd)")
        data = rnc_to_rng(path) if path.suffix.lower() == ".rnc" else read_bytes(path)
        try:
            tree = parse_bytes(data, path, allowed_root=path.resolve().parent)
        except ContentError as exc:
            diag = exc.diagnostic
            if diag is None:
                raise _broken(path, exc.message) from exc
            raise _broken(path, diag.message, diag.line, diag.col) from exc
        parts = [data]
        seen = {path.resolve()}
        pending = _referenced(tree, path)
        while pending:
            ref = pending.pop()
            if ref in seen:
                continue
            seen.add(ref)
            if ref.suffix.lower() == ".rnc":
                raise _broken(path, f"includes {ref.name}: convert included .rnc files to .rng")
            ref_data = read_bytes(ref)
            parts.append(ref_data)
            pending += _referenced(parse_bytes(ref_data, ref), ref)
        return cls(path, kind, tree, cache.digest(kind, *parts))

    def compile(self) -> etree._Validator:
        """The lxml validator, built at most once per run."""
        if self._validator is None:
            try:
                if self.kind == "relaxng":
                    self._validator = etree.RelaxNG(self.tree)
                else:
                    self._validator = etree.XMLSchema(self.tree)
            except (etree.RelaxNGParseError, etree.XMLSchemaParseError) as exc:
                entry = exc.error_log[0] if len(exc.error_log) else None
                line = entry.line if entry is not None else 0
                raise _broken(self.path, _first_line(exc), line, 0) from exc
        return self._validator

    @property
    def model(self) -> GrammarModel | None:
        """The grammar's content models, for messages (RELAX NG only)."""
        if self.kind != "relaxng":
            return None
        if self._model is None:
            self._model = GrammarModel(self.tree)
        return self._model

    def validate(self, tree: etree._ElementTree, source: SourceText) -> list[Diagnostic]:
        """Validate one document; lxml's messages become scholar-readable diagnostics."""
        validator = self.compile()
        if validator.validate(tree):
            return []
        entries = list(validator.error_log)
        if self.kind == "relaxng":
            return explain_relaxng(entries, tree, source, self.model)
        return explain_xsd(entries, tree, source)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
