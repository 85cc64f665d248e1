"""The ``aspira`` command: one Typer app, one module per command group.

Each command module exposes ``register(app)``. Errors are translated here exactly once:
an :class:`~aspira.errors.AspiraError` prints its message and exits 2; anything else is a bug,
printed briefly (no traceback unless ``ASPIRA_DEBUG=1``) and exits 3.
"""

from __future__ import annotations

import os
import sys

import click
import typer

from aspira import __version__
from aspira.cli import eval_cmd, plan_cmd, rubric_cmd, score_cmd, screen_cmd, tracks_cmd
from aspira.cli.state import json_errors, print_json
from aspira.envelope import error as error_envelope
from aspira.errors import AspiraError

app = typer.Typer(
    name="aspira",
    help="Offline coach for the career-aspirations conversation: score, screen, plan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (score_cmd, screen_cmd, eval_cmd, rubric_cmd, tracks_cmd, plan_cmd):
    module.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aspira {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Offline coach for the career-aspirations conversation."""


def run() -> None:
    """Console entry point."""
    try:
        app(standalone_mode=False)
    except AspiraError as exc:
        if json_errors():
            print_json(error_envelope(exc))
        typer.secho(f"Error: {exc.message}", fg=typer.colors.RED, err=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:  # usage errors: bad option, missing argument
        exc.show()
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug, not the user's fault
        if os.environ.get("ASPIRA_DEBUG"):
            raise
        typer.secho(
            f"Internal error ({type(exc).__name__}): {exc}. "
            "This is a bug in Aspira; rerun with ASPIRA_DEBUG=1 for details.",
            fg=typer.colors.RED,
            err=True,
        )
        sys.exit(3)
