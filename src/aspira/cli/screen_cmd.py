"""``aspira screen INPUT``: score a batch of answers (JSONL or CSV) — see :mod:`aspira.screen`.

Records go to ``--out`` or stdout; the progress bar and the summary go to stderr, so the output
can be piped. The exit code is 0 when the file was processed (rows that could not be scored
carry an ``error`` and are counted in the summary), 1 when ``--fail-under`` is not met, 2 for a
problem with the file itself, 3 when the engine failed on a row (a bug).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from aspira.screen import CHUNK_SIZE, ScreenJob, estimate_rows, screen

_PROGRESS_MIN_ROWS = 200


def register(app: typer.Typer) -> None:
    """Add ``aspira screen`` to the app."""
    app.command("screen")(screen_command)


def screen_command(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT", help="JSONL or CSV with fields id, answer, optional question, company."
        ),
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write records to this file, not stdout.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="jsonl or csv (default: --out's extension, else jsonl)."
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted run into --out.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", help="Worker processes (default: all cores)."),
    ] = None,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", help="Rows per task sent to a worker.")
    ] = CHUNK_SIZE,
    fail_under: Annotated[
        int | None,
        typer.Option("--fail-under", help="Exit 1 if any answer scores below N."),
    ] = None,
) -> None:
    """Score every answer in INPUT: one record per row, in input order."""
    job = ScreenJob(source, out, fmt, resume, workers, chunk_size, fail_under)
    with _progress(source) as on_progress:
        summary = screen(job, sys.stdout, on_progress)
    typer.echo(summary.line(), err=True)
    raise typer.Exit(summary.exit_code)


@contextmanager
def _progress(source: Path) -> Iterator[Callable[[int], None] | None]:
    """A rich progress bar on stderr for long batches on a terminal; nothing otherwise."""
    if not sys.stderr.isatty() or not source.is_file():
        yield None
        return
    total = estimate_rows(source)
    if total <= _PROGRESS_MIN_ROWS:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Screening", total=total)
        yield lambda done: bar.advance(task, done)
