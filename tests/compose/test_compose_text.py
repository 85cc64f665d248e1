"""Shaping the person's words into sentence parts, without changing what they say."""

from __future__ import annotations

import pytest

from aspira.compose import text as tx
from aspira.compose.slots import (
    achievement_clause,
    as_verb_phrase,
    because,
    is_title_like,
    lower_role,
    strength_phrase,
    without_far_dates,
    work_phrases,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I want to move into analytics", "move into analytics"),
        ("Eventually, I'd like to lead a team", "lead a team"),
        ("My goal is to become a charge nurse.", "become a charge nurse"),
        ("Moving into people analytics", "move into people analytics"),
        ("Lead planning for a region", "lead planning for a region"),
        ("Lead engineer", "become a lead engineer"),
        ("Head of data", "become a head of data"),
        ("Editorial leadership for a brand", "move into editorial leadership for a brand"),
        ("People analytics", "move into people analytics"),
        ("Better care for older patients", "work toward better care for older patients"),
        # a field's name before a noun is an area, not an action ("to engineer leadership")
        ("Engineering leadership", "move into engineering leadership"),
        ("Marketing strategy for a charity", "move into marketing strategy for a charity"),
        ("Engineering the payments platform", "engineer the payments platform"),
        ("Leading operations for a region", "lead operations for a region"),
    ],
)
def test_verb_phrases(raw: str, expected: str) -> None:
    assert as_verb_phrase(tx.strip_framing(tx.first_sentence(raw))) == expected


@pytest.mark.parametrize(
    ("verb", "expected"),
    [
        ("run", "running"),
        ("make", "making"),
        ("lead", "leading"),
        ("plan", "planning"),
        ("design", "designing"),
        ("audit", "auditing"),
        ("see", "seeing"),
        ("tie", "tying"),
        ("fix", "fixing"),
    ],
)
def test_ing_forms(verb: str, expected: str) -> None:
    assert tx.ing_form(verb) == expected


@pytest.mark.parametrize(
    ("aim", "expected"),
    [
        (
            "become a librarian who runs reading groups for new parents",
            ["running reading groups for new parents", "running reading groups"],
        ),
        (
            "become a chartered engineer who designs flood-resilient drainage",
            ["designing flood-resilient drainage"],
        ),
        ("become the nurse that plans discharges", ["planning discharges"]),
        ("become a manager who is fair", []),
        ("become a manager who can coach", []),
        ("move into analytics", []),
    ],
)
def test_the_work_a_direction_names(aim: str, expected: list[str]) -> None:
    assert work_phrases(aim) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("because I enjoy data", "because I enjoy data"),
        ("Mentoring has become the best part", "because mentoring has become the best part"),
        ("to help more patients", "because I want to help more patients"),
        ("Passion for data", "because of my passion for data"),
    ],
)
def test_reasons(raw: str, expected: str) -> None:
    assert because(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Resolved a grievance without a hearing",
            ("I resolved a grievance without a hearing", True),
        ),
        ("Led the migration", ("I led the migration", True)),
        ("Broke a story that led to a review", ("I broke a story that led to a review", True)),
        ("Award for best newcomer", ("award for best newcomer", False)),
    ],
)
def test_achievements(raw: str, expected: tuple[str, bool]) -> None:
    assert achievement_clause(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Employee relations judgement", "employee relations judgement"),
        ("Good at explaining ideas", "knack for explaining ideas"),
        ("Spotting problems early", "knack for spotting problems early"),
        ("Unreal Engine", "Unreal Engine"),
        ("SQL", "SQL"),
    ],
)
def test_strengths(raw: str, expected: str) -> None:
    assert strength_phrase(raw) == expected


@pytest.mark.parametrize(
    ("phrase", "article"),
    [("HR generalist", "an"), ("engineer", "an"), ("UX researcher", "a"), ("nurse", "a")],
)
def test_articles(phrase: str, article: str) -> None:
    assert tx.article(phrase) == article


def test_roles_and_titles() -> None:
    assert lower_role("Senior Software Engineer") == "senior software engineer"
    assert lower_role("HR Business Partner") == "HR business partner"
    assert is_title_like("Staff engineer") and is_title_like("Become an engineering manager")
    assert not is_title_like("Lead the team that owns our data platform")


def test_far_dates_are_removed_from_aspirations() -> None:
    assert without_far_dates("Run a hospital by 2045") == ("Run a hospital", True)
    assert without_far_dates("Lead a school in twenty years") == ("Lead a school", True)
    assert without_far_dates("Lead a school") == ("Lead a school", False)


def test_voices() -> None:
    assert tx.company_voice("help our members protect their savings") == (
        "help your members protect their savings"
    )
    assert tx.candidate_voice("You'll own your own roadmap with our leaders") == (
        "You'll own my roadmap with your leaders"
    )


def test_trimming_keeps_whole_clauses() -> None:
    text, cut = tx.trim_words("one two three, four five six, seven eight", 6)
    assert (text, cut) == ("one two three, four five six", True)


@pytest.mark.parametrize(
    ("text", "own", "expected"),
    [
        ("a safe home and a fair start from the start", [], "start"),
        ("the next step I am working toward is to work toward editorial leadership", [], "toward"),
        ("Step by step, I intend to lead", [], None),
        ("I would bring my skills to your team and your mission", [], None),
        (
            "to lead stewardship so that patients get the right antibiotic for the right time",
            ["Lead stewardship so that patients get the right antibiotic for the right time"],
            None,
        ),
    ],
)
def test_a_word_said_twice_where_template_meets_fact(
    text: str, own: list[str], expected: str | None
) -> None:
    assert tx.near_repeat(text, own) == expected
