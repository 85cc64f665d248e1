"""``aspira plan``: the performance-review development plan, mirroring :func:`aspira.plan.build_plan`.

Stable contract: ``aspira plan --profile FILE --family F --target STAGE --ratings FILE
--format md|docx|pdf|json --out FILE`` runs without prompts. When an input is missing and stdin
is a terminal, the command asks for it (the profile's key fields, then one self-rating per
competency the target stage expects); without a terminal it stops with a usage error that says
which option to add. Markdown and JSON go to stdout without ``--out``; DOCX and PDF need a file.
The date printed on the document comes from ``--date`` (today by default): the core never reads
the clock.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer

from aspira.cli.state import use_json_errors
from aspira.errors import InputError
from aspira.export import BINARY_FORMATS, FORMATS, export_plan
from aspira.knowledge.tracks import TrackFamily, family_ids, get_family
from aspira.plan import build_plan, load_ratings
from aspira.profile import Profile, load_profile, profile_from_mapping

SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf", ".json": "json"}
PROMPTED_FIELDS = (
    ("current_role", "Your current role"),
    ("name", "Your name (blank to leave out)"),
    (
        "direction",
        "Your direction: the kind of work, capability and impact you are building toward",
    ),
    ("direction_why", "Why that direction"),
    ("goal_3_5_years", "Your goal for the next 3-5 years"),
    ("aspiration", "Your longer-term aspiration"),
)


def plan_command(
    profile: Path | None = typer.Option(None, "--profile", "-p", help="Profile YAML/JSON file."),
    family: str | None = typer.Option(None, "--family", "-f", help="Track family, e.g. hr."),
    target: str | None = typer.Option(None, "--target", "-t", help="Target stage id."),
    ratings: Path | None = typer.Option(
        None, "--ratings", "-r", help="YAML/JSON file: competency id -> self-rating 1-5."
    ),
    current: str | None = typer.Option(None, "--current", "-c", help="Current stage id."),
    fmt: str | None = typer.Option(
        None, "--format", help="md, docx, pdf or json (default: from --out, else md)."
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write to this file."),
    on: str | None = typer.Option(None, "--date", help="Date on the document (default today)."),
) -> None:
    """Build a 12-month development plan toward a target stage of a career track."""
    chosen = output_format(fmt, out)
    use_json_errors(chosen == "json")
    if chosen in BINARY_FORMATS and out is None:
        raise InputError(f"--format {chosen} writes a binary file: add --out plan.{chosen}.")
    person = load_profile(profile) if profile else _ask_profile()
    fam = get_family(family) if family else _ask_family()
    stage = fam.stage(target or _ask_stage(fam)).id
    scores = load_ratings(ratings) if ratings else _ask_ratings(fam, stage)
    plan = build_plan(person, fam, stage, scores, current_stage=current)
    data = export_plan(plan, chosen, on or date.today().isoformat())
    if out is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise InputError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    typer.echo(f"Wrote the {chosen} plan to {out}", err=True)


def output_format(fmt: str | None, out: Path | None) -> str:
    """The format asked for, else the one the --out suffix implies, else Markdown."""
    if fmt is None:
        return SUFFIX_FORMATS.get(out.suffix.lower(), "md") if out else "md"
    if fmt not in FORMATS:
        raise InputError(f"Unknown format {fmt!r}. Choose one of: {', '.join(FORMATS)}.")
    return fmt


def stdin_is_terminal() -> bool:
    """Whether a person can be asked (a separate function so tests can say yes)."""
    return sys.stdin.isatty()


def _interactive(option: str, what: str) -> None:
    if not stdin_is_terminal():
        raise InputError(
            f"Missing {option}: {what}. Add the option, or run in a terminal to be asked."
        )


def _ask_profile() -> Profile:
    _interactive("--profile FILE", "a YAML or JSON profile with at least current_role")
    answers: dict[str, Any] = {}
    for field, question in PROMPTED_FIELDS:
        required = field == "current_role"
        text = typer.prompt(question, default=None if required else "", show_default=False)
        if text.strip():
            answers[field] = text.strip()
    return profile_from_mapping(answers, "your answers")


def _ask_family() -> TrackFamily:
    choices = family_ids()
    _interactive("--family", f"one of {', '.join(choices)}")
    return get_family(typer.prompt(f"Track family ({', '.join(choices)})").strip())


def _ask_stage(family: TrackFamily) -> str:
    choices = [s.id for s in family.stages()]
    _interactive("--target STAGE", f"one of {', '.join(choices)}")
    return str(typer.prompt(f"Target stage ({', '.join(choices)})")).strip()


def _ask_ratings(family: TrackFamily, stage_id: str) -> dict[str, int]:
    stage = family.stage(stage_id)
    _interactive("--ratings FILE", "a YAML or JSON file mapping competency ids to 1-5")
    typer.echo(f"Rate yourself 1-5 on what {stage.name} expects (blank to skip).")
    ratings: dict[str, int] = {}
    for comp, expectation in stage.expectations.items():
        name = family.competency(comp).name
        answer = typer.prompt(
            f"{name} (expected {expectation.level})", default="", show_default=False
        ).strip()
        if answer:
            ratings[comp] = _rating(answer, name)
    return ratings


def _rating(answer: str, name: str) -> int:
    if answer not in {"1", "2", "3", "4", "5"}:
        raise InputError(
            f"The rating for {name} must be a whole number from 1 to 5, not {answer!r}."
        )
    return int(answer)


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_command)
