"""The privacy guard: three words in a row from a private note is a leak, however it is spelt."""

from __future__ import annotations

import pytest

from aspira.compose import PrivacyGuard, shared_runs


@pytest.mark.parametrize(
    ("text", "before"),
    [
        ("I want to lead the data team.", ""),
        ("LEAD, the Data -- team!", ""),
        ("Data team matters.", "I will lead the"),  # across a sentence boundary
        ("I dont want that.", ""),  # apostrophe dropped in one spelling
        ("An end to end view.", ""),  # hyphens read as breaks
    ],
)
def test_leaks_are_found(text: str, before: str) -> None:
    guard = PrivacyGuard(["lead the data team at a startup", "I don't want that", "end-to-end"])
    assert guard.leaks(text, before)


@pytest.mark.parametrize("text", ["Lead the team.", "The team is great.", "I want it."])
def test_two_words_are_not_a_leak(text: str) -> None:
    assert not PrivacyGuard(["lead the data team at a startup", "I want to go"]).leaks(text)


def test_no_notes_no_leaks() -> None:
    guard = PrivacyGuard(["", "   ", "two words"])
    assert guard.empty and not guard.leaks("two words and more two words")


def test_offending_names_the_sentence_that_completes_a_run() -> None:
    guard = PrivacyGuard(["open my own studio next spring"])
    sentences = ["I will open my", "own studio soon.", "Nothing here."]
    assert guard.offending(sentences) == [1]
    assert guard.offending(["Nothing here.", "Still fine."]) == []


def test_shared_runs_lists_every_run() -> None:
    runs = shared_runs("I want to lead the data team", ["lead the data team abroad", "I want to"])
    assert runs == ["i want to", "lead the data", "the data team"]
