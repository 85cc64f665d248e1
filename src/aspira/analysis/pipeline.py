"""The scoring pipeline: one answer in, one :class:`~aspira.rubric.Scorecard` out.

Stages: check the input → segment → find lexical signals and time mentions → embed sentences
once → detect flags (patterns, meaning, shape) → features → one linear model per dimension →
weighted overall with flag penalties and caps → specific advice. Everything is deterministic:
no randomness, no wall clock, no dependence on set or dict iteration order.

With a company (:mod:`aspira.analysis.context`), two more things happen and nothing else
changes: the context flags ``mission_conflict`` and ``culture_mismatch`` join the flags, and
``fit`` becomes ``(1 - blend) * fit from the answer alone + blend * context signal`` (``blend``
in ``context.v1.yaml``), with the company sentences it matched as evidence. Without a company
the scorecard is exactly the answer-alone one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aspira import __version__
from aspira.analysis import context as company_context
from aspira.analysis import flags as flag_rules
from aspira.analysis.advice import how_to_raise, suggestions
from aspira.analysis.dimensions import DIMENSION_EVIDENCE, level_for, score_dimension
from aspira.analysis.features import Features, build
from aspira.analysis.horizon import (
    Detected,
    TimeMention,
    detect_variant,
    time_mentions,
    time_points,
)
from aspira.analysis.semantic import Meaning, embedder, library, read
from aspira.analysis.signals import Hit, find_signals, specific_count, work_count
from aspira.analysis.text import SPEAKING_WORDS_PER_SECOND, Doc, make_doc
from aspira.company.model import Company
from aspira.errors import AnswerTooLargeError, EmptyAnswerError, InputError, UnscorableAnswerError
from aspira.knowledge.calibration import Calibration, OverallScale, calibration
from aspira.knowledge.signals import (
    Variant,
    english_vocabulary,
    english_words,
    other_language_words,
)
from aspira.rubric import (
    DimensionScore,
    FlagHit,
    HorizonInfo,
    Rubric,
    Scorecard,
    Span,
    Stats,
    load_rubric,
)

MAX_CHARS = 50_000


def scorer_version() -> str:
    calib = calibration()
    return f"aspira-{__version__}+{embedder().name}+calibration.v{calib.version}"


def score(
    answer: str,
    question: str | None = None,
    company: Company | str | None = None,
    profile: Any = None,
) -> Scorecard:
    """Score one answer against the rubric ``aspirations.v1``.

    ``company`` is a :class:`~aspira.company.model.Company`, or the name of a saved one (or a
    company or posting file), loaded with :func:`aspira.company.store.load_company`.

    Raises an :class:`~aspira.errors.InputError` for an empty, oversized, non-English or
    non-answer text — never a made-up score — and NotFoundError for an unknown company.
    """
    rubric = load_rubric()
    context = _company(company)
    a = analyse(answer, question, calibration())
    dims = dimension_scores(rubric, a.calib, a.doc, a.features, a.meaning, a.variant)
    found = a.found
    notes: list[str] = []
    if context is not None:
        ctx = company_context.read_context(a.doc, a.meaning, context)
        dims = [_with_context(rubric, a, d, ctx) if d.id == "fit" else d for d in dims]
        order = [f.id for f in rubric.flags]
        found = sorted([*a.found, *ctx.found], key=lambda f: order.index(f.id))
        notes += _context_notes(context)
    flag_hits = [_flag_hit(rubric, a.doc, f) for f in found]
    overall = _overall(rubric, a.calib.overall, dims, flag_hits)
    doc, hits, mentions, detected = a.doc, a.hits, a.mentions, a.detected
    return Scorecard(
        rubric=rubric.ref,
        scorer=scorer_version(),
        overall=overall,
        band=rubric.band_for(overall).id,
        dimensions=dims,
        flags=flag_hits,
        suggestions=suggestions(rubric, dims, flag_hits),
        stats=_stats(doc, hits),
        question=HorizonInfo(
            variant=detected.variant.id,
            variant_confidence=detected.confidence,
            horizon=detected.variant.horizon,
            expected_years=detected.variant.expected_years,
            stated=[_span(doc, m.start, m.end, "stated horizon") for m in mentions],
        ),
        notes=notes,
    )


def _company(company: object) -> Company | None:
    if company is None or isinstance(company, Company):
        return company
    if isinstance(company, str):
        if not company.strip():
            raise InputError("The company name is empty: give a saved company's name.")
        from aspira.company.store import load_company

        return load_company(company.strip())
    raise InputError(
        f"The company must be a Company or a saved company's name, not {type(company).__name__}."
    )


def _with_context(
    rubric: Rubric, a: Analysis, dim: DimensionScore, ctx: company_context.Context
) -> DimensionScore:
    """``fit`` blended with the company-context signal; the company evidence comes first."""
    value = company_context.blend_fit(dim.score, ctx.signal)
    level = level_for(value)
    spec = next(d for d in rubric.dimensions if d.id == dim.id)
    evidence = [
        _span(a.doc, m.span[0], m.span[1], f"close to the {m.kind}: “{m.company_text}”")
        for m in ctx.matches
    ]
    evidence += [_span(a.doc, s, e, why) for s, e, why in ctx.mentions]
    for f in ctx.found:
        evidence += [_span(a.doc, s, e, f.matched) for s, e in f.spans]
    evidence += dim.evidence
    return dim.model_copy(
        update={
            "score": value,
            "level": level,
            "anchor": spec.levels[level],
            "evidence": evidence[:4],
            "how_to_raise": how_to_raise(spec, level, a.doc, a.features, a.variant),
        }
    )


def _context_notes(company: Company) -> list[str]:
    missing = [
        what
        for what, known in (
            ("mission", company.mission is not None or bool(company.values)),
            ("culture", bool(company.archetypes)),
        )
        if not known
    ]
    if not missing:
        return []
    return [
        f"{company.name} has no {' or '.join(missing)} saved: fit, mission_conflict and "
        "culture_mismatch use what is known (edit it with `aspira company edit`)."
    ]


OVER_PLANNED_MIN_POINTS = 2


@dataclass(frozen=True)
class Analysis:
    """Everything read from one answer before the rubric turns it into scores."""

    doc: Doc
    detected: Detected
    hits: dict[str, list[Hit]]
    mentions: list[TimeMention]
    meaning: Meaning
    evidence: list[flag_rules.FlagEvidence]
    found: list[flag_rules.Found]
    features: Features
    calib: Calibration

    @property
    def variant(self) -> Variant:
        return self.detected.variant


def analyse(answer: str, question: str | None, calib: Calibration) -> Analysis:
    """Check, segment and read the answer; shared by scoring and calibration."""
    doc = make_doc(_checked(answer))
    detected = detect_variant(question)
    hits = find_signals(doc.norm, doc.says_who)
    _check_language(doc, hits)
    mentions = [m for m in time_mentions(doc.norm) if not doc.says_who(m.start, m.end)]
    meaning = read(doc)
    shape = _shape(doc, hits, mentions, calib, detected.variant.expected_years)
    banks = library().banks
    evidence = flag_rules.read_flags(doc, hits, meaning, shape, calib.flags)
    found = flag_rules.decide(evidence, calib.flags, doc, hits, mentions, meaning, banks)
    if time_points(doc.norm, mentions) < OVER_PLANNED_MIN_POINTS and not hits["plan"]:
        # one target ("VP by thirty") is not over-planning: a plan names its steps or says it
        # is a plan
        found = [f for f in found if f.id != "over_planned"]
    if not any(hits[k] for k in ("height", "top_level", "management", "grandiose")):
        # a leap needs a height: with no senior, leading or top role and no fame named, the
        # answer aims at a next step, however soon
        found = [f for f in found if f.id != "unrealistic"]
    order = [f.id for f in load_rubric().flags]
    found.sort(key=lambda f: order.index(f.id))
    feats = build(
        doc,
        hits,
        mentions,
        detected.variant.expected_years,
        [f.id for f in found],
        len(hits["filler"]),
        len(hits["hedge"]),
    )
    return Analysis(doc, detected, hits, mentions, meaning, evidence, found, feats, calib)


def _checked(answer: object) -> str:
    if not isinstance(answer, str):
        raise InputError(f"The answer must be text, not {type(answer).__name__}.")
    if not answer.strip():
        raise EmptyAnswerError("The answer is empty: type or paste the answer you want scored.")
    if len(answer) > MAX_CHARS:
        raise AnswerTooLargeError(
            f"The answer is {len(answer):,} characters; answers are scored up to {MAX_CHARS:,} "
            "(about 8,000 words). Paste just the answer to the question."
        )
    return answer


def _check_language(doc: Doc, hits: dict[str, list[Hit]]) -> None:
    words = [w.text for w in doc.words]
    if not words:
        raise UnscorableAnswerError(
            "This text has no words to score. Type the answer in English sentences."
        )
    # Function words decide for ordinary answers: more of another language's than of English's
    # is another language. Terse English has few of either ("Data engineering, long term."), so
    # the bundled model's vocabulary decides for it and rescues short or list-like answers.
    common = english_words()
    english = sum(1 for w in words if w in common)
    foreign = max(
        (sum(1 for w in words if w in lang) for lang in other_language_words().values()),
        default=0,
    )
    # A very short answer may be slang or an acronym ("Dunno.", "CISO, eventually."): half its
    # words in the vocabulary is enough to score it.
    needed = 0.5 if len(words) < 5 else 0.75
    other_language = foreign >= 2 and foreign > english
    if other_language or (english / len(words) < 0.2 and _vocabulary_share(words) < needed):
        raise UnscorableAnswerError(
            "This does not look like an answer in English, so it was not scored. Aspira scores "
            "English answers to career-aspiration questions; paste the answer as you would say it."
        )


def _vocabulary_share(words: list[str]) -> float:
    """The share of words the bundled vocabulary knows: as they stand, without "'s" or "'ll",
    or part by part ("second-year"). Numbers belong to no language: they are left out (a text
    of numbers alone knows none)."""
    vocab = english_vocabulary()
    wordy = [w for w in words if not any(c.isdigit() for c in w)]
    if not wordy:
        return 0.0

    def known(word: str) -> bool:
        stem = word.split("'")[0]
        return (
            word in vocab
            or stem in vocab
            or ("-" in stem and all(part in vocab for part in stem.split("-") if part))
        )

    return sum(1 for w in wordy if known(w)) / len(wordy)


def _shape(
    doc: Doc,
    hits: dict[str, list[Hit]],
    mentions: list[TimeMention],
    calib: Calibration,
    expected: tuple[float, float],
) -> dict[str, float]:
    """What the answer's build says, flag by flag, beside the words and the meaning (0 to 1)."""
    rules = calib.shape
    specific = specific_count(hits)
    generic = len(hits["generic"])
    explicit = [m for m in mentions if not m.vague]
    return {
        "title_only": _title_shape(doc, hits, rules.title_only_max_words),
        "generic": float(
            generic >= rules.generic_min_hits
            and generic / (generic + specific + 1) >= rules.generic_min_share
        ),
        "over_planned": float(
            len(explicit) >= rules.over_planned_min_mentions
            and max((m.high or 0) for m in explicit) >= 10
        ),
        "unrealistic": _unrealistic_shape(doc, hits, explicit, expected),
        "leaving_soon": _leaving_shape(doc, hits),
        "off_topic": float(not hits["aim"]),
    }


def _leaving_shape(doc: Doc, hits: dict[str, list[Hit]]) -> float:
    """A short stay and a departure in the same or neighbouring sentences ("eighteen months,
    tops. Then I'm off to a bigger firm"): the stay is named with its end."""
    stays = {_sentence_of(doc, h.start) for h in hits["short_stay"]} - {-1}
    departures = {_sentence_of(doc, h.start) for h in hits["departure"]} - {-1}
    return float(any(j in departures for i in stays for j in (i - 1, i, i + 1)))


def _title_shape(doc: Doc, hits: dict[str, list[Hit]], max_words: int) -> float:
    """A title (or a ladder of titles) and nothing about the work itself: 1 for a short answer
    or a ladder, fading with length (the more an answer says around a bare title, the less the
    title alone is its direction — what it says is read by the meaning heads)."""
    titles = len(hits["title"])
    if not titles or work_count(hits, doc.norm):
        return 0.0
    words = max(doc.word_count, 1)
    if titles >= max(3, words / 20):
        return 1.0
    return round(min(1.0, max_words / words), 6)


def _unrealistic_shape(
    doc: Doc,
    hits: dict[str, list[Hit]],
    explicit: list[TimeMention],
    expected: tuple[float, float],
) -> float:
    """From the first rung to the top of the field within a few years, or to a management
    title within a year (the title and the year in one sentence: "area manager within six
    months"; someone else's title, "the manager", is not a goal)."""
    if not hits["entry_level"]:
        return 0.0
    if hits["grandiose"]:
        return 1.0
    # The nearest horizon the answer names, else the one the question asks about.
    horizon = min((m.high or m.low or 0.0) for m in explicit) if explicit else expected[1]
    if hits["top_level"] and horizon <= 5:
        return 1.0
    soon = {_sentence_of(doc, m.start) for m in explicit if (m.high or 0.0) <= 1}
    titles = {
        _sentence_of(doc, h.start)
        for h in hits["management"]
        if not _OTHERS.search(doc.norm, max(0, h.start - 12), h.start)
    }
    return float(bool(soon & titles))


# "the manager", "my manager": someone else's title, not a goal
_OTHERS = re.compile(r"\b(the|my|our|your|his|her|their)\s+(?:[a-z]+\s+)?$")


def _sentence_of(doc: Doc, at: int) -> int:
    """The index of the sentence holding offset ``at`` (-1 between sentences)."""
    return next((i for i, s in enumerate(doc.sentences) if s.start <= at < s.end), -1)


def _span(doc: Doc, start: int, end: int, why: str) -> Span:
    return Span(start=start, end=end, text=doc.original[start:end], why=why)


def _flag_hit(rubric: Rubric, doc: Doc, found: flag_rules.Found) -> FlagHit:
    spec = rubric.flag(found.id)
    return FlagHit(
        id=spec.id,
        name=spec.name,
        severity=spec.severity,
        evidence=[_span(doc, s, e, spec.name) for s, e in found.spans],
        matched=found.matched,
        why=spec.why,
        fix=spec.fix,
    )


def dimension_scores(
    rubric: Rubric,
    calib: Calibration,
    doc: Doc,
    feats: Features,
    meaning: Meaning,
    variant: Variant,
) -> list[DimensionScore]:
    """Every dimension's score, level, evidence and advice from one analysis (calibration
    scores the train split with this, as :func:`score` does)."""
    out = []
    for dim in rubric.dimensions:
        model = calib.dimensions[dim.id]
        res = score_dimension(
            feats,
            model.intercept,
            model.weights,
            model.embedding,
            meaning.answer,
            DIMENSION_EVIDENCE.get(dim.id),
        )
        out.append(
            DimensionScore(
                id=dim.id,
                name=dim.name,
                score=res.score,
                level=res.level,
                anchor=dim.levels[res.level],
                evidence=[_span(doc, s, e, why) for (s, e), why in res.evidence],
                how_to_raise=how_to_raise(dim, res.level, doc, feats, variant),
            )
        )
    return out


def overall_score(
    rubric: Rubric, scale: OverallScale, dims: Sequence[tuple[str, float]], flags: Sequence[str]
) -> int:
    """The rubric's weighted mean of the dimension scores, put on the rating scale by the
    calibration (``offset + scale × mean``), minus the flags' penalties, with the caps."""
    weights = {d.id: d.weight for d in rubric.dimensions}
    mean = sum(weights[d] * score for d, score in dims) / sum(weights.values())
    value = scale.offset + scale.scale * mean - sum(rubric.flag(f).penalty for f in flags)
    severities = {rubric.flag(f).severity for f in flags}
    if "severe" in severities:
        value = min(value, rubric.caps.severe)
    if "major" in severities:
        value = min(value, rubric.caps.major)
    return round(min(100.0, max(0.0, value)))


def _overall(
    rubric: Rubric, scale: OverallScale, dims: list[DimensionScore], flags: list[FlagHit]
) -> int:
    return overall_score(rubric, scale, [(d.id, d.score) for d in dims], [f.id for f in flags])


def _stats(doc: Doc, hits: dict[str, list[Hit]]) -> Stats:
    return Stats(
        words=doc.written_word_count,
        sentences=len(doc.sentences),
        speaking_seconds=round(doc.written_word_count / SPEAKING_WORDS_PER_SECOND, 1),
        fillers=len(hits["filler"]),
        hedges=len(hits["hedge"]),
    )
