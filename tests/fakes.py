"""A minimal, valid Scorecard for tests that plug a fake scorer into batch code."""

from __future__ import annotations

from collections.abc import Iterable

from aspira.rubric import DimensionScore, FlagHit, HorizonInfo, Scorecard, Stats, load_rubric


def make_card(overall: int, flags: Iterable[str] = (), direction: int = 3) -> Scorecard:
    """Every dimension scores ``overall`` at level 3 (``direction`` at the given level)."""
    rubric = load_rubric()
    return Scorecard(
        rubric=rubric.ref,
        scorer="fake",
        overall=overall,
        band=rubric.band_for(overall).id,
        dimensions=[
            DimensionScore(
                id=d.id,
                name=d.name,
                score=overall,
                level=direction if d.id == "direction" else 3,
                anchor="",
                evidence=[],
                how_to_raise="",
            )
            for d in rubric.dimensions
        ],
        flags=[
            FlagHit(id=f, name=f, severity="major", evidence=[], matched="", why="", fix="")
            for f in flags
        ],
        suggestions=[],
        stats=Stats(words=1, sentences=1, speaking_seconds=1.0, fillers=0, hedges=0),
        question=HorizonInfo(
            variant="general",
            variant_confidence=0.0,
            horizon="any",
            expected_years=(3, 10),
            stated=[],
        ),
    )
