"""A dimension's evidence: its own readings' words, never a reading cited against its sense."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import aspira
from aspira.analysis.dimensions import _FEATURE_WHY, _LOWERS, DIMENSION_EVIDENCE

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "answers.jsonl"
ANSWERS = [
    json.loads(line)
    for n, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines())
    if n % 12 == 0
]
WHY = {why: name for name, why in _FEATURE_WHY.items()}


def _reading(why: str) -> tuple[str, str]:
    """The reading a piece of evidence cites, and whether it raises or lowers the score."""
    text, _, sign = why.rpartition(" (")
    return WHY[text], sign.split()[0]


@pytest.mark.parametrize("row", ANSWERS, ids=[r["id"] for r in ANSWERS])
def test_each_dimension_cites_only_its_own_readings(row: dict[str, str]) -> None:
    card = aspira.score(row["answer"], question=row.get("question"))
    for dim in card.dimensions:
        for span in dim.evidence:
            reading, sign = _reading(span.why)
            assert reading in DIMENSION_EVIDENCE[dim.id], (dim.id, span.why)
            assert sign == ("lowers" if reading in _LOWERS else "raises"), (dim.id, span.why)


def test_self_awareness_points_at_why_not_at_when() -> None:
    card = aspira.score(
        "In three years I'd like to be leading clinical education on a ward like this one. "
        "I'm good at turning protocols into habits, and your preceptorship scheme is why I "
        "applied.",
        question="Where do you see yourself in five years?",
    )
    dims = {d.id: d for d in card.dimensions}
    assert "In three years" not in [s.text for s in dims["self_awareness"].evidence]
    assert "In three years" in [s.text for s in dims["timeline"].evidence]


def test_fillers_and_hedges_are_the_evidence_of_delivery() -> None:
    card = aspira.score(
        "So, um, basically I'd like to, like, maybe lead a small team of developers in a few "
        "years, I guess, because I sort of enjoy mentoring the juniors."
    )
    delivery = next(d for d in card.dimensions if d.id == "delivery")
    cited = {s.text: s.why for s in delivery.evidence}
    assert cited.get("um") == "a filler word (lowers the score)"
    assert cited.get("maybe") == "a hedge (lowers the score)"
    assert all(s.why.endswith("(lowers the score)") for s in delivery.evidence)
    direction = next(d for d in card.dimensions if d.id == "direction")
    assert "basically" not in [s.text for s in direction.evidence]
