"""Rich rendering of a Scorecard: the answer with its evidence highlighted, then the rubric."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from aspira.rubric import Scorecard

BAND_STYLE = {"strong": "bold green", "solid": "green", "needs_work": "yellow", "weak": "bold red"}
SEVERITY_STYLE = {"severe": "bold red", "major": "red", "minor": "yellow"}


def highlighted_answer(answer: str, card: Scorecard) -> Text:
    """The answer with flag evidence in red and dimension evidence underlined."""
    text = Text(answer)
    for dim in card.dimensions:
        for span in dim.evidence:
            text.stylize("underline cyan", span.start, span.end)
    for flag in card.flags:
        for span in flag.evidence:
            text.stylize(f"{SEVERITY_STYLE[flag.severity]} reverse", span.start, span.end)
    return text


_LOWERS = " (lowers the score)"  # how a dimension's evidence says it counts against the answer


def _dimension_table(card: Scorecard) -> Table:
    table = Table(title="Dimensions", expand=True, show_lines=True)
    table.add_column("Dimension", style="bold", no_wrap=True)
    table.add_column("Score", justify="right")
    table.add_column("Level", justify="center")
    table.add_column("What it shows / how to raise it", ratio=1)
    for d in card.dimensions:
        lowers = [s for s in d.evidence if s.why.endswith(_LOWERS)]
        raises = [s for s in d.evidence if s not in lowers]
        evidence = "; ".join(f"“{s.text.strip()}”" for s in raises)
        against = "; ".join(f"“{s.text.strip()}” ({s.why.removesuffix(_LOWERS)})" for s in lowers)
        body = Text(d.anchor + "\n", style="dim")
        if evidence or not against:
            body.append(f"Evidence: {evidence or 'no evidence found'}\n")
        if against:
            body.append(f"Against it: {against}\n")
        body.append(f"→ {d.how_to_raise}", style="cyan")
        table.add_row(d.name, str(d.score), f"{d.level}/5", body)
    return table


def _flags(card: Scorecard) -> Group | Text:
    if not card.flags:
        return Text("No red flags.", style="green")
    parts = [Text("Red flags", style="bold")]
    for f in card.flags:
        quote = "; ".join(f"“{s.text.strip()}”" for s in f.evidence)
        line = Text(f"● {f.name} ({f.severity}) ", style=SEVERITY_STYLE[f.severity])
        line.append(f"{quote}\n  Why it hurts: {f.why}\n  Fix: {f.fix}", style="default")
        parts.append(line)
    return Group(*parts)


def render_scorecard(console: Console, answer: str, card: Scorecard) -> None:
    band = card.band.replace("_", " ")
    head = Text(f"Overall {card.overall}/100 — {band}", style=BAND_STYLE.get(card.band, "bold"))
    q = card.question
    head.append(
        f"\nQuestion: {q.variant.replace('_', ' ')} (horizon {q.horizon}, "
        f"{q.expected_years[0]:g}–{q.expected_years[1]:g} years)",
        style="dim",
    )
    console.print(Panel(highlighted_answer(answer, card), title="Your answer", expand=True))
    console.print(head)
    console.print(_dimension_table(card))
    console.print(_flags(card))
    if card.suggestions:
        console.print(Text("Top suggestions", style="bold"))
        for i, s in enumerate(card.suggestions, 1):
            console.print(f"  {i}. {s.text}")
    st = card.stats
    console.print(
        Text(
            f"{st.words} words · {st.sentences} sentences · about {st.speaking_seconds:.0f} s "
            f"spoken · {st.fillers} fillers · {st.hedges} hedges",
            style="dim",
        )
    )
    for note in card.notes:
        console.print(Text(note, style="yellow"))
    console.print(Text(f"Rubric {card.rubric} · scorer {card.scorer}", style="dim"))
