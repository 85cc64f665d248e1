"""The calibration file: dimension-model coefficients, flag thresholds and shape rules.

Written by ``scripts/calibrate.py`` from the corpus's train split; read-only at run time.
"""

from __future__ import annotations

from functools import cache

from pydantic import Field

from aspira.knowledge.loader import DataFile, Strict, load_packaged


class DimensionModel(Strict):
    intercept: float
    weights: dict[str, float]


class ShapeRules(Strict):
    title_only_max_words: int = Field(ge=1)
    generic_min_hits: int = Field(ge=1)
    generic_min_share: float = Field(ge=0, le=1)
    over_planned_min_mentions: int = Field(ge=2)


class Calibration(DataFile):
    dimensions: dict[str, DimensionModel]
    flag_thresholds: dict[str, float]
    shape: ShapeRules
    fitted_on: str = ""


@cache
def calibration() -> Calibration:
    return load_packaged(Calibration, "knowledge", "data", "calibration.v1.json")
