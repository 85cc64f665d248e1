"""The gender-neutral reading of words (``neutral.v1.yaml``): each word on the left is read by
the meaning layer as the word on the right, so that an answer's score never depends on the
gender of the speaker or of the people it mentions. The embedder applies it word piece for word
piece (:class:`aspira.backends.minilm.MiniLMEmbedder`); see the data file's notes."""

from __future__ import annotations

import re
from functools import cache

from pydantic import Field, field_validator

from aspira.knowledge.loader import DataFile, load_packaged

_WORD = re.compile(r"[a-z]+")


class Neutral(DataFile):
    words: dict[str, str] = Field(min_length=1)

    @field_validator("words")
    @classmethod
    def _plain_words(cls, words: dict[str, str]) -> dict[str, str]:
        for source, target in words.items():
            for word in (source, target):
                if not _WORD.fullmatch(word):
                    raise ValueError(f"{word!r} must be one lower-case word (a-z)")
            if target in words:
                raise ValueError(
                    f"{target!r} is read in place of {source!r}, so it cannot be replaced itself"
                )
        return words


@cache
def neutral_words() -> dict[str, str]:
    """Each gendered word and the word the meaning layer reads in its place."""
    return dict(load_packaged(Neutral, "knowledge", "data", "neutral.v1.yaml").words)


@cache
def neutral_vocabulary() -> frozenset[str]:
    """Every word of the neutral reading, either side: words that say who someone is, not what
    the answer is about (the specificity features do not count them as content)."""
    words = neutral_words()
    return frozenset(words) | frozenset(words.values())
