"""The answer composer: a profile, a company and a question in; three scored answers out.

:func:`compose` follows the method the rubric rewards: a specific direction, why it is the
person's own, what this role gives and what they would bring in line with the mission, an
honest timeline for the question's horizon, and the value they bring. It writes a main answer
(direction first) and two alternatives with a different emphasis (impact, story or growth
first), each from the templates in ``knowledge/data/compose.v1.yaml``:

1. The question's variant (:func:`~aspira.analysis.horizon.detect_variant`) picks the horizon
   class, which picks the timeline templates and phrases (first year, next few years, a longer
   arc, a decade).
2. The company's most confident culture archetype picks the register (innovative: energetic
   and experimental; traditional: steady and measured; mission-driven: purpose first; …).
3. Each part of the emphasis takes the first template whose slots the profile and company can
   fill, whose facts are not already used in the answer (an *echo*, such as the work a
   direction names, may say part of a used fact again), whose words pass the privacy guard,
   and that does not say a word twice where a template meets a fact ("a fair start from the
   start").
4. The answer is fitted to 60–180 words (short-only parts added; optional parts dropped in a
   fixed order, the weightier ones only after shorter wordings were tried), checked once more
   by the privacy guard, and scored by the engine.
5. An answer that falls short of `strong` or raises a flag is said again with the other
   wordings of its glue phrases, one phrase list at a time, keeping each that scores higher
   (the facts and templates stay), until it is `strong` without flags or every wording was
   tried; then, if it is still not ready, optional parts are left out one at a time (in the
   length-fitting order) while that raises its score. An alternative still not ready gives way
   to an emphasis not yet offered, in the alternatives' preference order, when that scores
   higher.

Deterministic: no randomness, no clock, and every choice follows list order. Nothing is
invented: each sentence records the facts it used, and the words around them only say what the
person wants to do. A profile with no aim at all (no direction, goal or aspiration) or nothing
to back it raises :class:`ProfileTooThinError` with the fix.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from aspira.analysis.horizon import detect_variant
from aspira.analysis.pipeline import score
from aspira.analysis.semantic import read_ahead
from aspira.company.model import Company
from aspira.compose import text as tx
from aspira.compose.data import LOWER_SUFFIX, ComposeData, Emphasis, HorizonClass, compose_data
from aspira.compose.model import (
    Answer,
    Composition,
    FactRef,
    ReframeNote,
    ScoreSummary,
    Sentence,
)
from aspira.compose.privacy import PrivacyGuard
from aspira.compose.reframe import reframe_notes
from aspira.compose.slots import Slots, build_slots
from aspira.errors import AspiraError, InputError
from aspira.knowledge.signals import Variant
from aspira.profile import Profile, profile_from_mapping

COMPOSER = "compose.v1"
MAX_TRIES_PER_PART = 2000
# Facts that may appear in more than one sentence: the person's field and name, and who the
# company is. The person's role and years are said once: "my four years as a product manager"
# twice in one answer is padding.
REPEATABLE = frozenset(
    {
        ("profile", "field"),
        ("profile", "name"),
        ("company", "name"),
        ("company", "role_title"),
    }
)
MISSING_ADVICE = (
    ("direction_why", "Add why this direction is yours (direction_why) to make the why concrete."),
    ("achievements", "Add an achievement to make the why concrete: one result from your work."),
    ("strengths", "Add a strength or two so the answer can say what you rely on."),
    ("skills", "Add your skills so the answer can say what you would bring to the team."),
    (
        "goal_3_5_years",
        "Add a 3–5-year goal so the timeline can be specific about the next few years.",
    ),
    (
        "aspiration",
        "Add a long-term aspiration so the answer can show the larger vision beyond it.",
    ),
    ("years_experience", "Add your years of experience to ground the why in your track record."),
)


class ProfileTooThinError(InputError):
    """The profile has nothing to build an answer around (no aim, or nothing behind it)."""

    code = "profile_too_thin"


class Rendering(NamedTuple):
    """A template filled so far: its text, the facts it uses up, the reframed aim it says, and
    the facts it only echoes (named again in part, so not used up)."""

    text: str
    facts: tuple[FactRef, ...]
    reframe: str | None
    echoed: tuple[FactRef, ...]


@dataclass
class Draft:
    emphasis: Emphasis
    sentences: list[Sentence]
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


def compose(
    profile: Profile | Mapping[str, Any],
    company: Company | Mapping[str, Any] | None = None,
    question: str | None = None,
) -> Composition:
    """Compose a main answer and two alternatives, each scored; see the module doc."""
    person = _as_profile(profile)
    org = _as_company(company)
    data = compose_data()
    variant = detect_variant(question).variant
    horizon = horizon_class(variant)
    register_id, register = data.register_for(org.primary_archetype() if org else None)
    reframes = reframe_notes(person)
    slots = build_slots(person, org, reframes)
    _check_thin(slots)
    macros = {**data.phrases, **register.phrases, **data.horizons[horizon]}
    writer = Writer(data, slots, macros, horizon, PrivacyGuard(person.private_notes))
    main = writer.draft(data.emphasis(data.main))
    if not main.sentences:
        raise ProfileTooThinError(
            "Every sentence the composer could write repeated words from a private note. Reword "
            "the direction or the note (`aspira profile edit`) so they share no three words in a row."
        )
    drafts = [main, *writer.alternatives()]
    # the model reads the alternatives' sentences on the second core while the main answer is
    # scored: the same scores, less waiting
    with read_ahead([d.text for d in drafts[1:]]):
        answers = [_answer(d, question, org) for d in drafts]
    for i, answer in enumerate(answers):
        if not _ready(answer):
            reword = Writer(data, slots, macros, horizon, writer.guard)
            drafts[i], answers[i] = _reworded(drafts[i], answer, reword, question, org)
    # An alternative that no wording made ready gives way to an emphasis not yet offered, in the
    # alternatives' preference order, when that one scores higher.
    preferred = list(dict.fromkeys(e for prefs in data.alternatives for e in prefs))
    for i in range(1, len(answers)):
        offered = {d.emphasis.id for d in drafts}
        for emphasis_id in preferred:
            if _ready(answers[i]):
                break
            if emphasis_id in offered:
                continue
            other_writer = Writer(data, slots, macros, horizon, writer.guard)
            other = other_writer.draft(data.emphasis(emphasis_id))
            if other.missing or not other.sentences:
                continue
            scored = _answer(other, question, org)
            if not _ready(scored):
                other, scored = _reworded(other, scored, other_writer, question, org)
            if _rank(scored) > _rank(answers[i]):
                drafts[i], answers[i] = other, scored
    return Composition(
        composer=COMPOSER,
        question=question,
        variant=variant.id,
        horizon=horizon,
        company=org.name if org else None,
        archetype=org.primary_archetype() if org else None,
        register_id=register_id,
        register_name=register.name,
        main=answers[0],
        alternatives=answers[1:],
        reframes=[ReframeNote(**r.model_dump()) for r in reframes],
        advice=_advice(person, org, slots, drafts, data),
    )


def horizon_class(variant: Variant) -> HorizonClass:
    """The timeline a question asks for: first year, next few years, a longer arc, a decade."""
    low, high = variant.expected_years
    if high <= 2:
        return "first_year"
    if low >= 8:
        return "decade"
    if variant.horizon == "near":
        return "near"
    return "long" if variant.horizon == "long" else "any"


@dataclass
class Writer:
    """Fills the parts of an emphasis with the first template that fits, in order."""

    data: ComposeData
    slots: Slots
    macros: dict[str, list[str]]
    horizon: HorizonClass
    guard: PrivacyGuard
    chosen: set[str] = field(default_factory=set)
    # near_repeat answers per (sentence, own words): shortening a draft asks about the same
    # candidates again
    repeats: dict[tuple[str, tuple[str, ...]], bool] = field(default_factory=dict)
    # word counts of candidate sentences and drafts: fitting the length counts them again and again
    counts: dict[str, int] = field(default_factory=dict)

    def words(self, text: str) -> int:
        found = self.counts.get(text)
        if found is None:
            found = self.counts[text] = tx.word_count(text)
        return found

    def draft(self, emphasis: Emphasis) -> Draft:
        """Fill the emphasis's parts, highest ``fill`` first (what the person brings), then the
        rest in order. Parts said only when the answer is short wait until the others are
        written, so they never take a fact another part needs. Sentences keep the emphasis's
        order."""
        out = Draft(emphasis, [])
        parts = self.data.parts
        slots: dict[str, Sentence] = {}
        used: set[tuple[str, str]] = set()
        main = [p for p in emphasis.parts if not parts[p].only_when_short]
        main.sort(key=lambda p: -parts[p].fill)  # stable: equal `fill` keeps the order
        extra = [p for p in emphasis.parts if parts[p].only_when_short]
        for part_id in main:
            if self._fill(emphasis, part_id, slots, used) is None and not parts[part_id].optional:
                out.missing.append(part_id)
        written = " ".join(s.text for s in slots.values())
        if extra and tx.word_count(written) < self.data.min_words:
            for part_id in extra:
                self._fill(emphasis, part_id, slots, used)
        out.sentences = [slots[p] for p in emphasis.parts if p in slots]
        self._fit_length(out)
        self._sweep(out)
        self.chosen.add(emphasis.id)
        return out

    def _fill(
        self,
        emphasis: Emphasis,
        part_id: str,
        slots: dict[str, Sentence],
        used: set[tuple[str, str]],
    ) -> Sentence | None:
        """Write one part (after the nearest part already written) and mark its facts used."""
        index = emphasis.parts.index(part_id)
        before = next((slots[p].text for p in reversed(emphasis.parts[:index]) if p in slots), "")
        sentence = self.sentence(part_id, before, used)
        if sentence is not None:
            slots[part_id] = sentence
            used |= _spent(sentence)
        return sentence

    def alternatives(self) -> list[Draft]:
        found = []
        for preferences in self.data.alternatives:
            for emphasis_id in preferences:
                if emphasis_id in self.chosen:
                    continue
                draft = self.draft(self.data.emphasis(emphasis_id))
                if not draft.missing and draft.sentences:
                    found.append(draft)
                    break
        return found

    def sentence(self, part_id: str, before: str, used: set[tuple[str, str]]) -> Sentence | None:
        return next(self.candidates(part_id, before, used), None)

    def candidates(
        self,
        part_id: str,
        before: str,
        used: set[tuple[str, str]],
        shorter_than: int | None = None,
    ) -> Iterator[Sentence]:
        """Sentences for a part, best first: slots filled, no fact reused, nothing private (and
        fewer than ``shorter_than`` words, when given: checked first, as it is the cheapest)."""
        spec = self.data.parts[part_id]
        tries = 0
        for template in spec.templates_for(self.horizon):
            for text, facts, reframe, echoed in self.renderings(template, used):
                tries += 1
                if tries > MAX_TRIES_PER_PART:
                    return
                if (_keys(facts, reframe) - REPEATABLE) & used:
                    continue
                text = tx.capitalise(" ".join(text.split()))
                if shorter_than is not None and self.words(text) >= shorter_than:
                    continue
                said = facts + echoed
                if self._repeats(text, tuple(f.value for f in said)) or self.guard.leaks(
                    text, before
                ):
                    continue
                yield Sentence(
                    text=text,
                    role=spec.role,
                    part=part_id,
                    facts=_unique(said),
                    reframe=reframe,
                    echoes=_unique(echoed),
                )

    def _repeats(self, text: str, own: tuple[str, ...]) -> bool:
        key = (text, own)
        found = self.repeats.get(key)
        if found is None:
            found = self.repeats[key] = tx.near_repeat(text, own) is not None
        return found

    def renderings(self, template: str, used: set[tuple[str, str]]) -> Iterator[Rendering]:
        """Every way to fill a template without reusing a used fact, best first (lazily)."""
        pieces = _pieces(template)
        yield from self._expand(pieces, 0, Rendering("", (), None, ()), used)

    def _expand(
        self,
        pieces: tuple[tuple[str, str | None, str | None, str | None], ...],
        index: int,
        done: Rendering,
        used: set[tuple[str, str]],
    ) -> Iterator[Rendering]:
        if index == len(pieces):
            yield done
            return
        literal, name, _, _ = pieces[index]
        done = done._replace(text=done.text + literal)
        if name is None:
            yield from self._expand(pieces, index + 1, done, used)
            return
        lower = name.endswith(LOWER_SUFFIX)
        base = name[: -len(LOWER_SUFFIX)] if lower else name
        for option in self._options(base, used):
            text = _force_lower(option.text) if lower else option.text
            grown = Rendering(
                done.text + text,
                done.facts + option.facts,
                done.reframe or option.reframe,
                done.echoed + option.echoed,
            )
            yield from self._expand(pieces, index + 1, grown, used)

    def _options(self, name: str, used: set[tuple[str, str]]) -> Iterator[Rendering]:
        if name in self.macros:
            for alternative in self.macros[name]:
                yield from self.renderings(alternative, used)
            return
        for phrase in self.slots.values.get(name, []):
            if phrase.echo:
                yield Rendering(phrase.text, (), phrase.reframe, phrase.facts)
            elif not (_keys(phrase.facts, phrase.reframe) - REPEATABLE) & used:
                yield Rendering(phrase.text, phrase.facts, phrase.reframe, ())

    def _fit_length(self, draft: Draft) -> None:
        """Drop optional parts in order until the answer fits; before dropping a part that
        carries weight (``shorten_before``), first try shorter wordings of the longest
        sentences."""
        for part_id in self.data.drop_order:
            if part_id in self.data.shorten_before:
                self._shorten(draft)
            if self.words(draft.text) <= self.data.max_words:
                break
            draft.sentences = [s for s in draft.sentences if s.part != part_id]
        self._shorten(draft)

    def _shorten(self, draft: Draft) -> None:
        while self.words(draft.text) > self.data.max_words and self._shorten_one(draft):
            pass

    def _shorten_one(self, draft: Draft) -> bool:
        """Swap the longest sentence that has a shorter alternative for that alternative."""
        by_length = sorted(
            range(len(draft.sentences)), key=lambda i: -self.words(draft.sentences[i].text)
        )
        for index in by_length:
            current = draft.sentences[index]
            used: set[tuple[str, str]] = set()
            for i, other in enumerate(draft.sentences):
                if i != index:
                    used |= _spent(other)
            before = draft.sentences[index - 1].text if index else ""
            length = self.words(current.text)
            for candidate in self.candidates(current.part, before, used, shorter_than=length):
                draft.sentences[index] = candidate
                return True
        return False

    def _sweep(self, draft: Draft) -> None:
        """The final check: drop any sentence that still repeats a run from a private note."""
        while bad := self.guard.offending([s.text for s in draft.sentences]):
            dropped = draft.sentences.pop(bad[-1])
            draft.notes.append(
                f"A {dropped.role} sentence was left out because it repeated three words in a row "
                "from a private note; reword the note or the profile field it came from."
            )


@lru_cache(maxsize=4096)
def _pieces(template: str) -> tuple[tuple[str, str | None, str | None, str | None], ...]:
    """A template's literal text and slot names, in order (templates are few and reused)."""
    return tuple(string.Formatter().parse(template))


def _keys(facts: Iterable[FactRef], reframe: str | None) -> set[tuple[str, str]]:
    """What a sentence uses up: its facts, and the reframed aim it says (said once only)."""
    keys: set[tuple[str, str]] = {(f.source, f.field) for f in facts}
    if reframe is not None:
        keys.add(("reframe", reframe))
    return keys


def _spent(sentence: Sentence) -> set[tuple[str, str]]:
    """What a written sentence has used up: its facts and reframed aim, not what it echoes."""
    return _keys([f for f in sentence.facts if f not in sentence.echoes], sentence.reframe)


def _force_lower(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first == "I" or (len(first) > 1 and first.isupper()):
        return text
    return text[:1].lower() + text[1:]


def _unique(facts: tuple[FactRef, ...]) -> list[FactRef]:
    out: list[FactRef] = []
    for fact in facts:
        if fact not in out:
            out.append(fact)
    return out


def _check_thin(slots: Slots) -> None:
    if not slots.has("direction"):
        raise ProfileTooThinError(
            "The profile has no direction, 3–5-year goal or aspiration to build an answer around. "
            'Add one, e.g. `aspira profile edit --set direction="move into …, so that …"`, or '
            "run `aspira profile init` for the guided questions."
        )
    backing = ("why", "strengths", "skills", "achievement", "achievement_np", "energy")
    if not any(slots.has(name) for name in backing):
        raise ProfileTooThinError(
            "The profile says where you are going but nothing about why or what you bring. Add "
            "at least one of direction_why, strengths, skills, achievements or energised_by "
            '(`aspira profile edit --set skills="…; …"`).'
        )


def _ready(answer: Answer) -> bool:
    return answer.score.band == "strong" and not answer.score.flags


def _rank(answer: Answer) -> tuple[bool, bool, int]:
    score = answer.score
    return (not score.flags, score.band == "strong", score.overall or 0)


def _reworded(
    draft: Draft,
    answer: Answer,
    writer: Writer,
    question: str | None,
    company: Company | None,
) -> tuple[Draft, Answer]:
    """An answer that falls short of `strong` or raises a flag, said again with other wordings
    of its glue phrases ("I want to", "over the next few years"): one phrase list at a time, in
    a fixed order, each wording kept when it scores higher, until the answer is `strong` with no
    flags or every wording was tried. The templates and the facts stay; only the words around
    the facts change, so nothing is invented. Deterministic; costs nothing for an answer that
    is ready as first written."""
    base = dict(writer.macros)
    best = (draft, answer)
    seen = {draft.text}
    for name in sorted(base):
        options = base[name]
        current = writer.macros[name]
        for turn in range(1, len(options)):
            writer.macros = {**writer.macros, name: options[turn:] + options[:turn]}
            writer.chosen.clear()
            other = writer.draft(draft.emphasis)
            if other.missing or not other.sentences or other.text in seen:
                continue
            seen.add(other.text)
            scored = _answer(other, question, company)
            if _rank(scored) > _rank(best[1]):
                best, current = (other, scored), writer.macros[name]
                if _ready(scored):
                    return best
        writer.macros = {**writer.macros, name: current}
    return _trimmed(best, writer, question, company)


def _trimmed(
    best: tuple[Draft, Answer], writer: Writer, question: str | None, company: Company | None
) -> tuple[Draft, Answer]:
    """When no wording made the answer ready, say less: leave out one optional part at a time,
    in the length-fitting order, as long as the answer keeps its minimum length; a shorter
    answer is kept only when it scores higher. Nothing is added, so nothing is invented."""
    draft, answer = best
    for part_id in writer.data.drop_order:
        if _ready(answer):
            break
        kept = [s for s in draft.sentences if s.part != part_id]
        if len(kept) == len(draft.sentences):
            continue
        other = Draft(draft.emphasis, kept, list(draft.missing), list(draft.notes))
        if writer.words(other.text) < writer.data.min_words:
            continue
        scored = _answer(other, question, company)
        if _rank(scored) > _rank(answer):
            draft, answer = other, scored
    return draft, answer


def _answer(draft: Draft, question: str | None, company: Company | None) -> Answer:
    text = draft.text
    return Answer(
        emphasis=draft.emphasis.id,
        emphasis_name=draft.emphasis.name,
        text=text,
        words=tx.word_count(text),
        sentences=draft.sentences,
        score=_score(text, question, company),
    )


def _score(text: str, question: str | None, company: Company | None) -> ScoreSummary:
    try:
        card = score(text, question=question, company=company)
    except InputError as exc:  # e.g. not English: the answer is still shown, unscored
        return ScoreSummary(
            overall=None, band="unscored", flags=[], rubric="", scorer="", error=exc.message
        )
    return ScoreSummary(
        overall=card.overall,
        band=card.band,
        flags=[f.id for f in card.flags],
        rubric=card.rubric,
        scorer=card.scorer,
    )


def _advice(
    person: Profile, org: Company | None, slots: Slots, drafts: list[Draft], data: ComposeData
) -> list[str]:
    advice = list(slots.notes)
    for name, text in MISSING_ADVICE:
        if not getattr(person, name):
            advice.append(text)
    advice += _company_advice(org)
    for draft in drafts:
        advice += [n for n in draft.notes if n not in advice]
    main = drafts[0]
    if main.missing:
        roles = ", ".join(sorted({data.parts[p].role for p in main.missing}))
        advice.append(f"The main answer has no {roles} sentence: fill in the fields above.")
    words = tx.word_count(main.text)
    if words > data.max_words:
        advice.append(
            f"The main answer is {words} words, over {data.max_words}: shorten the longest fields "
            "(direction, goal, aspiration) to one clear sentence each."
        )
    return list(dict.fromkeys(advice))


def _company_advice(org: Company | None) -> list[str]:
    if org is None:
        return [
            "No company given: add one (`aspira company add`, or --company-file FILE) so the "
            "answer can connect to its mission, its culture and what the role offers."
        ]
    out = []
    if org.mission is None:
        out.append("The company has no mission recorded; add it so the answer can align with it.")
    if not org.offers:
        out.append(
            "The company has no role offers recorded (growth, exposure, skills); add one "
            "so the answer can say what this role would give you."
        )
    if not org.archetypes:
        out.append(
            "The company has no culture archetype recorded, so the answer uses a neutral register."
        )
    return out


def _as_profile(profile: Profile | Mapping[str, Any]) -> Profile:
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, Mapping):
        return profile_from_mapping(dict(profile))
    raise InputError(
        f"The profile must be a Profile or a mapping of its fields, not {type(profile).__name__}."
    )


def _as_company(company: Company | Mapping[str, Any] | None) -> Company | None:
    if company is None or isinstance(company, Company):
        return company
    if isinstance(company, Mapping):
        from aspira.knowledge.loader import validate

        try:
            return validate(Company, dict(company), "company")
        except AspiraError as exc:
            raise InputError(exc.message, details=exc.details) from exc
    raise InputError(
        f"The company must be a Company or a mapping of its fields, not {type(company).__name__}."
    )
