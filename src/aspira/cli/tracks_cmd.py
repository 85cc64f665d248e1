"""``aspira tracks list|show``: browse career families, their ladders and what growth looks like.

The commands only look data up and render it: the table layout is here, the knowledge is in
``knowledge/tracks/*.yaml``. ``--json`` prints the same data in the standard envelope, with the
family and stage models dumped as they are stored (``from`` keeps its data-file spelling).
"""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from aspira.cli.state import print_json, use_json_errors
from aspira.envelope import ok
from aspira.knowledge.tracks import Stage, TrackFamily, get_family, load_tracks

tracks_app = typer.Typer(
    help="Browse career tracks: families, branches, stages and what growth looks like.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
JSON_HELP = "Print JSON in the standard envelope."


@tracks_app.command("list")
def list_command(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """List the track families with their branch and stage counts."""
    use_json_errors(as_json)
    rows = [family_summary(f) for f in load_tracks().values()]
    if as_json:
        print_json(ok(rows))
        return
    table = Table("Family", "Name", "Branches", "Stages", title="Career track families")
    for row in rows:
        table.add_row(row["family"], escape(row["name"]), str(row["branches"]), str(row["stages"]))
    Console(highlight=False).print(table)


@tracks_app.command("show")
def show_command(
    family: str = typer.Argument(..., help="Family id, e.g. hr (see `aspira tracks list`)."),
    stage: str | None = typer.Option(None, "--stage", "-s", help="Show one stage in detail."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Show a family's ladders and how growth looks from each stage to the next."""
    use_json_errors(as_json)
    fam = get_family(family)
    if stage is not None:
        detail = fam.stage(stage)
        if as_json:
            print_json(ok(stage_detail(fam, detail)))
        else:
            _render_stage(Console(highlight=False), fam, detail)
    elif as_json:
        print_json(ok(fam.model_dump(mode="json", by_alias=True)))
    else:
        _render_family(Console(highlight=False), fam)


def family_summary(family: TrackFamily) -> dict[str, Any]:
    return {
        "family": family.family,
        "name": family.name,
        "branches": len(family.branches),
        "stages": len(family.stages()),
        "summary": family.summary,
    }


def stage_detail(family: TrackFamily, stage: Stage) -> dict[str, Any]:
    """A stage with its branch, next stage, competency names and lateral moves."""
    nxt = family.next_stage(stage.id)
    data = stage.model_dump(mode="json")
    data["family"] = family.family
    data["branch"] = family.branch_of(stage.id).id
    data["next_stage"] = nxt.id if nxt else None
    data["competencies"] = [
        {"id": c, "name": family.competency(c).name, **e.model_dump()}
        for c, e in stage.expectations.items()
    ]
    data["lateral_moves"] = [m.model_dump(by_alias=True) for m in family.moves_from(stage.id)]
    return data


def _render_family(console: Console, family: TrackFamily) -> None:
    console.print(f"[bold]{escape(family.name)}[/bold] ({family.family})")
    console.print(family.summary + "\n", markup=False)
    for branch in family.branches:
        table = Table("Lvl", "Stage", "Years", "What growth looks like on the way up", expand=True)
        table.title = escape(f"{branch.name} ({branch.kind})")
        for s in branch.stages:
            years = f"{s.typical_years[0]}-{s.typical_years[1]}"
            name = f"{escape(s.name)}\n[dim]{s.id}[/dim]"
            table.add_row(str(s.level), name, years, escape(s.growth_to_next))
        console.print(table)
    if family.lateral_moves:
        console.print("[bold]Lateral moves[/bold]")
        for move in family.lateral_moves:
            console.print(f"  {move.from_} -> {move.to}: {move.note}", markup=False)
    console.print(f"\nSources: {'; '.join(family.sources)}", style="dim", markup=False)


def _render_stage(console: Console, family: TrackFamily, stage: Stage) -> None:
    branch = family.branch_of(stage.id)
    nxt = family.next_stage(stage.id)
    years = f"{stage.typical_years[0]}-{stage.typical_years[1]}"
    console.print(
        f"[bold]{escape(stage.name)}[/bold] ({stage.id}), {escape(branch.name)}, "
        f"level {stage.level}"
    )
    console.print(f"Typical experience: {years} years\n")
    for label, text in (
        ("Scope", stage.scope),
        ("Impact", stage.impact),
        ("Influence", stage.influence),
    ):
        console.print(f"[bold]{label}:[/bold] {escape(text)}")
    if stage.growth_to_next:
        target = f" to {escape(nxt.name)}" if nxt else ""
        growth = escape(stage.growth_to_next)
        console.print(f"\n[bold]What growth looks like{target}:[/bold] {growth}")
    table = Table("Competency", "Dimension", "Level", "What it looks like", expand=True)
    for comp, exp in stage.expectations.items():
        entry = family.competency(comp)
        table.add_row(
            escape(entry.name), entry.growth_dimension, str(exp.level), escape(exp.behaviour)
        )
    console.print(table)
    _render_list(console, "Credentials", stage.credentials)
    _render_list(console, "Example directions", stage.example_directions)
    moves = [f"to {m.to}: {m.note}" for m in family.moves_from(stage.id)]
    _render_list(console, "Lateral moves", moves)


def _render_list(console: Console, title: str, items: list[str]) -> None:
    if items:
        console.print(f"[bold]{title}[/bold]")
        for item in items:
            console.print(f"  - {item}", markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(tracks_app, name="tracks")
