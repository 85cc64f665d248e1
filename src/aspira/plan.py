"""The performance-review development plan, built from a profile and a career track.

The plan follows the four steps of the review conversation: state the direction (with a 3–5-year
horizon), ask the manager for an honest view, find the gap together, and commit to 2–3 actions
for the next twelve months. :func:`build_plan` is a pure function of its inputs: the same
profile, track data and ratings always give the same plan, and nothing about the person is
invented: every sentence is assembled from the profile's own words and the track's data. There
is no clock here; the caller supplies the date when exporting.

Gap priority. Each competency the target stage expects becomes one row. Rows are ordered by the
size of the gap (expected level minus self-rating), then by the expected level, then by the
family's catalogue order, so ties are broken the same way every time. Competencies the person
did not rate sit after the known gaps and before those already met: an unrated competency may
hide a gap, so the plan asks the manager about it rather than guessing a number. The top rows
are the focus; each action takes one focus row, so no two actions share a gap.

Helpers. Each action names who helps. The preference follows the growth dimension (scope grows
by doing more, so a stretch assignment; impact by owning a result, so the manager; influence by
practising with someone who has it, so a mentor), and no helper type is used twice.

Statements. :func:`classify_statement` sorts a sentence into aspiration (a long-term, fuzzy hope,
10–20 years), goal (a specific result within about five years) or objective (what gets done in
the current role this year) from deterministic cues: explicit horizons ("this quarter", "within
two years", "in ten years"), long-range words ("one day", "eventually", "legacy") and signs of
specificity (a promotion, a credential, a number). The plan shows the chain aspiration → goal →
this year's objectives, and notes when a statement reads as a different kind than its field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from aspira.errors import InputError
from aspira.knowledge.loader import read_user_mapping
from aspira.knowledge.tracks import GrowthDimension, Stage, TrackFamily, get_family
from aspira.profile import Profile, profile_from_mapping

Quarter = Literal["Q1", "Q2", "Q3", "Q4"]
StatementKind = Literal["aspiration", "goal", "objective"]
HelperKind = Literal["stretch", "manager", "mentor", "course"]
GapStatus = Literal["gap", "not_rated", "met"]
QUARTERS: tuple[Quarter, ...] = ("Q1", "Q2", "Q3", "Q4")
HORIZON = "3–5 years"
HELPER_PREFERENCE: dict[GrowthDimension, tuple[HelperKind, ...]] = {
    "scope": ("stretch", "manager", "course", "mentor"),
    "impact": ("manager", "stretch", "mentor", "course"),
    "influence": ("mentor", "manager", "stretch", "course"),
}


class PlanPart(BaseModel):
    model_config = ConfigDict(frozen=True)


class Gap(PlanPart):
    """One competency expected at the target stage, self-rated against the expectation."""

    priority: int
    competency: str
    name: str
    growth_dimension: GrowthDimension
    expected: int
    self_rating: int | None
    gap: int | None
    status: GapStatus
    behaviour: str


class Action(PlanPart):
    """One of the 2–3 actions for the next twelve months, tied to one focus gap."""

    gap: str
    competency_name: str
    growth_dimension: GrowthDimension
    text: str
    outcome: str
    quarter: Quarter
    due: Quarter
    helper: HelperKind
    who_helps: str


class Statement(PlanPart):
    text: str
    source: str
    kind: StatementKind
    note: str | None = None


class Chain(PlanPart):
    """Aspiration → goal → this year's objectives (the actions)."""

    aspiration: Statement | None
    goal: Statement | None
    objectives: list[str]


class GrowthStep(PlanPart):
    from_stage: str
    to_stage: str
    text: str


class DevelopmentPlan(PlanPart):
    """The whole plan; its JSON form is the stable shape of ``aspira plan --format json``."""

    person: str | None
    current_role: str
    family: str
    family_name: str
    branch: str
    target_stage: str
    target_name: str
    target_scope: str
    target_impact: str
    target_influence: str
    current_stage: str | None
    current_name: str | None
    horizon: str
    direction_statement: str
    growth_path: list[GrowthStep]
    questions: list[str]
    gaps: list[Gap]
    actions: list[Action]
    review_signals: list[str]
    chain: Chain
    notes: list[str]


def build_plan(
    profile: Profile | Mapping[str, Any],
    family: TrackFamily | str,
    target_stage: str,
    ratings: Mapping[str, Any],
    current_stage: str | None = None,
) -> DevelopmentPlan:
    """Build the four-step development plan toward ``target_stage`` of ``family``."""
    person = _as_profile(profile)
    fam = family if isinstance(family, TrackFamily) else get_family(family)
    target = fam.stage(target_stage)
    current = fam.stage(current_stage) if current_stage else None
    _check_direction_of_travel(fam, target, current)
    gaps = gap_analysis(fam, target, check_ratings(fam, ratings))
    actions = plan_actions(target, gaps)
    direction, notes = direction_statement(person, fam, target, current, gaps[: len(actions)])
    return DevelopmentPlan(
        person=person.name,
        current_role=person.current_role,
        family=fam.family,
        family_name=fam.name,
        branch=fam.branch_of(target.id).name,
        target_stage=target.id,
        target_name=target.name,
        target_scope=target.scope,
        target_impact=target.impact,
        target_influence=target.influence,
        current_stage=current.id if current else None,
        current_name=current.name if current else None,
        horizon=HORIZON,
        direction_statement=direction,
        growth_path=growth_path(fam, target, current),
        questions=manager_questions(target, gaps),
        gaps=gaps,
        actions=actions,
        review_signals=review_signals(actions, gaps),
        chain=_chain(person, actions),
        notes=notes + _realism_notes(person, fam, target, current),
    )


def _as_profile(profile: Profile | Mapping[str, Any]) -> Profile:
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, Mapping):
        return profile_from_mapping(dict(profile))
    raise InputError(
        "The profile must be a Profile or a mapping of profile fields, "
        f"got {type(profile).__name__}."
    )


def load_ratings(path: Path | str) -> dict[str, Any]:
    """Read a ratings file (YAML or JSON mapping competency ids to 1–5), naming it on error."""
    return read_user_mapping(
        Path(path),
        "Ratings file",
        "Pass a YAML or JSON file that maps competency ids to self-ratings from 1 to 5 "
        "(see `aspira tracks show FAMILY --stage STAGE`).",
    )


def check_ratings(family: TrackFamily, ratings: Mapping[str, Any]) -> dict[str, int]:
    """Validate self-ratings: catalogue ids only, whole numbers 1–5. Errors list the valid ids."""
    if not isinstance(ratings, Mapping):
        raise InputError("Ratings must map competency ids to whole numbers from 1 to 5.")
    valid = sorted(c.id for c in family.competencies)
    unknown = sorted(str(k) for k in ratings if k not in valid)
    bad = sorted(f"{k}={v!r}" for k, v in ratings.items() if _whole_1_to_5(v) is None)
    problems = []
    if unknown:
        problems.append(
            f"unknown competency id(s) {', '.join(unknown)} (valid ids for {family.family}: "
            f"{', '.join(valid)})"
        )
    if bad:
        problems.append(f"ratings must be whole numbers from 1 to 5, fix {', '.join(bad)}")
    if problems:
        raise InputError(
            "Bad ratings: " + "; ".join(problems) + ".",
            details={"unknown": unknown, "invalid": bad, "choices": valid},
        )
    return {str(k): int(v) for k, v in ratings.items()}


def _whole_1_to_5(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value != int(value) or not 1 <= value <= 5:
        return None
    return int(value)


def _check_direction_of_travel(family: TrackFamily, target: Stage, current: Stage | None) -> None:
    if current is None or family.branch_of(current.id) != family.branch_of(target.id):
        return
    if target.level <= current.level:
        above = [s.id for s in family.branch_of(current.id).stages if s.level > current.level]
        raise InputError(
            f"Target stage {target.id!r} is not above your current stage {current.id!r} on the "
            f"same ladder. Choose one of: {', '.join(above) or '(none: you are at the top)'}; "
            "or pick a stage on another branch for a sideways move.",
            details={"choices": above},
        )


def gap_analysis(family: TrackFamily, target: Stage, ratings: Mapping[str, int]) -> list[Gap]:
    """One row per competency the target expects, in priority order (see the module doc)."""
    order = {c.id: i for i, c in enumerate(family.competencies)}

    def key(item: tuple[str, int]) -> tuple[int, int, int, int]:
        comp, expected = item
        rating = ratings.get(comp)
        if rating is None:
            return (1, 0, -expected, order[comp])
        gap = expected - rating
        return (0 if gap > 0 else 2, -gap, -expected, order[comp])

    levels = sorted(((c, e.level) for c, e in target.expectations.items()), key=key)
    return [
        _gap_row(family, target, comp, ratings.get(comp), i)
        for i, (comp, _) in enumerate(levels, 1)
    ]


def _gap_row(
    family: TrackFamily, target: Stage, comp: str, rating: int | None, priority: int
) -> Gap:
    expected = target.expectations[comp].level
    gap = None if rating is None else expected - rating
    status: GapStatus = "not_rated" if gap is None else "gap" if gap > 0 else "met"
    catalogue = family.competency(comp)
    return Gap(
        priority=priority,
        competency=comp,
        name=catalogue.name,
        growth_dimension=catalogue.growth_dimension,
        expected=expected,
        self_rating=rating,
        gap=gap,
        status=status,
        behaviour=target.expectations[comp].behaviour,
    )


def action_count(gaps: list[Gap]) -> int:
    """Three actions when there are three real gaps to work on, otherwise a focused two."""
    return 3 if sum(g.status == "gap" for g in gaps) >= 3 else 2


def plan_actions(target: Stage, gaps: list[Gap]) -> list[Action]:
    """One action per focus gap, starting a quarter apart, each with a different helper."""
    used: set[HelperKind] = set()
    actions = []
    for index, gap in enumerate(gaps[: action_count(gaps)]):
        helper = next(h for h in HELPER_PREFERENCE[gap.growth_dimension] if h not in used)
        used.add(helper)
        start, due = QUARTERS[index], QUARTERS[min(index + 2, 3)]
        actions.append(
            Action(
                gap=gap.competency,
                competency_name=gap.name,
                growth_dimension=gap.growth_dimension,
                text=action_text(gap, helper, target),
                outcome=action_outcome(gap, due),
                quarter=start,
                due=due,
                helper=helper,
                who_helps=helper_label(helper, gap, target),
            )
        )
    return actions


def growth_path(family: TrackFamily, target: Stage, current: Stage | None) -> list[GrowthStep]:
    """What growth looks like on the way to the target, one step per stage boundary."""
    ladder = family.branch_of(target.id).stages
    same_branch = current is not None and current in ladder
    start = current.level if same_branch and current else max(target.level - 1, 1)
    steps = [s for s in ladder if start <= s.level < target.level]
    return [
        GrowthStep(from_stage=s.name, to_stage=ladder[s.level].name, text=s.growth_to_next)
        for s in steps
    ]


def _chain(person: Profile, actions: list[Action]) -> Chain:
    def statement(text: str | None, source: str, expected: StatementKind) -> Statement | None:
        if not text or not text.strip():
            return None
        kind = classify_statement(text)
        return Statement(
            text=text.strip(), source=source, kind=kind, note=statement_note(source, expected, kind)
        )

    goal_text, goal_source = (
        (person.goal_3_5_years, "goal_3_5_years")
        if person.goal_3_5_years
        else (person.direction, "direction")
    )
    return Chain(
        aspiration=statement(person.aspiration, "aspiration", "aspiration"),
        goal=statement(goal_text, goal_source, "goal"),
        objectives=[f"{a.quarter}: {a.competency_name} ({helper_label_short(a)})" for a in actions],
    )


def helper_label_short(action: Action) -> str:
    return {"stretch": "stretch assignment", "course": "course or credential"}.get(
        action.helper, action.helper
    )


def _realism_notes(
    person: Profile, family: TrackFamily, target: Stage, current: Stage | None
) -> list[str]:
    notes = []
    years = person.years_experience
    if years is not None and years + 5 < target.typical_years[0]:
        notes.append(
            f"People usually reach {target.name} after about {target.typical_years[0]} years of "
            f"experience; with {years:g} today, treat it as the longer-term aspiration and aim the "
            f"{HORIZON} goal at a stage on the way."
        )
    if current is not None and family.branch_of(current.id) != family.branch_of(target.id):
        moves = [m.note for m in family.moves_from(current.id) if m.to == target.id]
        notes.append(
            moves[0]
            if moves
            else f"{current.name} to {target.name} is a move across branches; "
            "ask your manager how such moves usually happen here."
        )
    return notes


# -- the words of the plan ------------------------------------------------------------------------
# Every sentence below is assembled from the profile's own words and the track's data.

VEHICLE: dict[GrowthDimension, str] = {
    "scope": "widen what I own until I handle this area without escalating",
    "impact": "pick a result that matters to the organisation, measure the baseline and deliver "
    "the change",
    "influence": "bring a live situation to each conversation and practise shaping a decision "
    "with it",
}
EVIDENCE: dict[GrowthDimension, str] = {
    "scope": "at least two pieces of work in {name} owned end to end without escalation",
    "impact": "one measurable result from my work on {name}, with the before-and-after "
    "figures agreed at the start",
    "influence": "at least two documented examples of {name} at the level the stage expects, "
    "with feedback from the people involved",
}
OPPORTUNITY: dict[GrowthDimension, str] = {
    "scope": "Is there work coming up this year where I could take on more of the {name} "
    "responsibility myself?",
    "impact": "Which result could I own this year that would show {name} at the level "
    "{target} needs?",
    "influence": "Who should I work with to build {name}, and could you help me get into those "
    "conversations?",
}


def direction_statement(
    person: Profile, family: TrackFamily, target: Stage, current: Stage | None, focus: list[Gap]
) -> tuple[str, list[str]]:
    """The direction in the person's words, anchored to the target stage and the horizon."""
    parts, notes = _opening(person, family, target, current)
    branch = family.branch_of(target.id).name
    parts.append(
        f"Over the next {HORIZON} I am building toward {target.name} work on the {branch} track, "
        f"taking on {_main_clause(target.scope)}."
    )
    if person.goal_3_5_years and person.goal_3_5_years.strip():
        parts.append(f"My goal for that horizon: {_clause(person.goal_3_5_years)}.")
    parts.append(f"The impact I am aiming for: {_main_clause(target.impact)}.")
    parts.append(
        f"Starting from my current role as {person.current_role}, I will build "
        f"{', then '.join(g.name.lower() for g in focus)}. Beyond that I am open about the "
        "exact path."
    )
    return " ".join(parts), notes


def _opening(
    person: Profile, family: TrackFamily, target: Stage, current: Stage | None
) -> tuple[list[str], list[str]]:
    """The person's direction and why; without one, the track's example for the stage below."""
    notes: list[str] = []
    if person.direction and person.direction.strip():
        parts = [_sentence(person.direction)]
    else:
        ladder = family.branch_of(target.id).stages
        source = current or (ladder[target.level - 2] if target.level > 1 else target)
        parts = [_sentence(f"I want to {_lower_first(source.example_directions[0])}")]
        notes.append(
            "The profile has no direction, so the statement starts from the track's example "
            f"direction for {source.name}: rewrite it in your own words before the review."
        )
    why = (person.direction_why or "").strip()
    if why:
        parts.append(_sentence(f"I want this {why}" if why.lower().startswith("because") else why))
    return parts, notes


def manager_questions(target: Stage, gaps: list[Gap]) -> list[str]:
    """3–5 questions for the manager: the core question, then ones on this person's top gaps."""
    first, second = gaps[0], gaps[1]
    questions = [
        "Looking at my work so far, what are the two or three things that would most change "
        f"my readiness for {target.name} work?",
        _calibration_question(first, target),
        OPPORTUNITY[second.growth_dimension].format(name=second.name.lower(), target=target.name),
    ]
    unrated = [g.name.lower() for g in gaps if g.status == "not_rated" and g is not first]
    if unrated:
        questions.append(
            f"I have not rated myself on {_join(unrated)}. How would you rate me there, "
            "and what have you seen that tells you so?"
        )
    questions.append(
        f"Is {HORIZON} a realistic horizon for reaching {target.name} from where I am, and what "
        "would speed it up or slow it down?"
    )
    return questions


def _calibration_question(gap: Gap, target: Stage) -> str:
    name = gap.name.lower()
    if gap.self_rating is None:
        return (
            f"I have not rated myself on {name}; {target.name} expects level {gap.expected}. "
            "Where would you place me, and on what evidence?"
        )
    if gap.status == "met":
        return (
            f"I rated myself {gap.self_rating} out of 5 on {name}, which meets the "
            f"{gap.expected} that {target.name} expects. Do you agree, and what would make it "
            "clearer to others?"
        )
    return (
        f"I rated myself {gap.self_rating} out of 5 on {name}, against the {gap.expected} that "
        f"{target.name} expects. Does that match what you see, and where does the gap show most?"
    )


def action_text(gap: Gap, helper: HelperKind, target: Stage) -> str:
    """A specific action: the vehicle for this helper and dimension, and the bar to reach."""
    name = gap.name.lower()
    lead = {
        "stretch": f"Take on a stretch assignment in {name}, agreed with my manager",
        "manager": f"Agree with my manager one piece of {name} work I will own end to end",
        "mentor": f"Work with a mentor who already operates at {target.name} level on {name}",
        "course": f"Complete {_course(gap, target)} and apply it straight away to {name} work",
    }[helper]
    return (
        f"{lead}: {VEHICLE[gap.growth_dimension]}. What level {gap.expected} looks like at "
        f"{target.name}: {_sentence(gap.behaviour)}"
    )


def target_rating(gap: Gap) -> int | None:
    """The rating to reach in twelve months: up to two levels, never past the expectation."""
    if gap.self_rating is None:
        return None
    return gap.self_rating + min(max(gap.gap or 0, 0), 2)


def action_outcome(gap: Gap, due: Quarter) -> str:
    """A measurable outcome: the evidence, due quarter, and the rating to reach."""
    evidence = EVIDENCE[gap.growth_dimension].format(name=gap.name.lower())
    goal = target_rating(gap)
    if gap.self_rating is None:
        rating = (
            f"a baseline rating agreed with my manager by the end of Q1, and one level above "
            f"it by the review (the stage expects {gap.expected})"
        )
    elif gap.status == "met":
        rating = f"my manager confirms level {_at_least(gap.self_rating)} with that evidence"
    else:
        rating = (
            f"my manager rates me {_at_least(goal)} (today {gap.self_rating}; "
            f"the stage expects {gap.expected})"
        )
    return f"By the end of {due}: {evidence}; {rating}."


def helper_label(helper: HelperKind, gap: Gap, target: Stage) -> str:
    return {
        "stretch": "Stretch assignment, scoped with my manager",
        "manager": "My manager: agrees the result and its measure, checks in monthly",
        "mentor": f"A mentor at {target.name} level, met monthly",
        "course": f"Course or credential: {_course(gap, target)}",
    }[helper]


def _course(gap: Gap, target: Stage) -> str:
    return target.credentials[0] if target.credentials else f"a short course in {gap.name.lower()}"


def review_signals(actions: list[Action], gaps: list[Gap]) -> list[str]:
    """How progress will show at the next review."""
    by_id = {g.competency: g for g in gaps}
    signals = [
        f"{a.competency_name}: the evidence from the {a.quarter} action is in hand by {a.due}"
        + _rating_signal(by_id[a.gap])
        for a in actions
    ]
    signals.append(
        "We re-rate every competency in the gap table side by side: the focus gaps have narrowed "
        "and none of the others has slipped."
    )
    signals.append("The direction still holds, or we have agreed a change and the reason for it.")
    return signals


def _rating_signal(gap: Gap) -> str:
    goal = target_rating(gap)
    if gap.self_rating is None:
        return ", with a baseline rating agreed and improved on."
    if gap.status == "met":
        return f", confirming level {_at_least(gap.self_rating)}."
    return f", and my manager rates it {_at_least(goal)} (was {gap.self_rating})."


def _at_least(level: int | None) -> str:
    return f"{level}" if level == 5 else f"{level} or above"


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _clause(text: str) -> str:
    return _lower_first(text.strip().rstrip(".").strip())


def _main_clause(text: str) -> str:
    """The first clause of a track description, for use inside a longer sentence."""
    return _clause(re.split(r";|: ", text, maxsplit=1)[0])


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or 'I'."""
    first = text.split(" ", 1)[0]
    if (len(first) > 1 and first[1].isupper()) or first == "I":
        return text
    return text[:1].lower() + text[1:]


def _join(items: list[str]) -> str:
    """'a, b and c'; with semicolons when an item holds its own 'and' or comma."""
    if len(items) <= 1:
        return "".join(items)
    if not any(" and " in i or "," in i for i in items):
        return ", ".join(items[:-1]) + " and " + items[-1]
    if len(items) == 2:
        return f"{items[0]}, as well as {items[1]}"
    return "; ".join(items[:-1]) + "; and " + items[-1]


# -- aspiration, goal or objective ----------------------------------------------------------------

_COUNTING = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
NUMBER_WORDS = dict(zip(_COUNTING.split(" "), range(21), strict=True)) | {
    "a": 1,
    "a couple of": 2,
    "a few": 3,
    "few": 3,
    "several": 4,
}
_NUM = r"(\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_SPAN = _NUM + r"(?:\s*(?:-|–|to|or)\s*" + _NUM + r")?"
YEARS_RE = re.compile(_SPAN + r"[\s-]+years?\b", re.IGNORECASE)
MONTHS_RE = re.compile(_SPAN + r"[\s-]+(months?|weeks?)\b", re.IGNORECASE)
OBJECTIVE_RE = re.compile(
    r"\b(this|the current|current) (year|quarter|half|cycle|review period|financial year)\b"
    r"|\b(next|coming) (quarter|review|twelve months)\b"
    r"|\bby the end of (the|this) (year|quarter)\b|\b(q[1-4]|h[12])\b|\bin my current role\b",
    re.IGNORECASE,
)
ASPIRATION_RE = re.compile(
    r"\b(one day|some ?day|eventually|long[- ]term|in the long run|ultimately|over my career"
    r"|lifetime|legacy|lasting|thought leader|dream|aspire|aspiration|make a difference"
    r"|leave a mark|decades?|in the future|later in my career)\b",
    re.IGNORECASE,
)
SPECIFIC_RE = re.compile(
    r"\b(promot\w*|certif\w*|qualif\w*|chartered|diploma|degree|earn|pass|complete|launch"
    r"|lead (a|the|our)|manage (a|the|our)|become (a|an|the)|move into|step into|20\d\d)\b"
    r"|\d+\s*(%|percent|people|reports|accounts|clients)|\b[A-Z]{2,}[-A-Z]*\b"
)


def _horizon(match: re.Match[str]) -> int:
    values = [v for v in match.groups()[:2] if v]
    return max(int(v) if v.isdigit() else NUMBER_WORDS[v.lower()] for v in values)


def classify_statement(text: str) -> StatementKind:
    """Aspiration (long-term hope), goal (specific result in ~5 years) or objective (this year)."""
    if OBJECTIVE_RE.search(text):
        return "objective"
    months = [_horizon(m) if m.group(3)[0] in "mM" else 0 for m in MONTHS_RE.finditer(text)]
    if months:
        return "objective" if max(months) <= 12 else "goal"
    years = [_horizon(m) for m in YEARS_RE.finditer(text)]
    if years:
        return "goal" if max(years) <= 6 else "aspiration"
    if ASPIRATION_RE.search(text):
        return "aspiration"
    return "goal" if SPECIFIC_RE.search(text) else "aspiration"


def statement_note(source: str, expected: StatementKind, kind: StatementKind) -> str | None:
    """A gentle note when a statement reads as a different kind than the field it is in."""
    if kind == expected or (source == "direction" and kind == "aspiration"):
        return None
    advice = {
        "aspiration": "add a concrete result and a time frame of three to five years",
        "goal": "an aspiration can be broader and further out, ten years or more",
        "objective": "that is this year's objective; the goal can reach three to five years out",
    }[kind]
    return f"Your {source.replace('_', ' ')} reads like {_article(kind)} {kind}: {advice}."


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"
