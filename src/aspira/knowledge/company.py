"""Loaders for what company extraction knows: culture lexicons and how postings are read.

Two data files: ``culture.v1.yaml`` (lexicon families per culture archetype) and
``postings.v1.yaml`` (section headings, mission and value cues, role nouns, seniority cues,
offer families). Both are validated on load; every regular expression is compiled once per
process, and one that does not compile is a data error naming the file and the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from aspira.company.model import ARCHETYPES, Archetype, OfferKind, Seniority
from aspira.errors import DataError
from aspira.knowledge.loader import (
    DataFile,
    Strict,
    compile_any,
    compile_pattern,
    load_packaged,
)

SectionKind = Literal[
    "noise", "apply", "offer", "requirements", "role", "mission", "values", "about", "other"
]


class Family(Strict):
    weight: float = Field(gt=0.0, le=3.0)
    patterns: list[str] = Field(min_length=1)


class ArchetypeLexicon(Strict):
    name: str = Field(min_length=1)
    families: dict[str, Family] = Field(min_length=1)


class Culture(DataFile):
    threshold: float = Field(ge=0.0, lt=1.0)
    scale: float = Field(gt=0.0)
    cap: int = Field(ge=1)
    section_factors: dict[SectionKind, float]
    guards: list[str]
    archetypes: dict[Archetype, ArchetypeLexicon]

    @model_validator(mode="after")
    def _every_archetype(self) -> Culture:
        missing = [a for a in ARCHETYPES if a not in self.archetypes]
        if missing:
            raise ValueError(f"archetypes missing: {', '.join(missing)}")
        return self


class SectionRule(Strict):
    kind: SectionKind
    patterns: list[str] = Field(min_length=1)


class MissionCues(Strict):
    strong: list[str] = Field(min_length=1)
    medium: list[str] = Field(min_length=1)


class ValueCues(Strict):
    sentences: list[str] = Field(min_length=1)
    drop_lead: str


class LevelCue(Strict):
    level: Seniority
    pattern: str


class YearsBand(Strict):
    level: Seniority
    min: int = Field(ge=0)
    max: int = Field(ge=0)


class SeniorityCues(Strict):
    title: list[LevelCue] = Field(min_length=1)
    text: list[LevelCue]
    years: list[YearsBand] = Field(min_length=1)


class Postings(DataFile):
    sections: list[SectionRule] = Field(min_length=1)
    mission: MissionCues
    values: ValueCues
    role_nouns: list[str] = Field(min_length=1)
    role_adjectives: list[str]
    seniority: SeniorityCues
    offers: dict[OfferKind, list[str]]


@cache
def culture() -> Culture:
    return load_packaged(Culture, "knowledge", "data", "culture.v1.yaml")


@cache
def postings() -> Postings:
    return load_packaged(Postings, "knowledge", "data", "postings.v1.yaml")


@dataclass(frozen=True)
class CompiledFamily:
    archetype: Archetype
    name: str
    weight: float
    pattern: re.Pattern[str]


@cache
def culture_families() -> tuple[CompiledFamily, ...]:
    """Every lexicon family, archetypes in their canonical order."""
    lex = culture().archetypes
    return tuple(
        CompiledFamily(
            a, name, fam.weight, compile_any(fam.patterns, f"culture.v1.yaml: {a}.{name}")
        )
        for a in ARCHETYPES
        for name, fam in lex[a].families.items()
    )


@cache
def culture_guard() -> re.Pattern[str] | None:
    guards = culture().guards
    return compile_any(guards, "culture.v1.yaml: guards") if guards else None


@cache
def section_rules() -> tuple[tuple[SectionKind, re.Pattern[str]], ...]:
    return tuple(
        (r.kind, compile_any(r.patterns, f"postings.v1.yaml: sections.{r.kind}"))
        for r in postings().sections
    )


@cache
def offer_patterns() -> tuple[tuple[OfferKind, re.Pattern[str]], ...]:
    order: tuple[OfferKind, ...] = ("growth", "exposure", "skills")
    offers = postings().offers
    return tuple(
        (k, compile_any(offers[k], f"postings.v1.yaml: offers.{k}")) for k in order if k in offers
    )


@cache
def seniority_patterns() -> tuple[tuple[tuple[Seniority, re.Pattern[str]], ...], ...]:
    """(title cues, text cues), each in file order."""
    cues = postings().seniority
    return tuple(
        tuple(
            (c.level, compile_pattern(c.pattern, f"postings.v1.yaml: seniority.{where}"))
            for c in cs
        )
        for where, cs in (("title", cues.title), ("text", cues.text))
    )


@cache
def mission_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    m = postings().mission
    return (
        compile_any(m.strong, "postings.v1.yaml: mission.strong"),
        compile_any(m.medium, "postings.v1.yaml: mission.medium"),
    )


@cache
def value_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the value-list sentence pattern, the droppable lead of a long value)."""
    v = postings().values
    listing = compile_any(v.sentences, "postings.v1.yaml: values.sentences")
    if "list" not in listing.groupindex:
        raise DataError("postings.v1.yaml: values.sentences: a pattern needs a group named 'list'")
    return listing, compile_pattern(v.drop_lead, "postings.v1.yaml: values.drop_lead")


@cache
def role_noun_pattern() -> re.Pattern[str]:
    nouns = sorted(postings().role_nouns, key=lambda n: (-len(n), n))
    return compile_pattern(
        r"\b(?:" + "|".join(re.escape(n) for n in nouns) + r")s?\b", "postings.v1.yaml: role_nouns"
    )


@cache
def role_adjectives() -> frozenset[str]:
    return frozenset(postings().role_adjectives)
