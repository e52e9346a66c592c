"""One error hierarchy and the Diagnostic every check and command reports with."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: the unit that `validate`, `build` and `import` report.

    Ordered by path, line and column so that reports are deterministic.
    """

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        """The `path:line:col: severity: message [code]` form editors and CI parse."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, str | int]:
        """The JSON form of `--format json`."""
        return asdict(self)


def display_path(path: Path | str) -> str:
    """A path as the user should see it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


class TeipressError(Exception):
    """Base of every error teipress raises on purpose; carries the exit code of its kind."""

    exit_code = 1

    def __init__(self, message: str, diagnostic: Diagnostic | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostic = diagnostic

    def __str__(self) -> str:
        return self.diagnostic.format() if self.diagnostic else self.message


class UsageError(TeipressError):
    """A bad option or configuration: the user must change how teipress is called (exit 2)."""

    exit_code = 2


class InputError(TeipressError):
    """A missing, unreadable or undecodable input file, or another I/O failure (exit 2)."""

    exit_code = 2


class ContentError(TeipressError):
    """Content that teipress can read but that is wrong: malformed or invalid XML (exit 1)."""

    exit_code = 1


def diagnostic_error(
    cls: type[TeipressError],
    path: Path | str,
    message: str,
    code: str,
    line: int = 0,
    col: int = 0,
) -> TeipressError:
    """Build an error of kind `cls` whose message is a full one-line diagnostic."""
    diag = Diagnostic(display_path(path), line, col, "error", code, message)
    return cls(diag.format(), diag)
