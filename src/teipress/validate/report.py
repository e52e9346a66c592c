"""The result of a validation run and its two forms: text lines for editors and CI, and JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..errors import Diagnostic


@dataclass
class Report:
    """Diagnostics of one run; `io_failed` marks files that could not be read at all (exit 2)."""

    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    io_failed: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")

    def exit_code(self, strict: bool = False) -> int:
        """0 valid (warnings allowed unless strict), 1 problems found, 2 unreadable input."""
        if self.io_failed:
            return 2
        if self.errors or (strict and self.warnings):
            return 1
        return 0

    def summary(self) -> str:
        """`3 files checked: 2 errors, 1 warning` (or `…: valid`)."""
        n = len(self.files)
        head = f"{n} file{'s' if n != 1 else ''} checked"
        if not self.diagnostics:
            return f"{head}: valid"
        parts = [_count(self.errors, "error"), _count(self.warnings, "warning")]
        return f"{head}: " + ", ".join(parts)

    def as_text(self) -> str:
        """One `path:line:col: severity: message [code]` line per problem, then the summary."""
        lines = [d.format() for d in sorted(self.diagnostics)]
        return "\n".join([*lines, self.summary()])

    def as_json(self, strict: bool = False) -> str:
        """The same content as JSON, for tools."""
        return json.dumps(
            {
                "files": self.files,
                "diagnostics": [d.as_dict() for d in sorted(self.diagnostics)],
                "errors": self.errors,
                "warnings": self.warnings,
                "summary": self.summary(),
                "exit_code": self.exit_code(strict),
            },
            ensure_ascii=False,
            indent=2,
        )


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"
