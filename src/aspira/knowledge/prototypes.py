"""Prototype banks: what each flag means, in many wordings, and what it does not.

``prototypes.v1.yaml`` holds, per flag, POSITIVE sentences (the flag's meaning said many ways)
and HARD-NEGATIVE sentences (innocent sentences that share its surface words: "I own the
onboarding process" for ``own_business``). A sentence of an answer is compared with both banks
by meaning; the evidence names the prototype it matched. The banks are data: adding a wording
is an edit here plus ``make calibrate``, never a code change.
"""

from __future__ import annotations

from functools import cache

from pydantic import Field, field_validator

from aspira.knowledge.loader import DataFile, Strict, load_packaged


class Bank(Strict):
    positive: list[str] = Field(min_length=5)
    negative: list[str] = Field(default_factory=list)

    @field_validator("positive", "negative")
    @classmethod
    def _clean(cls, value: list[str]) -> list[str]:
        out = [" ".join(s.split()) for s in value]
        if any(not s for s in out):
            raise ValueError("a prototype is empty")
        return out


class Prototypes(DataFile):
    flags: dict[str, Bank]


@cache
def prototypes() -> Prototypes:
    return load_packaged(Prototypes, "knowledge", "data", "prototypes.v1.yaml")
