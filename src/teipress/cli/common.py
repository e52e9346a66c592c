"""What every command shares: the --project option and the error-to-exit-code mapping."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..config import Config, load_config
from ..errors import TeipressError


def jobs_option(work: str) -> Callable:
    """`--jobs/-j N`: worker processes for `work` (0, the default: all cores)."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=0,
        help=f"Worker processes {work} (default 0: all cores).",
    )


project_option = click.option(
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Edition folder holding teipress.toml (default: the nearest one at or above the "
    "current folder).",
)


def load_project(project: Path | None) -> Config:
    """The edition's configuration; a missing project folder is a usage error."""
    if project is not None and not project.is_dir():
        raise click.UsageError(f"--project {project}: no such folder")
    return load_config(project)


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command body, turning TeipressError into its one-line message and exit code.

    Tracebacks are for teipress's own bugs, never for bad input.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TeipressError as exc:
            click.echo(f"teipress: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("teipress: interrupted", err=True)
            sys.exit(130)

    return wrapper
