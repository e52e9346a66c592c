"""The validation pipeline: grammar and rules per document, then edition-wide checks.

`Validator` holds the compiled schemas of one run (the build uses it too);
`validate_paths` reads files one at a time, checks each, keeps only a small
index of it, and finishes with the checks that need the whole edition.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from lxml import etree

from ..config import Config, default_data_dir, edition_files, register_files
from ..errors import ContentError, Diagnostic, InputError, UsageError, display_path
from ..reader import XI_NS, parse_bytes, read_bytes, require_tei
from . import cache, xmlmodel
from .edition import FileIndex, check_edition, index_file
from .grammar import Grammar, grammar_kind
from .report import Report
from .rules import Rules
from .source import SourceText

T = TypeVar("T", Grammar, Rules)


class Validator:
    """Grammar and Schematron rules of an edition, each loaded once and compiled once."""

    def __init__(self, config: Config | None = None, *, schemas: Sequence[Path] = ()) -> None:
        schema_dir = default_data_dir("schema")
        grammar: Path | None = config.schema if config else schema_dir / "teipress.rng"
        rules: Path | None = config.schematron if config else schema_dir / "teipress.sch"
        for path in schemas:
            if Path(path).suffix.lower() == ".sch":
                rules = Path(path)
            elif grammar_kind(Path(path)):
                grammar = Path(path)
            else:
                raise UsageError(
                    f"--schema {path}: unknown kind of schema; give a .rng, .rnc, .xsd or .sch file"
                )
        self.explicit = bool(schemas)
        self.huge_tree = bool(config.huge_tree) if config else False
        self._grammars: dict[Path, Grammar] = {}
        self._rules: dict[Path, Rules] = {}
        self.grammar = self._load(grammar, self._grammars, Grammar.load) if grammar else None
        self.rules = self._load(rules, self._rules, Rules.load) if rules else None

    @staticmethod
    def _load(path: Path, pool: dict[Path, T], loader: Callable[[Path], T]) -> T:
        key = Path(path).resolve()
        if key not in pool:
            if not key.is_file():
                raise UsageError(f"{display_path(path)}: schema file not found")
            pool[key] = loader(key)
        return pool[key]

    def check_document(
        self, tree: etree._ElementTree, path: Path, data: bytes | None = None
    ) -> list[Diagnostic]:
        """Grammar and rule diagnostics of one parsed document."""
        label = display_path(path)
        if data is None:
            data = Path(path).read_bytes() if Path(path).is_file() else etree.tostring(tree)
        source = SourceText(data, label)
        # With XIncludes the checked content is more than the file's bytes: key the
        # cached results on the included tree, so a changed included file is re-checked.
        content = etree.tostring(tree) if XI_NS.encode() in data else data
        grammar, rules, notes = self._schemas_for(tree, Path(path), label)
        diags = list(notes)
        if grammar is not None:
            diags += _cached(grammar.key, content, label, lambda: grammar.validate(tree, source))
        if rules is not None:
            diags += _cached(rules.key, content, label, lambda: rules.check(tree, source))
        return sorted(diags)

    def _schemas_for(
        self, tree: etree._ElementTree, path: Path, label: str
    ) -> tuple[Grammar | None, Rules | None, list[Diagnostic]]:
        """The configured schemas, or those a document's <?xml-model?> names (--schema wins)."""
        grammar, rules, notes = self.grammar, self.rules, []
        if self.explicit:
            return grammar, rules, notes
        for ref in xmlmodel.declarations(tree, path):
            if ref.path is None:
                notes.append(_unavailable(label, ref))
            elif ref.kind == "grammar":
                grammar = self._load(ref.path, self._grammars, Grammar.load)
            else:
                rules = self._load(ref.path, self._rules, Rules.load)
        return grammar, rules, notes


def _unavailable(label: str, ref: xmlmodel.ModelRef) -> Diagnostic:
    folder = cache.cache_dir()
    where = f"{folder}/schemas/<host>/<path>" if folder else "a local file"
    return Diagnostic(
        label, ref.line, 1, "warning", "xml-model-unavailable",
        f"schema {ref.href} named by <?xml-model?> is not available offline (teipress never "
        f"downloads): list it in an XML catalog ($XML_CATALOG_FILES) or copy it to {where}; "
        "checked against the edition's own schema instead",
    )  # fmt: skip


def _cached(
    schema_key: str, data: bytes, label: str, run: Callable[[], list[Diagnostic]]
) -> list[Diagnostic]:
    """Results of one schema on one document, reused while neither changes."""
    key = cache.digest("result", cache.code_key(), schema_key, data)
    stored = cache.get("results", key)
    if stored is not None:
        try:
            return [Diagnostic(label, *row) for row in json.loads(stored)]
        except (ValueError, TypeError):
            pass
    diags = run()
    rows = [[d.line, d.col, d.severity, d.code, d.message] for d in diags]
    cache.put("results", key, json.dumps(rows).encode())
    return diags


def expand_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Files named and the XML files inside folders named; missing paths become diagnostics."""
    files: list[Path] = []
    missing: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.xml") if p.is_file())
            if not found:
                raise UsageError(f"{display_path(path)}: no XML files in this folder")
            files += found
        elif path.exists():
            files.append(path)
        else:
            missing.append(
                Diagnostic(display_path(path), 0, 0, "error", "io-missing", "file not found")
            )
    return list(dict.fromkeys(files)), missing


def validate_paths(
    config: Config | None,
    paths: Sequence[Path] = (),
    *,
    schemas: Sequence[Path] = (),
    validator: Validator | None = None,
) -> Report:
    """Validate files or folders (default: the whole edition) and the edition around them."""
    if paths:
        files, missing = expand_paths(paths)
    elif config is not None:
        files, missing = edition_files(config), []
        if not files:
            raise UsageError(f"{config.documents}: the edition has no XML files yet")
    else:
        raise UsageError("nothing to validate: give files or folders, or run inside an edition")
    validator = validator or Validator(config, schemas=schemas)
    report = Report(files=[display_path(f) for f in files], diagnostics=list(missing))
    report.io_failed = [d.path for d in missing]
    wanted = {f.resolve() for f in files}
    edition = list(edition_files(config)) if config is not None else []
    registers = {p.resolve() for p in register_files(config)} if config is not None else None
    indexes: list[FileIndex] = []
    for path in dict.fromkeys([*files, *(p for p in edition if p.resolve() not in wanted)]):
        index = _check_file(path, config, validator, report, path.resolve() in wanted, registers)
        if index is not None:
            indexes.append(index)
    report.diagnostics += check_edition(indexes, {f for f in files})
    report.diagnostics.sort()
    return report


def _check_file(
    path: Path,
    config: Config | None,
    validator: Validator,
    report: Report,
    reported: bool,
    registers: set[Path] | None,
) -> FileIndex | None:
    """Parse one file, check it if it was asked for, and index it for the edition checks."""
    label = display_path(path)
    root = config.root if config is not None else path.resolve().parent
    try:
        data = read_bytes(path)
        tree = _parse(data, path, root, validator.huge_tree)
        require_tei(tree, path)
    except (InputError, ContentError) as exc:
        if reported:
            report.diagnostics.append(
                exc.diagnostic or Diagnostic(label, 0, 0, "error", "io", exc.message)
            )
            if isinstance(exc, InputError):
                report.io_failed.append(label)
        return None
    if reported:
        report.diagnostics += validator.check_document(tree, path, data)
    is_register = path.resolve() in registers if registers is not None else None
    return index_file(tree, path, label, is_register=is_register)


def _parse(data: bytes, path: Path, root: Path, huge_tree: bool) -> etree._ElementTree:
    """Parse with the hardened reader; a repeated xml:id is reported later, not fatal here."""
    try:
        return parse_bytes(data, path, allowed_root=root, huge_tree=huge_tree)
    except ContentError as exc:
        if exc.diagnostic is None or "already defined" not in exc.diagnostic.message:
            raise
        return parse_bytes(data, path, allowed_root=root, huge_tree=huge_tree, collect_ids=False)
