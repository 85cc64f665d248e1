"""Reframing private aims: every kind has examples, hard negatives stay out, the data file is
validated, and the capability is filled from the person's own field and skill."""

from __future__ import annotations

from pathlib import Path

import pytest

from aspira.compose.reframe import (
    ReframeData,
    capability_for,
    classify_note,
    reframe_data,
    reframe_notes,
    screen,
)
from aspira.errors import DataError
from aspira.knowledge.loader import load_file, packaged_path
from aspira.profile import Profile

EXAMPLES = {
    "own_business": [
        "Start my own consultancy once I have a few clients",
        "Open a bakery of my own one day",
        "Go freelance as a copywriter",
        "Learn the trade here and then launch a competing agency",
        "Be my own boss by forty",
        "run my own small digital agency",
    ],
    "interviewers_job": [
        "Honestly I want my manager's job",
        "Replace the head of department when she retires",
        "Sit in your chair one day",
    ],
    "money": [
        "The salary jump is the real reason",
        "Earn six figures before thirty",
        "Get a bigger title and a bonus",
        "Make more than my friends",
    ],
    "further_study": [
        "Do a part-time master's in data science",
        "Go back to university for a PhD",
        "Apply to medical school next year",
        "Finish my MBA",
    ],
    "moving_abroad": [
        "Move to Canada with my family in two years",
        "Relocate overseas when my visa comes through",
        "Might move to Lisbon with my partner",
        "Head back home to be near my parents",
    ],
    "leaving_soon": [
        "Stay a year, then move on",
        "This is a stepping stone",
        "Quit after the busy season",
        "Only staying here eighteen months",
    ],
    "other": [
        "I find the commute tiring",
        "Write a book about leadership",
        "Learn to sail",
    ],
}
PUBLIC_HARD_NEGATIVES = [
    "Own the onboarding process end to end",
    "Lead the pay equity analysis for the whole company",
    "Run my own caseload of employment matters",
    "Leave a lasting mark on how the hospital trains nurses",
    "Move into engineering management",
    "Build a mentoring programme for new starters",
    "Earn my CIPD level 7 qualification",
]


@pytest.mark.parametrize(
    ("kind", "note"), [(k, n) for k, notes in EXAMPLES.items() for n in notes], ids=str
)
def test_notes_are_classified(kind: str, note: str) -> None:
    assert classify_note(note).id == kind, f"expected {kind} for {note!r}"


def test_every_kind_has_examples() -> None:
    assert {k.id for k in reframe_data().kinds} == set(EXAMPLES)


@pytest.mark.parametrize("text", PUBLIC_HARD_NEGATIVES)
def test_innocent_public_fields_are_not_screened(text: str) -> None:
    assert screen(text) is None, f"{text!r} read as {screen(text)}"


@pytest.mark.parametrize(
    "text", ["start my own digital agency", "I want your job", "a bigger salary", "then move on"]
)
def test_risky_public_fields_are_screened(text: str) -> None:
    assert screen(text) is not None


def test_capability_uses_the_persons_field_and_skill() -> None:
    person = Profile(current_role="Data engineer", field="data engineering", skills=["Spark"])
    own = next(k for k in reframe_data().kinds if k.id == "own_business")
    study = next(k for k in reframe_data().kinds if k.id == "further_study")
    text, facts = capability_for(own, person) or ("", [])
    assert text == "build deep expertise in data engineering and lead initiatives end to end"
    assert facts == [("field", "data engineering")]
    text, facts = capability_for(study, person) or ("", [])
    assert "expertise in spark" in text.lower() and facts == [("skills[0]", "Spark")]


def test_no_capability_without_field_or_skill() -> None:
    own = next(k for k in reframe_data().kinds if k.id == "own_business")
    assert capability_for(own, Profile(current_role="Nurse")) is None


def test_reframe_notes_hide_the_note_text() -> None:
    person = Profile(
        current_role="Chef",
        field="professional kitchens",
        private_notes=["Open my own restaurant in five years", "", "Learn to sail"],
    )
    reframes = reframe_notes(person)
    assert [(r.note, r.kind) for r in reframes] == [(1, "own_business"), (3, "other")]
    dumped = " ".join(r.model_dump_json() for r in reframes)
    assert "restaurant" not in dumped and "sail" not in dumped
    assert reframes[1].capability is None and reframes[0].why


def test_bad_pattern_names_the_file_and_field(tmp_path: Path) -> None:
    text = packaged_path("knowledge", "data", "reframes.v1.yaml").read_text("utf-8")
    broken = tmp_path / "reframes.v1.yaml"
    broken.write_text(text.replace("'\\bspin (out|off)\\b", "'\\bspin (out|off", 1), "utf-8")
    with pytest.raises(DataError, match=r"reframes\.v1\.yaml.*kinds\.0\.patterns"):
        load_file(ReframeData, broken)


def test_unknown_placeholder_is_a_data_error(tmp_path: Path) -> None:
    text = packaged_path("knowledge", "data", "reframes.v1.yaml").read_text("utf-8")
    broken = tmp_path / "reframes.v1.yaml"
    broken.write_text(text.replace("expertise in {field}", "expertise in {domain}", 1), "utf-8")
    with pytest.raises(DataError, match="domain"):
        load_file(ReframeData, broken)
