"""The shared `background` guards: a goal flag's words in a clause about the speaker's past."""

from __future__ import annotations

import pytest

from aspira.analysis.flags import _past_spans
from aspira.analysis.text import normalise


def past(text: str) -> list[str]:
    norm = normalise(text)
    return [norm[a:b].strip() for a, b in _past_spans(norm)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a past verb runs to the clause's end
        (
            "I've spent four years in private practice, the last two in privacy.",
            ["i've spent four years in private practice"],
        ),
        ("We ran a small studio before I joined.", ["we ran a small studio", "i joined"]),
        # a conjunction or a word of wanting ends the clause: the plan after it is not the past
        (
            "I used to run a salon and want my own again.",
            ["i used to run a salon"],
        ),
        ("I've spent years dreaming of my own studio.", ["i've spent years"]),
    ],
)
def test_a_past_clause_ends_where_the_past_ends(text: str, expected: list[str]) -> None:
    assert past(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I've been building a product on the side.",  # ongoing, not the past
        "I was hoping to open my own studio.",
        "I want to open my own practice in five years.",
    ],
)
def test_ongoing_and_future_clauses_are_not_the_past(text: str) -> None:
    assert past(text) == []
