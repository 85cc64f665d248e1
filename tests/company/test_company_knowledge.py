"""The company knowledge files: every lexicon family and offer family has examples that are
tests (should match / hard negatives that must not), and a broken file fails loudly."""

from __future__ import annotations

import pytest

from aspira.company.extract import extract_company
from aspira.company.structure import classify_heading, fold
from aspira.errors import DataError
from aspira.knowledge.company import (
    Culture,
    culture,
    culture_families,
    offer_patterns,
)
from aspira.knowledge.loader import compile_any, validate

# (archetype, family) → sentences it must match, and hard negatives it must not.
FAMILY_EXAMPLES: dict[tuple[str, str], tuple[list[str], list[str]]] = {
    ("innovative", "innovation"): (
        ["We pioneered gesture input.", "Cutting-edge tools for small studios."],
        ["We renovate old houses."],
    ),
    ("innovative", "creativity"): (
        ["We set trends rather than follow them.", "A creative boutique of fourteen people."],
        ["We create value for shareholders."],
    ),
    ("innovative", "experimentation"): (
        ["We prototype a lot and throw most of it away.", "Curiosity about everything."],
        ["Experience with Postgres."],
    ),
    ("innovative", "technology"): (["Interfaces for machine learning."], ["We use Excel."]),
    ("traditional", "heritage"): (
        ["Founded in 1884, we advise landed estates.", "For over a century we have served."],
        ["5 years of experience in audit.", "Founded in 2021 by two engineers."],
    ),
    ("traditional", "stability"): (
        ["A strong balance sheet and prudent lending.", "Careers for life."],
        ["A stable internet connection."],
    ),
    ("traditional", "process"): (
        ["Rigorous governance and established procedures.", "Regulated by the PRA."],
        ["Procedural animation and emergent systems."],
    ),
    ("traditional", "reputation"): (["A firm with a prestigious reputation."], ["We reply fast."]),
    ("mission_driven", "cause"): (
        ["The Otter Trust is a registered charity.", "A not-for-profit housing association."],
        ["We audit schools and charities.", "Not-for-profit clients across the region."],
    ),
    ("mission_driven", "purpose_words"): (["Our mission is to help."], ["We hit our targets."]),
    ("mission_driven", "purpose"): (
        ["We want every child to flourish.", "Protecting endangered species."],
        ["Every patient feedback form is read."],
    ),
    ("mission_driven", "service_ethos"): (
        ["As a church school we serve our whole community.", "Part of the NHS."],
        ["We serve coffee."],
    ),
    ("fast_growth", "scale"): (
        ["We closed our Series A.", "We grew from 6 to 90 people."],
        ["Series of workshops for staff."],
    ),
    ("fast_growth", "pace"): (
        ["It is fast-paced and you will wear many hats.", "Comfortable with ambiguity."],
        ["A calm, steady place to work."],
    ),
    ("fast_growth", "ownership"): (["A bias for action."], ["We are employee-owned."]),
    ("customer_centric", "customer_first"): (
        ["Customers are at the heart of everything we do.", "Put patients first."],
        ["We are obsessed with light."],
    ),
    ("customer_centric", "service"): (
        ["We act on customer feedback.", "Every parcel arrives on time."],
        ["Internal feedback sessions."],
    ),
    ("customer_centric", "mentions"): (["Our clients trust us."], ["Our colleagues trust us."]),
    ("collaborative", "teamwork"): (
        ["Collaboration across disciplines.", "We work as one team."],
        ["You will work alone on site."],
    ),
    ("collaborative", "reciprocity"): (
        ["We look after one another.", "Staff cover for each other."],
        ["Each offer is reviewed."],
    ),
    ("collaborative", "people_first"): (
        ["A friendly, supportive team.", "We treat everyone with kindness."],
        ["A kind of magic."],
    ),
    ("collaborative", "openness"): (
        ["Salaries are transparent.", "Knowledge-sharing sessions every month."],
        ["Open from 9 to 5."],
    ),
}

OFFER_EXAMPLES: dict[str, tuple[list[str], list[str]]] = {
    "growth": (
        ["A clear path to Senior Engineer.", "Promotion based on a career ladder."],
        ["Grow vegetables in our garden."],
    ),
    "exposure": (
        ["Work directly with our COO and founders.", "Clients across Europe."],
        ["Work with Excel daily."],
    ),
    "skills": (
        ["Mentoring from a senior designer.", "Sponsorship of your SQE preparation course."],
        ["You will build the reporting."],
    ),
}


def _family(archetype: str, name: str) -> object:
    (found,) = [f for f in culture_families() if (f.archetype, f.name) == (archetype, name)]
    return found


def test_every_family_has_examples() -> None:
    shipped = {(f.archetype, f.name) for f in culture_families()}
    assert shipped == set(FAMILY_EXAMPLES), "add examples for new families (or drop stale ones)"
    assert {k for k, _ in offer_patterns()} == set(OFFER_EXAMPLES)


@pytest.mark.parametrize(
    ("key", "sentence", "should"),
    [
        (key, sentence, should)
        for key, (pos, neg) in FAMILY_EXAMPLES.items()
        for should, sentences in ((True, pos), (False, neg))
        for sentence in sentences
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_family_examples(key: tuple[str, str], sentence: str, should: bool) -> None:
    (family,) = [f for f in culture_families() if (f.archetype, f.name) == key]
    found = family.pattern.search(fold(sentence)) is not None
    verb = "missed" if should else "wrongly matched"
    assert found is should, f"{verb} {key[0]}.{key[1]} in: {sentence!r}"


@pytest.mark.parametrize(
    ("kind", "sentence", "should"),
    [
        (kind, sentence, should)
        for kind, (pos, neg) in OFFER_EXAMPLES.items()
        for should, sentences in ((True, pos), (False, neg))
        for sentence in sentences
    ],
)
def test_offer_examples(kind: str, sentence: str, should: bool) -> None:
    pattern = dict(offer_patterns())[kind]  # type: ignore[arg-type]
    found = pattern.search(fold(sentence)) is not None
    verb = "missed" if should else "wrongly matched"
    assert found is should, f"{verb} {kind} offer in: {sentence!r}"


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("About us", "about"),
        ("About the Otter Trust", "about"),
        ("Our mission", "mission"),
        ("WHAT WE VALUE", "values"),
        ("How we work together", "values"),
        ("What you'll do", "role"),
        ("The role", "role"),
        ("About you", "requirements"),
        ("Skills and experience", "requirements"),
        ("What we can offer you", "offer"),
        ("Why join Kestrel", "offer"),
        ("How to apply", "apply"),
        ("Cookies on this site", "noise"),
        ("Guest Experience Supervisor", None),
        ("Curiosity", None),
    ],
)
def test_headings_name_their_section(heading: str, kind: str | None) -> None:
    assert classify_heading(heading) == kind


def test_boilerplate_is_not_culture() -> None:
    page = (
        "Acme Ltd is an equal opportunities employer and values diversity, inclusion and "
        "collaboration regardless of background.\nWe use cookies to improve your experience "
        "and to collaborate with partners."
    )
    assert extract_company(page, name="Acme").archetypes == []


def test_a_bad_pattern_names_the_file_and_the_entry() -> None:
    with pytest.raises(DataError, match=r"culture.v1.yaml: innovative.x: bad pattern '\(oops'"):
        compile_any(["fine", "(oops"], "culture.v1.yaml: innovative.x")


def test_the_culture_file_needs_every_archetype() -> None:
    data = culture().model_dump()
    del data["archetypes"]["collaborative"]
    with pytest.raises(DataError, match="archetypes missing: collaborative"):
        validate(Culture, data, "culture.v1.yaml")


def test_confidence_settings_are_sane() -> None:
    cfg = culture()
    assert 0 < cfg.threshold < 0.6 and cfg.scale > 0 and cfg.cap >= 1
    assert cfg.id == "culture" and cfg.version == 1 and cfg.sources
