"""Exports: the same plan in Markdown, DOCX and PDF, with both tables and every section."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from aspira.errors import InputError
from aspira.export import export_plan, to_docx, to_json, to_markdown, to_pdf
from aspira.export.layout import ACTION_HEADERS, GAP_HEADERS, SECTION_TITLES
from aspira.export.pdf import latin1
from aspira.plan import DevelopmentPlan, build_plan
from aspira.profile import Profile

DATE = "2025-03-14"
RATINGS = {
    "business_partnering": 2,
    "workforce_planning": 1,
    "organisation_design": 2,
    "performance_talent": 3,
    "employee_relations": 4,
}


@pytest.fixture(scope="module")
def plan() -> DevelopmentPlan:
    person = Profile(
        name="Zoë Łukasiewicz-Muñoz",
        current_role="HR generalist",
        years_experience=4,
        direction="Move from casework into “strategic” partnering – workforce planning and design",
        goal_3_5_years="HR business partner for a 300-person area within three years",
        aspiration="Eventually shape the culture of a whole organisation … 人事",
    )
    return build_plan(person, "hr", "hr_business_partner", RATINGS, current_stage="hr_generalist")


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_markdown_has_title_block_sections_and_both_tables(plan: DevelopmentPlan) -> None:
    text = to_markdown(plan, DATE)
    assert text.startswith("# Development plan")
    assert "**Name:** Zoë Łukasiewicz-Muñoz" in text and f"**Date:** {DATE}" in text
    for title in SECTION_TITLES:
        assert f"## {title}" in text
    assert "| " + " | ".join(GAP_HEADERS) + " |" in text
    assert "| " + " | ".join(ACTION_HEADERS) + " |" in text
    assert "| Workforce planning | Impact | 1 | 3 | +2 |" in text


def test_docx_opens_and_holds_both_tables(plan: DevelopmentPlan) -> None:
    doc = Document(io.BytesIO(to_docx(plan, DATE)))
    tables = {tuple(c.text for c in t.rows[0].cells): t for t in doc.tables}
    assert set(tables) == {GAP_HEADERS, ACTION_HEADERS}
    assert len(tables[GAP_HEADERS].rows) == len(plan.gaps) + 1
    assert len(tables[ACTION_HEADERS].rows) == len(plan.actions) + 1
    assert tables[ACTION_HEADERS].rows[1].cells[3].text == "Q1 to Q3"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Zoë Łukasiewicz-Muñoz" in text and DATE in text and "HR business partner" in text
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h in SECTION_TITLES] == list(SECTION_TITLES)


def test_pdf_text_holds_the_sections_and_table_headers(plan: DevelopmentPlan) -> None:
    data = to_pdf(plan, DATE)
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    for expected in (*SECTION_TITLES, "Development plan", DATE, "Measurable outcome", "Who helps"):
        assert expected in text, expected
    assert "Zoë Lukasiewicz-Muñoz" in text  # Latin-1 kept, the Polish Ł folded


def test_binary_exports_are_byte_for_byte_deterministic(plan: DevelopmentPlan) -> None:
    assert to_docx(plan, DATE) == to_docx(plan, DATE)
    assert to_pdf(plan, DATE) == to_pdf(plan, DATE)
    assert to_pdf(plan, DATE) != to_pdf(plan, "2025-03-15")


def test_json_uses_the_envelope(plan: DevelopmentPlan) -> None:
    payload = json.loads(to_json(plan))
    assert payload["ok"] is True
    assert payload["data"]["target_stage"] == "hr_business_partner"
    assert len(payload["data"]["actions"]) == len(plan.actions)


def test_export_plan_dispatches_and_refuses_unknown_formats(plan: DevelopmentPlan) -> None:
    assert export_plan(plan, "md", DATE).startswith(b"# Development plan")
    assert export_plan(plan, "pdf").startswith(b"%PDF")
    with pytest.raises(InputError, match="md, docx, pdf, json"):
        export_plan(plan, "odt")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("“quoted” ‘single’", "\"quoted\" 'single'"),
        ("3–5 years — more…", "3-5 years - more..."),
        ("José Müller", "José Müller"),
        ("Łukasz Świątek", "Lukasz Swiatek"),
        ("≥ 4 → done", ">= 4 -> done"),
        ("人事", "??"),
    ],
)
def test_latin1_normalises_what_core_fonts_cannot_show(raw: str, shown: str) -> None:
    assert latin1(raw) == shown
    latin1(raw).encode("latin-1")


@settings(max_examples=15, deadline=None)
@given(name=st.text(max_size=40), direction=st.text(max_size=200))
def test_any_unicode_in_the_profile_exports_to_pdf_and_docx(name: str, direction: str) -> None:
    person = Profile(name=name or None, current_role="Nurse", direction=direction or None)
    plan = build_plan(person, "hr", "hr_generalist", {"employee_relations": 2})
    assert to_pdf(plan, DATE).startswith(b"%PDF")
    assert to_docx(plan, DATE)[:2] == b"PK"
