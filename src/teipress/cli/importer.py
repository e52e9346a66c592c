"""`teipress import`: plain text -> draft TEI, to stdout or a new file (never over one)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

import click

from ..config import find_project
from ..errors import InputError, UsageError
from ..importer import import_text, load_registers
from .common import guarded, load_project, project_option


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the TEI here instead of standard output.",
)
@click.option(
    "--kind",
    type=click.Choice(["auto", "document", "article"]),
    default="auto",
    show_default=True,
    help="What the source is: an archival document (or other "
    "prose) or an article with footnotes; auto decides from the text.",
)
@click.option(
    "--id", "doc_id", default=None, help="xml:id of the document (default: from the file name)."
)
@click.option(
    "--report",
    is_flag=True,
    help="Print what was found and what could not be decided (on standard error).",
)
@click.option(
    "--encoding",
    default=None,
    help="Encoding of the source (default: UTF-8, else Windows-1252/Latin-1 when recognisable).",
)
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@project_option
@guarded
def import_command(
    source: Path,
    output: Path | None,
    kind: str,
    doc_id: str | None,
    report: bool,
    encoding: str | None,
    force: bool,
    project: Path | None,
) -> None:
    """Turn a plain-text SOURCE into a draft TEI document, tagging names from the registers.

    Example: teipress import letter.txt -o tei/documents/letter.xml --report
    """
    _check_output(source, output, force)
    registers_dir = None
    if project is not None or find_project() is not None:
        registers_dir = load_project(project).registers
    else:
        click.echo(
            "teipress: no teipress.toml here or above: names are not tagged "
            "(run inside an edition or pass --project DIR)",
            err=True,
        )
    imported = import_text(
        source,
        kind=kind,  # type: ignore[arg-type]
        doc_id=doc_id,
        encoding=encoding,
        registers=load_registers(registers_dir),
    )
    if output is None:
        imported.write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        _write_atomically(output, imported.write)
    if report:
        click.echo(imported.report.format(), err=True)
    elif imported.report.problems:
        click.echo(
            f"teipress: {len(imported.report.problems)} things to check; "
            "run with --report to list them",
            err=True,
        )


def _check_output(source: Path, output: Path | None, force: bool) -> None:
    if output is None:
        return
    if source.exists() and output.exists() and output.resolve() == source.resolve():
        raise UsageError(
            f"-o {output}: that is the source itself; teipress never writes over a source"
        )
    if output.exists() and not force:
        raise UsageError(f"-o {output}: file exists; use --force to replace it")
    if not output.parent.is_dir():
        raise InputError(f"-o {output}: folder {output.parent} does not exist")


def _write_atomically(output: Path, write) -> None:
    """Write into a temporary file next to `output`, then rename: never a half-written file."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    except OSError as exc:
        raise InputError(f"-o {output}: cannot write: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
        Path(tmp).replace(output)
    except OSError as exc:
        raise InputError(f"-o {output}: cannot write: {exc.strerror}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
