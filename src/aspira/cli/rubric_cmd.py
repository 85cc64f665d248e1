"""``aspira rubric``: print the rubric in full."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from aspira.cli.state import print_json, use_json_errors
from aspira.envelope import ok
from aspira.rubric import load_rubric
from aspira.rubric.docs import rubric_markdown


def rubric_command(
    as_json: bool = typer.Option(False, "--json", help="Print the rubric as JSON."),
    markdown: bool = typer.Option(False, "--markdown", help="Print the rubric as Markdown tables."),
) -> None:
    """Show the rubric aspirations.v1: dimensions with their anchored levels, flags and bands."""
    use_json_errors(as_json)
    rubric = load_rubric()
    if as_json:
        print_json(ok(rubric.model_dump(mode="json", by_alias=True)))
        return
    if markdown:
        typer.echo(rubric_markdown(rubric))
        return
    console = Console()
    for d in rubric.dimensions:
        table = Table(title=f"{d.name} ({d.id}) — {d.question}", expand=True, show_header=False)
        table.add_column("Level", justify="center", style="bold")
        table.add_column("Anchor", ratio=1)
        for level in range(1, 6):
            table.add_row(str(level), d.levels[level])
        table.add_row("↑", d.raise_, style="cyan")
        console.print(table)
    flags = Table(title="Red flags", expand=True)
    for col in ("Flag", "Severity", "Why it hurts", "How to fix"):
        flags.add_column(col)
    for f in rubric.flags:
        flags.add_row(f.id, f.severity, f.why, f.fix)
    console.print(flags)
    console.print(", ".join(f"{b.label} ≥ {b.min}" for b in rubric.bands) + f"  ·  {rubric.ref}")


def register(app: typer.Typer) -> None:
    app.command("rubric")(rubric_command)
