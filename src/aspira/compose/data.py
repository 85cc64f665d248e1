"""The composer's phrasing as validated data: ``knowledge/data/compose.v1.yaml``.

The file holds *templates*, not logic. A template is a sentence with slots (``{direction}``,
``{mission}``); the composer fills each slot from the profile or the company and records the
facts it used. Three kinds of slot exist:

* **fact slots** (:data:`FACT_SLOTS`), filled from the profile and the company by
  :mod:`aspira.compose.slots`;
* **register phrases**, one set per culture archetype (``registers``), so an innovative company
  hears energetic, experimental wording and a traditional one steady, measured wording; a
  register phrase may itself hold fact slots;
* **shared phrases** (``phrases``): glue such as "I want to" with alternatives, so a sentence
  can still be said when a private note happens to share its words;
* **horizon phrases**, one set per horizon class (``horizons``), so the timeline fits the
  question: the first year, the next few years, a longer arc, a decade.

A slot name ending in ``_lc`` takes the same phrase with its first letter lower-cased. Each
*part* lists alternative templates in order of preference: the composer uses the first one whose
slots can all be filled and whose words pass the privacy check. *Emphases* order the parts into
an answer. Every rule the composer relies on is checked at load time, naming the file and field.
"""

from __future__ import annotations

import string
from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from aspira.company.model import ARCHETYPES
from aspira.compose.model import Role
from aspira.knowledge.loader import DataFile, Strict, load_packaged

HorizonClass = Literal["first_year", "near", "long", "decade", "any"]
HORIZON_CLASSES: tuple[HorizonClass, ...] = ("first_year", "near", "long", "decade", "any")
DEFAULT_REGISTER = "default"
FACT_SLOTS = frozenset(
    {
        "direction",
        "why",
        "experience",
        "strengths",
        "skills",
        "learn",
        "achievement",
        "achievement_np",
        "energy",
        "energy_np",
        "goal",
        "goal_timed",
        "work",
        "aspiration",
        "reframe",
        "role",
        "position",
        "offer",
        "mission",
        "company",
    }
)
LOWER_SUFFIX = "_lc"


def slot_names(template: str) -> list[str]:
    """The slots a template uses, in order, with the ``_lc`` suffix removed."""
    names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    return [n[: -len(LOWER_SUFFIX)] if n.endswith(LOWER_SUFFIX) else n for n in names]


class PartSpec(Strict):
    """One sentence slot in an answer: its role and alternative templates."""

    role: Role
    optional: bool = False
    only_when_short: bool = False
    # Parts with a higher `fill` are written before the others (and said in their place), so
    # the facts they need most (what the person would bring) are not used up by an earlier
    # sentence; equal values keep the emphasis's order.
    fill: int = Field(default=0, ge=0)
    templates: list[str] = Field(default_factory=list)
    by_horizon: dict[HorizonClass, list[str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _has_templates(self) -> PartSpec:
        if not self.templates and not self.by_horizon:
            raise ValueError("a part needs templates or by_horizon templates")
        if self.by_horizon and set(self.by_horizon) != set(HORIZON_CLASSES):
            missing = sorted(set(HORIZON_CLASSES) - set(self.by_horizon))
            raise ValueError(f"by_horizon needs every horizon class; missing {missing}")
        return self

    def templates_for(self, horizon: HorizonClass) -> list[str]:
        return self.by_horizon.get(horizon, self.templates) if self.by_horizon else self.templates

    def all_templates(self) -> list[str]:
        return [t for ts in self.by_horizon.values() for t in ts] + self.templates


class RegisterSpec(Strict):
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    phrases: dict[str, list[str]]


class Emphasis(Strict):
    id: str
    name: str
    parts: list[str] = Field(min_length=3)


class ComposeData(DataFile):
    min_words: int = Field(ge=1)
    max_words: int = Field(ge=1)
    drop_order: list[str]
    shorten_before: list[str] = Field(default_factory=list)
    horizons: dict[HorizonClass, dict[str, list[str]]]
    phrases: dict[str, list[str]]
    registers: dict[str, RegisterSpec]
    parts: dict[str, PartSpec]
    emphases: list[Emphasis]
    main: str
    alternatives: list[list[str]] = Field(min_length=2, max_length=2)

    @model_validator(mode="after")
    def _consistent(self) -> ComposeData:
        _same_keys("horizons", {k: set(v) for k, v in self.horizons.items()}, HORIZON_CLASSES)
        expected = (DEFAULT_REGISTER, *ARCHETYPES)
        _same_keys("registers", {k: set(v.phrases) for k, v in self.registers.items()}, expected)
        emphases = {e.id for e in self.emphases}
        for emphasis in self.emphases:
            unknown = [p for p in emphasis.parts if p not in self.parts]
            if unknown:
                raise ValueError(f"emphasis {emphasis.id!r}: unknown part(s) {unknown}")
        for name in [self.main, *[e for alt in self.alternatives for e in alt]]:
            if name not in emphases:
                raise ValueError(f"unknown emphasis {name!r}; defined: {sorted(emphases)}")
        unknown_drops = [p for p in self.drop_order + self.shorten_before if p not in self.parts]
        if unknown_drops:
            raise ValueError(f"drop_order: unknown part(s) {unknown_drops}")
        self._check_slots()
        return self

    def _check_slots(self) -> None:
        register_keys = set(self.registers[DEFAULT_REGISTER].phrases)
        horizon_keys = set(self.horizons["near"])
        clashes = sorted((register_keys | horizon_keys | FACT_SLOTS) & set(self.phrases))
        if clashes:
            raise ValueError(f"phrases: {clashes} are already register, horizon or fact slots")
        known = FACT_SLOTS | register_keys | horizon_keys | set(self.phrases)
        texts = [(f"parts.{pid}", t) for pid, p in self.parts.items() for t in p.all_templates()]
        texts += [(f"phrases.{key}", t) for key, ts in self.phrases.items() for t in ts]
        texts += [
            (f"registers.{rid}.{key}", t)
            for rid, r in self.registers.items()
            for key, ts in r.phrases.items()
            for t in ts
        ]
        for where, text in texts:
            unknown = sorted(set(slot_names(text)) - known)
            if unknown:
                raise ValueError(f"{where}: unknown slot(s) {unknown} in {text!r}")

    def emphasis(self, emphasis_id: str) -> Emphasis:
        return next(e for e in self.emphases if e.id == emphasis_id)

    def register_for(self, archetype: str | None) -> tuple[str, RegisterSpec]:
        key = archetype if archetype in self.registers else DEFAULT_REGISTER
        return key, self.registers[key]


def _same_keys(where: str, groups: dict[str, set[str]], required: tuple[str, ...]) -> None:
    missing = [r for r in required if r not in groups]
    if missing:
        raise ValueError(f"{where}: missing {missing}")
    first = groups[required[0]]
    for key, names in groups.items():
        if names != first:
            raise ValueError(
                f"{where}.{key}: phrases {sorted(names)} differ from {required[0]}'s {sorted(first)}"
            )


@cache
def compose_data() -> ComposeData:
    return load_packaged(ComposeData, "knowledge", "data", "compose.v1.yaml")
