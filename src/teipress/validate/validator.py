"""The validation pipeline: grammar and rules per document, then edition-wide checks.

`Validator` holds the compiled schemas of one run; `check_tree` checks one parsed
file and reduces it to a small index. `validate_paths` (validate/run.py) runs it
over files in worker processes and finishes with the checks that need the whole
edition. The build runs the same per-file check inside its read task
(`check_read_file`). Tasks carry only `SchemaPaths`, and each process keeps one
Validator per schema set (`shared_validator`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from lxml import etree

from ..config import Config, default_data_dir
from ..errors import ContentError, Diagnostic, InputError, UsageError, display_path
from ..reader import XI_NS, parse_bytes, require_tei
from . import cache, xmlmodel
from .edition import FileIndex, index_file
from .grammar import Grammar, grammar_kind
from .rules import Rules
from .source import SourceText

T = TypeVar("T", Grammar, Rules)
#: One `<?xml-model?>` a check honoured: (href, "grammar" | "rules", key of what it gave).
ModelUse = tuple[str, str, str]


@dataclass(frozen=True)
class SchemaPaths:
    """What a Validator is made from, as plain data a worker task can carry."""

    grammar: str | None
    rules: str | None
    huge_tree: bool = False
    explicit: bool = False  # given with --schema: documents' <?xml-model?> are not honoured

    @classmethod
    def of(cls, config: Config | None) -> SchemaPaths:
        """The edition's schemas (teipress's own without a configuration)."""
        if config is None:
            folder = default_data_dir("schema")
            return cls(str(folder / "teipress.rng"), str(folder / "teipress.sch"))
        grammar, rules = config.schema, config.schematron
        return cls(
            str(grammar) if grammar else None, str(rules) if rules else None, config.huge_tree
        )

    @classmethod
    def chosen(cls, config: Config | None, schemas: Sequence[Path] = ()) -> SchemaPaths:
        """The edition's schemas with those given on the command line (`--schema`) in
        place of its grammar (.rng, .rnc, .xsd) or its rules (.sch)."""
        paths = cls.of(config)
        grammar, rules = paths.grammar, paths.rules
        for path in schemas:
            if Path(path).suffix.lower() == ".sch":
                rules = str(path)
            elif grammar_kind(Path(path)):
                grammar = str(path)
            else:
                raise UsageError(
                    f"--schema {path}: unknown kind of schema; give a .rng, .rnc, .xsd or .sch file"
                )
        return cls(grammar, rules, paths.huge_tree, bool(schemas))


class Validator:
    """Grammar and Schematron rules of an edition, each loaded once and compiled once."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        schemas: Sequence[Path] = (),
        paths: SchemaPaths | None = None,
    ) -> None:
        paths = paths or SchemaPaths.chosen(config, schemas)
        grammar = Path(paths.grammar) if paths.grammar else None
        rules = Path(paths.rules) if paths.rules else None
        self.explicit = paths.explicit
        self.huge_tree = paths.huge_tree
        # Keyed by file and its stat, so that a long-lived process (a Dask worker, a
        # test run) sees an edited schema that a document's <?xml-model?> names.
        self._grammars: dict[tuple, Grammar] = {}
        self._rules: dict[tuple, Rules] = {}
        # Compiled lxml validators keep one error log each: one check at a time (a Dask
        # worker runs tasks in threads; forked workers each have their own copy).
        self._lock = threading.RLock()
        self.grammar = self._load(grammar, self._grammars, Grammar.load) if grammar else None
        self.rules = self._load(rules, self._rules, Rules.load) if rules else None

    @staticmethod
    def _load(path: Path, pool: dict[tuple, T], loader: Callable[[Path], T]) -> T:
        resolved = Path(path).resolve()
        if not resolved.is_file():
            raise UsageError(f"{display_path(path)}: schema file not found")
        key = (resolved, *_stamp(str(resolved)))
        if key not in pool:
            pool[key] = loader(resolved)
        return pool[key]

    def compile(self) -> Validator:
        """Compile the configured schemas now, so that a broken one stops a run early."""
        with self._lock:
            if self.grammar is not None:
                self.grammar.compile()
            if self.rules is not None:
                self.rules.compile()
        return self

    def check_document(
        self, tree: etree._ElementTree, path: Path, data: bytes | None = None
    ) -> list[Diagnostic]:
        """Grammar and rule diagnostics of one parsed document."""
        return self.check(tree, path, data)[0]

    def check(
        self, tree: etree._ElementTree, path: Path, data: bytes | None = None
    ) -> tuple[list[Diagnostic], tuple[ModelUse, ...]]:
        """`check_document`, also saying which schemas the document's <?xml-model?> gave."""
        label = display_path(path)
        if data is None:
            data = Path(path).read_bytes() if Path(path).is_file() else etree.tostring(tree)
        source = SourceText(data, label)
        # With XIncludes the checked content is more than the file's bytes: key the
        # cached results on the included tree, so a changed included file is re-checked.
        content = etree.tostring(tree) if XI_NS.encode() in data else data
        with self._lock:
            grammar, rules, notes, models = self._schemas_for(tree, Path(path), label)
            diags = list(notes)
            if grammar is not None:
                diags += _cached(
                    grammar.key, content, label, lambda: grammar.validate(tree, source)
                )
            if rules is not None:
                diags += _cached(rules.key, content, label, lambda: rules.check(tree, source))
        return sorted(diags), models

    def _schemas_for(
        self, tree: etree._ElementTree, path: Path, label: str
    ) -> tuple[Grammar | None, Rules | None, list[Diagnostic], tuple[ModelUse, ...]]:
        """The configured schemas, or those a document's <?xml-model?> names (--schema wins)."""
        grammar, rules, notes, models = self.grammar, self.rules, [], []
        if self.explicit:
            return grammar, rules, notes, ()
        for ref in xmlmodel.declarations(tree, path):
            schema, key = self._model(ref.kind, ref.path)
            models.append((ref.href, ref.kind, key))
            if schema is None:
                notes.append(_unavailable(label, ref))
            elif isinstance(schema, Grammar):
                grammar = schema
            else:
                rules = schema
        return grammar, rules, notes, tuple(models)

    def _model(self, kind: str, path: Path | None) -> tuple[Grammar | Rules | None, str]:
        """The schema an <?xml-model?> resolved to and its key (what decides the results)."""
        if path is None:  # the warning names the cache folder: a new one is a new result
            return None, f"unavailable {cache.cache_dir()}"
        if kind == "grammar":
            grammar = self._load(path, self._grammars, Grammar.load)
            return grammar, grammar.key
        rules = self._load(path, self._rules, Rules.load)
        return rules, rules.key

    def models_unchanged(self, doc: Path, models: Sequence[ModelUse]) -> bool:
        """Would a document's <?xml-model?> declarations still give the same schemas?

        Those schemas are outside the edition's configuration, so a result cached with
        the document (the build's) must be checked against them before it is reused.
        """
        with self._lock:
            for href, kind, key in models:
                try:
                    _, now = self._model(kind, xmlmodel.resolve(href, Path(doc)))
                except UsageError:
                    return False  # checking the document again reports it
                if now != key:
                    return False
        return True


def _stamp(path: str | None) -> tuple[int, ...]:
    """What tells a schema file's versions apart cheaply within one process."""
    if path is None:
        return ()
    try:
        stat = Path(path).stat()
    except OSError:
        return (-1,)
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


_VALIDATORS: dict[tuple, Validator] = {}
_VALIDATORS_LOCK = threading.Lock()
_VALIDATORS_KEPT = 4


def shared_validator(paths: SchemaPaths) -> Validator:
    """This process's Validator for `paths`, created (schemas loaded) on first use.

    Worker processes receive only the paths; forked workers inherit what the main
    process made before the pool started. A changed schema file makes a new one.
    """
    key = (paths, _stamp(paths.grammar), _stamp(paths.rules))
    with _VALIDATORS_LOCK:
        found = _VALIDATORS.get(key)
        if found is None:
            found = Validator(paths=paths)
            while len(_VALIDATORS) >= _VALIDATORS_KEPT:
                del _VALIDATORS[next(iter(_VALIDATORS))]
            _VALIDATORS[key] = found
        return found


@dataclass(frozen=True)
class FileCheck:
    """One file validated: its grammar and rule diagnostics, its index for the edition
    checks, and the schemas its <?xml-model?> declarations gave (see models_unchanged)."""

    diagnostics: list[Diagnostic]
    index: FileIndex
    models: tuple[ModelUse, ...] = field(default=())

    def relabel(self, label: str) -> FileCheck:
        """The same check with the file shown as `label` (from another working folder)."""
        old = self.index.label
        if label == old:
            return self
        diags = [replace(d, path=label) if d.path == old else d for d in self.diagnostics]
        return FileCheck(diags, replace(self.index, label=label), self.models)


def check_tree(
    tree: etree._ElementTree,
    data: bytes,
    path: Path,
    validator: Validator,
    *,
    is_register: bool | None = None,
    check: bool = True,
) -> FileCheck:
    """Check one parsed file against its schemas (unless `check` is false) and index it."""
    diags, models = validator.check(tree, path, data) if check else ([], ())
    index = index_file(tree, path, display_path(path), is_register=is_register)
    return FileCheck(diags, index, models)


def check_read_file(
    path: str,
    data: bytes,
    tree: etree._ElementTree | None,
    paths: SchemaPaths,
    *,
    allowed_root: str,
    is_register: bool,
) -> FileCheck | None:
    """The build's per-file validation, run by its read task on the reader's tree.

    `tree` is None when the reader refused the file: one refused only for a repeated
    xml:id is parsed again without collecting ids, so that it is still checked and
    indexed, as `validate` does; for any other failure the reader's error is the report
    (None). A schema that cannot be loaded raises UsageError.
    """
    validator = shared_validator(paths)
    file = Path(path)
    if tree is None:
        try:
            tree = parse_for_check(data, file, Path(allowed_root), paths.huge_tree)
            require_tei(tree, file)
        except (InputError, ContentError):
            return None
    return check_tree(tree, data, file, validator, is_register=is_register)


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


def parse_for_check(data: bytes, path: Path, root: Path, huge_tree: bool) -> etree._ElementTree:
    """Parse with the hardened reader; a repeated xml:id is reported later, not fatal here."""
    try:
        return parse_bytes(data, path, allowed_root=root, huge_tree=huge_tree)
    except ContentError as exc:
        if exc.diagnostic is None or "already defined" not in exc.diagnostic.message:
            raise
        return parse_bytes(data, path, allowed_root=root, huge_tree=huge_tree, collect_ids=False)
