"""The scoring pipeline (placeholder signature; the engine is being written)."""

from __future__ import annotations

from typing import Any

from aspira.errors import EmptyAnswerError
from aspira.rubric import DimensionScore, HorizonInfo, Scorecard, Stats, load_rubric


def score(
    answer: str, question: str | None = None, company: Any = None, profile: Any = None
) -> Scorecard:
    """Score one answer against the rubric ``aspirations.v1``."""
    if not answer or not answer.strip():
        raise EmptyAnswerError("The answer is empty: type or paste the answer you want scored.")
    rubric = load_rubric()
    dims = [
        DimensionScore(
            id=d.id, name=d.name, score=50, level=3, anchor=d.levels[3], evidence=[],
            how_to_raise=d.raise_,
        )
        for d in rubric.dimensions
    ]
    words = len(answer.split())
    return Scorecard(
        rubric=rubric.ref, scorer="placeholder", overall=50, band="needs_work", dimensions=dims,
        flags=[], suggestions=[],
        stats=Stats(words=words, sentences=1, speaking_seconds=words / 2.5, fillers=0, hedges=0),
        question=HorizonInfo(
            variant="general", variant_confidence=0.0, horizon="long", expected_years=(3, 10),
            stated=[],
        ),
    )
