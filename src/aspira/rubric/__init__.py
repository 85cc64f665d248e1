"""The rubric ``aspirations.v1``: the data file, its validated model, and the Scorecard types."""

from aspira.rubric.model import Band, Dimension, Flag, Rubric, load_rubric
from aspira.rubric.scorecard import (
    DimensionScore,
    FlagHit,
    HorizonInfo,
    Scorecard,
    Span,
    Stats,
    Suggestion,
)

__all__ = [
    "Band",
    "Dimension",
    "DimensionScore",
    "Flag",
    "FlagHit",
    "HorizonInfo",
    "Rubric",
    "Scorecard",
    "Span",
    "Stats",
    "Suggestion",
    "load_rubric",
]
