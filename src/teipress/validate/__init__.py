"""Validation of TEI editions: RELAX NG/XSD grammar, ISO Schematron rules, edition-wide checks.

The build and the `validate` command share one entry point: `Validator(config)`
compiles the edition's schemas once and `check_document(tree, path)` checks a
parsed document; `validate_paths(config, paths, jobs=N)` runs everything and returns a
`Report`.
"""

from __future__ import annotations

from .report import Report
from .run import validate_paths
from .validator import Validator

__all__ = ["Report", "Validator", "validate_paths"]
