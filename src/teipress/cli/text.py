"""`teipress text FILE`: print the plain text of one document (title block, text, endnotes)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..config import find_project, load_config
from ..xslt import document_text
from .common import guarded, project_option


@click.command("text")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--no-wrap", is_flag=True, help="Keep each paragraph on one line instead of wrapping at 72."
)
@project_option
@guarded
def text(file: Path, no_wrap: bool, project: Path | None) -> None:
    """Print the plain text of one TEI document to standard output, in UTF-8.

    The same text `teipress build` writes to text/<doc-id>.txt: a title block, the reading
    text, and the notes as numbered endnotes, wrapped at 72 columns.

    Example: teipress text tei/documents/letter.xml --no-wrap > letter.txt
    """
    if project is not None and not project.is_dir():
        raise click.UsageError(f"--project {project}: no such folder")
    folder = project or find_project(file.resolve().parent) or find_project()
    config = load_config(folder) if folder is not None else None
    output = document_text(file, config, wrap=not no_wrap)
    stream = sys.stdout.buffer  # UTF-8 whatever the locale, like the text/ files of a site
    try:
        stream.write(output.encode("utf-8"))
        stream.flush()
    except BrokenPipeError:  # `teipress text FILE | head` closed the pipe: not an error
        pass
