"""``aspira compose``: a tailored answer for one question and company, mirroring
:func:`aspira.compose.compose`.

Stable contract: ``aspira compose --profile FILE --company C --question Q [--json]`` works
without any saved state; without ``--profile`` the saved profile is used. ``--company`` names a
saved company (or a company/posting file) through the company store; ``--company-file`` reads a
company YAML/JSON file directly. The readable output shows the answer, the facts each sentence
used, the two alternatives, the private notes reframed with the reason, the advice and the
engine's score; ``--json`` prints the :class:`~aspira.compose.Composition` in the standard
envelope.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from aspira.cli.state import print_json, use_json_errors
from aspira.company.model import Company
from aspira.compose import Answer, Composition, compose
from aspira.envelope import ok
from aspira.errors import AspiraError, InputError
from aspira.knowledge.loader import read_user_mapping, validate
from aspira.profile import load_profile
from aspira.profile_store import load_saved

BAND_STYLE = {"strong": "bold green", "solid": "green", "needs_work": "yellow", "weak": "bold red"}


def compose_command(
    question: str | None = typer.Option(
        None, "--question", "-q", help="The question asked (default: the general form)."
    ),
    company: str | None = typer.Option(
        None, "--company", "-c", help="A saved company's name, or a company or posting file."
    ),
    company_file: Path | None = typer.Option(
        None, "--company-file", help="A company as YAML or JSON (as `aspira company show` prints)."
    ),
    profile: Path | None = typer.Option(
        None, "--profile", "-p", help="A profile YAML/JSON file (default: your saved profile)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON in the standard envelope."),
) -> None:
    """Compose a tailored answer, two alternatives and their scores from your profile."""
    use_json_errors(as_json)
    person = load_profile(profile) if profile else load_saved()
    result = compose(person, resolve_company(company, company_file), question)
    if as_json:
        print_json(ok(result.model_dump(mode="json")))
    else:
        render(Console(highlight=False), result)


def resolve_company(name: str | None, file: Path | None) -> Company | None:
    """The company from ``--company-file``, or ``--company`` through the company store."""
    if name and file:
        raise InputError("Give the company one way: --company NAME or --company-file FILE.")
    if file is not None:
        data = read_user_mapping(file, "Company file", "Pass a company YAML or JSON file.")
        try:
            return validate(Company, data, str(file))
        except AspiraError as exc:
            raise InputError(exc.message, details=exc.details) from exc
    if name is None:
        return None
    found = _store_loader()(name)
    if not isinstance(found, Company):  # pragma: no cover - a contract check on the store
        raise InputError(f"The company store returned no company for {name!r}.")
    return found


def _store_loader() -> Any:
    try:
        store = importlib.import_module("aspira.company.store")
    except ModuleNotFoundError:  # pragma: no cover - depends on the installed version
        store = None
    loader = getattr(store, "load_company", None) or getattr(store, "load", None)
    if loader is None:  # pragma: no cover - depends on the installed version
        raise InputError(
            "Saved companies are not available in this version: pass --company-file FILE "
            "with the company as YAML."
        )
    return loader


# -- readable output ---------------------------------------------------------------------------


def render(console: Console, result: Composition) -> None:
    head = Text(f"Question: {result.question or '(general form)'}", style="bold")
    head.append(
        f"\nVariant {result.variant.replace('_', ' ')} · horizon {result.horizon.replace('_', ' ')}"
        f" · register {result.register_name}"
        + (f" ({result.archetype.replace('_', ' ')})" if result.archetype else ""),
        style="dim",
    )
    console.print(head)
    _answer(console, result.main, "Your answer", facts=True)
    for number, alternative in enumerate(result.alternatives, 1):
        _answer(console, alternative, f"Alternative {number}", facts=False)
    _reframes(console, result)
    if result.advice:
        console.print(Text("How to make it stronger", style="bold"))
        for line in result.advice:
            console.print(f"  • {escape(line)}")
    console.print(
        Text(
            "A composed answer is a starting point: say it in your own words. "
            f"{_scorer_line(result.main)}",
            style="dim",
        )
    )


def _answer(console: Console, answer: Answer, title: str, facts: bool) -> None:
    score = answer.score
    verdict = (
        f"{score.overall}/100 {score.band.replace('_', ' ')}"
        if score.overall is not None
        else f"not scored: {score.error}"
    )
    flags = f" · flags: {', '.join(score.flags)}" if score.flags else " · no flags"
    subtitle = f"{answer.emphasis_name} · {answer.words} words · {verdict}{flags}"
    style = BAND_STYLE.get(score.band, "bold")
    console.print(Panel(escape(answer.text), title=title, subtitle=subtitle, border_style=style))
    if facts:
        console.print(_facts_table(answer))


def _facts_table(answer: Answer) -> Table:
    table = Table(
        "#", "Role", "Facts used", title="Where each sentence comes from", show_lines=True
    )
    for number, sentence in enumerate(answer.sentences, 1):
        used = "\n".join(f"{f.source}.{f.field} = {f.value}" for f in sentence.facts)
        if sentence.reframe:
            used += f"\n(says the capability beneath a private aim: {sentence.reframe.replace('_', ' ')})"
        table.add_row(str(number), sentence.role, escape(used.strip() or "(wording only)"))
    return table


def _reframes(console: Console, result: Composition) -> None:
    if not result.reframes:
        return
    console.print(Text("Private notes (never said; reframed truthfully)", style="bold"))
    for item in result.reframes:
        said = item.capability or "left out entirely"
        console.print(f"  • Note {item.note} — {item.kind_name}: say “{escape(said)}”")
        console.print(Text(f"    Why: {item.why}", style="dim"))


def _scorer_line(answer: Answer) -> str:
    score = answer.score
    return f"Scored with rubric {score.rubric} · scorer {score.scorer}." if score.rubric else ""


def register(app: typer.Typer) -> None:
    app.command("compose")(compose_command)
