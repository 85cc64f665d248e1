"""The privacy guard: no composed answer repeats three words in a row from a private note.

The rule is deliberately blunt. Words are compared case-insensitively with punctuation stripped,
and a run of three consecutive words that also occurs in any private note is a leak, even when
the words are common ("I want to") or the person's own public words ("lead the data team",
when a note reads "lead the data team at a startup of my own"). Punctuation is stripped in three
ways (apostrophes dropped, all punctuation dropped, punctuation as a word break) and the text is
checked under each, so "don't" and "dont", "end-to-end" and "end to end" cannot slip past one
another. Runs across sentence boundaries count too, since the answer is spoken as one text.

:class:`PrivacyGuard` is built once per composition from the notes; the composer asks it about
each candidate sentence as it writes, and checks the finished answer once more
(:meth:`PrivacyGuard.offending`), dropping any sentence that still leaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

RUN = 3
_APOSTROPHES = re.compile(r"['’‘`]")
_NON_WORD = re.compile(r"[\W_]+")
_PUNCT = re.compile(r"[^\w\s]|_")


def _apostrophes_dropped(text: str) -> list[str]:
    return _NON_WORD.sub(" ", _APOSTROPHES.sub("", text.lower())).split()


def _punctuation_dropped(text: str) -> list[str]:
    return _PUNCT.sub("", text.lower()).split()


def _punctuation_breaks(text: str) -> list[str]:
    return _NON_WORD.sub(" ", text.lower()).split()


TOKENISERS: tuple[Callable[[str], list[str]], ...] = (
    _apostrophes_dropped,
    _punctuation_dropped,
    _punctuation_breaks,
)


def runs(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


class PrivacyGuard:
    """Knows every three-word run of the private notes, under each way of tokenising."""

    def __init__(self, notes: Iterable[str]) -> None:
        texts = [n for n in notes if n and n.strip()]
        self._runs = [set().union(*(runs(tok(n)) for n in texts)) for tok in TOKENISERS]
        self._seen: dict[tuple[str, str], bool] = {}  # leaks() answers: drafts re-ask them

    @property
    def empty(self) -> bool:
        return not any(self._runs)

    def leaks(self, text: str, before: str = "") -> bool:
        """Whether ``text`` (spoken right after ``before``) repeats a run from a note."""
        if self.empty:
            return False
        key = (text, before)
        seen = self._seen.get(key)
        if seen is None:
            seen = self._seen[key] = self._leaks(text, before)
        return seen

    def _leaks(self, text: str, before: str) -> bool:
        for tok, private in zip(TOKENISERS, self._runs, strict=True):
            if not private:
                continue
            head = tok(before)[-(RUN - 1) :] if before else []
            if runs([*head, *tok(text)]) & private:
                return True
        return False

    def offending(self, sentences: Sequence[str]) -> list[int]:
        """Indices of sentences that hold (the end of) a leaked run in the joined answer."""
        bad: set[int] = set()
        for tok, private in zip(TOKENISERS, self._runs, strict=True):
            if not private:
                continue
            owners: list[int] = []
            tokens: list[str] = []
            for index, sentence in enumerate(sentences):
                words = tok(sentence)
                tokens += words
                owners += [index] * len(words)
            for i in range(len(tokens) - RUN + 1):
                if tuple(tokens[i : i + RUN]) in private:
                    bad.add(owners[i + RUN - 1])
        return sorted(bad)


def shared_runs(text: str, notes: Iterable[str]) -> list[str]:
    """Every run of three words ``text`` shares with any note (for tests and diagnostics)."""
    found: set[str] = set()
    for tok in TOKENISERS:
        private = set().union(*(runs(tok(n)) for n in notes if n))
        found |= {" ".join(r) for r in runs(tok(text)) & private}
    return sorted(found)
