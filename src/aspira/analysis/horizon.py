"""Which question was asked, and which horizons the answer states.

The question variant comes from its cues first, then from meaning (embedding similarity to the
variant's example wordings), then the general fallback. Time mentions are read with a small
grammar of number words, ranges and future cues; a duration in the past ("5 years of
experience", "over the last two years") is not a goal and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from aspira.analysis.text import normalise
from aspira.knowledge.signals import Variant, questions, variant_cues

# Absolute years ("by 2030") are read against this fixed year, not the wall clock, so the same
# answer always scores the same. It moves with the scorer version.
REFERENCE_YEAR = 2026
MEANING_THRESHOLD = 0.80

_NUM = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "a couple of": 2,
    "couple of": 2,
    "a couple": 2,
    "a few": 3,
    "few": 3,
    "several": 4,
    "half a dozen": 6,
    "a dozen": 12,
}
_N = (
    r"(\d{1,2}(?:\.\d)?|"
    + "|".join(sorted((re.escape(k) for k in _NUM), key=len, reverse=True))
    + ")"
)
_UNIT = r"(years?|yrs?|months?|decades?)"
_RANGE = rf"{_N}(?:\s*(?:to|or|-|–|and)\s*{_N})?"
# "in about three years", "within roughly two": a hedge on the number is still a horizon
_ABOUT = r"(?:(?:about|around|roughly|approximately|maybe|perhaps|just|only|under|less than)\s+)?"
_FUTURE = re.compile(
    rf"\b(?:in|within|over|during|for|after)\s+(?:the\s+)?(?:next|coming|following|first)?\s*{_ABOUT}{_RANGE}[\s-]*{_UNIT}"
    rf"|\b{_RANGE}[\s-]*{_UNIT}\s+(?:from now|down the (?:line|road|track)|(?:'s\s+)?time|out|ahead|on)\b"
    rf"|\b(?:next|coming)\s+{_RANGE}?\s*{_UNIT}"
    rf"|\b{_RANGE}[\s-]*{_UNIT.rstrip(')')}|year)[\s-]+(?:plan|goal|horizon|vision|mark)\b"
    rf"|\bin\s+{_RANGE}[\s-]*{_UNIT}(?:'|’)?\s*time\b"
    rf"|\bby the end of (?:the\s+)?(?:next|first|coming)?\s*{_RANGE}[\s-]*{_UNIT}"
)
_PAST = re.compile(r"\b(last|past|previous|ago|of experience|experience|spent|been|worked|since)\b")
# A duration ("for two years") told in the perfect or the past is how long something has lasted:
# "I've run them solo for two years", "we had it for a year".
_PERFECT = re.compile(
    r"\b\w+'ve\b|\b(?:i|we|they|he|she|you) (?:have|had)\b|'d been\b|\b(?:was|were|did)\b"
)
_CLAUSE_BACK = 80  # characters looked back for a perfect, within the sentence
_AHEAD = re.compile(r"\b(?:next|coming|following)\b")  # "for the next two years" is ahead
_SENTENCE_END = re.compile(r"[.!?;:]")
_NEXT_PERIOD = re.compile(
    r"\b(?:next|coming|this)\s+(year|decade|quarter)\b"
    r"|\b(?:by|before)\s+(?:next|this)\s+(summer|spring|autumn|fall|winter|christmas|easter)\b"
)
_BY_YEAR = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?(?:q[1-4]\s+)?(20[2-9]\d)\b")
# A target age: "by the time I'm 30", "before I turn thirty", "by age 25", or bare ("partner by
# twenty-eight", "plant manager by 22") where the number ends the clause and no verb of quantity
# ("grow sales by 25") comes before it.
_AGE_WORD = (
    r"(?:twenty|thirty|forty|fifty|sixty)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
)
_AGE = rf"([1-6]\d|{_AGE_WORD})"
_BY_AGE = re.compile(
    rf"\b(?:by|before) (?:the time i(?:'m| am| turn| hit| reach)|i(?:'m| am| turn| hit| reach)|age|the age of)\s+{_AGE}\b"
    rf"|\bby {_AGE}\b(?=\s*(?:$|[.,;:!?)]|(?:and|or|but|so|at the latest|i|which|if|when|then)\b))"
)
_QUANTITY = re.compile(
    r"\b(?:grow|grew|grown|increase|reduce|cut|raise|improve|boost|lift|drop|decrease|lower|shrink"
    r"|expand|double|up|down|rose|risen|fell|fallen|beat|miss|win|won|lose|lost)\w*\b[^.!?;]*$"
)
_AGE_UNITS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_AGE_ONES = {
    w: _NUM[w] for w in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
}
# A target age counts from the start of a working life: "by 25" is five years, at most, for
# someone at the first rung (the only reading the `unrealistic` shape needs); an age is never
# asked for or guessed.
_WORKING_AGE = 20
_VAGUE = re.compile(
    r"\b(eventually|ultimately|someday|some day|one day|long[\s-]term|short[\s-]term|medium[\s-]term"
    r"|in the (?:long|longer) run|down the (?:line|road)|in the future|over time|in time|later on"
    r"|in the years to come)\b"
)


# Points in time that mark the steps of a plan, beside the horizons above: "at 26", "year one",
# "years four to six", "by year four", "in my thirties", "stage two", "Ten: senior associate",
# "the year after", "five years as design lead".
_ORD = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:-five)?|thirty)"
)
_POINT = re.compile(
    rf"\bat (?:age )?{_AGE}\b"
    rf"|\byears? {_ORD}(?:\s*(?:to|-|and|or)\s*{_ORD})?\b"
    rf"|\b(?:{_ORD}\s+to\s+{_ORD}|\d{{1,2}}\s*-\s*\d{{1,2}})\b"  # not "twenty-four"
    rf"|\b(?:by|in|until) year {_ORD}\b"
    r"|\b(?:in|by) (?:my|her|his|their) (?:twenties|thirties|forties|fifties)\b"
    rf"|\b(?:phase|stage|step|chapter) {_ORD}\b"
    rf"|(?:^|[.;]\s*){_ORD}(?: years?)?\s*:"
    rf"|\b{_ORD} years? as\b"
    r"|\bthe year after\b"
)


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    low: float | None  # years; None for vague mentions
    high: float | None

    @property
    def vague(self) -> bool:
        return self.low is None


def _num(token: str | None) -> float | None:
    if token is None:
        return None
    token = token.strip()
    return float(token) if token[0].isdigit() else float(_NUM.get(token, 0)) or None


def _scale(unit: str) -> float:
    return {"m": 1 / 12, "d": 10.0}.get(unit[0], 1.0) if not unit.startswith("y") else 1.0


def time_mentions(norm: str) -> list[TimeMention]:
    """Future horizons stated in a normalised answer, in text order."""
    found: list[TimeMention] = []
    for m in _FUTURE.finditer(norm):
        if _PAST.search(norm, m.end(), min(len(norm), m.end() + 22)) or _PAST.search(
            norm, max(0, m.start() - 12), m.start()
        ):
            continue
        if _lasted(norm, m):
            continue
        nums = [g for g in m.groups() if g and not re.fullmatch(_UNIT, g)]
        unit = next((g for g in m.groups() if g and re.fullmatch(_UNIT + "|year", g)), "years")
        values = [v for v in (_num(n) for n in nums) if v is not None] or [1.0]
        k = _scale(unit)
        found.append(TimeMention(m.start(), m.end(), min(values) * k, max(values) * k))
    for m in _NEXT_PERIOD.finditer(norm):
        years = {"decade": 10.0, "quarter": 0.25}.get(m.group(1), 1.0)  # a season: within a year
        found.append(TimeMention(m.start(), m.end(), years, years))
    for m in _BY_YEAR.finditer(norm):
        years = max(0.5, float(int(m.group(1)) - REFERENCE_YEAR))
        found.append(TimeMention(m.start(), m.end(), years, years))
    for m in _BY_AGE.finditer(norm):
        age = _age(m.group(1) or m.group(2))
        if age is None or (
            m.group(2) and _QUANTITY.search(norm, max(0, m.start() - 60), m.start())
        ):
            continue
        years = float(max(1, age - _WORKING_AGE))
        found.append(TimeMention(m.start(), m.end(), years, years))
    for m in _VAGUE.finditer(norm):
        found.append(TimeMention(m.start(), m.end(), None, None))
    return _dedupe(found)


def _lasted(norm: str, m: re.Match[str]) -> bool:
    """Whether a "for <duration>" tells how long something has gone on: a perfect or past verb
    earlier in its sentence ("i've run the local ones for two years"), not "for the next two"."""
    text = m.group(0)
    if not text.startswith("for ") or _AHEAD.search(text):
        return False
    back = norm[max(0, m.start() - _CLAUSE_BACK) : m.start()]
    sentence = _SENTENCE_END.split(back)[-1]
    return _PERFECT.search(sentence) is not None


def _age(token: str) -> int | None:
    """18 to 69, from digits or words ("twenty-five", "thirty"); None outside a working life."""
    if token[0].isdigit():
        age = int(token)
    else:
        tens, _, ones = token.replace("-", " ").partition(" ")
        age = _AGE_UNITS[tens] + (_AGE_ONES.get(ones, 0) if ones else 0)
    return age if 18 <= age <= 69 else None


def time_points(norm: str, mentions: list[TimeMention]) -> int:
    """How many points in time the answer names: its explicit horizons and the steps of a plan
    (ages, numbered years, decades of life, stages), each span counted once. A plan laid out
    year by year names many; one target ("VP by thirty") names one."""
    spans = [(m.start, m.end) for m in mentions if not m.vague]
    for m in _POINT.finditer(norm):
        if not any(start < m.end() and m.start() < end for start, end in spans):
            spans.append((m.start(), m.end()))
    return len(spans)


def _dedupe(found: list[TimeMention]) -> list[TimeMention]:
    out: list[TimeMention] = []
    for t in sorted(found, key=lambda t: (t.start, -t.end)):
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


@dataclass(frozen=True)
class Detected:
    variant: Variant
    confidence: float


def detect_variant(question: str | None) -> Detected:
    """The question variant by cue, then by meaning, else the general fallback."""
    data = questions()
    fallback = next(v for v in data.variants if v.id == data.fallback)
    if not question or not question.strip():
        return Detected(fallback, 0.0)
    norm = normalise(question)
    for variant, cues in variant_cues():
        if any(c.search(norm) for c in cues):
            return Detected(variant, 1.0)
    return _by_meaning(norm, fallback)


def _by_meaning(norm: str, fallback: Variant) -> Detected:
    from aspira.analysis.semantic import embed, library

    vec = embed([norm])[0]
    lib = library()
    variants, sims = lib.variants, lib.variant_matrix @ vec
    best = int(np.argmax(sims))
    if float(sims[best]) >= MEANING_THRESHOLD:
        return Detected(variants[best], round(float(sims[best]), 3))
    return Detected(fallback, 0.0)
