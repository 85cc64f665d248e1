"""Exports of the development plan: Markdown, DOCX, PDF and JSON.

All formats render one neutral document (:mod:`aspira.export.layout`), so they carry the same
content; only typography differs. Exports are deterministic: the caller passes the date, and
binary formats carry no wall-clock timestamps. The DOCX and PDF libraries are imported only
when those formats are asked for, so ``aspira plan`` in Markdown or JSON starts fast.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal

from aspira.envelope import dumps, ok
from aspira.errors import InputError
from aspira.export.layout import plan_document
from aspira.export.markdown import render_markdown
from aspira.plan import DevelopmentPlan

Format = Literal["md", "docx", "pdf", "json"]
FORMATS: tuple[Format, ...] = ("md", "docx", "pdf", "json")
BINARY_FORMATS = frozenset({"docx", "pdf"})


def to_markdown(plan: DevelopmentPlan, date: str | None = None) -> str:
    return render_markdown(plan_document(plan, date))


def to_docx(plan: DevelopmentPlan, date: str | None = None) -> bytes:
    from aspira.export.word import render_docx  # python-docx costs ~100 ms to import

    return render_docx(plan_document(plan, date), _stamp(date))


def to_pdf(plan: DevelopmentPlan, date: str | None = None) -> bytes:
    from aspira.export.pdf import render_pdf  # fpdf2 costs ~450 ms to import

    return render_pdf(plan_document(plan, date), _stamp(date))


def to_json(plan: DevelopmentPlan) -> str:
    """The plan in the CLI/API envelope ``{"ok": true, "data": …}``."""
    return dumps(ok(plan.model_dump(mode="json"))) + "\n"


def export_plan(plan: DevelopmentPlan, fmt: str, date: str | None = None) -> bytes:
    """The plan in any supported format, as bytes (text formats are UTF-8)."""
    if fmt == "md":
        return to_markdown(plan, date).encode("utf-8")
    if fmt == "json":
        return to_json(plan).encode("utf-8")
    if fmt == "docx":
        return to_docx(plan, date)
    if fmt == "pdf":
        return to_pdf(plan, date)
    raise InputError(f"Unknown format {fmt!r}. Choose one of: {', '.join(FORMATS)}.")


def _stamp(text: str | None) -> datetime | None:
    """The document date as a timestamp for file metadata, when it is an ISO date."""
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


__all__ = ["FORMATS", "export_plan", "to_docx", "to_json", "to_markdown", "to_pdf"]
