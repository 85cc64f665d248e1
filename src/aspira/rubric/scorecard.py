"""The result of scoring one answer. Its JSON form is the stable shape used by the CLI's
``--json``, ``aspira screen`` and the web API."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Span(Frozen):
    """Evidence: a character range ``[start, end)`` of the original answer, and its text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    why: str = ""


class DimensionScore(Frozen):
    id: str
    name: str
    score: int = Field(ge=0, le=100)
    level: int = Field(ge=1, le=5)
    anchor: str
    evidence: list[Span]
    how_to_raise: str


class FlagHit(Frozen):
    id: str
    name: str
    severity: Literal["minor", "major", "severe"]
    evidence: list[Span]
    matched: str
    why: str
    fix: str


class Suggestion(Frozen):
    dimension: str | None
    flag: str | None
    text: str
    gain: float


class Stats(Frozen):
    words: int
    sentences: int
    speaking_seconds: float
    fillers: int
    hedges: int


class HorizonInfo(Frozen):
    """The question variant asked and the horizon it implies; the horizons the answer states."""

    variant: str
    variant_confidence: float
    horizon: str
    expected_years: tuple[float, float]
    stated: list[Span]


class Scorecard(Frozen):
    rubric: str
    scorer: str
    overall: int = Field(ge=0, le=100)
    band: str
    dimensions: list[DimensionScore]
    flags: list[FlagHit]
    suggestions: list[Suggestion]
    stats: Stats
    question: HorizonInfo
    notes: list[str] = Field(default_factory=list)

    def dimension_scores(self) -> dict[str, int]:
        return {d.id: d.score for d in self.dimensions}

    def flag_ids(self) -> list[str]:
        return [f.id for f in self.flags]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self, *, indent: int | None = None) -> str:
        """Deterministic JSON: fixed key order from the model, no NaN, UTF-8 kept as is."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)
