"""The rubric as validated data: dimensions with anchored levels, flags, bands and caps."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from aspira.errors import NotFoundError
from aspira.knowledge.loader import DataFile, Strict, load_file, load_packaged

Severity = Literal["minor", "major", "severe"]
DIMENSION_IDS = ("self_awareness", "direction", "fit", "timeline", "framing", "delivery")


class Band(Strict):
    id: str
    min: int = Field(ge=0, le=100)
    label: str


class Dimension(Strict):
    id: str
    name: str
    question: str
    weight: float = Field(gt=0)
    levels: dict[int, str]
    raise_: str = Field(alias="raise")

    @model_validator(mode="after")
    def _five_levels(self) -> Dimension:
        if sorted(self.levels) != [1, 2, 3, 4, 5]:
            raise ValueError(f"dimension {self.id!r} needs levels 1–5, has {sorted(self.levels)}")
        return self


class Flag(Strict):
    id: str
    name: str
    severity: Severity
    penalty: float = Field(ge=0, le=100)
    why: str
    fix: str
    requires_company: bool = False


class Caps(Strict):
    severe: int = Field(ge=0, le=100)
    major: int = Field(ge=0, le=100)


class Rubric(DataFile):
    title: str
    bands: list[Band] = Field(min_length=1)
    caps: Caps
    dimensions: list[Dimension]
    flags: list[Flag] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> Rubric:
        ids = tuple(d.id for d in self.dimensions)
        if ids != DIMENSION_IDS:
            raise ValueError(f"dimensions must be {list(DIMENSION_IDS)} in that order, got {ids}")
        flag_ids = [f.id for f in self.flags]
        if len(set(flag_ids)) != len(flag_ids):
            raise ValueError("flag ids must be unique")
        if [b.min for b in self.bands] != sorted((b.min for b in self.bands), reverse=True):
            raise ValueError("bands must be listed from the highest minimum to the lowest")
        if self.bands[-1].min != 0:
            raise ValueError("the last band must start at 0")
        return self

    @property
    def ref(self) -> str:
        """The id stored with every result, e.g. ``aspirations.v1``."""
        return f"{self.id}.v{self.version}"

    def band_for(self, overall: float) -> Band:
        return next(b for b in self.bands if overall >= b.min)

    def dimension(self, dim_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dim_id:
                return d
        raise NotFoundError.unknown("dimension", dim_id, (d.id for d in self.dimensions))

    def flag(self, flag_id: str) -> Flag:
        for f in self.flags:
            if f.id == flag_id:
                return f
        raise NotFoundError.unknown("flag", flag_id, (f.id for f in self.flags))


def load_rubric(path: Path | None = None) -> Rubric:
    """The shipped ``aspirations.v1`` rubric, or a rubric file of the user's."""
    if path is not None:
        return load_file(Rubric, path)
    return load_packaged(Rubric, "rubric", "aspirations.v1.yaml")
