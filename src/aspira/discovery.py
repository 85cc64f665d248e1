"""The guided discovery flow behind ``aspira profile init``: questions, and directions to pick.

The flow asks who the person is (role, field, years, strengths, skills, achievements, what
energises them), then the questions from the reference articles that help find a direction:
people leadership or creative/technical contribution? what impact? which skills to build?
which trends in the field? which growth dimension (scope, impact or influence) matters most?
Then it suggests two or three concrete directions from the career-track data for the person's
family, which they pick or rewrite, and asks why, the 3–5-year goal, the long-term aspiration
and private notes.

Everything here is plain data and pure functions, so the CLI only prompts and the web app can
reuse the same questions. The answers to the exploring questions are not profile fields (the
profile's field names are fixed); they shape the suggestions and the drafts offered as
defaults: the impact becomes the "so that" of a drafted direction, the skills to build become
a drafted 3–5-year goal, and the trends that excite the person join ``energised_by``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from aspira.compose.text import lower_first, strip_framing, verb_phrase
from aspira.knowledge.tracks import (
    GROWTH_DIMENSIONS,
    BranchKind,
    GrowthDimension,
    Stage,
    TrackFamily,
    family_ids,
    get_family,
)

Contribution = Literal["management", "craft", "either"]
MAX_SUGGESTIONS = 3
PRIVATE_NOTICE = (
    "Private notes are for aims you would not say in an interview (for example a plan to start "
    "your own business, to study, or to move abroad). They are never shown in any answer: the "
    "composer only uses them to find the truthful capability beneath them, and checks that no "
    "three words in a row from a note appear in what it writes."
)


@dataclass(frozen=True)
class Question:
    """One prompt of the flow: which profile field (or exploring answer) it fills, and how."""

    key: str
    prompt: str
    many: bool = False  # items separated by ";"
    required: bool = False


ABOUT_YOU = (
    Question("current_role", "Your current role", required=True),
    Question("field", "Your field of work (e.g. human resources, nursing, data)"),
    Question("years_experience", "Years of professional experience"),
    Question("strengths", "Your strengths, separated by ';'", many=True),
    Question("skills", "Your skills, separated by ';'", many=True),
    Question(
        "achievements", "One or two achievements you are proud of, separated by ';'", many=True
    ),
    Question("energised_by", "What energises you at work? Separate items by ';'", many=True),
)
EXPLORE = (
    Question(
        "contribution",
        "Do you see yourself leading people (management), or contributing through creative or "
        "technical work (craft)? Answer management, craft or either",
    ),
    Question("impact", "What impact do you want your work to have?"),
    Question("skills_to_build", "Which skills do you want to build? Separate by ';'", many=True),
    Question("trends", "Which trends in your field excite you? Separate by ';'", many=True),
    Question(
        "growth",
        "Which growth dimension matters most to you: scope (more to own), impact (bigger "
        "results) or influence (shaping decisions)?",
    ),
)
YOUR_AIM = (
    Question("direction_why", "Why that direction? (what in your experience points there)"),
    Question("goal_3_5_years", "Your goal for the next 3-5 years"),
    Question("aspiration", "Your long-term aspiration (10+ years, can be open)"),
    Question(
        "private_notes", "Private notes, separated by ';' (never shown in any answer)", many=True
    ),
)


@dataclass
class Exploration:
    """Answers to the exploring questions (not profile fields)."""

    contribution: Contribution = "either"
    impact: str = ""
    skills_to_build: list[str] = field(default_factory=list)
    trends: list[str] = field(default_factory=list)
    growth: GrowthDimension | None = None


@dataclass(frozen=True)
class Suggestion:
    """A direction from the track data, with where it comes from."""

    text: str
    family: str
    stage: str
    stage_name: str
    branch: BranchKind


def split_items(text: str) -> list[str]:
    return [item.strip() for item in text.split(";") if item.strip()]


def parse_contribution(text: str) -> Contribution:
    low = text.lower()
    if re.search(r"\b(manag\w*|lead\w*|people|team)\b", low):
        return "management"
    if re.search(r"\b(craft|creative|technical|expert\w*|specialis\w*|ic|individual|hands)\b", low):
        return "craft"
    return "either"


def parse_growth(text: str) -> GrowthDimension | None:
    low = text.lower()
    found = [g for g in GROWTH_DIMENSIONS if g in low]
    return found[0] if len(found) == 1 else None


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2} - {"and", "the", "for"}


def find_family(current_role: str, field_of_work: str | None) -> TrackFamily | None:
    """The track family whose name, id or stage names share the most words with the person's
    role and field; None when nothing matches (then no suggestions are offered)."""
    words = _tokens(f"{current_role} {field_of_work or ''}")
    best: tuple[int, str] | None = None
    for family_id in family_ids():
        family = get_family(family_id)
        names = [family.name, family.family.replace("_", " "), *(s.name for s in family.stages())]
        score = max(len(words & _tokens(name)) for name in names)
        if score and (best is None or score > best[0]):
            best = (score, family_id)
    return get_family(best[1]) if best else None


def current_stage(family: TrackFamily, current_role: str, years: float | None) -> Stage | None:
    """The stage whose name best matches the role (ties: the lower level), else by years."""
    words = _tokens(current_role)
    scored = [(len(words & _tokens(s.name)), -s.level, s) for s in family.stages()]
    scored = [item for item in scored if item[0]]
    if scored:
        return max(scored, key=lambda item: (item[0], item[1]))[2]
    if years is None:
        return None
    fits = [s for s in family.stages() if s.typical_years[0] <= years <= s.typical_years[1]]
    return fits[0] if fits else None


_PREFERRED: dict[Contribution, tuple[BranchKind, ...]] = {
    "management": ("management",),
    "craft": ("ic", "specialist"),
    "either": ("ic", "management", "specialist"),
}
_GROWTH_BRANCH: dict[GrowthDimension, BranchKind] = {
    "scope": "management",
    "impact": "ic",
    "influence": "specialist",
}


def suggest_directions(
    family: TrackFamily,
    current_role: str,
    years: float | None,
    explored: Exploration,
) -> list[Suggestion]:
    """Two or three example directions for the next 3–5 years, ranked for this person.

    Candidates are the next stage up the person's own ladder and the stages of the preferred
    branches that people typically reach within about five years of experience from here
    (by the stages' ``typical_years``), so a generalist is not offered the VP seat.
    """
    here = current_stage(family, current_role, years)
    start = years if years is not None else (here.typical_years[0] if here else 0)
    kinds = _PREFERRED[explored.contribution]
    nxt = family.next_stage(here.id) if here else None
    own = family.branch_of(here.id).id if here else None
    candidates = []
    for window in (5, 10):
        candidates = [
            (branch.kind, stage)
            for branch in family.branches
            if branch.kind in kinds
            for stage in branch.stages
            if not (here is not None and branch.id == own and stage.level <= here.level)
            and (
                (nxt is not None and stage.id == nxt.id)
                or stage.typical_years[1] > start >= stage.typical_years[0] - window
            )
        ]
        if len({stage.id for _, stage in candidates}) >= 2:
            break
    interests = _tokens(" ".join([explored.impact, *explored.skills_to_build, *explored.trends]))
    ranked = []
    for kind, stage in candidates:
        for order, text in enumerate(stage.example_directions):
            rank = (
                -len(interests & _tokens(text)),
                0 if explored.growth and _GROWTH_BRANCH[explored.growth] == kind else 1,
                0 if nxt is not None and stage.id == nxt.id else 1,
                0 if here is None or stage.typical_years[0] > here.typical_years[0] else 1,
                max(0.0, stage.typical_years[0] - start),
                stage.level,
                order,
            )
            ranked.append((rank, Suggestion(text, family.family, stage.id, stage.name, kind)))
    ranked.sort(key=lambda item: item[0])
    return _distinct([s for _, s in ranked])[:MAX_SUGGESTIONS]


def _distinct(items: list[Suggestion]) -> list[Suggestion]:
    """At most one suggestion per stage, so the choices differ."""
    seen: set[str] = set()
    out = []
    for item in items:
        if item.stage not in seen:
            seen.add(item.stage)
            out.append(item)
    return out


def draft_direction(explored: Exploration, field_of_work: str | None) -> str:
    """A direction drafted from the exploring answers, offered when no suggestion is picked."""
    area = field_of_work.strip() if field_of_work and field_of_work.strip() else "my field"
    core = {
        "management": f"lead and develop a team in {area}",
        "craft": f"build deep expertise in {area}",
        "either": f"grow my expertise and responsibility in {area}",
    }[explored.contribution]
    impact = explored.impact.strip().rstrip(".")
    if not impact:
        return core
    vp = verb_phrase(strip_framing(impact))
    if vp:
        return f"{core} and {vp}"
    return f"{core}, so that {lower_first(impact)}"


def draft_goal(explored: Exploration) -> str:
    """A 3–5-year goal drafted from the skills the person wants to build."""
    skills = explored.skills_to_build
    if not skills:
        return ""
    listed = skills[0] if len(skills) == 1 else ", ".join(skills[:-1]) + " and " + skills[-1]
    return f"build real depth in {listed}"
