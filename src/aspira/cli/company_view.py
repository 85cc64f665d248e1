"""Rich rendering of a company context: every extracted fact beside the sentence it came from.

Page text is shown as plain text (never as Rich markup), so brackets or tags in a posting are
printed as they are.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from aspira.company import Company
from aspira.knowledge.company import culture


def _evidence(sentence: str) -> Text:
    return Text(f"    “{sentence}”\n", style="dim")


def _section(title: str) -> Text:
    return Text(f"\n{title}\n", style="bold")


def company_text(company: Company) -> Text:
    """The whole report as one Text: name, mission, values, culture, role, offers."""
    out = Text(company.name, style="bold cyan")
    out.append(_section("Mission"))
    if company.mission:
        out.append(f"  {company.mission.value}\n")
        out.append(_evidence(company.mission.evidence))
    else:
        out.append("  (none found: add one with --set mission=…)\n", style="yellow")
    out.append(_section("Values"))
    for fact in company.values:
        out.append(f"  • {fact.value}\n")
        out.append(_evidence(fact.evidence))
    if not company.values:
        out.append("  (none found)\n", style="yellow")
    out.append(_section("Culture"))
    for arch in company.archetypes:
        name = culture().archetypes[arch.id].name
        out.append(f"  {name} ({arch.id}) — confidence {arch.confidence:.2f}\n")
        for sentence in arch.evidence:
            out.append(_evidence(sentence))
    if not company.archetypes:
        out.append("  (no clear culture signals)\n", style="yellow")
    out.append(_role(company))
    return out


def _role(company: Company) -> Text:
    out = _section("Role")
    if company.role_title:
        out.append(f"  {company.role_title.value}\n")
        out.append(_evidence(company.role_title.evidence))
    else:
        out.append("  (no role title: this reads as a company page)\n", style="dim")
    if company.seniority:
        out.append(f"  Seniority: {company.seniority}\n")
        if company.seniority_evidence:
            out.append(_evidence(company.seniority_evidence))
    out.append(_section("What the role offers"))
    for offer in company.offers:
        out.append(f"  {offer.kind}: {offer.value}\n")
        out.append(_evidence(offer.evidence))
    if not company.offers:
        out.append("  (nothing found on growth, exposure or skills)\n", style="dim")
    return out


def render_company(console: Console, company: Company) -> None:
    console.print(company_text(company))
    console.print(Text(f"Source text kept: {len(company.text):,} characters.", style="dim"))


def render_list(console: Console, rows: list[dict[str, str | None]], folder: str) -> None:
    table = Table(title="Saved companies", caption=f"Files in {folder}")
    table.add_column("Name", no_wrap=True, style="bold")
    for column in ("Culture", "Role", "Seniority", "File"):
        table.add_column(column)
    for row in rows:
        cells = [row.get(k) or "—" for k in ("name", "culture", "role", "seniority")]
        table.add_row(*(Text(c) for c in cells), Text(Path(row.get("file") or "").name))
    console.print(table)
