"""`teipress validate` over files or folders: each file checked in a worker process,
then the edition-wide checks over every file's index.

Parsing, the grammar, the rules and indexing are per file and independent, so they
run in a process pool (`--jobs`, default: all cores); only `check_edition` needs the
whole edition. Workers receive plain tasks (`FileTask`) and return plain outcomes, and
each builds its Validator once from `SchemaPaths` (forked workers inherit the one the
main process loaded; a schema that does not compile is reported by the worker that
compiled it, as data, and stops the run with exit 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config, edition_files, register_files
from ..errors import ContentError, Diagnostic, InputError, UsageError, display_path
from ..executors import make_executor
from ..reader import read_bytes, require_tei
from .edition import FileIndex, check_edition
from .report import Report
from .validator import SchemaPaths, Validator, check_tree, parse_for_check, shared_validator


@dataclass(frozen=True)
class FileTask:
    """One file to parse and index, and to check when it is among those asked for."""

    path: str
    root: str  # XIncludes may reach files inside this folder only
    reported: bool
    is_register: bool | None  # None: decide from the file's body
    schemas: SchemaPaths


@dataclass
class FileOutcome:
    """What one file gave: its diagnostics, whether it could not be read, its index."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    io_failed: str | None = None
    index: FileIndex | None = None
    schema_error: str | None = None  # a schema could not be compiled: the run stops (exit 2)


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
    jobs: int = 1,
) -> Report:
    """Validate files or folders (default: the whole edition) and the edition around them.

    With `jobs` > 1 (0: all cores) files are checked in that many worker processes; a
    given `validator` is used as it is, in this process."""
    edition = edition_files(config) if config is not None else []
    files, missing = _files(config, paths, edition)
    report = Report(files=[display_path(f) for f in files], diagnostics=list(missing))
    report.io_failed = [d.path for d in missing]
    chosen = SchemaPaths.chosen(config, schemas)
    tasks = _tasks(config, files, edition, chosen)
    if validator is not None:
        outcomes = [check_path(task, validator) for task in tasks]
    else:
        # Loaded here (a missing schema stops the run before any file; forked workers
        # inherit it), compiled only by a worker with a file not checked before.
        shared_validator(chosen)
        with make_executor("local", jobs if len(tasks) > 1 else 1) as executor:
            outcomes = executor.map(check_path, tasks)
    for outcome in outcomes:
        if outcome.schema_error is not None:
            raise UsageError(outcome.schema_error)
    indexes: list[FileIndex] = []
    for outcome in outcomes:
        report.diagnostics += outcome.diagnostics
        if outcome.io_failed is not None:
            report.io_failed.append(outcome.io_failed)
        if outcome.index is not None:
            indexes.append(outcome.index)
    report.diagnostics += check_edition(indexes, set(files))
    report.diagnostics.sort()
    return report


def _files(
    config: Config | None, paths: Sequence[Path], edition: list[Path]
) -> tuple[list[Path], list[Diagnostic]]:
    if paths:
        return expand_paths(paths)
    if config is None:
        raise UsageError("nothing to validate: give files or folders, or run inside an edition")
    if not edition:
        raise UsageError(f"{config.documents}: the edition has no XML files yet")
    return edition, []


def _tasks(
    config: Config | None, files: list[Path], edition: list[Path], schemas: SchemaPaths
) -> list[FileTask]:
    """The files asked for, then the rest of the edition (indexed for the edition checks,
    not reported on)."""
    wanted = {f.resolve() for f in files}
    registers = {p.resolve() for p in register_files(config)} if config is not None else None
    tasks = []
    for path in dict.fromkeys([*files, *(p for p in edition if p.resolve() not in wanted)]):
        full = path.resolve()
        root = config.root if config is not None else full.parent
        is_register = full in registers if registers is not None else None
        tasks.append(FileTask(str(path), str(root), full in wanted, is_register, schemas))
    return tasks


def check_path(task: FileTask, validator: Validator | None = None) -> FileOutcome:
    """Parse one file, check it if it was asked for, and index it for the edition checks."""
    validator = validator or shared_validator(task.schemas)
    path = Path(task.path)
    label = display_path(path)
    try:
        data = read_bytes(path)
        tree = parse_for_check(data, path, Path(task.root), validator.huge_tree)
        require_tei(tree, path)
    except (InputError, ContentError) as exc:
        if not task.reported:
            return FileOutcome()
        diag = exc.diagnostic or Diagnostic(label, 0, 0, "error", "io", exc.message)
        return FileOutcome([diag], label if isinstance(exc, InputError) else None)
    try:
        checked = check_tree(
            tree, data, path, validator, is_register=task.is_register, check=task.reported
        )
    except UsageError as exc:  # carried back as data: a worker's traceback is no message
        return FileOutcome(schema_error=str(exc))
    return FileOutcome(checked.diagnostics, None, checked.index)
