"""`teipress validate`: check files or the whole edition (well-formedness and TEI root).

The validate helper extends this with RELAX NG, Schematron and edition-wide checks.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..config import edition_files
from ..errors import ContentError
from ..reader import load_tei
from .common import guarded, load_project, project_option


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@project_option
@guarded
def validate(paths: tuple[Path, ...], project: Path | None) -> None:
    """Check TEI files (default: the whole edition of the current project).

    Example: teipress validate tei/documents/letter.xml
    """
    files = list(paths) if paths else edition_files(load_project(project))
    errors = 0
    for path in files:
        try:
            load_tei(path)
        except ContentError as exc:
            click.echo(str(exc))
            errors += 1
    click.echo(f"{len(files)} files checked, {errors} errors")
    if errors:
        raise SystemExit(1)
