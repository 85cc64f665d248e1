"""What the composer returns: answers made of sentences, each with the facts it used.

The JSON form of :class:`Composition` is the stable shape of ``aspira compose --json``. Every
sentence names its role in the method (direction → why → connection → timeline → value) and the
profile or company facts it relied on, as field name and value, so the person can check that
nothing was invented. Private notes appear only as their number and kind (in ``reframes``),
never as text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Role = Literal["direction", "why", "connection", "timeline", "value"]
ROLES: tuple[Role, ...] = ("direction", "why", "connection", "timeline", "value")
FactSourceKind = Literal["profile", "company"]


class Part(BaseModel):
    model_config = ConfigDict(frozen=True)


class FactRef(Part):
    """One fact a sentence used: where it came from, the field (``skills[0]``) and its value."""

    source: FactSourceKind
    field: str
    value: str


class Sentence(Part):
    text: str
    role: Role
    part: str  # the template part it came from (e.g. "why.story")
    facts: list[FactRef]
    reframe: str | None = None  # the kind of private aim this sentence says truthfully instead
    # Facts (also in ``facts``) this sentence names again in part after another sentence said
    # them in full, such as the work inside the direction; they do not count as a second use.
    echoes: list[FactRef] = []


class ScoreSummary(Part):
    """The engine's verdict on one composed answer (``error`` when it could not be scored)."""

    overall: int | None
    band: str
    flags: list[str]
    rubric: str
    scorer: str
    error: str | None = None


class Answer(Part):
    emphasis: str
    emphasis_name: str
    text: str
    words: int
    sentences: list[Sentence]
    score: ScoreSummary


class ReframeNote(Part):
    """A private note reframed: its number and kind, what the answer may say instead, and why."""

    note: int
    kind: str
    kind_name: str
    capability: str | None
    why: str


class Composition(Part):
    """A main answer and two alternatives for one question, company and profile."""

    composer: str
    question: str | None
    variant: str
    horizon: str
    company: str | None
    archetype: str | None
    register_id: str
    register_name: str
    main: Answer
    alternatives: list[Answer]
    reframes: list[ReframeNote]
    advice: list[str]

    def answers(self) -> list[Answer]:
        return [self.main, *self.alternatives]
