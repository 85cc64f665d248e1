"""Words that tell where a person comes from or what their faith is (``attributes.v1.yaml``):
where an answer says them, so that the meaning layer reads each group's words as one word and
the specificity features do not count them. See the data file's notes for the rules.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache

from pydantic import Field, field_validator

from aspira.knowledge.loader import DataFile, Strict, load_packaged

_PHRASE = re.compile(r"[a-z0-9]+(?:[ '-][a-z0-9]+)*")


def _phrases(words: list[str]) -> list[str]:
    for word in words:
        if not _PHRASE.fullmatch(word):
            raise ValueError(
                f"{word!r} must be lower-case words (a-z, 0-9), one space or hyphen between"
            )
    return words


class Group(Strict):
    id: str = Field(min_length=1)
    read_as: str
    anywhere: bool
    words: list[str] = Field(min_length=1)
    numbers: tuple[int, int] | None = None  # also every number from the first to the second
    identity_after: list[str] | None = None  # in place of the file's, for this group

    @property
    def all_words(self) -> list[str]:
        low, high = self.numbers or (1, 0)
        return self.words + [str(n) for n in range(low, high + 1)]

    @field_validator("read_as")
    @classmethod
    def _one_word(cls, word: str) -> str:
        return _phrases([word])[0]

    @field_validator("words")
    @classmethod
    def _plain(cls, words: list[str]) -> list[str]:
        return _phrases(words)


class Attributes(DataFile):
    identity_before: list[str] = Field(min_length=1)
    identity_after: list[str] = Field(min_length=1)
    not_before: list[str]
    not_after: list[str]
    groups: list[Group] = Field(min_length=1)

    @field_validator("identity_before", "identity_after", "not_before", "not_after")
    @classmethod
    def _plain(cls, words: list[str]) -> list[str]:
        return _phrases(words)


def _alternation(words: list[str]) -> str:
    """A regex that matches any of ``words`` (longest first), a space or hyphen standing for
    any run of spaces or a hyphen."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in ordered)


@dataclass(frozen=True)
class AttributeReading:
    """The compiled groups; ``digest`` identifies them (the embedder's name holds it)."""

    label: str
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # (pattern with a group "w", read_as)
    digest: str

    @property
    def read_as_words(self) -> frozenset[str]:
        return frozenset(read_as for _, read_as in self.patterns)

    def read_spans(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """``(start, end, read_as)`` for each listed word the rules find in ``text``, in
        order, none overlapping."""
        found: list[tuple[int, int, str]] = []
        for pattern, read_as in self.patterns:
            found += [(m.start("w"), m.end("w"), read_as) for m in pattern.finditer(text)]
        out: list[tuple[int, int, str]] = []
        for start, end, read_as in sorted(found):
            if not out or start >= out[-1][1]:
                out.append((start, end, read_as))
        return tuple(out)


def compile_attributes(data: Attributes) -> AttributeReading:
    """One pattern per group, two for a group read only where it says who someone is (after
    ``identity_before``, or before ``identity_after``); each names the word's group ``w``."""
    before = _alternation(data.identity_before)
    not_before = _alternation(data.not_before) if data.not_before else "(?!)"
    # one fixed-width look-behind per phrase (Python's look-behinds cannot vary in width)
    not_after = "".join(rf"(?<!\b{re.escape(p)} )" for p in data.not_after)
    patterns: list[tuple[re.Pattern[str], str]] = []
    for group in data.groups:
        words = _alternation(group.all_words)
        after = _alternation(group.identity_after or data.identity_after)
        if group.anywhere:
            sources = [rf"\b(?P<w>{words})\b"]
        else:
            sources = [
                rf"{not_after}\b(?:{before})\s+(?P<w>{words})\b(?![\s-]+(?:{not_before})\b)",
                rf"\b(?P<w>{words})(?=-born\b|[\s-]+(?:{after})\b)",
            ]
        patterns += [(re.compile(source, re.IGNORECASE), group.read_as) for source in sources]
    fields = data.model_dump(
        include={"identity_before", "identity_after", "not_before", "not_after", "groups"}
    )
    digest = hashlib.sha256(json.dumps(fields, sort_keys=True).encode("utf-8")).hexdigest()
    return AttributeReading(label="attributes", patterns=tuple(patterns), digest=digest[:8])


@cache
def attribute_reading() -> AttributeReading:
    """The packaged groups (``attributes.v1.yaml``)."""
    return compile_attributes(load_packaged(Attributes, "knowledge", "data", "attributes.v1.yaml"))


def attribute_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` says someone's origin or faith (see :meth:`AttributeReading.read_spans`)."""
    return tuple((start, end) for start, end, _ in attribute_reading().read_spans(text))
