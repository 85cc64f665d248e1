"""Loaders for the scorer's knowledge: question variants and signal lexicons.

Patterns are compiled once per process. A pattern that does not compile is a data error that
names the file, the signal and the pattern.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import Field

from aspira.errors import DataError
from aspira.knowledge.families import PatternFamily, compile_family
from aspira.knowledge.loader import DataFile, Strict, compile_pattern, load_packaged

Horizon = Literal["near", "long", "any"]


class Variant(Strict):
    id: str
    name: str
    horizon: Horizon
    expected_years: tuple[float, float]
    cues: list[str]
    examples: list[str] = Field(min_length=1)


class Questions(DataFile):
    fallback: str
    variants: list[Variant] = Field(min_length=2)


class FlagSignals(Strict):
    patterns: list[str]
    guards: list[str]
    # A goal flag: its words in a clause that tells the speaker's past ("I've spent four years in
    # private practice") are background, not the flag; the shared `background` guards veto them.
    background: bool = False


class Signals(DataFile):
    signals: dict[str, list[str]]
    english_common: list[str]
    # Spoken and texted English ("dunno", "idk") that no dictionary of the model holds: words a
    # blunt answer may be made of, for the language check only (not a feature).
    english_informal: list[str]
    other_languages: dict[str, list[str]]
    # Clauses that narrate the speaker's past, from the past verb to the clause's end: guards
    # of every flag marked `background`.
    background: list[str]
    flags: dict[str, FlagSignals]


@dataclass(frozen=True)
class CompiledFlag:
    patterns: PatternFamily | None
    guards: tuple[re.Pattern[str], ...]
    # All guards as one family: finds whether any guard occurs at all. Where one does, the
    # guards are run one by one (see ``guards``).
    any_guard: PatternFamily | None = None
    # the shared `background` guards (:func:`background_guards`) apply as well
    background: bool = False


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    return compile_pattern(pattern, f"signals.v1.yaml: {where}")


@cache
def questions() -> Questions:
    return load_packaged(Questions, "knowledge", "data", "questions.v1.yaml")


@cache
def signals() -> Signals:
    return load_packaged(Signals, "knowledge", "data", "signals.v1.yaml")


def _family(patterns: list[str], where: str) -> PatternFamily | None:
    """A family of patterns matched as one alternation (:mod:`aspira.knowledge.families`);
    each pattern is compiled alone first, so an error names the pattern at fault."""
    return compile_family(patterns, f"signals.v1.yaml: {where}") if patterns else None


@cache
def signal_patterns() -> dict[str, PatternFamily | None]:
    return {
        name: _family(pats, f"signals.{name}") for name, pats in sorted(signals().signals.items())
    }


@cache
def flag_patterns() -> dict[str, CompiledFlag]:
    out = {}
    for fid, spec in sorted(signals().flags.items()):
        out[fid] = CompiledFlag(
            patterns=_family(spec.patterns, f"flags.{fid}.patterns"),
            # Guards stay apart: joined, a guard's match could hide an overlapping one.
            guards=tuple(_compile(g, f"flags.{fid}.guards") for g in spec.guards),
            any_guard=_family(spec.guards, f"flags.{fid}.guards"),
            background=spec.background,
        )
    return out


@cache
def background_guards() -> tuple[re.Pattern[str], ...]:
    """The clauses that tell the speaker's past: extra guards of every flag marked
    ``background`` (read once per answer, whichever flags ask)."""
    return tuple(_compile(g, "background") for g in signals().background)


@cache
def variant_cues() -> tuple[tuple[Variant, tuple[re.Pattern[str], ...]], ...]:
    return tuple(
        (v, tuple(_compile(c, f"questions.{v.id}.cues") for c in v.cues))
        for v in questions().variants
    )


@cache
def english_words() -> frozenset[str]:
    return frozenset(signals().english_common)


@cache
def other_language_words() -> dict[str, frozenset[str]]:
    """Function words of other languages, by language (to tell them from terse English)."""
    return {lang: frozenset(words) for lang, words in signals().other_languages.items()}


@cache
def english_vocabulary() -> frozenset[str]:
    """English words a short answer may be made of, for the language check.

    The whole-word entries (letters only: no ``##`` word pieces, no ``[CLS]``-style special
    tokens) of the WordPiece vocabulary in the packaged MiniLM model's ``tokenizer.json``, plus
    the ``english_common`` and ``english_informal`` words of ``signals.v1.yaml``.
    """
    from aspira.backends.embedder import packaged_model_dir
    from aspira.backends.minilm import MINILM_MODEL

    path = packaged_model_dir(MINILM_MODEL) / "tokenizer.json"
    try:
        vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(f"{path}: cannot read the vocabulary ({exc}).") from exc
    informal = frozenset(signals().english_informal)
    return frozenset(w for w in vocab if w.isalpha()) | english_words() | informal
