"""Properties: any text up to the size limit scores (or is refused with an InputError) without
crashing, scores stay in range, and the output is deterministic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aspira
from aspira.errors import InputError

WORDS = st.sampled_from(
    [
        "I",
        "want",
        "to",
        "lead",
        "a",
        "team",
        "in",
        "five",
        "years",
        "because",
        "I",
        "love",
        "data",
        "and",
        "your",
        "role",
        "would",
        "help",
        "me",
        "grow",
        "my",
        "own",
        "business",
        "leave",
        "money",
        "manager",
        "um",
        "like",
        "honestly",
        "never",
        "know",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_any_unicode_scores_or_is_refused(text: str) -> None:
    try:
        card = aspira.score(text)
    except InputError:
        return
    assert 0 <= card.overall <= 100
    assert all(0 <= d.score <= 100 and 1 <= d.level <= 5 for d in card.dimensions)
    for d in card.dimensions:
        for s in d.evidence:
            assert text[s.start : s.end] == s.text
    assert aspira.score(text).to_json() == card.to_json()


@settings(max_examples=100, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=120).map(" ".join))
def test_english_like_text_always_scores(text: str) -> None:
    card = aspira.score(text)
    assert card.band in {"strong", "solid", "needs_work", "weak"}
    assert card.to_json() == aspira.score(text).to_json()
