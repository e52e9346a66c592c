"""The `teipress` command line: a click group; each command lives in its own module."""

from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teipress")
def main() -> None:
    """Edit, validate and publish TEI P5 digital editions.

    \b
    Examples:
      teipress validate                 check the edition of the current folder
      teipress build                    publish it as a static site in site/
    """


def _register() -> None:
    """Attach the commands; imported here so that `teipress --help` lists them all."""
    from .validate import validate

    main.add_command(validate)
    main.add_command(__import__(f"{__name__}.build", fromlist=["x"]).build_command)
    main.add_command(__import__(f"{__name__}.text", fromlist=["x"]).text)
    main.add_command(__import__(f"{__name__}.importer", fromlist=["x"]).import_command)


_register()
