"""The guided discovery flow's core: family matching, direction suggestions and drafts."""

from __future__ import annotations

import pytest

from aspira.discovery import (
    Exploration,
    current_stage,
    draft_direction,
    draft_goal,
    find_family,
    parse_contribution,
    parse_growth,
    split_items,
    suggest_directions,
)
from aspira.knowledge.tracks import get_family


@pytest.mark.parametrize(
    ("role", "field", "family"),
    [
        ("HR generalist", "human resources", "hr"),
        ("Senior software engineer", None, "software_engineering"),
        ("Charge nurse", "acute care", "nursing"),
        ("Account executive", "sales", "sales"),
        ("Astronaut", "space", None),
    ],
)
def test_family_is_found_from_role_and_field(
    role: str, field: str | None, family: str | None
) -> None:
    found = find_family(role, field)
    assert (found.family if found else None) == family


def test_current_stage_by_name_then_years() -> None:
    hr = get_family("hr")
    assert (current_stage(hr, "HR generalist", None) or hr.stages()[0]).id == "hr_generalist"
    stage = current_stage(hr, "People person", 1)
    assert stage is not None and stage.typical_years[0] <= 1 <= stage.typical_years[1]


def test_suggestions_are_distinct_directions_from_the_track() -> None:
    hr = get_family("hr")
    found = suggest_directions(hr, "HR generalist", 4, Exploration())
    assert 2 <= len(found) <= 3
    assert len({s.stage for s in found}) == len(found)
    texts = {d for s in hr.stages() for d in s.example_directions}
    assert all(s.text in texts for s in found)


def test_management_contribution_prefers_the_management_ladder() -> None:
    found = suggest_directions(
        get_family("software_engineering"),
        "Senior software engineer",
        7,
        Exploration(contribution="management"),
    )
    assert found and {s.branch for s in found} == {"management"}


def test_interests_rank_the_suggestions() -> None:
    hr = get_family("hr")
    plain = suggest_directions(hr, "HR generalist", 4, Exploration())
    data = suggest_directions(
        hr, "HR generalist", 4, Exploration(skills_to_build=["people analytics data"])
    )
    assert plain[0].stage == "hr_business_partner"  # the next step on the person's own ladder
    assert "head_of_people_analytics" not in {s.stage for s in plain}
    assert "head_of_people_analytics" in {s.stage for s in data}
    assert suggest_directions(hr, "HR generalist", 4, Exploration()) == plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("management", "management"),
        ("leading people", "management"),
        ("craft", "craft"),
        ("technical work", "craft"),
        ("not sure", "either"),
    ],
)
def test_parse_contribution(text: str, expected: str) -> None:
    assert parse_contribution(text) == expected


def test_parse_growth_and_items() -> None:
    assert parse_growth("Influence, mostly") == "influence"
    assert parse_growth("scope and impact") is None
    assert split_items(" a; ;b ;") == ["a", "b"]


def test_drafts_use_the_persons_answers() -> None:
    explored = Exploration(contribution="craft", impact="help patients recover faster")
    assert draft_direction(explored, "physiotherapy") == (
        "build deep expertise in physiotherapy and help patients recover faster"
    )
    clause = Exploration(contribution="management", impact="Teams ship without drama.")
    assert draft_direction(clause, None) == (
        "lead and develop a team in my field, so that teams ship without drama"
    )
    assert draft_goal(Exploration(skills_to_build=["SQL", "statistics"])) == (
        "build real depth in SQL and statistics"
    )
    assert draft_goal(Exploration()) == ""
