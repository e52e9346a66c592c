"""`teipress build`: publish the edition as a static site (HTML, text, citation data)."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click

from ..build import BuildOptions, build
from .common import guarded, jobs_option, load_project, project_option


def _progress_bar():
    """A rich progress bar on a terminal; nothing when output is piped or in CI logs."""
    if not sys.stderr.isatty():
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("{task.description:>7}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    )


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: [edition] output in teipress.toml, else site/).",
)
@jobs_option("for reading and rendering documents")
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where per-document work runs: local processes, or a Dask cluster (teipress[dask]).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    default=None,
    help="Address of the Dask scheduler for --executor dask (see README).",
)
@click.option(
    "--full",
    is_flag=True,
    help="Ignore the previous build's state and rebuild every output.",
)
@click.option("-v", "--verbose", is_flag=True, help="Say why each output was rebuilt.")
@click.option("--clean", is_flag=True, help="Also remove temp folders left by interrupted builds.")
@click.option(
    "--keep-going",
    is_flag=True,
    help="Publish even when documents are invalid (unreadable ones are left out).",
)
@project_option
@guarded
def build_command(
    out: Path | None, jobs: int, executor: str, scheduler: str | None, full: bool,
    verbose: bool, clean: bool, keep_going: bool, project: Path | None,
) -> None:  # fmt: skip
    """Build the edition into a static site: HTML pages, plain text, citation index, data.

    The previous site is replaced only when the whole build succeeded. Builds are
    incremental: only outputs whose inputs changed (by content) are made again.

    Example: teipress build --out site --jobs 4
    """
    config = load_project(project)
    with _progress_bar() as bar:
        tasks: dict[str, object] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if bar is None:
                return
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done)

        options = BuildOptions(out=out, jobs=jobs, clean=clean, keep_going=keep_going,
                               progress=progress, executor=executor, scheduler=scheduler,
                               full=full)  # fmt: skip
        report = build(config, options)
    for diag in sorted(report.errors) + sorted(report.warnings):
        click.echo(diag.format(), err=True)
    if report.generic_elements:
        listed = ", ".join(f"{k} ({v})" for k, v in report.generic_elements.items())
        click.echo(f"rendered generically: {listed}", err=True)
    if not report.written:
        click.echo(
            f"{len(report.errors)} errors; nothing written (the previous site is unchanged; "
            "fix them or pass --keep-going)",
            err=True,
        )
        sys.exit(1)
    if verbose:
        for line in report.rebuilt:
            click.echo(f"rebuilt {line}", err=True)
    if report.up_to_date:
        click.echo(f"up to date: {report.summary()}")
        return
    click.echo(
        report.summary() + (f" ({report.carried} outputs unchanged)" if report.carried else "")
    )


build_command.name = "build"
