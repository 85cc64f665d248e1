"""What scoring with company context knows: ``context.v1.yaml``, validated on load.

Three parts: how the fit signal is built and blended (``fit``), mission themes with conflict and
aligned prototypes (``mission_conflict``), and clashing and fitting working styles per culture
archetype (``culture_mismatch``), plus the negation cues shared by both flags. Every regular
expression is compiled once per process; one that does not compile is a data error naming the
entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import Field, field_validator, model_validator

from aspira.company.model import ARCHETYPES, Archetype
from aspira.knowledge.loader import DataFile, Strict, compile_pattern, load_packaged

FILE = ("knowledge", "data", "context.v1.yaml")


def _clean(value: list[str]) -> list[str]:
    out = [" ".join(s.split()) for s in value]
    if any(not s for s in out):
        raise ValueError("an entry is empty")
    return out


class FitRules(Strict):
    floor: float = Field(ge=-1.0, lt=1.0)
    full: float = Field(gt=-1.0, le=1.0)
    meaning_points: float = Field(ge=0.0, le=100.0)
    name_points: float = Field(ge=0.0, le=100.0)
    role_points: float = Field(ge=0.0, le=100.0)
    conflict_cap: float = Field(ge=0.0, le=100.0)
    mismatch_penalty: float = Field(ge=0.0, le=100.0)
    blend: float = Field(ge=0.0, le=1.0)
    evidence_min: float = Field(ge=-1.0, le=1.0)

    @model_validator(mode="after")
    def _ordered(self) -> FitRules:
        if self.full <= self.floor:
            raise ValueError("fit.full must be above fit.floor")
        return self


class Theme(Strict):
    describe: list[str] = Field(min_length=1)
    cues: list[str] = Field(min_length=1)
    terms: str = Field(min_length=1)
    conflicts: list[str] = Field(min_length=3)
    aligned: list[str] = Field(min_length=3)

    @field_validator("describe", "conflicts", "aligned")
    @classmethod
    def _texts(cls, value: list[str]) -> list[str]:
        return _clean(value)


class MissionRules(Strict):
    theme_similarity: float = Field(ge=-1.0, le=1.0)
    threshold: float = Field(ge=-1.0, le=1.0)
    unanchored_threshold: float = Field(ge=-1.0, le=1.0)
    margin: float = Field(ge=0.0, le=2.0)
    themes: dict[str, Theme] = Field(min_length=1)


class Style(Strict):
    terms: str = Field(min_length=1)
    clashes: list[str] = Field(min_length=3)
    fits: list[str] = Field(min_length=3)

    @field_validator("clashes", "fits")
    @classmethod
    def _texts(cls, value: list[str]) -> list[str]:
        return _clean(value)


class CultureRules(Strict):
    min_confidence: float = Field(ge=0.0, le=1.0)
    threshold: float = Field(ge=-1.0, le=1.0)
    unanchored_threshold: float = Field(ge=-1.0, le=1.0)
    margin: float = Field(ge=0.0, le=2.0)
    archetypes: dict[Archetype, Style]

    @model_validator(mode="after")
    def _every_archetype(self) -> CultureRules:
        missing = [a for a in ARCHETYPES if a not in self.archetypes]
        if missing:
            raise ValueError(f"archetypes missing: {', '.join(missing)}")
        return self


class ContextData(DataFile):
    fit: FitRules
    negation: list[str] = Field(min_length=1)
    negation_after: list[str] = Field(default_factory=list)
    mission_conflict: MissionRules
    culture_mismatch: CultureRules


@dataclass(frozen=True)
class CompiledTheme:
    id: str
    cues: tuple[re.Pattern[str], ...]
    terms: re.Pattern[str]


@dataclass(frozen=True)
class CompiledContext:
    negation: tuple[re.Pattern[str], ...]
    negation_after: tuple[re.Pattern[str], ...]
    themes: tuple[CompiledTheme, ...]
    style_terms: dict[Archetype, re.Pattern[str]]


@cache
def context_data() -> ContextData:
    return load_packaged(ContextData, *FILE)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    return compile_pattern(pattern, f"{'/'.join(FILE)}: {where}")


@cache
def compiled_context() -> CompiledContext:
    data = context_data()
    negation = tuple(_compile(p, f"negation[{i}]") for i, p in enumerate(data.negation))
    after = tuple(_compile(p, f"negation_after[{i}]") for i, p in enumerate(data.negation_after))
    themes = tuple(
        CompiledTheme(
            id=tid,
            cues=tuple(
                _compile(p, f"mission_conflict.themes.{tid}.cues[{i}]")
                for i, p in enumerate(theme.cues)
            ),
            terms=_compile(theme.terms, f"mission_conflict.themes.{tid}.terms"),
        )
        for tid, theme in data.mission_conflict.themes.items()
    )
    styles = {
        aid: _compile(style.terms, f"culture_mismatch.archetypes.{aid}.terms")
        for aid, style in data.culture_mismatch.archetypes.items()
    }
    return CompiledContext(negation, after, themes, styles)
