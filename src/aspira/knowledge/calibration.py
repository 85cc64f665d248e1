"""The calibration file: dimension models, flag models and shape rules.

Written by ``scripts/calibrate.py`` from the corpus's train split; read-only at run time.
"""

from __future__ import annotations

from functools import cache

from pydantic import Field, field_validator

from aspira.knowledge.loader import DataFile, Strict, load_packaged


class DimensionModel(Strict):
    """A ridge model: named-feature weights plus weights on the answer's meaning vector."""

    intercept: float
    weights: dict[str, float]
    embedding: list[float] = Field(default_factory=list)


class LinearHead(Strict):
    """A linear score over a meaning vector: ``bias + weights · vector``."""

    bias: float
    weights: list[float]


class FlagModel(Strict):
    """One flag's decision.

    ``sentence`` scores each sentence's meaning vector and ``answer`` the whole answer's; the
    logistic ``weights`` then combine the best sentence score, the answer score, the pattern,
    guard and shape evidence, and the flag is raised when the probability reaches ``threshold``.
    """

    intercept: float
    weights: dict[str, float]
    threshold: float = Field(default=0.5, gt=0, lt=1)
    sentence: LinearHead | None = None
    answer: LinearHead | None = None


class OverallScale(Strict):
    """Where the rubric's weighted mean of the dimensions sits on the rating scale.

    The dimension models predict each dimension's level on its own; a rating-4 answer often has
    one thin dimension (no company tie, a short delivery), so the plain mean of its levels falls
    below the ``solid`` band its human rating implies. ``overall = offset + scale × mean``, fitted
    on the train split so the bands agree with the ratings, puts the mean on the rubric's scale;
    it is increasing, so it never changes which of two answers scores higher.
    """

    offset: float = Field(default=0.0, ge=-50, le=50)
    scale: float = Field(default=1.0, gt=0.5, lt=2.0)


class ShapeRules(Strict):
    title_only_max_words: int = Field(ge=1)
    generic_min_hits: int = Field(ge=1)
    generic_min_share: float = Field(ge=0, le=1)
    over_planned_min_mentions: int = Field(ge=2)


class Calibration(DataFile):
    dimensions: dict[str, DimensionModel]
    flags: dict[str, FlagModel]
    shape: ShapeRules
    overall: OverallScale = Field(default_factory=OverallScale)
    fitted_on: str = ""
    # the corpus splits the models were fitted on; never "test", which only measures
    fitted_splits: list[str] = Field(default_factory=lambda: ["train"])

    @field_validator("fitted_splits")
    @classmethod
    def _test_stays_unseen(cls, splits: list[str]) -> list[str]:
        if "test" in splits:
            raise ValueError("the test split never touches calibration; refit without it")
        return splits


@cache
def calibration() -> Calibration:
    return load_packaged(Calibration, "knowledge", "data", "calibration.v1.json")
