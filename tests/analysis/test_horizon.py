from __future__ import annotations

import pytest

from aspira.analysis.horizon import detect_variant, time_mentions, time_points


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
        ("by next summer i'd like to be running the stall", 1, 1),
        # a target age counts from the start of a working life (twenty)
        ("plant manager by 22", 2, 2),
        ("by twenty-five i want to be running the fund", 5, 5),
        ("i'd like to make partner by the time i'm thirty", 10, 10),
        ("before i turn 35 i want my own list", 15, 15),
        ("head of department by age 40, and i'll get there", 20, 20),
        ("by the end of five years i want to lead small projects", 5, 5),
        # "for" a duration ahead, even after a perfect earlier in the sentence
        ("i've decided to stay on the ward for the next two years", 2, 2),
        ("i'd like to do this for two years and then specialise", 2, 2),
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
        # a duration told in the perfect or the past is how long something has lasted
        "i've run the local campaigns solo for two years and want the research side",
        "i've been a sous chef at a busy brasserie for six years",
        "i was a theatre nurse for six years before moving to education",
        "i'd be learning from people who've done it for thirty years",
    ],
)
def test_past_durations_are_not_goals(text: str) -> None:
    assert [m for m in time_mentions(text) if not m.vague] == []


@pytest.mark.parametrize(
    "text",
    [
        "i want to grow the clinic's list by 25 and keep waiting times down",
        "we cut churn by 30% last year",
        "i'd like to expand the team by twenty, with two new leads",
        "by 25 people, the team needs a second manager",
        "by 12 i'd read every book in the library",  # a child's age is no target
    ],
)
def test_numbers_after_by_that_are_not_ages(text: str) -> None:
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


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("regional director by thirty-five. that's the target.", 1),
        ("chief exec by thirty. i'm twenty-four and it's my first job", 1),  # an age, no step
        ("at 27 a charge nurse, at 30 a ward manager, at 34 a matron", 3),
        ("years one to three in the classroom, four to six head of department", 2),
        ("senior pm next year, group pm the year after, director by year four", 3),
        ("performance marketing in my twenties, brand leadership in my thirties", 2),
        ("stage one is analyst, stage two is threat hunter", 2),
        ("five years: operations manager. ten: head of operations.", 2),
        ("i want to lead data teams", 0),
    ],
)
def test_time_points_count_the_steps_of_a_plan(text: str, points: int) -> None:
    assert time_points(text, time_mentions(text)) == points
