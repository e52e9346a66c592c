"""Validation of TEI editions: RELAX NG/XSD grammar, ISO Schematron rules, edition-wide checks.

The build and the `validate` command share one entry point: `Validator(config)`
compiles the edition's schemas once and `check_document(tree, path)` checks a
parsed document; `validate_paths(config, paths)` runs everything and returns a
`Report`.
"""

from __future__ import annotations

from .report import Report
from .validator import Validator, validate_paths

__all__ = ["Report", "Validator", "validate_paths"]
