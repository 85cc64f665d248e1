from __future__ import annotations

import pytest

import aspira
from aspira.errors import (
    AnswerTooLargeError,
    EmptyAnswerError,
    InputError,
    UnscorableAnswerError,
)

STRONG = (
    "In the next three to five years I want to move from general ward nursing into critical "
    "care, building real depth in caring for cardiac patients after surgery. I've spent two "
    "years on a busy surgical ward and I'm at my best when things are acute and the team has "
    "to think fast. This role would give me intensive-care exposure and mentoring, and I'd bring "
    "calm under pressure to your team. Beyond that I'm open, but teaching new nurses appeals."
)


def test_scorecard_shape_and_versions() -> None:
    card = aspira.score(STRONG, question="Where do you see yourself in five years?")
    assert card.rubric == "aspirations.v1"
    assert card.scorer.startswith("aspira-")
    assert [d.id for d in card.dimensions] == [
        "self_awareness",
        "direction",
        "fit",
        "timeline",
        "framing",
        "delivery",
    ]
    assert 0 <= card.overall <= 100
    assert card.question.variant == "five_years"
    assert len(card.suggestions) <= 3
    assert card.stats.words == len(STRONG.split())


def test_evidence_points_into_the_original_text() -> None:
    card = aspira.score(STRONG)
    spans = [s for d in card.dimensions for s in d.evidence] + [
        s for f in card.flags for s in f.evidence
    ]
    assert spans, "a strong answer must have evidence"
    for s in spans:
        assert STRONG[s.start : s.end] == s.text


def test_same_input_gives_byte_identical_json() -> None:
    first = aspira.score(STRONG, question="What are your career aspirations?").to_json()
    for _ in range(3):
        assert aspira.score(STRONG, question="What are your career aspirations?").to_json() == first


def test_strong_beats_empty_and_flags_cap() -> None:
    strong = aspira.score(STRONG)
    leaving = aspira.score(STRONG + " Honestly though, I plan to leave within a year for an MBA.")
    assert "leaving_soon" in leaving.flag_ids()
    assert leaving.overall < strong.overall
    assert leaving.overall <= 60
    assert leaving.band in {"needs_work", "weak"}


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_answer_is_an_input_error(text: str) -> None:
    with pytest.raises(EmptyAnswerError, match="empty"):
        aspira.score(text)


def test_oversized_answer_is_refused_with_the_limit() -> None:
    with pytest.raises(AnswerTooLargeError, match="50,000"):
        aspira.score("word " * 20_000)


@pytest.mark.parametrize(
    "text",
    [
        "Je voudrais devenir directrice de la communication dans une grande entreprise française.",
        "Ich möchte in fünf Jahren ein Team leiten und neue Produkte entwickeln.",
        "Quiero ser gerente de producto en una empresa grande dentro de cinco años.",
        "Vorrei diventare responsabile del marketing in una grande azienda.",
        "Ik wil over vijf jaar een team leiden en nieuwe producten bouwen.",
        "我希望五年后成为一名产品经理",
        "12345 67890 !!!",
        "asdkjh qwelkj zxcvb",
    ],
)
def test_non_english_or_non_answer_is_not_scored(text: str) -> None:
    with pytest.raises(UnscorableAnswerError, match=r"English|words"):
        aspira.score(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm doing the trust's senior leadership programme now. Data engineering, long term.",
        "Senior staff nurse, theatre recovery, then practice educator. Teaching students, mostly.",
        "Second-year apprentice. Plant manager by 22.",  # hyphenated words, a number
        "Dunno.",  # spoken English the model's vocabulary lacks
        "idk tbh",
    ],
)
def test_terse_english_is_scored(text: str) -> None:
    assert 0 <= aspira.score(text).overall <= 100


def test_non_text_is_an_input_error() -> None:
    with pytest.raises(InputError):
        aspira.score(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["Your job!", "I don't know yet.", "Manager.", "Money."])
def test_one_liners_score(text: str) -> None:
    card = aspira.score(text)
    assert card.overall < 40
    assert card.band == "weak"


def test_html_is_scored_as_text_and_kept_verbatim_in_evidence() -> None:
    text = "<script>alert(1)</script> I want to lead a data team in five years."
    card = aspira.score(text)
    for d in card.dimensions:
        for s in d.evidence:
            assert text[s.start : s.end] == s.text
