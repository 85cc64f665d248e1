"""Every dimension and flag ships with examples that are tests (tests/examples/).

A flag example must (or must not) raise its flag; a dimension example must reach a high
(≥ 4) or low (≤ 2) level. A test fails when a dimension or a context-free flag has none.

Examples the scorer does not yet get right are listed in ``examples/known_misses.txt`` (by a
hash of their text) and run as strict xfails: the list is a ratchet. A miss that starts
passing fails the suite until it is removed (``python scripts/known_misses.py``), and a new miss
fails it at once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

import aspira
from aspira.rubric import load_rubric

EXAMPLES = Path(__file__).parent / "examples"
RUBRIC = load_rubric()


def _load(kind: str) -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted((EXAMPLES / kind).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[path.stem] = data
    return out


FLAGS = _load("flags")
DIMS = _load("dimensions")
KNOWN_MISSES = {
    line.split("#")[0].strip()
    for line in (EXAMPLES / "known_misses.txt").read_text(encoding="utf-8").splitlines()
    if line.split("#")[0].strip()
}


def case_key(name: str, key: str, text: str) -> str:
    return f"{name}/{key}/{hashlib.sha256(text.encode()).hexdigest()[:12]}"


def _cases(data: dict[str, dict[str, Any]], keys: tuple[str, str]) -> list[Any]:
    cases = []
    for name, spec in data.items():
        for key in keys:
            for i, text in enumerate(spec.get(key) or []):
                marks = (
                    [pytest.mark.xfail(strict=True, reason="known miss")]
                    if case_key(name, key, text) in KNOWN_MISSES
                    else []
                )
                cases.append(
                    pytest.param(
                        name, key, text, spec.get("question"), id=f"{name}-{key}-{i}", marks=marks
                    )
                )
    return cases


@pytest.mark.parametrize("flag", [f.id for f in RUBRIC.flags if not f.requires_company])
def test_every_flag_has_examples(flag: str) -> None:
    spec = FLAGS.get(flag)
    assert spec, f"flag {flag} has no examples in tests/examples/flags/{flag}.yaml"
    assert spec.get("should_flag"), f"flag {flag} has no should_flag examples"
    assert spec.get("should_not_flag"), f"flag {flag} has no should_not_flag examples"


@pytest.mark.parametrize("dimension", [d.id for d in RUBRIC.dimensions])
def test_every_dimension_has_examples(dimension: str) -> None:
    spec = DIMS.get(dimension)
    assert spec and spec.get("high") and spec.get("low"), f"{dimension} has no examples"


@pytest.mark.parametrize(
    ("flag", "key", "text", "question"), _cases(FLAGS, ("should_flag", "should_not_flag"))
)
def test_flag_examples(flag: str, key: str, text: str, question: str | None) -> None:
    card = aspira.score(text, question=question)
    if key == "should_flag":
        assert flag in card.flag_ids(), f"missed {flag} in: {text!r}"
    else:
        assert flag not in card.flag_ids(), f"false {flag} in: {text!r}"


@pytest.mark.parametrize(("dimension", "key", "text", "question"), _cases(DIMS, ("high", "low")))
def test_dimension_examples(dimension: str, key: str, text: str, question: str | None) -> None:
    card = aspira.score(text, question=question)
    level = next(d.level for d in card.dimensions if d.id == dimension)
    if key == "high":
        assert level >= 4, f"{dimension} level {level} < 4 for: {text!r}"
    else:
        assert level <= 2, f"{dimension} level {level} > 2 for: {text!r}"
