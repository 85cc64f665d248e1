"""Where an answer names a person (``names.v1.yaml``): the rules of :func:`name_spans`, and a
data file that says what is wrong with it."""

from __future__ import annotations

import pytest

from aspira.errors import DataError
from aspira.knowledge.loader import validate
from aspira.knowledge.names import Names, fold, name_reading, name_spans

HEAD = {"id": "names", "version": 1, "sources": ["test"]}


def found(text: str) -> list[str]:
    return [text[start:end] for start, end in name_spans(text)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("I'm Priya, a staff nurse.", ["Priya"]),
        ("I'm Priya Patel and I run the rota.", ["Priya Patel"]),  # a surname goes with it
        ("Oluwaseun here; Wei and Mohammed too.", ["Oluwaseun", "Wei", "Mohammed"]),
        ("I'm José García-López.", ["José García-López"]),  # accents and a double surname
        ("Mary-Jane trained me.", ["Mary-Jane"]),
        ("My mentor, Dr. Adaeze Okafor, said so.", ["Adaeze Okafor"]),  # after an honorific
        ("Ms Lee and Mr. Brown agreed.", ["Lee", "Brown"]),
        ("Priya's feedback helped.", ["Priya"]),
        ("Then Sarah and I talked.", ["Sarah"]),
    ],
)
def test_names_are_found_whole(text: str, names: list[str]) -> None:
    assert found(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "i'm priya, a staff nurse.",  # a name is written with a capital
        "PRIYA AND JAMES",  # or at least not all in capitals
        "By June 2027 I want to lead the team; Monday to Friday is fine.",  # months and days
        "I want to work in Ruby and Julia at Meta.",  # languages and companies
        "Leading Key Stage 2 within two years, maybe on the West Coast.",  # titles of words
        "I'd like to move to London or Paris.",  # places that are mostly places
        "The Dean of Nursing asked me to lead it.",  # a title that is also a given name
        "AI, HR and UX.",
    ],
)
def test_other_capitalised_words_are_not_names(text: str) -> None:
    assert found(text) == []


def test_a_surname_stops_at_a_common_word() -> None:
    assert found("I told Priya What I wanted.") == ["Priya"]


def test_the_shipped_lists() -> None:
    reading = name_reading()
    assert len(reading.names) > 10_000
    assert {"priya", "james", "oluwaseun", "wei", "mohammed", "emily", "jose"} <= reading.names
    assert not reading.names & reading.not_names
    assert reading.read_as in reading.names
    assert fold("Zoë") == "zoe"


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"names": "priya James"}, "one lower-case word"),
        ({"not_names": ["June 1"]}, "one lower-case word"),
        ({"names": "priya june"}, "in both names and not_names"),
        ({"read_as": "june"}, "one of not_names"),
    ],
)
def test_a_bad_file_names_the_problem(fields: dict[str, object], problem: str) -> None:
    data = {
        **HEAD,
        "read_as": "alex",
        "honorifics": ["dr"],
        "not_names": ["june"],
        "names": "alex priya",
        **fields,
    }
    with pytest.raises(DataError, match=problem):
        validate(Names, data, "names.v1.yaml")
