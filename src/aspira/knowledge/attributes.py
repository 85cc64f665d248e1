"""Words that tell who a person is (``attributes.v1.yaml``: origin, faith, age, disability,
health condition, sexual orientation, gender identity, family status): where an answer says
them, so that the meaning layer reads each group's words as one word and the specificity
features do not count them. See the data file's notes for the rules.
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
    identity_before: list[str] | None = None  # in place of the file's, for this group
    identity_after: list[str] | None = None  # in place of the file's, for this group
    not_before: list[str] | None = None  # in place of the file's, for this group
    # words that, right after a listed word, belong to what is read ("a parent" + "of two")
    trailing: list[str] | None = None

    @property
    def all_words(self) -> list[str]:
        low, high = self.numbers or (1, 0)
        return self.words + [str(n) for n in range(low, high + 1)]

    @field_validator("read_as")
    @classmethod
    def _one_word(cls, word: str) -> str:
        return _phrases([word])[0]

    @field_validator("words", "identity_before", "identity_after", "not_before", "trailing")
    @classmethod
    def _plain(cls, words: list[str] | None) -> list[str] | None:
        return None if words is None else _phrases(words)


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


Phrase = tuple[str, ...]
# a word as the rules see it: letters and digits, with an apostrophe inside ("i'm")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_JOINS = frozenset({" ", "-"})  # what may stand between the words of a listed phrase


def _phrase(words: str) -> Phrase:
    return tuple(_TOKEN.findall(words.lower()))


@dataclass(frozen=True)
class _Rules:
    read_as: str
    anywhere: bool
    words: frozenset[Phrase]
    before: frozenset[Phrase]
    after: frozenset[Phrase]
    not_before: frozenset[Phrase]
    trailing: frozenset[Phrase]


@dataclass(frozen=True)
class AttributeReading:
    """The groups as word tables; ``digest`` identifies them (the embedder's name holds it).

    Matching runs word by word (a listed phrase is looked up among the next few words), so
    loading costs nothing to speak of and an answer takes tens of microseconds."""

    label: str
    groups: tuple[_Rules, ...]
    not_after: frozenset[Phrase]
    longest: int  # words in the longest listed phrase
    firsts: frozenset[str]  # the first word of every listed phrase of a group
    digest: str

    @property
    def read_as_words(self) -> frozenset[str]:
        return frozenset(group.read_as for group in self.groups)

    def read_spans(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """``(start, end, read_as)`` for each listed word the rules find in ``text``, in
        order, none overlapping (the first group listed wins a tie)."""
        words = _Words(text, self.longest)
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words.words):
            hit = self._hit(words, i) if words.words[i] in self.firsts else None
            if hit is None:
                i += 1
                continue
            n, read_as = hit
            out.append((words.tokens[i][0], words.tokens[i + n - 1][1], read_as))
            i += n
        return tuple(out)

    def _hit(self, words: _Words, i: int) -> tuple[int, str] | None:
        """The longest listed phrase at word i that the rules read, as (words, read_as)."""
        for n in range(min(self.longest, len(words.words) - i), 0, -1):
            phrase = tuple(words.words[i : i + n])
            if not words.joined(i, i + n):
                continue
            for group in self.groups:
                if phrase in group.words and self._says_who(group, words, i, i + n):
                    return n + words.length_at(i + n, group.trailing), group.read_as
        return None

    def _says_who(self, group: _Rules, words: _Words, i: int, j: int) -> bool:
        """Whether words i..j-1 say who someone is: anywhere for a group read anywhere; else
        after an identity phrase (not itself after a ``not_after`` phrase, and not before a
        ``not_before`` one), or before one of the group's ``after`` phrases."""
        if group.anywhere:
            return True
        start = words.ends_at(i, group.before)
        if (
            start >= 0
            and words.gaps[i].isspace()
            and words.ends_at(start, self.not_after) < 0
            and not words.starts_at(j, group.not_before)
        ):
            return True
        return words.starts_at(j, group.after)


class _Words:
    """A text's words (lower case) and what stands between them."""

    def __init__(self, text: str, longest: int) -> None:
        self.tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        self.words = [text[a:b].lower() for a, b in self.tokens]
        self.gaps = (
            [""]
            + [  # gaps[i]: between word i - 1 and word i
                text[self.tokens[k - 1][1] : self.tokens[k][0]] for k in range(1, len(self.tokens))
            ]
        )
        self.longest = longest

    def joined(self, i: int, j: int) -> bool:
        """Whether words i..j-1 stand one after another with a space or a hyphen between."""
        return all(self.gaps[k] in _JOINS for k in range(i + 1, j))

    def ends_at(self, i: int, phrases: frozenset[Phrase]) -> int:
        """Where a listed phrase that ends right before word i starts, or -1."""
        for n in range(1, self.longest + 1):
            if i - n >= 0 and tuple(self.words[i - n : i]) in phrases and self.joined(i - n, i):
                return i - n
        return -1

    def starts_at(self, j: int, phrases: frozenset[Phrase]) -> bool:
        """Whether a listed phrase follows word j - 1, a space or a hyphen before it."""
        return self.length_at(j, phrases) > 0

    def length_at(self, j: int, phrases: frozenset[Phrase]) -> int:
        """The words of the longest listed phrase that follows word j - 1, a space or a hyphen
        before it (0 for none)."""
        if j >= len(self.words) or self.gaps[j] not in _JOINS:
            return 0
        for n in range(min(self.longest, len(self.words) - j), 0, -1):
            if tuple(self.words[j : j + n]) in phrases and self.joined(j, j + n):
                return n
        return 0


def _table(own: list[str] | None, files: list[str]) -> frozenset[Phrase]:
    """A group's own phrases where it lists them, else the file's."""
    return frozenset(_phrase(w) for w in (files if own is None else own))


def compile_attributes(data: Attributes) -> AttributeReading:
    """The word tables of every group and of the file's context phrases."""
    groups = tuple(
        _Rules(
            read_as=group.read_as,
            anywhere=group.anywhere,
            words=frozenset(_phrase(w) for w in group.all_words),
            before=_table(group.identity_before, data.identity_before),
            after=_table(group.identity_after, data.identity_after),
            not_before=_table(group.not_before, data.not_before),
            trailing=_table(group.trailing, []),
        )
        for group in data.groups
    )
    tables = [g.words | g.before | g.after | g.not_before | g.trailing for g in groups]
    not_after = frozenset(_phrase(w) for w in data.not_after)
    longest = max(len(p) for table in [*tables, not_after] for p in table)
    fields = data.model_dump(
        include={"identity_before", "identity_after", "not_before", "not_after", "groups"}
    )
    digest = hashlib.sha256(json.dumps(fields, sort_keys=True).encode("utf-8")).hexdigest()
    return AttributeReading(
        label="attributes",
        groups=groups,
        not_after=not_after,
        longest=longest,
        firsts=frozenset(p[0] for g in groups for p in g.words),
        digest=digest[:8],
    )


@cache
def attribute_reading() -> AttributeReading:
    """The packaged groups (``attributes.v1.yaml``)."""
    return compile_attributes(load_packaged(Attributes, "knowledge", "data", "attributes.v1.yaml"))
