"""aspira.evaluate: metrics checked against numbers worked out by hand on a small labelled set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fakes import make_card

from aspira.errors import EmptyAnswerError, InputError, NotFoundError
from aspira.evaluate import EvalReport, evaluate, predicted_rating, rating_band
from aspira.rubric import Scorecard, load_rubric

# id: (label, rating, labelled flags, labelled direction level, words,
#      predicted overall, predicted flags, predicted direction level)
CASES: dict[str, tuple[Any, ...]] = {
    "g1": ("good", 5, [], 5, 25, 90, [], 5),
    "g2": ("good", 4, [], 4, 5, 70, ["generic"], 3),
    "g3": ("good", 4, [], None, 22, 50, [], 3),
    "b1": ("bad", 2, ["generic"], None, 30, 80, ["generic"], 3),
    "b2": ("bad", 1, ["leaving_soon"], 1, 3, 10, [], 1),
    "b3": ("bad", 3, ["leaving_soon"], None, 21, 30, ["leaving_soon"], 3),
    "n1": (None, None, None, 2, 8, 40, ["negative"], 2),  # no verdict, no flag labels
}


def fake_score(answer: str, **_: Any) -> Scorecard:
    """The prediction of CASES, looked up by the answer's first word (its id)."""
    if not answer.strip():
        raise EmptyAnswerError("The answer is empty.")
    *_, overall, flags, direction = CASES[answer.split()[0]]
    return make_card(overall, flags, direction)


def record(case_id: str) -> dict[str, Any]:
    label, rating, flags, direction, words, *_ = CASES[case_id]
    row: dict[str, Any] = {"id": case_id, "answer": case_id + " word" * (words - 1)}
    row.update({"label": label, "rating": rating, "flags": flags})
    if direction is not None:
        row["dimensions"] = {"direction": direction}
    return {k: v for k, v in row.items() if v is not None}


def write(path: Path, rows: list[Any]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def report(tmp_path: Path) -> EvalReport:
    path = write(tmp_path / "labelled.jsonl", [record(c) for c in CASES])
    return evaluate(path, misses=5, scorer=fake_score)


def test_good_vs_bad_metrics(report: EvalReport) -> None:
    assert (report.rows, report.scored) == (7, 7)
    assert report.auroc.value == pytest.approx(7 / 9) and report.auroc.n == 6
    assert report.auroc_long.value == pytest.approx(3 / 4) and report.auroc_long.n == 4
    assert report.length_auroc.value == pytest.approx(5 / 9)
    assert report.length_auroc_long.value == pytest.approx(2 / 4)
    assert report.balanced_accuracy.value == pytest.approx(2 / 3)


def test_rating_and_dimension_qwk(report: EvalReport) -> None:
    # ratings [5,4,4,2,1,3] vs bands → [5,4,3,5,1,2]; direction [5,4,1,2] vs [5,3,1,2]
    assert report.rating_qwk.value == pytest.approx(40 / 73) and report.rating_qwk.n == 6
    assert report.dimension_qwk["direction"].value == pytest.approx(18 / 19)
    fit = report.dimension_qwk["fit"]
    assert (fit.value, fit.n, fit.reason) == (None, 0, "no labelled answers")
    assert list(report.dimension_qwk) == [d.id for d in load_rubric().dimensions]


def test_flag_precision_recall(report: EvalReport) -> None:
    flags = {f.flag: f for f in report.flags}
    assert list(flags) == ["generic", "leaving_soon"]  # n1 has no flag labels: not counted
    generic, leaving = flags["generic"], flags["leaving_soon"]
    assert (generic.support, generic.predicted, generic.true_positives) == (1, 2, 1)
    assert (generic.precision, generic.recall) == (0.5, 1.0)
    assert (leaving.precision, leaving.recall) == (1.0, 0.5)
    assert generic.f1 == pytest.approx(2 / 3) and report.flag_rows == 6


def test_band_confusion(report: EvalReport) -> None:
    assert report.band_confusion is not None
    assert report.band_confusion.labels == ["strong", "solid", "needs_work", "weak"]
    assert report.band_confusion.matrix == [[1, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 1], [1, 0, 0, 1]]


def test_worst_misses_first(report: EvalReport) -> None:
    assert [m.id for m in report.misses] == ["b1", "g3"]
    assert report.misses[0].predicted_rating == 5 and report.misses[0].excerpt.startswith("b1 word")


@pytest.mark.parametrize(
    ("band", "overall", "rating"),
    [("strong", 95, 5), ("solid", 70, 4), ("needs_work", 45, 3), ("weak", 25, 2), ("weak", 24, 1)],
)
def test_band_to_rating_mapping(band: str, overall: int, rating: int) -> None:
    assert predicted_rating(band, overall) == rating
    assert rating_band(rating) == band


def test_bad_lines_are_counted_not_fatal(tmp_path: Path) -> None:
    rows: list[Any] = [
        record("g1"),
        "not json",
        "[1, 2]",
        {"id": "r7", "answer": "g2 x", "rating": 7},
        {"id": "dim", "answer": "g2 x", "dimensions": {"charisma": 3}},
        {"id": "empty", "answer": "  ", "label": "good"},
        record("b2"),
    ]
    path = write(tmp_path / "mixed.jsonl", rows)
    with path.open("ab") as handle:
        handle.write(b'{"id": "latin", "answer": "caf\xe9"}\n')
    result = evaluate(path, scorer=fake_score)
    bad = {p.line: p for p in result.bad_lines}
    assert sorted(bad) == [2, 3, 4, 5, 8]
    assert bad[2].error == "not valid JSON" and bad[3].error == "not a JSON object"
    assert "rating" in bad[4].error and "unknown dimension charisma" in bad[5].error
    assert bad[8].error == "not valid UTF-8"
    assert [(p.id, p.error) for p in result.unscorable] == [("empty", "The answer is empty.")]
    assert result.auroc.value == 1.0 and result.scored == 2


def test_single_class_and_missing_labels_give_reasons(tmp_path: Path) -> None:
    path = write(tmp_path / "good.jsonl", [record("g1"), record("g2")])
    result = evaluate(path, scorer=fake_score)
    assert result.auroc.value is None and result.auroc.reason is not None
    assert "every answer is labelled good" in result.auroc.reason
    assert result.balanced_accuracy.value is None
    only_text = write(tmp_path / "none.jsonl", [{"answer": "g1 a b"}])
    bare = evaluate(only_text, scorer=fake_score)
    assert bare.auroc.reason == "no answers labelled good/bad"
    assert bare.rating_qwk.value is None and bare.band_confusion is None and bare.flags == []


def test_split_filter(tmp_path: Path) -> None:
    rows = [{**record(c), "split": "test" if c in ("g1", "b2") else "train"} for c in CASES]
    path = write(tmp_path / "split.jsonl", rows)
    result = evaluate(path, split="test", scorer=fake_score)
    assert (result.rows, result.excluded, result.auroc.value) == (2, 5, 1.0)
    with pytest.raises(InputError, match="no answers with split 'dev'"):
        evaluate(path, split="dev", scorer=fake_score)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="labels"):
        evaluate(tmp_path / "labels.jsonl")


def test_real_engine_smoke(tmp_path: Path) -> None:
    rows = [
        {"id": "s1", "answer": "I want to grow into leading a data team here.", "label": "good"},
        {"id": "s2", "answer": "I don't know, I just need a job.", "label": "bad", "rating": 1},
    ]
    result = evaluate(write(tmp_path / "smoke.jsonl", rows))
    assert result.rows == 2 and result.scored + len(result.unscorable) == 2
    assert result.rubric == "aspirations.v1"
    json.dumps(result.model_dump(mode="json"), allow_nan=False)
