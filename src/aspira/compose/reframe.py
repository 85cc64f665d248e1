"""Truthful reframing of private aims.

A private note ("start a consultancy of my own in five years") is something the person does not
want said in an interview. :func:`classify_note` sorts it into a kind (own business, further
study, moving abroad, the interviewer's or manager's job, money, leaving soon, other) by the
patterns in ``knowledge/data/reframes.v1.yaml``; :func:`reframe_notes` maps each kind to the
truthful capability beneath it ("build deep expertise in <field> and lead initiatives end to
end"), filled from the profile's own field and skill, with the reason shown to the person.

The note's words never reach an answer: a :class:`Reframe` carries the note's number and kind,
not its text. The same patterns screen the profile's *public* fields (:func:`screen`) for the
kinds marked ``screen_public``, so a direction that reads "run my own agency" is not said
verbatim either.
"""

from __future__ import annotations

import re
import string
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from aspira.compose.text import first_sentence, lower_first, strip_framing
from aspira.knowledge.loader import DataFile, Strict, load_packaged
from aspira.profile import Profile

PLACEHOLDERS = frozenset({"field", "skill"})


class ReframeKind(Strict):
    """One kind of private aim: how to recognise it and what to say instead."""

    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    name: str = Field(min_length=1)
    screen_public: bool = False
    patterns: list[str]
    capability: str | None = None
    why: str = Field(min_length=1)

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"bad pattern {pattern!r}: {exc}") from exc
        return value

    @field_validator("capability")
    @classmethod
    def _known_placeholders(cls, value: str | None) -> str | None:
        if value is not None:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name}
            unknown = sorted(names - PLACEHOLDERS)
            if unknown:
                raise ValueError(
                    f"unknown placeholder(s) {', '.join(unknown)}; use {', '.join(sorted(PLACEHOLDERS))}"
                )
        return value


class ReframeData(DataFile):
    fallback: str
    kinds: list[ReframeKind] = Field(min_length=2)

    @model_validator(mode="after")
    def _fallback_last(self) -> ReframeData:
        ids = [k.id for k in self.kinds]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate kind ids in {ids}")
        if ids[-1] != self.fallback or self.kinds[-1].patterns:
            raise ValueError(
                f"the fallback kind {self.fallback!r} must come last, with no patterns"
            )
        return self


class Reframe(BaseModel):
    """One private note, reframed: its number (1-based), kind, what to say instead, and why."""

    model_config = ConfigDict(frozen=True)

    note: int
    kind: str
    kind_name: str
    capability: str | None
    why: str


@cache
def reframe_data() -> ReframeData:
    return load_packaged(ReframeData, "knowledge", "data", "reframes.v1.yaml")


@cache
def _compiled() -> tuple[tuple[ReframeKind, re.Pattern[str] | None], ...]:
    out = []
    for kind in reframe_data().kinds:
        joined = "|".join(f"(?:{p})" for p in kind.patterns)
        out.append((kind, re.compile(joined, re.IGNORECASE) if joined else None))
    return tuple(out)


def classify_note(note: str) -> ReframeKind:
    """The first kind whose patterns match the note, else the fallback kind."""
    for kind, pattern in _compiled():
        if pattern is not None and pattern.search(note):
            return kind
    return _compiled()[-1][0]


def screen(text: str) -> ReframeKind | None:
    """The public-screened kind a profile field reads as, or None when it is safe to say."""
    for kind, pattern in _compiled():
        if kind.screen_public and pattern is not None and pattern.search(text):
            return kind
    return None


FactSource = tuple[str, str]  # (profile field, its value) a filled-in capability relied on


def _skill(profile: Profile) -> tuple[str, FactSource] | None:
    for name in ("skills", "strengths"):
        for index, item in enumerate(getattr(profile, name)):
            if item.strip():
                text = lower_first(first_sentence(strip_framing(item)))
                return text, (f"{name}[{index}]", item)
    return None


def _field(profile: Profile) -> tuple[str, FactSource] | None:
    if profile.field and first_sentence(profile.field):
        return lower_first(first_sentence(profile.field)), ("field", profile.field)
    return None


def capability_for(kind: ReframeKind, profile: Profile) -> tuple[str, list[FactSource]] | None:
    """The kind's capability with the person's field and skill filled in, and the facts used.

    Without a field the skill stands in for it, and the reverse. With neither there is no
    capability to name (a vague "my area of work" would be empty PR), so the aim is left out.
    """
    if kind.capability is None:
        return None
    names = {name for _, name, _, _ in string.Formatter().parse(kind.capability) if name}
    field = _field(profile) or _skill(profile)
    skill = _skill(profile) or _field(profile)
    values: dict[str, str] = {}
    facts: list[FactSource] = []
    for name, found in (("field", field), ("skill", skill)):
        if name not in names:
            continue
        if found is None:
            return None
        values[name] = found[0]
        if found[1] not in facts:
            facts.append(found[1])
    return kind.capability.format(**values), facts


def reframe_notes(profile: Profile) -> list[Reframe]:
    """Each non-empty private note as a :class:`Reframe`, in the profile's order."""
    out = []
    for number, note in enumerate(profile.private_notes, 1):
        if not note.strip():
            continue
        kind = classify_note(note)
        out.append(
            Reframe(
                note=number,
                kind=kind.id,
                kind_name=kind.name,
                capability=_text(capability_for(kind, profile)),
                why=kind.why,
            )
        )
    return out


def _text(found: tuple[str, list[FactSource]] | None) -> str | None:
    return found[0] if found else None
