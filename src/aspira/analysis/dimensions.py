"""Dimension scores: a linear model per dimension over the named features.

The coefficients are data (``knowledge/data/calibration.v1.json``), refitted by
``scripts/calibrate.py`` on the corpus's train split. A score is clipped to 0–100 and its level
is the fifth it falls in. Evidence is the spans of the dimension's own readings that moved the
score most (:data:`DIMENSION_EVIDENCE`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from aspira.analysis.features import Features, Span

LEVEL_EDGES = (20, 40, 60, 80)

_FEATURE_WHY = {
    "direction": "names the work or track",
    "capability": "names a capability to build",
    "impact": "names an impact",
    "self": "says why it is theirs",
    "fit": "ties it to this role",
    "contribute": "says what they would contribute",
    "positive": "positive framing",
    "negative": "negative wording",
    "money": "pay or perks",
    "title": "a job title",
    "generic": "a generic phrase",
    "uncertain": "uncertainty about the goal",
    "near_stated": "a near-term horizon",
    "long_stated": "a long-term horizon",
    "horizon_fit": "a horizon that fits the question",
    "vague_time": "a vague time word",
    "beyond": "open beyond the near term",
    "time_wide": "a rigid long plan",
    "specific_terms": "specific terms",
    "filler_rate": "a filler word",
    "hedge_rate": "a hedge",
}


# The readings whose words can stand as each dimension's evidence. Every model weighs every
# reading (a horizon also tells something about self-awareness, statistically), but only the
# words a dimension is about are shown as what earned it: self-awareness points at why the
# direction is theirs, not at "in three years". A dimension not listed may cite any reading.
DIMENSION_EVIDENCE: dict[str, frozenset[str]] = {
    "self_awareness": frozenset({"self", "capability", "uncertain", "generic"}),
    "direction": frozenset(
        {"direction", "capability", "impact", "title", "generic", "uncertain", "specific_terms"}
    ),
    "fit": frozenset({"fit", "contribute"}),
    "timeline": frozenset(
        {"near_stated", "long_stated", "horizon_fit", "vague_time", "beyond", "time_wide"}
    ),
    "framing": frozenset({"positive", "negative", "money", "contribute", "impact", "generic"}),
    "delivery": frozenset({"filler_rate", "hedge_rate", "generic"}),
}


# Readings that can only count against an answer, and readings that can only count for it. A
# model fitted on correlated readings sometimes gives one the other sign (positive words
# "lowering" framing, next to the contribution words that raise it); such a contribution still
# counts in the score but is not cited, since "positive framing lowers the score" would mislead.
_LOWERS = frozenset(
    {
        "negative",
        "money",
        "generic",
        "uncertain",
        "vague_time",
        "time_wide",
        "filler_rate",
        "hedge_rate",
    }
)
_RAISES = frozenset(_FEATURE_WHY) - _LOWERS - {"title"}


def _citable(name: str, contribution: float) -> bool:
    if name in _LOWERS:
        return contribution < 0
    if name in _RAISES:
        return contribution > 0
    return contribution != 0


def level_for(score: float) -> int:
    return 1 + sum(1 for edge in LEVEL_EDGES if score >= edge)


@dataclass(frozen=True)
class DimResult:
    score: int
    level: int
    evidence: list[tuple[Span, str]]


def score_dimension(
    features: Features,
    intercept: float,
    weights: dict[str, float],
    embedding: Sequence[float] = (),
    vector: npt.NDArray[np.float32] | None = None,
    cites: frozenset[str] | None = None,
) -> DimResult:
    """Intercept + named features + (when the model has them) weights on the meaning vector.

    Evidence comes from the named features only: they are the ones tied to words; with
    ``cites``, only from those (the dimension's own readings).
    """
    contributions = {
        name: w * features.values.get(name, 0.0) for name, w in sorted(weights.items())
    }
    meaning = 0.0
    if len(embedding) and vector is not None and len(vector) == len(embedding):
        meaning = float(np.dot(np.asarray(embedding, dtype=np.float64), vector.astype(np.float64)))
    raw = intercept + sum(contributions.values()) + meaning
    score = round(min(100.0, max(0.0, raw)))
    ranked = sorted(
        (
            c
            for c in contributions.items()
            if _citable(*c) and c[0] in features.evidence and (cites is None or c[0] in cites)
        ),
        key=lambda c: (-abs(c[1]), c[0]),
    )
    evidence: list[tuple[Span, str]] = []
    for name, contribution in ranked:
        why = _FEATURE_WHY.get(name, name.replace("_", " "))
        sign = "raises" if contribution > 0 else "lowers"
        for span in features.evidence[name][:2]:
            if all(span != e[0] for e in evidence):
                evidence.append((span, f"{why} ({sign} the score)"))
        if len(evidence) >= 3:
            break
    return DimResult(score, level_for(score), evidence[:3])
