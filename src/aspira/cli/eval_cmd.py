"""``aspira eval LABELLED``: agreement with human labels — see :mod:`aspira.evaluate`.

Prints a readable report, or with ``--json`` the envelope ``{"ok": true, "data": {...}}``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from aspira.envelope import dumps, ok
from aspira.evaluate import EvalReport, Metric, evaluate, report_dict


def register(app: typer.Typer) -> None:
    """Add ``aspira eval`` to the app."""
    app.command("eval")(eval_command)


def eval_command(
    labelled: Annotated[
        Path,
        typer.Argument(
            metavar="LABELLED", help="JSONL with answer and label good/bad and/or rating 1–5."
        ),
    ],
    split: Annotated[
        str | None, typer.Option("--split", help="Only answers of this split (e.g. test).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    show_misses: Annotated[
        int,
        typer.Option("--show-misses", help="List the N answers scored most wrongly."),
    ] = 0,
) -> None:
    """Compare Aspira's scores with human labels: AUROC, balanced accuracy, QWK, flags."""
    report = evaluate(labelled, split=split, misses=show_misses)
    if as_json:
        typer.echo(dumps(ok(report_dict(report))))
    else:
        render(Console(highlight=False), report)


def render(console: Console, report: EvalReport) -> None:
    """The readable report: headline metrics, dimensions, flags, bands, misses, problems."""
    split = f" (split {report.split})" if report.split else ""
    source = escape(report.source)
    console.print(f"[bold]{source}[/]{escape(split)}: {report.scored} of {report.rows} scored")
    console.print(f"Rubric {report.rubric} · scorer {report.scorer or 'n/a'}", markup=False)
    if report.in_sample:
        console.print(
            f"[yellow]The scorer was calibrated on the corpus's {report.split} split: if this "
            "file is that corpus, these answers were learnt from and the numbers flatter it. "
            "Measure on the test split.[/]"
        )
    console.print(_metrics_table(report))
    console.print(_dimensions_table(report))
    console.print(_flags_table(report))
    _render_confusion(console, report)
    _render_misses(console, report)
    _render_problems(console, report)


def _fmt(metric: Metric) -> tuple[str, str, str]:
    value = "—" if metric.value is None else f"{metric.value:.3f}"
    return value, str(metric.n), metric.reason or ""


def _metrics_table(report: EvalReport) -> Table:
    table = Table(title="Agreement with the labels")
    for column in ("Metric", "Value", "n", "Note"):
        table.add_column(column, justify="right" if column in ("Value", "n") else "left")
    rows = [
        ("AUROC good vs bad", report.auroc),
        ("  length-only baseline", report.length_auroc),
        ("AUROC, 20+ words", report.auroc_long),
        ("  length-only baseline", report.length_auroc_long),
        ("Balanced accuracy", report.balanced_accuracy),
        ("QWK on ratings", report.rating_qwk),
    ]
    for name, metric in rows:
        table.add_row(name, *_fmt(metric))
    return table


def _dimensions_table(report: EvalReport) -> Table:
    table = Table(title="Per-dimension QWK (labelled levels vs scored levels)")
    for column in ("Dimension", "QWK", "n", "Note"):
        table.add_column(column, justify="right" if column in ("QWK", "n") else "left")
    for dim, metric in report.dimension_qwk.items():
        table.add_row(dim, *_fmt(metric))
    return table


def _flags_table(report: EvalReport) -> Table:
    title = f"Flags ({report.flag_rows} answers with flag labels)"
    table = Table(title=title)
    for column in ("Flag", "Precision", "Recall", "F1", "Support", "Predicted"):
        table.add_column(column, justify="left" if column == "Flag" else "right")
    for f in report.flags:
        cells = [("—" if v is None else f"{v:.2f}") for v in (f.precision, f.recall, f.f1)]
        table.add_row(Text(f.flag), *cells, str(f.support), str(f.predicted))
    return table


def _render_confusion(console: Console, report: EvalReport) -> None:
    confusion = report.band_confusion
    if confusion is None:
        console.print("Band confusion: no ratings in the file.")
        return
    table = Table(title=f"Bands: rating-implied (rows) vs predicted (columns), n={confusion.n}")
    table.add_column("")
    for label in confusion.labels:
        table.add_column(label, justify="right")
    for label, counts in zip(confusion.labels, confusion.matrix, strict=True):
        table.add_row(label, *(str(c) for c in counts))
    console.print(table)


def _render_misses(console: Console, report: EvalReport) -> None:
    if not report.misses:
        return
    table = Table(title="Worst misses")
    for column in ("id", "label", "rating", "overall", "band", "answer"):
        table.add_column(column)
    for m in report.misses:
        label, rating = m.label or "", "" if m.rating is None else str(m.rating)
        table.add_row(Text(m.id), label, rating, str(m.overall), m.band, Text(m.excerpt))
    console.print(table)


def _render_problems(console: Console, report: EvalReport) -> None:
    if report.excluded:
        console.print(f"{report.excluded} answers of other splits left out.")
    for kind, problems in (("unreadable lines", report.bad_lines), ("refused", report.unscorable)):
        if problems:
            console.print(f"[yellow]{len(problems)} {kind}[/]:")
            for p in problems[:10]:
                console.print(f"  line {p.line} ({p.id or 'no id'}): {p.error}", markup=False)
