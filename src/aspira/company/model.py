"""The company-and-role context: the contract shared by extraction, scoring and the composer.

Everything extracted from a posting or an about page carries the sentence it came from
(``evidence``), so the user can check it and a score that uses it can point at it. A context is
plain, editable data: it round-trips through YAML in the company store, and a person may fix any
field by hand (``aspira company edit``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from aspira.knowledge.loader import Strict

Archetype = Literal[
    "innovative",  # creative, experimental, trend-setting, moves first
    "traditional",  # stable, established, process, security, long tenure
    "mission_driven",  # purpose or cause before profit (charity, public service, impact)
    "fast_growth",  # scale-up pace, ambiguity, wearing many hats
    "customer_centric",  # the customer or patient as the organising idea
    "collaborative",  # teamwork, consensus, cross-functional, people-first
]
ARCHETYPES: tuple[Archetype, ...] = (
    "innovative",
    "traditional",
    "mission_driven",
    "fast_growth",
    "customer_centric",
    "collaborative",
)

OfferKind = Literal["growth", "exposure", "skills"]
Seniority = Literal["entry", "mid", "senior", "lead", "executive"]


class Fact(Strict):
    """One extracted value and the source sentence that supports it."""

    value: str = Field(min_length=1)
    evidence: str = Field(min_length=1)


class ArchetypeScore(Strict):
    """A culture archetype with a 0–1 confidence and the sentences that suggest it."""

    id: Archetype
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[str] = Field(default_factory=list)


class Offer(Strict):
    """Something the role offers the person who takes it."""

    kind: OfferKind
    value: str = Field(min_length=1)
    evidence: str = Field(min_length=1)


class Company(Strict):
    """A company (and optionally one role there), as extracted and then possibly edited."""

    name: str = Field(min_length=1)
    mission: Fact | None = None
    values: list[Fact] = Field(default_factory=list)
    archetypes: list[ArchetypeScore] = Field(default_factory=list)  # most confident first
    role_title: Fact | None = None
    seniority: Seniority | None = None
    seniority_evidence: str | None = None
    offers: list[Offer] = Field(default_factory=list)
    text: str = ""  # the cleaned source text (HTML stripped), kept for meaning-based matching

    def primary_archetype(self) -> Archetype | None:
        """The most confident archetype, or None when none was found."""
        return self.archetypes[0].id if self.archetypes else None
