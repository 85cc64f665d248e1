"""``aspira score``: score one answer from an argument, a file or standard input."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from aspira.analysis.pipeline import score
from aspira.cli.render import render_scorecard
from aspira.cli.state import print_json, use_json_errors
from aspira.company.store import load_company
from aspira.demo import demo
from aspira.envelope import ok
from aspira.errors import InputError
from aspira.inputs import read_answer_file, read_answer_stream


def _answer(text: str | None, file: Path | None, use_demo: bool) -> tuple[str, str | None]:
    given = [text is not None and text != "-", file is not None, use_demo]
    if sum(given) > 1:
        raise InputError("Give the answer one way: as text, with --file, or with --demo.")
    if use_demo:
        d = demo()
        return d.answer, d.question
    if file is not None:
        return read_answer_file(file), None
    if text is not None and text != "-":
        return text, None
    if sys.stdin.isatty() and text is None:
        raise InputError(
            'No answer given. Pass it as text (aspira score "…"), with --file FILE, '
            'or pipe it in (echo "…" | aspira score).'
        )
    return read_answer_stream(sys.stdin.buffer), None


def score_command(
    answer: str | None = typer.Argument(None, help="The answer text; '-' or nothing reads stdin."),
    file: Path | None = typer.Option(None, "--file", "-f", help="Read the answer from a file."),
    question: str | None = typer.Option(None, "--question", "-q", help="The question asked."),
    as_json: bool = typer.Option(False, "--json", help="Print the scorecard as JSON."),
    fail_under: int | None = typer.Option(
        None, "--fail-under", min=0, max=100, help="Exit 1 if the overall score is below N."
    ),
    use_demo: bool = typer.Option(False, "--demo", help="Score the built-in demo answer."),
    company: str | None = typer.Option(
        None,
        "--company",
        "-c",
        help="Judge fit, mission and culture against a saved company (name or company file).",
    ),
) -> None:
    """Score an answer against the rubric aspirations.v1."""
    use_json_errors(as_json)
    context = load_company(company) if company is not None else None
    text, demo_question = _answer(answer, file, use_demo)
    card = score(text, question=question or demo_question, company=context)
    if as_json:
        print_json(ok(card.to_dict()))
    else:
        render_scorecard(Console(highlight=False), text, card)
    if fail_under is not None and card.overall < fail_under:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("score")(score_command)
