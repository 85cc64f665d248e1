"""Fact slots: the profile's and the company's own words, shaped to fit the templates.

Each slot holds a list of candidate :class:`Phrase` values in order of preference (for example
two strengths, then one), and each phrase records the facts it came from. A slot with no
candidates cannot be filled, so templates that need it are skipped. Nothing here adds a fact:
a phrase is a field's own words with framing removed and grammar adjusted.

Public fields are screened with the reframing patterns first: a direction that reads as a plan
for one's own business, a wish for the interviewer's seat, money, or leaving is not said; the
truthful capability beneath it stands in, and the person is told why (``notes``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from aspira.company.model import Company, Offer
from aspira.compose import text as tx
from aspira.compose.model import FactRef
from aspira.compose.reframe import Reframe, capability_for, reframe_data, screen
from aspira.compose.text import wordset
from aspira.profile import Profile

MAX_PHRASE_WORDS = 30
# A strength typed as an activity ("Explaining ideas simply") is said as "my knack for …": plain
# spoken English, and modest, where "my strength in …" sounds like a stock phrase.
STRENGTH_LEAD = "knack for "
MAX_ITEM_WORDS = 12
TITLE_WORDS = wordset(
    """
    manager director lead head engineer scientist analyst partner nurse teacher designer
    consultant specialist officer accountant controller developer architect coordinator executive
    supervisor leader practitioner researcher marketer recruiter owner principal chief president
    vp cto cfo ceo coo cmo chro cpo cno hrbp administrator associate representative adviser
    advisor strategist planner
    """
)
# A direction named as a noun is an area of work to move into when it opens with one of these
# ("editorial leadership for a brand", "people analytics"); otherwise an outcome to work
# toward ("better care for older patients").
AREA_HEADS = wordset(
    """
    leadership management analytics research strategy operations policy consultancy consulting
    """
)
_ARTICLE = re.compile(r"^(a|an|the)\s+", re.IGNORECASE)
_TITLE_LEAD = re.compile(
    r"^(?:become|be|get promoted to|move into|move up to|step into|step up to|reach|make|"
    r"grow into|progress to|get to)\s+(?:a|an|the)?\s*",
    re.IGNORECASE,
)
_SEE_MYSELF = re.compile(r"^i (?:can |would like to |want to )?see myself (?:as )?", re.IGNORECASE)
# "become a librarian who runs reading groups": the work the title is for ("running reading
# groups"), said on its own when the timeline needs to name what the person will be doing.
_TITLE_WITH_WORK = re.compile(
    r"^(?:become|be)\s+(?:a|an|the)\s+[^,;]{1,60}?\s+(?:who|that)\s+"
    r"(?P<verb>[a-z]+)\s+(?P<rest>[^,;]+)",
    re.IGNORECASE,
)
_WORK_ENDS = wordset("for in at across within among to so because while when where")
_OWN_TIME = re.compile(
    r"\b(within|in|by|over|during|before|after|next)\b[^.;]{0,24}?\b(years?|months?|decades?)\b"
    r"|\b20\d\d\b|\b(next|this|coming) (year|quarter)\b",
    re.IGNORECASE,
)
_FAR_TIME = re.compile(
    r",?\s*\b(?:in|within|by|over)\s+(?:the\s+next\s+)?(?:\d+|ten|fifteen|twenty|twenty-five|"
    r"thirty|a decade|two decades)\s*(?:years?|decades?)?(?:'s?\s+time)?\b"
    r"|,?\s*\bby\s+(?:the\s+time\s+i(?:'m| am)\s+|age\s+|the\s+age\s+of\s+)\d+\b"
    r"|,?\s*\bby\s+20\d\d\b",
    re.IGNORECASE,
)
_CLAUSE_HINTS = wordset(
    """
    is are was were am has have had do does did can could will would i we it they he she
    enjoy enjoys love loves like likes want wants care cares believe believes find found makes
    make gives give keeps matters need needs feel felt i'm i've i'd it's that's there
    """
)
_PAST_IRREGULAR = wordset(
    """
    led built ran grew cut won took made wrote set brought taught drove began found got gave kept
    spent sold became held met put saw stood went did oversaw undertook shrank hit beat split
    sped rebuilt overhauled rewrote broke chose drew caught sought told thought bought
    fought threw spoke wore
    """
)
_STRENGTH_PREFIX = re.compile(
    r"^(?:good|strong|great|skilled|experienced|confident|excellent) (?:at|in|with)\s+",
    re.IGNORECASE,
)
_DETERMINERS = wordset("a an the my our your their this that these those")
_ADJECTIVE_END = ("ful", "ous", "ive", "ent", "ant", "able", "ible", "ic", "al", "ed", "ate")


@dataclass(frozen=True)
class Phrase:
    text: str
    facts: tuple[FactRef, ...] = ()
    reframe: str | None = None
    # An echo names again part of a fact another sentence says in full (the work inside the
    # direction), so it neither needs the fact unused nor uses it up.
    echo: bool = False


@dataclass
class Slots:
    """Candidate phrases per slot, and notes for the person about how fields were used."""

    values: dict[str, list[Phrase]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, *phrases: Phrase | None) -> None:
        bucket = self.values.setdefault(name, [])
        for phrase in phrases:
            if phrase is not None and phrase.text and phrase not in bucket:
                bucket.append(phrase)

    def has(self, name: str) -> bool:
        return bool(self.values.get(name))


def pf(name: str, value: object) -> FactRef:
    return FactRef(source="profile", field=name, value=_fact_value(value))


def cf(name: str, value: str) -> FactRef:
    return FactRef(source="company", field=name, value=value)


def _fact_value(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


# -- shaping helpers -------------------------------------------------------------------------


def clean(text: str, max_words: int = MAX_PHRASE_WORDS) -> tuple[str, bool]:
    """First sentence, framing removed, cut to whole clauses; and whether it was cut."""
    return tx.trim_words(tx.strip_framing(_SEE_MYSELF.sub("", tx.first_sentence(text))), max_words)


def lower_role(text: str) -> str:
    """A role or field inside a sentence: Title Case lowered word by word, acronyms kept."""
    text = _ARTICLE.sub("", text.strip())
    parts = text.split()
    if len(parts) > 1 and all(p[:1].isupper() for p in parts if p[:1].isalpha()):
        return " ".join(p if _keep_case(p) else p.lower() for p in parts)
    return text if not parts or _keep_case(parts[0]) else text[:1].lower() + text[1:]


def _keep_case(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and any(c.isupper() for c in letters[1:])


def as_verb_phrase(text: str) -> str:
    """A verb phrase for "to …": the phrase itself, "become a …" for a role, else "work toward …"."""
    vp = tx.verb_phrase(text)
    if vp is not None:
        return vp
    lowered = lower_role(text)
    if title_words(text) and tx.word_count(text) <= 6:
        return f"become {tx.article(lowered)} {lowered}"
    if any(w.lower() in AREA_HEADS for w in tx.words(text)[:3]):
        return f"move into {lowered}"
    return f"work toward {lowered}"


def work_phrases(text: str) -> list[str]:
    """The work a "become a <title> who <does something>" aim names, as an "-ing" phrase, and
    the same without whom or where it is for ("running reading groups for new parents", then
    "running reading groups"); none when the aim has no such clause."""
    found = _TITLE_WITH_WORK.match(text)
    if found is None:
        return []
    verb = found.group("verb").lower()
    base = tx.base_verb(verb)
    if base is None or verb == base or not verb.endswith("s"):
        return []  # only a third-person verb: "who runs", not "who is" or "who can"
    rest = found.group("rest").split()
    work = " ".join([tx.ing_form(base), *rest])
    cut = next((i for i, w in enumerate(rest) if i and w.lower() in _WORK_ENDS), len(rest))
    core = " ".join([tx.ing_form(base), *rest[:cut]])
    return [work] if core == work else [work, core]


def title_words(text: str) -> bool:
    return any(w.lower() in TITLE_WORDS for w in tx.words(text))


def is_title_like(text: str) -> bool:
    """A direction that is only a job title: a few words, one of them a title, nothing more."""
    core = _TITLE_LEAD.sub("", tx.strip_framing(tx.first_sentence(text)))
    return bool(core) and tx.word_count(core) <= 4 and title_words(core)


def because(text: str) -> str:
    """A reason as a phrase that starts with "because"."""
    raw = tx.first_sentence(text)
    low = raw.lower()
    if low.startswith("to "):
        return "because I want " + raw
    if low.startswith("so that "):
        return "because I want to make sure that " + raw[8:]
    raw = re.sub(r"^(?:i want (?:this|it) )?(?:because|as|since)\s+", "", raw, flags=re.IGNORECASE)
    if not raw:
        return ""
    first = raw.split(" ", 1)[0]
    tokens = tx.words(raw)
    clause = (
        len(tokens) >= 5
        or any(w.lower() in _CLAUSE_HINTS or w.lower().endswith("ed") for w in tokens)
        or tx.base_verb(first)
    )
    if clause:
        return "because " + tx.lower_first(raw)
    np = tx.lower_first(raw)
    return "because of " + (np if np.split(" ", 1)[0].lower() in _DETERMINERS else "my " + np)


def achievement_clause(text: str) -> tuple[str, bool]:
    """An achievement as a clause ("I resolved …", True) or as a noun phrase (False)."""
    raw = tx.first_sentence(text)
    parts = raw.split(" ", 1)
    first = parts[0].lower()
    if first in ("i", "we"):
        return raw, True
    past = (first.endswith("ed") and len(first) > 3) or first in _PAST_IRREGULAR
    present = tx.base_verb(first) == first and not first.endswith("ing")
    if past or present:
        return "I " + first + (" " + parts[1] if len(parts) > 1 else ""), True
    return tx.lower_first(raw), False


def strength_phrase(text: str) -> str:
    raw = tx.first_sentence(text)
    raw, _ = tx.trim_words(raw, MAX_ITEM_WORDS)
    prefixed = _STRENGTH_PREFIX.match(raw)
    if prefixed:
        return STRENGTH_LEAD + tx.lower_first(raw[prefixed.end() :])
    first = raw.split(" ", 1)[0]
    if first.lower().endswith("ing") and len(first) > 5:
        return STRENGTH_LEAD + tx.lower_first(raw)
    if " " not in raw and raw.lower().endswith(_ADJECTIVE_END) and not raw.lower().endswith("al"):
        return raw.lower() + " approach"
    return tx.lower_first(raw)


def item_phrase(text: str) -> str:
    raw, _ = tx.trim_words(tx.first_sentence(text), MAX_ITEM_WORDS)
    return tx.lower_first(raw)


def energy_phrase(text: str) -> str:
    raw = tx.first_sentence(text)
    raw = re.sub(r"^i(?:'m| am) (?:energi[sz]ed|motivated|driven) by\s+", "", raw, flags=re.I)
    raw, _ = tx.trim_words(raw, 20)
    if raw[:2].lower() in ("i ", "i'"):
        return "that " + raw
    return tx.lower_first(raw)


def has_own_time(text: str) -> bool:
    return bool(_OWN_TIME.search(text))


def without_far_dates(text: str) -> tuple[str, bool]:
    """An aspiration without fixed far-off dates ("by 2040", "in twenty years")."""
    stripped = " ".join(_FAR_TIME.sub("", text).split()).strip(" ,;")
    return stripped, stripped != text.strip()


# -- the profile -----------------------------------------------------------------------------


def build_slots(profile: Profile, company: Company | None, reframes: list[Reframe]) -> Slots:
    """Every fact slot the templates may use, filled from this profile and company."""
    slots = Slots()
    aim_source = _direction(slots, profile)
    if aim_source is None and slots.has("reframe"):
        # Every aim reads as a private one: lead with the truthful capability beneath it.
        slots.values["direction"] = [slots.values["reframe"].pop(0)]
    _why(slots, profile)
    _experience(slots, profile)
    _lists(slots, profile)
    _horizons(slots, profile, aim_source)
    _reframes(slots, profile, reframes)
    _company(slots, company)
    _direction_fallbacks(slots)
    return slots


def _direction_fallbacks(slots: Slots) -> None:
    """Other true aims to lead with when no wording of the direction can be said (its words
    are in a private note): the goal, the aspiration, then a reframed capability."""
    if not slots.has("direction"):
        return
    for name in ("goal", "goal_timed", "aspiration", "reframe"):
        slots.add("direction", *slots.values.get(name, []))


def _safe(slots: Slots, profile: Profile, name: str, text: str) -> bool:
    """False (with a note) when a public field reads as a private aim; its capability is used."""
    kind = screen(text)
    if kind is None:
        return True
    found = capability_for(kind, profile)
    if found is not None:
        capability, facts = found
        slots.add("reframe", Phrase(capability, tuple(pf(n, v) for n, v in facts), kind.id))
        said = f" it says the capability beneath it instead: “{capability}”"
    else:
        said = " it leaves it out"
    slots.notes.append(
        f"Your {name.replace('_', ' ')} reads as “{kind.name.lower()}”, so the answer does not "
        f"say it as written;{said}. {kind.why}"
    )
    return False


def _cut_note(slots: Slots, name: str) -> None:
    slots.notes.append(
        f"Your {name.replace('_', ' ')} is long: the answer uses its first part. Shorten it to "
        "one sentence so every word of it can be said."
    )


def _direction(slots: Slots, profile: Profile) -> str | None:
    """The direction, or the goal or aspiration standing in for it; returns the field used."""
    for name in ("direction", "goal_3_5_years", "aspiration"):
        value = getattr(profile, name)
        if not value or not tx.first_sentence(value) or not _safe(slots, profile, name, value):
            continue
        if name != "direction":
            slots.notes.append(
                f"The profile has no direction you can say as written, so the answer leads with "
                f"your {name.replace('_', ' ')}. Add a direction: the kind of work, the "
                "capability and the impact you are building toward."
            )
        text, cut = clean(value)
        if cut:
            _cut_note(slots, name)
        fact = pf(name, value)
        if name == "direction" and is_title_like(value):
            slots.add("direction", *_enriched_title(slots, profile, text, fact))
        else:
            vp = as_verb_phrase(text)
            shorter = tx.trim_words(vp, 14)[0]
            slots.add("direction", Phrase(vp, (fact,)), Phrase(shorter, (fact,)))
            for work in work_phrases(vp):
                slots.add("work", Phrase(work, (fact,), echo=True))
        return name
    return None


def _enriched_title(slots: Slots, profile: Profile, text: str, fact: FactRef) -> list[Phrase]:
    """A title-only direction, made specific with the person's own energy or skills."""
    slots.notes.append(
        "Your direction reads like a job title. Say the kind of work, the capability and the "
        "impact behind it; the answer adds what energises you or your skills for now."
    )
    core = lower_role(_TITLE_LEAD.sub("", text)) or lower_role(text)
    base = f"grow into {tx.article(core)} {core} role"
    out = []
    for index, item in enumerate(profile.energised_by):
        energy = energy_phrase(item)
        if energy and not energy.startswith("that "):
            joiner = "" if energy.split(" ", 1)[0].endswith("ing") else "on "
            out.append(
                Phrase(
                    f"{base}, spending more of my time {joiner}{energy}",
                    (fact, pf(f"energised_by[{index}]", item)),
                )
            )
    for index, item in enumerate(profile.skills):
        out.append(
            Phrase(
                f"{base} built on my skills in {item_phrase(item)}",
                (fact, pf(f"skills[{index}]", item)),
            )
        )
    out.append(Phrase(base, (fact,)))
    return out


def _why(slots: Slots, profile: Profile) -> None:
    value = profile.direction_why
    if value and tx.first_sentence(value) and _safe(slots, profile, "direction_why", value):
        reason = because(tx.trim_words(tx.first_sentence(value), MAX_PHRASE_WORDS)[0])
        if reason:
            slots.add("why", Phrase(reason, (pf("direction_why", value),)))


def _experience(slots: Slots, profile: Profile) -> None:
    role_text = lower_role(tx.first_sentence(profile.current_role)) or profile.current_role
    role = pf("current_role", profile.current_role)
    as_role = f"as {tx.article(role_text)} {role_text}"
    years = profile.years_experience
    if years is not None:
        span = pf("years_experience", years)
        if years < 1:
            slots.add("experience", Phrase(f"my first months {as_role}", (role, span)))
        else:
            unit = "year" if years == 1 else "years"
            amount = tx.number_words(years)
            slots.add("experience", Phrase(f"my {amount} {unit} {as_role}", (role, span)))
            if profile.field and tx.first_sentence(profile.field):
                area = lower_role(tx.first_sentence(profile.field))
                slots.add(
                    "experience",
                    Phrase(f"my {amount} {unit} in {area}", (span, pf("field", profile.field))),
                )
    slots.add("experience", Phrase(f"my work {as_role}", (role,)))


def _pairs(name: str, items: list[str], shape: Callable[[str], str]) -> list[Phrase]:
    """Two items joined, then each alone, with their facts."""
    found = [(i, shape(v), v) for i, v in enumerate(items) if tx.first_sentence(v)]
    found = [f for f in found if f[1]]
    out = []
    if len(found) >= 2:
        (i, a, va), (j, b, vb) = found[0], found[1]
        out.append(Phrase(tx.join_items([a, b]), (pf(f"{name}[{i}]", va), pf(f"{name}[{j}]", vb))))
    out += [Phrase(text, (pf(f"{name}[{i}]", v),)) for i, text, v in found[:2]]
    return out


def _merge_strength(phrase: Phrase) -> Phrase:
    """ "knack for a and knack for b" → "knack for a and b"."""
    marker = STRENGTH_LEAD
    if phrase.text.startswith(marker) and f" and {marker}" in phrase.text:
        return Phrase(phrase.text.replace(f" and {marker}", " and ", 1), phrase.facts)
    return phrase


def _lists(slots: Slots, profile: Profile) -> None:
    slots.add(
        "strengths",
        *(_merge_strength(p) for p in _pairs("strengths", profile.strengths, strength_phrase)),
    )
    skills = _pairs("skills", profile.skills, item_phrase)
    slots.add("skills", *(Phrase("skills in " + p.text, p.facts) for p in skills))
    if len(profile.skills) >= 3 and tx.first_sentence(profile.skills[2]):
        learn = item_phrase(profile.skills[2])
        slots.add("learn", Phrase("skills in " + learn, (pf("skills[2]", profile.skills[2]),)))
    for index, item in enumerate(profile.achievements[:3]):
        if not tx.first_sentence(item) or not _safe(slots, profile, "achievements", item):
            continue
        phrase, is_clause = achievement_clause(tx.trim_words(item, MAX_PHRASE_WORDS)[0])
        fact = (pf(f"achievements[{index}]", item),)
        slots.add("achievement" if is_clause else "achievement_np", Phrase(phrase, fact))
    for index, item in enumerate(profile.energised_by[:3]):
        if tx.first_sentence(item) and _safe(slots, profile, "energised_by", item):
            energy = Phrase(energy_phrase(item), (pf(f"energised_by[{index}]", item),))
            slots.add("energy", energy)
            if not energy.text.startswith("that "):  # a noun phrase: "the drive I get from …"
                slots.add("energy_np", energy)


def _horizons(slots: Slots, profile: Profile, aim_source: str | None) -> None:
    goal = profile.goal_3_5_years
    usable = goal and aim_source != "goal_3_5_years" and tx.first_sentence(goal)
    if goal and usable and _safe(slots, profile, "goal_3_5_years", goal):
        text, cut = clean(goal)
        if cut:
            _cut_note(slots, "goal_3_5_years")
        slot = "goal_timed" if has_own_time(text) else "goal"
        slots.add(slot, Phrase(as_verb_phrase(text), (pf("goal_3_5_years", goal),)))
    aspiration = profile.aspiration
    usable = aspiration and aim_source != "aspiration" and tx.first_sentence(aspiration)
    if aspiration and usable and _safe(slots, profile, "aspiration", aspiration):
        text, _ = clean(aspiration)
        text, dated = without_far_dates(text)
        if dated:
            slots.notes.append(
                "Your aspiration names a fixed date far ahead; the answer keeps the long term "
                "open, which sounds more credible than a mapped-out plan."
            )
        if text:
            fact = (pf("aspiration", aspiration),)
            slots.add("aspiration", Phrase(as_verb_phrase(text), fact))


def _reframes(slots: Slots, profile: Profile, reframes: list[Reframe]) -> None:
    kinds = {k.id: k for k in reframe_data().kinds}
    for item in reframes:
        found = capability_for(kinds[item.kind], profile)
        if found is not None:
            text, facts = found
            slots.add("reframe", Phrase(text, tuple(pf(n, v) for n, v in facts), item.kind))


# -- the company -----------------------------------------------------------------------------

_MISSION_LEAD = re.compile(
    r"^(?:(?:our|the company'?s?|its)\s+(?:mission|purpose|vision)\s*(?:is|:)\s*(?:to\s+)?"
    r"|we(?:'re| are)?\s+(?:exist|here|on a mission)\s+to\s+"
    r"|we(?:'re| are)?\s+)",
    re.IGNORECASE,
)
_NAMED_LEAD = re.compile(
    r"^(?:(?:mission|purpose|vision)\s+(?:is|:)\s*(?:to\s+)?|exists\s+to\s+|is\s+here\s+to\s+"
    r"|is\s+on\s+a\s+mission\s+to\s+|sets\s+out\s+to\s+|aims\s+to\s+)",
    re.IGNORECASE,
)
_RECEIVED = wordset("from by in for budget sessions programme program")
_YOU_WILL = re.compile(
    r"^(?:you(?:'ll| will)(?: get to)?|you get to|the chance to|a chance to)\s+", re.I
)


def _company(slots: Slots, company: Company | None) -> None:
    if company is None:
        slots.add("role", Phrase("this role"))
        return
    name = cf("name", company.name)
    slots.add("company", Phrase(company.name, (name,)))
    title = _role_title(company)
    at = f" at {company.name}"
    if title is not None:
        text, fact = title
        slots.add("role", Phrase(f"this {text} role{at}", (fact, name)))
        slots.add("position", Phrase(text, (fact,)))
    slots.add("role", Phrase(f"this role{at}", (name,)))
    if title is not None:
        slots.add("role", Phrase(f"this {title[0]} role", (title[1],)))
    slots.add("role", Phrase("this role"))
    _mission(slots, company)
    for index, offer in _ranked_offers(company):
        slots.add(
            "offer", Phrase(_offer_phrase(offer.value), (cf(f"offers[{index}]", offer.value),))
        )


def _role_title(company: Company) -> tuple[str, FactRef] | None:
    if company.role_title is None:
        return None
    raw = re.split(r"\s*[,(|]\s*|\s+[-–—]\s+", company.role_title.value.strip())[0]
    text = re.sub(r"\s+(role|position|job)$", "", lower_role(raw), flags=re.IGNORECASE)
    if not text or tx.word_count(text) > 8:
        return None
    return text, cf("role_title", company.role_title.value)


def _mission(slots: Slots, company: Company) -> None:
    if company.mission is None:
        return
    value = company.mission.value
    fact = (cf("mission", value),)
    raw = tx.first_sentence(value)
    named = re.match(rf"^(?:the\s+)?{re.escape(company.name)}(?:'s)?\s+", raw, flags=re.IGNORECASE)
    if named:
        raw = _NAMED_LEAD.sub("", raw[named.end() :])
    raw = _MISSION_LEAD.sub("", raw)
    raw = tx.company_voice(tx.strip_framing(raw))
    raw, cut = tx.trim_words(raw, 20)
    vp = tx.verb_phrase(raw) if raw else None
    if vp:
        slots.add("mission", Phrase(f"your mission to {vp}", fact))
    elif raw and not cut:
        slots.add("mission", Phrase(f"your mission of {tx.lower_first(raw)}", fact))
    slots.add("mission", Phrase("your mission", fact))


def _ranked_offers(company: Company) -> list[tuple[int, Offer]]:
    preference = {"growth": 0, "skills": 1, "exposure": 2}
    indexed = list(enumerate(company.offers))
    return sorted(indexed, key=lambda pair: (preference.get(pair[1].kind, 3), pair[0]))


def _offer_phrase(value: str) -> str:
    """What the role offers, after "would give me": a noun phrase or "the chance to …"."""
    raw = tx.trim_words(tx.first_sentence(value), 16)[0]
    raw = tx.candidate_voice(_YOU_WILL.sub("", raw))
    parts = raw.split()
    # "Working alongside …" is an activity ("the chance to work alongside …"); "Mentoring from
    # …" or "Coaching in …" is something received, kept as a noun phrase.
    received = len(parts) > 1 and parts[1].lower() in _RECEIVED
    vp = tx.verb_phrase(raw, gerund=not received)
    return f"the chance to {vp}" if vp else tx.lower_first(raw)
