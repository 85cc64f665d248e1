from __future__ import annotations

import pytest

from aspira.analysis.horizon import detect_variant, time_mentions


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("in the next three to five years i want to lead", 3, 5),
        ("within two years i'd like to own the roadmap", 2, 2),
        ("by 2030 i hope to run the clinic's education programme", 4, 4),
        ("over the next decade i want to shape policy", 10, 10),
        ("in a couple of years i'll be mentoring others", 2, 2),
        ("five to ten years from now i see myself advising boards", 5, 10),
        ("in 18 months i want my cpa", 1.5, 1.5),
        ("my five-year plan is to specialise", 5, 5),
        ("in five years' time i'd like to lead a ward", 5, 5),
        ("next year i want to pass the exam", 1, 1),
    ],
)
def test_explicit_horizons(text: str, low: float, high: float) -> None:
    found = [m for m in time_mentions(text) if not m.vague]
    assert found, f"no horizon found in {text!r}"
    assert (found[0].low, found[0].high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    "text",
    ["eventually i'd like to teach", "long-term i want to advise", "one day i hope to lead"],
)
def test_vague_horizons(text: str) -> None:
    found = time_mentions(text)
    assert found and all(m.vague for m in found)


@pytest.mark.parametrize(
    "text",
    [
        "i have 5 years of experience in payroll",
        "over the last two years i led the audit",
        "i spent three years in retail",
        "i want to lead data teams",
    ],
)
def test_past_durations_are_not_goals(text: str) -> None:
    assert [m for m in time_mentions(text) if not m.vague] == []


@pytest.mark.parametrize(
    ("question", "variant"),
    [
        ("Where do you see yourself in five years?", "five_years"),
        ("Where do you see yourself in 5 yrs?", "five_years"),
        ("Where do you see yourself in ten years?", "ten_years"),
        ("Where do you see yourself five or ten years down the line?", "five_or_ten_years"),
        ("What are your long-term career goals?", "long_term_goals"),
        ("What are your career aspirations?", "aspirations"),
        ("What do you envision for yourself in the future?", "future"),
        ("So what's next for you, career-wise?", "future"),
        ("Tell me about yourself.", "general"),
        (None, "general"),
    ],
)
def test_question_variants(question: str | None, variant: str) -> None:
    assert detect_variant(question).variant.id == variant
