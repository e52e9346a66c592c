"""What an import found and what it could not decide, for `--report` and the editor."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..errors import Diagnostic


@dataclass
class Report:
    """Counts, decisions and problems of one import, with source lines where known."""

    path: str
    kind: str = ""
    encoding: str = ""
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[Diagnostic] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    unknown_names: Counter[str] = field(default_factory=Counter)

    def problem(self, line: int, message: str) -> None:
        """Something the editor must look at (also marked in the output by a comment)."""
        self.problems.append(Diagnostic(self.path, line, 1, "warning", "import-undecided", message))

    def decided(self, message: str) -> None:
        """A guess the importer made that the editor may want to check."""
        self.decisions.append(message)

    def format(self, max_names: int = 60) -> str:
        """The human-readable report printed by `--report` (on stderr)."""
        out = [f"{self.path}: imported as {self.kind} ({self.encoding})"]
        out += [f"  {name}: {value}" for name, value in sorted(self.counts.items())]
        for diag in sorted(self.problems):
            out.append(diag.format())
        if self.decisions:
            out.append(f"decisions to check ({len(self.decisions)}):")
            out += [f"  {d}" for d in self.decisions[:200]]
        if self.unknown_names:
            out.append("capitalised words not in the registers (add them to a register or ignore):")
            for name, count in self.unknown_names.most_common(max_names):
                out.append(f"  {count:4d}  {name}")
            rest = len(self.unknown_names) - max_names
            if rest > 0:
                out.append(f"  … and {rest} more")
        return "\n".join(out)
