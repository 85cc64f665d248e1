"""Career tracks as validated data: families, branches, stages and competency expectations.

Each profession is one data file, ``knowledge/tracks/<family>.yaml``, with the usual ``id``,
``version`` and ``sources``. A family holds a competency *catalogue* and one or more *branches*
(individual contributor, management, specialist); each branch is a ladder of *stages* ordered by
``level`` 1..n. A stage describes growth as scope, impact and influence rather than as a title,
and lists behaviourally described expectations (level 1–5) for at least five catalogue
competencies. ``lateral_moves`` connect stages across branches.

Every rule a plan relies on is checked here, when the file is loaded, so the planner can index
the data without defensive code: ids are unique (stage ids across the whole family), every
expectation names a catalogue competency, levels are contiguous, lateral moves point at real
stages, and a family has at least four stages. A broken file fails with the file and the field
named (through :func:`aspira.knowledge.loader.validate`).

``typical_years`` is the range of total years of professional experience typical of people at
the stage; the planner only uses it for a soft realism note.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from aspira.errors import DataError, NotFoundError
from aspira.knowledge.loader import DataFile, Strict, load_file, packaged_path

GrowthDimension = Literal["scope", "impact", "influence"]
BranchKind = Literal["ic", "management", "specialist"]

GROWTH_DIMENSIONS: tuple[GrowthDimension, ...] = ("scope", "impact", "influence")
MIN_FAMILY_STAGES = 4
MIN_EXPECTATIONS = 5
MIN_DIRECTION_WORDS = 8
Text = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Competency(Strict):
    """One entry of a family's competency catalogue."""

    id: Slug
    name: Text
    growth_dimension: GrowthDimension
    description: Text


class Expectation(Strict):
    """What a competency looks like at one stage: a level and the observable behaviour."""

    level: int = Field(ge=1, le=5)
    behaviour: Text


class Stage(Strict):
    """One step on a branch's ladder."""

    id: Slug
    name: Text
    level: int = Field(ge=1)
    typical_years: tuple[int, int]
    scope: Text
    impact: Text
    influence: Text
    growth_to_next: str = ""
    expectations: dict[str, Expectation] = Field(min_length=MIN_EXPECTATIONS)
    credentials: list[str] = Field(default_factory=list)
    example_directions: list[str] = Field(min_length=1)

    @field_validator("typical_years")
    @classmethod
    def _ordered_years(cls, value: tuple[int, int]) -> tuple[int, int]:
        low, high = value
        if low < 0 or high < low:
            raise ValueError(f"needs [low, high] with 0 <= low <= high, got [{low}, {high}]")
        return value

    @field_validator("example_directions")
    @classmethod
    def _directions_not_titles(cls, value: list[str]) -> list[str]:
        for text in value:
            if len(text.split()) < MIN_DIRECTION_WORDS:
                raise ValueError(
                    f"{text!r} reads like a title; describe the kind of work, the capability and "
                    f"the impact (at least {MIN_DIRECTION_WORDS} words)"
                )
        return value


class Branch(Strict):
    """A ladder within a family: individual contributor, management or specialist."""

    id: Slug
    kind: BranchKind
    name: Text
    stages: list[Stage] = Field(min_length=1)

    @model_validator(mode="after")
    def _contiguous_levels(self) -> Branch:
        levels = [stage.level for stage in self.stages]
        if levels != list(range(1, len(levels) + 1)):
            raise ValueError(
                f"branch {self.id!r}: stage levels must run 1..{len(levels)} in order, got {levels}"
            )
        for stage in self.stages[:-1]:
            if not stage.growth_to_next.strip():
                raise ValueError(
                    f"branch {self.id!r}: stage {stage.id!r} needs growth_to_next "
                    "(what growth looks like from it to the next stage)"
                )
        return self


class LateralMove(Strict):
    """A sideways move between stages of different branches."""

    from_: str = Field(alias="from")
    to: str
    note: Text


class TrackFamily(DataFile):
    """One profession: its competency catalogue, branches and lateral moves."""

    family: Slug
    name: Text
    summary: Text
    competencies: list[Competency] = Field(min_length=MIN_EXPECTATIONS)
    branches: list[Branch] = Field(min_length=1)
    lateral_moves: list[LateralMove] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> TrackFamily:
        if self.id != f"tracks.{self.family}":
            raise ValueError(f"id must be 'tracks.{self.family}', got {self.id!r}")
        _unique("competency", [c.id for c in self.competencies])
        _unique("branch", [b.id for b in self.branches])
        _unique("stage", [s.id for s in self.stages()])
        if len(self.stages()) < MIN_FAMILY_STAGES:
            raise ValueError(
                f"a family needs at least {MIN_FAMILY_STAGES} stages, has {len(self.stages())}"
            )
        self._check_expectations()
        self._check_moves()
        return self

    def _check_expectations(self) -> None:
        catalogue = {c.id for c in self.competencies}
        for stage in self.stages():
            unknown = sorted(set(stage.expectations) - catalogue)
            if unknown:
                raise ValueError(
                    f"stage {stage.id!r} expects competencies not in the catalogue: "
                    f"{', '.join(unknown)} (catalogue: {', '.join(sorted(catalogue))})"
                )

    def _check_moves(self) -> None:
        ids = {s.id for s in self.stages()}
        for move in self.lateral_moves:
            for end in (move.from_, move.to):
                if end not in ids:
                    raise ValueError(
                        f"lateral move {move.from_!r} -> {move.to!r}: no stage {end!r}"
                    )
            if move.from_ == move.to:
                raise ValueError(f"lateral move from {move.from_!r} to itself")

    # -- lookups used by the planner and the CLI ------------------------------------------------

    def stages(self) -> list[Stage]:
        """Every stage of the family, branch by branch, in ladder order."""
        return [stage for branch in self.branches for stage in branch.stages]

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id, or NotFoundError listing the family's stages."""
        for stage in self.stages():
            if stage.id == stage_id:
                return stage
        raise NotFoundError.unknown(f"{self.family} stage", stage_id, [s.id for s in self.stages()])

    def branch_of(self, stage_id: str) -> Branch:
        """The branch that holds a stage."""
        for branch in self.branches:
            if any(stage.id == stage_id for stage in branch.stages):
                return branch
        raise NotFoundError.unknown(f"{self.family} stage", stage_id, [s.id for s in self.stages()])

    def next_stage(self, stage_id: str) -> Stage | None:
        """The next stage up the same branch, or None at the top."""
        ladder = self.branch_of(stage_id).stages
        index = [s.id for s in ladder].index(stage_id)
        return ladder[index + 1] if index + 1 < len(ladder) else None

    def competency(self, competency_id: str) -> Competency:
        """The catalogue entry with this id, or NotFoundError listing the catalogue."""
        for comp in self.competencies:
            if comp.id == competency_id:
                return comp
        raise NotFoundError.unknown(
            f"{self.family} competency",
            competency_id,
            [c.id for c in self.competencies],
        )

    def moves_from(self, stage_id: str) -> Iterator[LateralMove]:
        """Lateral moves that start at a stage."""
        return (move for move in self.lateral_moves if move.from_ == stage_id)


def _unique(kind: str, ids: list[str]) -> None:
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"duplicate {kind} id(s): {', '.join(repeated)}")


def tracks_dir() -> Path:
    """Directory of the shipped track files."""
    return packaged_path("knowledge", "tracks")


def load_tracks_from(directory: Path) -> dict[str, TrackFamily]:
    """Load and validate every ``*.yaml`` family in a directory, keyed by family id."""
    return {path.stem: _load_family_file(path) for path in sorted(directory.glob("*.yaml"))}


def _load_family_file(path: Path) -> TrackFamily:
    family = load_file(TrackFamily, path)
    if family.family != path.stem:
        raise DataError(
            f"{path}: field 'family': {family.family!r} must match the file name ({path.stem!r})",
            details={"file": str(path)},
        )
    return family


def family_ids() -> list[str]:
    """Ids of the shipped families (file names), without parsing the files."""
    return sorted(path.stem for path in tracks_dir().glob("*.yaml"))


@cache
def _shipped_family(family_id: str) -> TrackFamily:
    return _load_family_file(tracks_dir() / f"{family_id}.yaml")


@cache
def load_tracks() -> dict[str, TrackFamily]:
    """Every shipped family, validated once per process."""
    return {family_id: _shipped_family(family_id) for family_id in family_ids()}


def get_family(family_id: str) -> TrackFamily:
    """A shipped family by id (only its file is read), or NotFoundError listing the families."""
    choices = family_ids()
    if family_id not in choices:
        raise NotFoundError.unknown("track family", family_id, choices)
    return _shipped_family(family_id)
