"""The neutral reading's data file: plain lower-case words, and no word read twice over."""

from __future__ import annotations

import pytest

from aspira.errors import DataError
from aspira.knowledge.loader import validate
from aspira.knowledge.neutral import Neutral, neutral_vocabulary, neutral_words

HEAD = {"id": "neutral", "version": 1, "sources": ["test"]}


def test_the_shipped_words() -> None:
    words = neutral_words()
    assert words["he"] == words["she"] == "they"
    assert words["husband"] == words["wife"]
    assert {"he", "she", "they", "partner"} <= neutral_vocabulary()


@pytest.mark.parametrize(
    ("words", "problem"),
    [
        ({"He": "they"}, "one lower-case word"),
        ({"step father": "parent"}, "one lower-case word"),
        ({"she": "they", "they": "them"}, "cannot be replaced itself"),
    ],
)
def test_a_bad_entry_names_the_field_and_the_word(words: dict[str, str], problem: str) -> None:
    with pytest.raises(DataError, match=f"field 'words'.*{problem}"):
        validate(Neutral, {**HEAD, "words": words}, "neutral.v1.yaml")
