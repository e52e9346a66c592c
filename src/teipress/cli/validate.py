"""`teipress validate`: grammar, Schematron rules and edition-wide checks over files or folders."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..config import Config, find_project, load_config
from ..validate import validate_paths
from .common import guarded, jobs_option, load_project, project_option


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--schema",
    "schemas",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this schema instead of the edition's: RELAX NG (.rng/.rnc) or W3C XSD replaces "
    "the grammar, ISO Schematron (.sch) the rules. Repeatable.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one `path:line:col: severity: message [rule]` line per problem; json: the same "
    "as JSON.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as problems (exit 1).")
@jobs_option("checking files")
@project_option
@guarded
def validate(
    paths: tuple[Path, ...],
    schemas: tuple[Path, ...],
    fmt: str,
    strict: bool,
    jobs: int,
    project: Path | None,
) -> None:
    """Check TEI files or folders (default: the whole edition of the current project).

    Runs the RELAX NG grammar, the Schematron rules and the edition-wide checks
    (pointers, ids, register entries, name spellings). Files may name their own
    schemas with <?xml-model?>; remote ones are taken from an XML catalog
    ($XML_CATALOG_FILES) or teipress's cache, never downloaded.

    Exit status: 0 valid (warnings allowed unless --strict), 1 problems found,
    2 usage or I/O error.

    \b
    Examples:
      teipress validate
      teipress validate tei/documents/letter.xml --format json
      teipress validate my-edition/ --schema tei_all.rng
    """
    config = load_project(project) if project is not None or not paths else _nearest()
    report = validate_paths(config, list(paths), schemas=list(schemas), jobs=jobs)
    if fmt == "json":
        click.echo(report.as_json(strict))
    else:
        click.echo(report.as_text())
    sys.exit(report.exit_code(strict))


def _nearest() -> Config | None:
    """The edition around the current folder, if there is one (paths may stand alone)."""
    return load_config() if find_project() is not None else None
