"""``aspira eval``: the readable report, the JSON envelope and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from aspira.cli.main import app
from aspira.knowledge.calibration import calibration

runner = CliRunner()
ROWS = [
    {"id": "e1", "answer": "I want to grow into leading a data team here.", "label": "good"},
    {"id": "e2", "answer": "No idea, honestly.", "label": "bad", "rating": 1, "flags": []},
    {"id": "e3", "answer": "Build [bold]tools[/] for nurses.", "rating": 4, "split": "test"},
]


def labelled(tmp_path: Path, extra: list[str] | None = None) -> Path:
    path = tmp_path / "labelled.jsonl"
    lines = [json.dumps(r) for r in ROWS] + (extra or [])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def aspira_eval(*args: str) -> Result:
    return runner.invoke(app, ["eval", *args])


def test_json_envelope(tmp_path: Path) -> None:
    result = aspira_eval(str(labelled(tmp_path, ["oops"])), "--json")
    assert result.exit_code == 0, result.output
    envelope = json.loads(result.stdout)
    assert envelope["ok"] is True and list(envelope) == ["ok", "data"]
    data = envelope["data"]
    assert data["rows"] == 3 and data["bad_lines"] == [
        {"line": 4, "id": None, "error": "not valid JSON"}
    ]
    for key in ("auroc", "length_auroc", "auroc_long", "balanced_accuracy", "rating_qwk"):
        assert set(data[key]) == {"value", "n", "reason"}


def test_readable_report(tmp_path: Path) -> None:
    result = aspira_eval(str(labelled(tmp_path)), "--show-misses", "3")
    assert result.exit_code == 0, result.output
    for text in ("AUROC good vs bad", "length-only baseline", "QWK on ratings", "Flags"):
        assert text in result.stdout


def test_split_option(tmp_path: Path) -> None:
    result = aspira_eval(str(labelled(tmp_path)), "--split", "test", "--json")
    data = json.loads(result.stdout)["data"]
    assert (data["rows"], data["excluded"], data["split"]) == (1, 2, "test")
    assert data["auroc"]["value"] is None and data["auroc"]["reason"]


def test_a_split_the_calibration_saw_is_called_in_sample(tmp_path: Path) -> None:
    """The test split is never fitted on; a split that was is named as such, so nobody mistakes
    in-sample numbers for a measurement."""
    seen = calibration().fitted_splits
    assert "test" not in seen and "train" in seen
    rows = [{**r, "split": "train"} for r in ROWS]
    path = tmp_path / "train.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = aspira_eval(str(path), "--split", "train")
    assert "calibrated on the corpus's train split" in " ".join(result.stdout.split())
    data = json.loads(aspira_eval(str(path), "--split", "train", "--json").stdout)["data"]
    assert data["calibrated_on"] == seen
    test_run = aspira_eval(str(labelled(tmp_path)), "--split", "test")
    assert "calibrated on" not in test_run.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.jsonl", None, "not found"),
        ("binary.jsonl", b"\x00\x01\x02\x03" * 100, "binary"),
    ],
    ids=["missing-file", "binary"],
)
def test_bad_files_exit_2(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = aspira_eval(str(path))
    assert result.exit_code == 2 and message in result.stderr and name in result.stderr
    assert "Traceback" not in result.output


def test_unknown_split_exits_2(tmp_path: Path) -> None:
    result = aspira_eval(str(labelled(tmp_path)), "--split", "dev")
    assert result.exit_code == 2 and "no answers with split 'dev'" in result.stderr
