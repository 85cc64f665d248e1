"""Fairness: the score reads what an answer says, never who says it or about whom.

Swapping every gendered word of an answer for its counterpart ("he" for "she", "my wife" for
"my husband"), one person's name for another's ("Priya Patel" for "James"), one origin, faith,
age, disability, condition, sexual orientation, gender identity or family status for another
("as a Nigerian engineer", "as a Polish engineer"; "as a Muslim", "as a Sikh"; "I'm 24", "I'm
58"; "as a deaf engineer", "as a gay engineer"; "as someone with dyslexia", "as someone with
epilepsy"; "as a parent of two", "as a wheelchair user") must leave the score, the band, every
dimension and every flag exactly as they were. The meaning layer
reads gendered words through ``neutral.v1.yaml``, origins, faiths and ages through
``attributes.v1.yaml`` and names through ``names.v1.yaml``; the patterns list both words of a
pair, and the specificity features count none of them.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aspira
from aspira.knowledge.attributes import Attributes
from aspira.knowledge.loader import load_packaged
from aspira.knowledge.names import name_reading
from aspira.knowledge.neutral import neutral_words
from aspira.rubric.scorecard import Scorecard

# Each gendered word and its counterpart (both directions); "her" goes to "his" or "him" alike,
# since the two read the same.
PAIRS = {
    "he": "she",
    "him": "her",
    "his": "her",
    "himself": "herself",
    "hers": "his",
    "man": "woman",
    "men": "women",
    "boy": "girl",
    "boys": "girls",
    "husband": "wife",
    "husbands": "wives",
    "boyfriend": "girlfriend",
    "son": "daughter",
    "sons": "daughters",
    "father": "mother",
    "dad": "mum",
    "brother": "sister",
    "brothers": "sisters",
    "uncle": "aunt",
    "nephew": "niece",
    "grandfather": "grandmother",
    "mr": "mrs",
    "gentleman": "lady",
    "actor": "actress",
    "waiter": "waitress",
}
SWAP = {**PAIRS, **{b: a for a, b in PAIRS.items() if b not in PAIRS}}
_WORDS = re.compile(r"\b(" + "|".join(sorted(SWAP, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def swapped(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        word = match.group()
        other = SWAP[word.lower()]
        return other.capitalize() if word[0].isupper() else other

    return _WORDS.sub(one, text)


def reading(card: Scorecard) -> tuple[object, ...]:
    """Everything a score says, apart from the quoted words of its evidence."""
    return (
        card.overall,
        card.band,
        tuple((d.id, d.score, d.level) for d in card.dimensions),
        tuple(f.id for f in card.flags),
        tuple((s.dimension, s.flag, s.gain) for s in card.suggestions),
    )


ANSWERS = [
    "My manager says he has never seen anyone pick up the rota system as fast, and in three years "
    "I want to be the deputy ward manager who runs it for the whole floor.",
    "My wife and I are expecting our first baby in spring, so for now I mostly need a job with "
    "regular hours; after that I'd like to get back into training junior chefs.",
    "I'd love to have your job one day. She clearly loves it, and so would I.",
    "My father ran a hardware shop for thirty years and I've always wanted my own business like "
    "his, so this job is a way to learn the trade first.",
    "In five years I see myself as a senior analyst leading the pricing work. My mentor, a woman "
    "who built our forecasting team, showed me how much a good model changes decisions.",
    "Honestly my boss is a joke. He takes credit for everything, so I'd like to be anywhere but "
    "under him.",
    "I want to teach. My mum was a teacher, and every summer I run a reading club for my "
    "brother's school; in two years I'd like to be qualified and teaching year six.",
    "Mr Patel, the head of the lab, told me I had a knack for method development, and I'd like "
    "to lead that work here within three years.",
]


@pytest.mark.parametrize("answer", ANSWERS)
def test_swapping_gendered_words_changes_nothing(answer: str) -> None:
    other = swapped(answer)
    assert other != answer
    assert reading(aspira.score(other)) == reading(aspira.score(answer))


def test_the_swap_covers_every_pair_the_meaning_layer_reads_alike() -> None:
    neutral = neutral_words()
    for word, other in SWAP.items():
        if word in neutral:
            assert neutral.get(other, other) == neutral[word], (word, other)


_SENTENCES = st.sampled_from(
    [
        "In three years I'd like to lead the night shift on this ward.",
        "My husband works nights, so I need a team that plans the rota early.",
        "He told me I'm good at calming anxious patients.",
        "My brother is a paramedic and that got me into emergency care.",
        "I want to be the person his team calls when a release goes wrong.",
        "Her feedback on my first audit is why I want to specialise in quality.",
        "My dad thinks I should go into management, but I'd rather stay hands-on.",
        "I'd like to train apprentices the way my uncle trained me.",
        "Whatever pays the bills, really.",
        "I'd like to move into product management within two years.",
    ]
)


@settings(max_examples=25, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=4))
def test_generated_answers_score_the_same_either_way(sentences: list[str]) -> None:
    answer = " ".join(sentences)
    assert reading(aspira.score(swapped(answer))) == reading(aspira.score(answer))


# --- names ---------------------------------------------------------------------------------------

NAMES = [
    "James",
    "Priya",
    "Mohammed",
    "Emily",
    "Wei",
    "Oluwaseun",
    "Lakisha",
    "José García",
    "Siobhán",
    "Nguyen Thi Mai",
]
NAMED = [
    "I'm {name}, and in three years I'd like to be leading the night shift on this ward.",
    "{name} here. Honestly, whatever pays the bills; I'll probably move on in a year.",
    "My mentor, Dr. {name}, showed me how much a good forecast changes decisions, and within "
    "five years I want to lead the pricing analytics team.",
    "I've covered for {name} on the rota a few times, so the next step for me is deputy manager.",
    "My name is {name}. I'd love to have your job one day.",
    "I want my own consultancy eventually. {name} at my last firm did it and I admired that.",
]


# A few listed names are also words of who someone is ("I'm Christian", "I'm Bi"): there the
# faith or orientation reading wins (``who.py``), so they are not swapped for names here.
_ONLY_NAMES = sorted(
    name_reading().names
    - {
        word
        for group in load_packaged(Attributes, "knowledge", "data", "attributes.v1.yaml").groups
        for word in group.all_words
    }
)


@pytest.mark.parametrize("template", NAMED)
def test_changing_a_name_changes_nothing(template: str) -> None:
    readings = {reading(aspira.score(template.format(name=name))) for name in NAMES}
    assert len(readings) == 1


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(NAMED),
    st.lists(st.sampled_from(_ONLY_NAMES), min_size=2, max_size=2),
)
def test_any_listed_name_scores_the_same(template: str, names: list[str]) -> None:
    one, other = (template.format(name=name.capitalize()) for name in names)
    assert reading(aspira.score(one)) == reading(aspira.score(other))


def test_the_stats_still_count_every_word_as_written() -> None:
    # a name counts as one word for scoring, but the answer's length is what was written
    short, long = (aspira.score(NAMED[0].format(name=name)) for name in ("Wei", "Nguyen Thi Mai"))
    assert long.stats.words == short.stats.words + 2
    assert reading(long) == reading(short)


# --- origins and faiths ----------------------------------------------------------------------------

_GROUPS = {
    g.id: [w for w in g.words]
    for g in load_packaged(Attributes, "knowledge", "data", "attributes.v1.yaml").groups
}
WHO = [
    "As a {origin} nurse, I'd like to be leading the night shift on this ward within three years.",
    "I'm {origin}-born and I moved here two years ago; next I want to run the analytics team.",
    "As a {faith}, I volunteer at a food bank, and that is why I want to move into social work.",
    "Honestly I just need something until I go back to school. My {origin} family expects it.",
    "I'm {age}, and within two years I'd like to be a site manager; I've run two fit-outs.",
    "As a {age}-year-old {origin} developer, I'd love to own the payments service here.",
    "As a {trait} engineer, I'd like to lead the platform team within three years.",
    "I'm {trait}, and honestly I just want whatever pays the bills until something better comes.",
    "As someone with {condition}, I've learned to plan my week, and next I want to run the rota.",
    "I have {condition}. In five years I'd love to have your job, to be honest.",
    "As a {status}, I know how to juggle; my aim is a team leader role in the contact centre.",
    "I'm a {status} and I'd like my own consultancy eventually, once I've learned the trade here.",
]


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(WHO),
    st.lists(st.sampled_from(_GROUPS["origin"]), min_size=2, max_size=2),
    st.lists(st.sampled_from(_GROUPS["faith"]), min_size=2, max_size=2),
    st.lists(st.integers(16, 99), min_size=2, max_size=2),
    st.lists(st.sampled_from(_GROUPS["trait"]), min_size=2, max_size=2),
    st.lists(st.sampled_from(_GROUPS["condition"]), min_size=2, max_size=2),
    st.lists(st.sampled_from(_GROUPS["status"]), min_size=2, max_size=2),
)
def test_any_listed_attribute_scores_the_same(
    template: str,
    origins: list[str],
    faiths: list[str],
    ages: list[int],
    traits: list[str],
    conditions: list[str],
    statuses: list[str],
) -> None:
    one, other = (
        template.format(
            origin=origin.title(),
            faith=faith.title(),
            age=age,
            trait=trait,
            condition=condition,
            status=status,
        )
        for origin, faith, age, trait, condition, status in zip(
            origins, faiths, ages, traits, conditions, statuses, strict=True
        )
    )
    assert reading(aspira.score(one)) == reading(aspira.score(other))


@pytest.mark.parametrize(
    ("template", "fill"),
    [
        (WHO[6], {"trait": ["deaf", "blind", "autistic", "gay", "transgender", "neurotypical"]}),
        (WHO[8], {"condition": ["dyslexia", "ADHD", "epilepsy", "a stammer", "depression"]}),
        (WHO[10], {"status": ["parent", "single mum of two", "dad of three", "wheelchair user"]}),
    ],
)
def test_saying_who_you_are_changes_nothing(template: str, fill: dict[str, list[str]]) -> None:
    ((slot, words),) = fill.items()
    readings = {reading(aspira.score(template.format(**{slot: word}))) for word in words}
    assert len(readings) == 1


@pytest.mark.parametrize(
    "answers",
    [
        [
            "As an autistic engineer, I'd like to lead the platform team within three years.",
            "As a deaf engineer, I'd like to lead the platform team within three years.",
        ],
        [
            "As an Indian nurse, I'd like to be leading the night shift on this ward.",
            "As a Nigerian nurse, I'd like to be leading the night shift on this ward.",
        ],
        [
            "I'm an 18-year-old apprentice and I want to run the workshop one day.",
            "I'm a 19-year-old apprentice and I want to run the workshop one day.",
        ],
    ],
)
def test_the_article_before_a_word_does_not_tell_who(answers: list[str]) -> None:
    # "a" or "an" follows the sound of the next word, so it is read as one and the same word
    assert len({reading(aspira.score(answer)) for answer in answers}) == 1
