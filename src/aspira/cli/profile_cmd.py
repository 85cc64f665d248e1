"""``aspira profile init|show|edit|import|export``: the saved profile the composer works from.

``init`` runs the guided discovery flow (:mod:`aspira.discovery`): who you are, the exploring
questions from the reference articles, two or three directions from the career-track data to
pick or rewrite, then why, the 3–5-year goal, the long-term aspiration and private notes. The
prompts read standard input, so the flow also runs from a script or a test. ``show`` masks
private notes unless ``--private``; ``edit`` opens the YAML in ``$VISUAL``/``$EDITOR`` (or
applies ``--set field=value``) and keeps the old profile when the edit does not validate;
``import`` and ``export`` move the plain YAML/JSON file in and out. Storage is
:mod:`aspira.profile_store`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from aspira.cli.editor import run_editor
from aspira.cli.state import print_json, use_json_errors
from aspira.discovery import (
    ABOUT_YOU,
    EXPLORE,
    PRIVATE_NOTICE,
    YOUR_AIM,
    Exploration,
    Question,
    draft_direction,
    draft_goal,
    find_family,
    parse_contribution,
    parse_growth,
    split_items,
    suggest_directions,
)
from aspira.envelope import ok
from aspira.errors import AspiraError, InputError
from aspira.knowledge.loader import read_user_mapping
from aspira.profile import Profile, load_profile, profile_from_mapping
from aspira.profile_store import (
    apply_settings,
    aspira_home,
    has_saved_profile,
    load_saved,
    masked_data,
    profile_data,
    save,
    serialise,
    to_yaml,
    write_atomic,
)

profile_app = typer.Typer(
    help="Your career profile: guided setup, show, edit, import and export.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
REJECTED_EDIT = "profile.rejected.yaml"


@profile_app.command("init")
def init_command(
    force: bool = typer.Option(False, "--force", help="Replace a saved profile without asking."),
) -> None:
    """Build your profile with the guided questions (management or craft? impact? skills?)."""
    replace = force or not has_saved_profile()
    if not replace and not typer.confirm("A profile is already saved. Replace it?", default=False):
        typer.echo("Kept the saved profile.")
        return
    answers = _ask_all(ABOUT_YOU)
    explored = _explore()
    energised = answers.get("energised_by", [])
    answers["energised_by"] = [*energised, *explored.trends]
    answers["direction"] = _choose_direction(answers, explored)
    typer.echo(PRIVATE_NOTICE)
    answers.update(_ask_all(YOUR_AIM, {"goal_3_5_years": draft_goal(explored)}))
    path = save(profile_from_mapping(_without_empty(answers), "your answers"))
    typer.echo(
        f"Saved your profile to {path}. Try `aspira compose --company-file FILE --question …`."
    )


@profile_app.command("show")
def show_command(
    as_json: bool = typer.Option(False, "--json", help="Print JSON in the standard envelope."),
    private: bool = typer.Option(False, "--private", help="Show private notes too."),
) -> None:
    """Show the saved profile (private notes hidden unless --private)."""
    use_json_errors(as_json)
    person = load_saved()
    data = profile_data(person) if private else masked_data(person)
    if as_json:
        print_json(ok(data))
        return
    table = Table("Field", "Value", title="Your profile", show_lines=True)
    for name, value in data.items():
        shown = "\n".join(f"• {v}" for v in value) if isinstance(value, list) else str(value)
        table.add_row(name, escape(shown))
    Console(highlight=False).print(table)
    if person.private_notes and not private:
        typer.echo("Private notes are hidden; add --private to see them.")


@profile_app.command("edit")
def edit_command(
    assignments: list[str] = typer.Option(
        [], "--set", help="field=value (lists: items separated by ';'; empty value clears)."
    ),
) -> None:
    """Edit the saved profile in $VISUAL/$EDITOR, or set fields with --set."""
    current = load_saved() if has_saved_profile() or not assignments else None
    edited = apply_settings(current, assignments) if assignments else _edit_in_editor(current)
    if edited is None or (current is not None and edited == current):
        typer.echo("No changes.")
        return
    typer.echo(f"Saved your profile to {save(edited)}.")


@profile_app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="A profile as YAML or JSON."),
) -> None:
    """Load a profile file and save it as your profile (replaces the saved one)."""
    person = load_profile(file)
    replaced = " (replacing the previous one)" if has_saved_profile() else ""
    typer.echo(f"Imported {file} and saved it to {save(person)}{replaced}.")


@profile_app.command("export")
def export_command(
    out: Path | None = typer.Option(None, "--out", "-o", help="Write here (.json for JSON)."),
) -> None:
    """Print the saved profile as YAML (or write it to --out). Includes private notes."""
    text = serialise(load_saved(), out)
    if out is None:
        typer.echo(text, nl=False)
        return
    write_atomic(out, text)
    typer.echo(f"Wrote your profile, private notes included, to {out}.", err=True)


# -- the guided flow -------------------------------------------------------------------------


def _ask(question: Question, default: str = "") -> str | list[str]:
    text = typer.prompt(
        question.prompt,
        default=None if question.required else default,
        show_default=bool(default),
    )
    text = str(text).strip()
    return split_items(text) if question.many else text


def _ask_all(
    questions: tuple[Question, ...], defaults: dict[str, str] | None = None
) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in questions:
        answers[question.key] = _ask(question, (defaults or {}).get(question.key, ""))
    years = answers.get("years_experience")
    if isinstance(years, str) and years:
        answers["years_experience"] = _years(years)
    return answers


def _years(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise InputError(
            f"Years of experience must be a number, such as 4 or 2.5, not {text!r}."
        ) from None


def _explore() -> Exploration:
    typer.echo("A few questions to find your direction.")
    raw = _ask_all(EXPLORE)
    return Exploration(
        contribution=parse_contribution(str(raw["contribution"])),
        impact=str(raw["impact"]),
        skills_to_build=list(raw["skills_to_build"]),
        trends=list(raw["trends"]),
        growth=parse_growth(str(raw["growth"])),
    )


def _choose_direction(answers: dict[str, Any], explored: Exploration) -> str:
    """Offer track directions to pick, then let the person rewrite the chosen one."""
    family = find_family(answers["current_role"], answers.get("field"))
    years = answers.get("years_experience")
    choices = suggest_directions(family, answers["current_role"], years, explored) if family else []
    draft = draft_direction(explored, answers.get("field"))
    if choices:
        typer.echo(f"Directions from the {family.name if family else ''} tracks that could fit:")
        for number, choice in enumerate(choices, 1):
            typer.echo(f"  {number}. {choice.text} ({choice.stage_name})")
        typer.echo(f"  {len(choices) + 1}. Your own words, starting from: {draft}")
        picked = typer.prompt("Pick a number", default="1")
        draft = _picked(picked, [c.text for c in choices], draft)
    typer.echo("Describe the kind of work, the capability and the impact, not only a title.")
    return str(typer.prompt("Your direction", default=draft)).strip()


def _picked(answer: str, texts: list[str], draft: str) -> str:
    answer = answer.strip()
    if answer.isdigit() and 1 <= int(answer) <= len(texts):
        return texts[int(answer) - 1]
    if answer.isdigit() and int(answer) == len(texts) + 1:
        return draft
    raise InputError(f"Pick a number from 1 to {len(texts) + 1}, not {answer!r}.")


def _without_empty(answers: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answers.items() if v not in ("", [], None)}


# -- editing in an editor ----------------------------------------------------------------------


def _edit_in_editor(current: Profile | None) -> Profile | None:
    if current is None:  # pragma: no cover - load_saved() raised already
        return None
    before = to_yaml(current)
    home = aspira_home()
    draft = home / f".profile.edit.{os.getpid()}.yaml"
    write_atomic(draft, before)
    try:
        run_editor(draft, "change fields with --set field=value")
        after = draft.read_text(encoding="utf-8")
        if after == before:
            return None
        return _validated(draft, home / REJECTED_EDIT)
    finally:
        draft.unlink(missing_ok=True)


def _validated(draft: Path, rejected: Path) -> Profile:
    try:
        return profile_from_mapping(read_user_mapping(draft, "Edited profile", ""), "your edit")
    except AspiraError as exc:
        write_atomic(rejected, draft.read_text(encoding="utf-8"))
        raise InputError(
            f"{exc.message}. Nothing was saved: your profile is unchanged. The edited text is "
            f"in {rejected}; fix it and load it with `aspira profile import {rejected}`.",
            details={**exc.details, "edited_copy": str(rejected)},
        ) from exc


def register(app: typer.Typer) -> None:
    app.add_typer(profile_app, name="profile")
