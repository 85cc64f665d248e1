"""The ``aspira`` command: one Typer app, one module per command group.

Each command module exposes ``register(app)``. Errors are translated here exactly once, in the
group that runs every command: an :class:`~aspira.errors.AspiraError` prints its message (and a
JSON error envelope when the command was asked for ``--json``) and exits 2; anything else is a
bug, printed briefly without a traceback (unless ``ASPIRA_DEBUG=1``) and exits 3.
"""

from __future__ import annotations

import os
from typing import Any

import typer
from typer.core import TyperGroup

from aspira import __version__
from aspira.cli import (
    company_cmd,
    compose_cmd,
    eval_cmd,
    plan_cmd,
    profile_cmd,
    rubric_cmd,
    score_cmd,
    screen_cmd,
    tracks_cmd,
)
from aspira.cli.state import json_errors, print_json, use_json_errors
from aspira.envelope import error as error_envelope
from aspira.errors import AspiraError

INTERNAL_ERROR = 3


class AspiraGroup(TyperGroup):
    """Runs a command and turns errors into messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:
        use_json_errors(False)
        try:
            return super().invoke(ctx)
        except AspiraError as exc:
            if json_errors():
                print_json(error_envelope(exc))
            typer.secho(f"Error: {exc.message}", fg=typer.colors.RED, err=True)
            raise SystemExit(exc.exit_code) from None
        except (typer.TyperException, typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            typer.echo("Interrupted.", err=True)
            raise SystemExit(130) from None
        except Exception as exc:  # a bug, not the user's fault
            if os.environ.get("ASPIRA_DEBUG"):
                raise
            typer.secho(
                f"Internal error ({type(exc).__name__}): {exc}. This is a bug in Aspira; "
                "rerun with ASPIRA_DEBUG=1 for details.",
                fg=typer.colors.RED,
                err=True,
            )
            raise SystemExit(INTERNAL_ERROR) from None


app = typer.Typer(
    name="aspira",
    cls=AspiraGroup,
    help="Offline coach for the career-aspirations conversation: score, screen, compose, plan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

for module in (
    score_cmd,
    screen_cmd,
    eval_cmd,
    rubric_cmd,
    company_cmd,
    profile_cmd,
    compose_cmd,
    tracks_cmd,
    plan_cmd,
):
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
    app()
