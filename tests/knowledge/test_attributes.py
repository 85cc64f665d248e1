"""Where an answer says who someone is (``attributes.v1.yaml``: origin, faith, age, disability,
condition, orientation, gender identity, family status): the rules, and a data file that says
what is wrong with it."""

from __future__ import annotations

import pytest

from aspira.errors import DataError
from aspira.knowledge.attributes import Attributes, attribute_reading
from aspira.knowledge.loader import validate


def found(text: str) -> list[tuple[str, str]]:
    return [(text[start:end], word) for start, end, word in attribute_reading().read_spans(text)]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("As a Nigerian engineer, I want to lead.", [("Nigerian", "national")]),
        ("I'm Sri Lankan-born.", [("Sri Lankan", "national")]),  # several words, one span
        ("I'm a British Asian woman in tech.", [("British Asian", "national")]),
        ("My Polish heritage matters to me.", [("Polish", "national")]),
        ("Being a fellow Ghanaian, I knew them.", [("Ghanaian", "national")]),
        (
            "As a Muslim, and a Christian school governor",
            [("Muslim", "person"), ("Christian", "person")],
        ),
        ("i'm jewish", [("jewish", "person")]),  # in any case
        ("I'm 24 and I run the rota.", [("24", "thirty")]),
        ("As a 47-year-old, I know my mind.", [("47", "thirty")]),
        ("Honestly, I'm fifty-eight now.", [("fifty-eight", "thirty")]),
        ("I'm in my late forties.", [("forties", "thirty")]),
        ("As a Black engineer, I want to lead.", [("Black", "national")]),
        ("As a deaf engineer, I want to lead.", [("deaf", "given")]),
        ("As someone who is partially sighted, I", [("partially sighted", "given")]),
        ("I'm autistic, and I", [("autistic", "given")]),
        ("As a gay man in tech, I", [("gay", "given")]),
        ("As someone with dyslexia, I", [("dyslexia", "something")]),
        ("I have a stammer, and my ADHD", [("a stammer", "something"), ("ADHD", "something")]),
        ("Living with multiple sclerosis taught me", [("multiple sclerosis", "something")]),
        ("As a wheelchair user, I", [("wheelchair user", "person")]),
        ("As a single mum, I", [("single mum", "person")]),
        ("I'm a proud dad of three and I", [("dad of three", "person")]),
    ],
)
def test_origins_and_faiths_are_found(text: str, spans: list[tuple[str, str]]) -> None:
    assert found(text) == spans


@pytest.mark.parametrize(
    "text",
    [
        "I teach German and Spanish at a secondary school.",  # languages, subjects
        "As an English teacher, I want to lead the department.",
        "I translate German to English for medical device makers.",
        "I'd like to grow the Spanish market for us.",
        "I want to polish my skills in negotiation.",
        "I'd like a job in Islamic finance.",  # a field of work, not a faith
        "Head chef by the time I'm thirty.",  # an age to reach is a timeline
        "Partner before I'm 35, director by 40.",
        "In my forties: technical director.",  # a stage of a plan
        "I'm 20 years into my career, at a fifty-person company.",  # amounts
        "I support adults with autism and learning disabilities.",  # the work, not the speaker
        "I want to design services for deaf and blind users.",
        "Next I'd like my diabetes specialist training.",  # a condition as the field of work
        "As a black belt in judo and a white-collar worker",
        "As a parent company, we own three brands.",
        "I'd love to be a mother one day.",  # a plan, not who someone is
        "Married with two kids, hopefully.",
        "I'm straight out of university and I want to train as an actuary.",
        "As a blind spot in our reporting, churn is what I'd fix first.",
    ],
)
def test_the_same_words_about_work_are_not_read(text: str) -> None:
    assert found(text) == []


def test_the_shipped_groups() -> None:
    reading = attribute_reading()
    assert reading.read_as_words == {"national", "person", "thirty", "given", "something"}
    assert reading.label == "attributes" and len(reading.digest) == 8


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"identity_after": ["Born"]}, "lower-case words"),
        (
            {
                "groups": [
                    {"id": "origin", "read_as": "two  words", "anywhere": True, "words": ["x"]}
                ]
            },
            "lower-case words",
        ),
        ({"groups": []}, "at least 1"),
    ],
)
def test_a_bad_file_names_the_field(change: dict[str, object], problem: str) -> None:
    data = {
        "id": "attributes",
        "version": 1,
        "sources": ["test"],
        "identity_before": ["as a"],
        "identity_after": ["born"],
        "not_before": [],
        "not_after": ["by"],
        "groups": [{"id": "faith", "read_as": "person", "anywhere": True, "words": ["sikh"]}],
        **change,
    }
    with pytest.raises(DataError, match=problem):
        validate(Attributes, data, "attributes.v1.yaml")
