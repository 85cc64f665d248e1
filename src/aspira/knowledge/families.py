"""A family of a data file's patterns, matched as one alternation, but only the patterns that can.

The lexicons and flags keep their patterns in families; a family's matches are those of
``(?:p1)|(?:p2)|…`` scanned over the text: the leftmost match first, on a tie the earlier
pattern, no overlaps. Scanning the joined alternation tries every pattern at every position,
which is most of the time the scorer spends on patterns, even though in a given answer almost
none of them can match.

So each pattern also carries its *needles*: literal strings one of which every match of the
pattern contains, read from the pattern's parse tree (``\\bnot (really )?a career type\\b``
needs "a career type"; ``(quit|leave) (now|soon)`` needs "quit" or "leave"). A pattern none of whose
needles occurs in the text cannot match anywhere in it, and leaving out a pattern that matches
nowhere does not change what the alternation matches: :meth:`PatternFamily.spans` runs only the
patterns whose needles occur, each from the end of the last match, and takes the leftmost (the
earlier pattern on a tie), exactly as the alternation would. To ask "does a needle occur" of
hundreds of patterns cheaply, each needle is also keyed by its rarest three-character piece, and
each family indexes its members by those pieces: the pieces the answer holds (built once per
answer) look up the only patterns that can match, and only those search for their needles. A
pattern with no usable needle (no literal run of three characters it must contain) is always
run; a family with a pattern that can match the empty string is scanned joined, as before. The
tests check the spans against the joined scan on every corpus answer and on generated text.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from aspira.knowledge.loader import compile_any, compile_pattern

MIN_NEEDLE = 3  # shorter literals occur in almost every text: no use as a filter

# The standard library's own parser of regular expressions (private, stable since 3.11).
_parser: Any = importlib.import_module("re._parser")
_codes: Any = importlib.import_module("re._constants")
_REPEATS = tuple(
    getattr(_codes, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_codes, name)
)

Needles = frozenset[str]
Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class PatternFamily:
    """Patterns matched as their joined alternation; see the module notes."""

    joined: re.Pattern[str]
    members: tuple[re.Pattern[str], ...]
    needles: tuple[Needles | None, ...]  # per member; None: always run
    # per member, one three-letter piece of each needle (its rarest in the family): a needle
    # can occur only if its piece does
    keys: tuple[frozenset[str], ...]
    prunable: bool  # False when a member can match "" (then the joined scan is used)
    # the keys inverted: each piece to the members it keys, and the members always run
    by_key: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    always: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key: dict[str, list[int]] = {}
        for i, keys in enumerate(self.keys):
            for key in keys:
                by_key.setdefault(key, []).append(i)
        object.__setattr__(self, "by_key", {k: tuple(v) for k, v in by_key.items()})
        object.__setattr__(
            self, "always", frozenset(i for i, n in enumerate(self.needles) if n is None)
        )

    def live(self, text: str) -> list[re.Pattern[str]]:
        """The members that can match in ``text``: some needle occurs (or none was read)."""
        grams = _trigrams(text)
        keyed = [self.by_key[key] for key in grams.intersection(self.by_key)]
        if not keyed and not self.always:
            return []
        out = []
        for i in sorted(self.always.union(*keyed)):
            needles = self.needles[i]
            if needles is None or any(needle in text for needle in needles):
                out.append(self.members[i])
        return out

    def spans(self, text: str) -> Spans:
        """The (start, end) of every non-empty match of the joined alternation, in order."""
        if not self.prunable:
            return [m.span() for m in self.joined.finditer(text) if m.end() > m.start()]
        live = self.live(text)
        if not live:
            return []
        if len(live) == 1:
            return [m.span() for m in live[0].finditer(text)]
        return _merged(live, text)

    def occurs(self, text: str) -> bool:
        """Whether any pattern of the family matches anywhere in ``text``."""
        if not self.prunable:
            return self.joined.search(text) is not None
        return any(member.search(text) is not None for member in self.live(text))


@lru_cache(maxsize=8)
def _trigrams(text: str) -> frozenset[str]:
    """Every three-character piece of ``text`` (the families of one answer share it)."""
    return frozenset(text[i : i + 3] for i in range(len(text) - 2))


def _keys(needles: tuple[Needles | None, ...]) -> tuple[frozenset[str], ...]:
    """For each member, the rarest three-character piece of each of its needles, rarest by how
    many of the family's needles hold it (" th" is in many, "bbl" in few)."""
    held: Counter[str] = Counter()
    for member in needles:
        for needle in member or ():
            held.update({needle[i : i + 3] for i in range(len(needle) - 2)})
    return tuple(
        frozenset(
            min((n[i : i + 3] for i in range(len(n) - 2)), key=lambda g: (held[g], g))
            for n in member or ()
        )
        for member in needles
    )


def _merged(live: list[re.Pattern[str]], text: str) -> Spans:
    """The alternation's scan, from the members' own: at each step the leftmost next match of
    any member (the earlier member on a tie), then on from its end. No member matches "", so
    each step moves on."""
    out: Spans = []
    pos = 0
    found = [member.search(text) for member in live]
    while True:
        best: re.Match[str] | None = None
        for i, member in enumerate(live):
            match = found[i]
            if match is not None and match.start() < pos:
                match = found[i] = member.search(text, pos)
            if match is not None and (best is None or match.start() < best.start()):
                best = match
        if best is None:
            return out
        out.append(best.span())
        pos = best.end()


def compile_family(patterns: list[str], where: str) -> PatternFamily:
    """A family from a data file's patterns; an error names the file and field (``where``)."""
    members = tuple(compile_pattern(p, where) for p in patterns)
    needles = tuple(needles_of(p) for p in patterns)
    prunable = all(_parser.parse(p).getwidth()[0] > 0 for p in patterns)
    return PatternFamily(compile_any(patterns, where), members, needles, _keys(needles), prunable)


def needles_of(pattern: str) -> Needles | None:
    """Literal strings one of which every match of ``pattern`` contains, or None when no such
    set of strings of at least ``MIN_NEEDLE`` characters can be read (the pattern then always
    runs). Flags set inside the pattern (``(?i)``) give None: their literals match other text."""
    try:
        parsed = _parser.parse(pattern)
        if parsed.state.flags & re.IGNORECASE:
            raise _Unreadable
        return _sequence(list(parsed))
    except _Unreadable:
        return None


class _Unreadable(Exception):
    pass


def _sequence(items: list[tuple[Any, Any]]) -> Needles | None:
    """The best needles of a sequence of items: the longest run of literals it must contain
    (groups without alternatives continue a run; zero-width items such as ``\\b`` do not break
    it), or the needles of a required group with alternatives, or of a required repeat."""
    found: list[Needles] = []
    run: list[str] = []

    def close() -> None:
        if run:
            found.append(frozenset(["".join(run)]))
            run.clear()

    def walk(seq: list[tuple[Any, Any]]) -> None:
        for op, arg in seq:
            if op is _codes.LITERAL:
                run.append(chr(arg))
            elif op is _codes.AT:
                continue  # \b, ^, $: zero width, the literals around them stay adjacent
            elif op is _codes.SUBPATTERN:
                _group, add_flags, del_flags, sub = arg
                if add_flags or del_flags:
                    raise _Unreadable
                items = list(sub)
                if any(o is _codes.BRANCH for o, _ in items):
                    close()
                    inner = _sequence(items)
                    if inner is not None:
                        found.append(inner)
                else:
                    walk(items)
            elif op is _codes.BRANCH:
                close()
                inner = _branch(arg)
                if inner is not None:
                    found.append(inner)
            elif op in _REPEATS:
                low, _high, sub = arg
                close()
                if low >= 1:
                    inner = _sequence(list(sub))
                    if inner is not None:
                        found.append(inner)
            else:  # a class, any character, a look-around, a back-reference: the run ends
                close()

    walk(items)
    close()
    usable = [n for n in found if min(map(len, n)) >= MIN_NEEDLE]
    if not usable:
        return None
    # the rarest-looking choice: longest shortest needle, then fewest needles
    return max(usable, key=lambda n: (min(map(len, n)), -len(n)))


def _branch(arg: tuple[Any, list[Any]]) -> Needles | None:
    """Alternatives: every one must have needles, and any of them will do."""
    out: set[str] = set()
    for alternative in arg[1]:
        needles = _sequence(list(alternative))
        if needles is None:
            return None
        out |= needles
    return frozenset(out)
