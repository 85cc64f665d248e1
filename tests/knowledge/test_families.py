"""Pattern families: the spans are those of the joined alternation, on every corpus answer and
on generated text, and the needles read from a pattern are ones every match contains."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aspira.analysis.text import make_doc
from aspira.knowledge.families import PatternFamily, compile_family, needles_of
from aspira.knowledge.signals import signals

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "answers.jsonl"


@cache
def families() -> dict[str, tuple[list[str], PatternFamily]]:
    data = signals()
    out = {f"signals.{k}": v for k, v in data.signals.items() if v}
    for fid, spec in data.flags.items():
        if spec.patterns:
            out[f"flags.{fid}.patterns"] = spec.patterns
        if spec.guards:
            out[f"flags.{fid}.guards"] = spec.guards
    return {name: (pats, compile_family(pats, name)) for name, pats in out.items()}


def joined_spans(patterns: list[str], text: str) -> list[tuple[int, int]]:
    joined = re.compile("|".join(f"(?:{p})" for p in patterns))
    return [m.span() for m in joined.finditer(text) if m.end() > m.start()]


@cache
def corpus_texts() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [make_doc(json.loads(line)["answer"]).norm for line in lines if line]


@pytest.mark.parametrize("name", sorted(families()))
def test_spans_are_the_joined_alternations_on_every_corpus_answer(name: str) -> None:
    patterns, family = families()[name]
    for text in corpus_texts():
        assert family.spans(text) == joined_spans(patterns, text), text
        assert family.occurs(text) == bool(joined_spans(patterns, text))


@cache
def vocabulary() -> list[str]:
    """Words the patterns are made of, so generated text often matches them."""
    words: set[str] = set()
    for _patterns, family in families().values():
        for needles in family.needles:
            for needle in needles or ():
                words.update(needle.split())
    return sorted(w for w in words if w.isalpha())


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_spans_are_the_joined_alternations_on_generated_text(data: st.DataObject) -> None:
    words = data.draw(st.lists(st.sampled_from(vocabulary()), max_size=40))
    seps = data.draw(st.lists(st.sampled_from([" ", " ", ", ", ". ", "'"]), min_size=len(words)))
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    name = data.draw(st.sampled_from(sorted(families())))
    patterns, family = families()[name]
    assert family.spans(text) == joined_spans(patterns, text)


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        (r"\bnot (really )?a career type\b", {"a career type"}),
        (r"\b(quit|leave) (now|soon)\b", {"quit", "leave"}),
        (r"\bhard to say\b|\bwe.ll see\b", {"hard to say", "ll see"}),
        (r"\b(same as|what) i.m doing now\b", {"m doing now"}),
        (r"(?:abc)+d", {"abc"}),  # a required repeat: its body once
        (r"\bgo\b", None),  # too short to filter by
        (r"(?i)\bnot a career type\b", None),  # literals that match other cases
        (r"\bx(?:\s*)y", None),
    ],
)
def test_needles_read_from_a_pattern(pattern: str, needles: set[str] | None) -> None:
    assert needles_of(pattern) == (None if needles is None else frozenset(needles))


def test_a_family_that_can_match_nothing_is_scanned_joined() -> None:
    family = compile_family([r"\bcareer\b", r"x*"], "test")
    assert not family.prunable
    assert family.spans("a career, xx") == joined_spans([r"\bcareer\b", r"x*"], "a career, xx")
    assert compile_family([r"\bcareer\b"], "test").prunable


def test_ties_go_to_the_earlier_pattern_and_matches_do_not_overlap() -> None:
    patterns = [r"\bmy own (firm|business)\b", r"\bmy own\b", r"\bown business one day\b"]
    family = compile_family(patterns, "test")
    text = "i want my own business one day, then my own team"
    assert family.spans(text) == joined_spans(patterns, text) == [(7, 22), (37, 43)]
