"""``aspira screen``: the stable contract of SPEC §3.1 from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from aspira.cli.main import app
from aspira.errors import EmptyAnswerError
from aspira.rubric import DimensionScore, HorizonInfo, Scorecard, Stats, load_rubric

DATA = Path(__file__).parent.parent / "data" / "screen"
runner = CliRunner()


def card(overall: int) -> Scorecard:
    rubric = load_rubric()
    dims = [
        DimensionScore(
            id=d.id, name=d.name, score=overall, level=3, anchor="", evidence=[], how_to_raise=""
        )
        for d in rubric.dimensions
    ]
    return Scorecard(
        rubric=rubric.ref, scorer="fake", overall=overall, band=rubric.band_for(overall).id,
        dimensions=dims, flags=[], suggestions=[],
        stats=Stats(words=1, sentences=1, speaking_seconds=1.0, fillers=0, hedges=0),
        question=HorizonInfo(
            variant="general", variant_confidence=0.0, horizon="any", expected_years=(3, 10),
            stated=[],
        ),
    )  # fmt: skip


class FakeScore:
    """10 points a word, like the core tests' fake; remembers what it scored."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, answer: str, **_: Any) -> Scorecard:
        self.calls.append(answer)
        if not answer.strip():
            raise EmptyAnswerError("The answer is empty.")
        return card(min(100, 10 * len(answer.split())))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeScore:
    scorer = FakeScore()
    monkeypatch.setattr("aspira.screen.score", scorer)
    return scorer


def screen(*args: str) -> Result:
    return runner.invoke(app, ["screen", *args])


def answers(path: Path, n: int) -> Path:
    rows = [{"id": f"r{i}", "answer": "word " * (i % 9 + 1)} for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_jsonl_to_stdout_with_the_real_engine() -> None:
    result = screen(str(DATA / "mixed.jsonl"), "--workers", "1")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records][:3] == ["a1", "a2", "line 3"]
    assert len(records) == 9 and all(r["rubric"] == "aspirations.v1" for r in records)
    assert "9 rows:" in result.stderr.splitlines()[-1]
    assert "\r" not in result.stderr  # no progress bar outside a terminal


def test_csv_output_chosen_by_out_extension(tmp_path: Path) -> None:
    out = tmp_path / "scores.csv"
    result = screen(str(DATA / "answers.csv"), "-o", str(out), "-w", "1")
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,overall,band,self_awareness,") and lines[0].endswith(",error")
    assert [line.split(",")[0] for line in lines[1:]] == ["c1", "c2", "c3", "row-4", "c5"]
    assert result.stdout == ""


def test_process_pool_keeps_input_order_with_the_real_engine(tmp_path: Path) -> None:
    src = answers(tmp_path / "in.jsonl", 12)
    result = screen(str(src), "--workers", "2", "--chunk-size", "3")
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == [f"r{i}" for i in range(12)]


def test_format_csv_to_stdout(fake: FakeScore) -> None:
    result = screen(str(DATA / "mixed.jsonl"), "--format", "csv", "-w", "1")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("a1,90,strong,90,")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "nope.jsonl", "Input file not found"),
        (lambda d: _write(d / "bin.csv", b"\x00\x01\x02binary\x00" * 50), "binary file"),
        (lambda d: _write(d / "cols.csv", b"name,text\nx,y\n"), "no 'id' or 'answer' column"),
        (lambda d: _write(d / "empty.csv", b""), "is empty"),
    ],
    ids=["missing-file", "binary", "missing-columns", "empty"],
)
def test_file_level_errors_exit_2_without_traceback(
    tmp_path: Path, make: Any, message: str
) -> None:
    path = make(tmp_path)
    result = screen(str(path))
    assert result.exit_code == 2 and message in result.stderr and path.name in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--resume"], "--out"),
        (["--format", "xml"], "jsonl or csv"),
        (["--workers", "0"], "--workers must be 1 or more"),
        (["--fail-under", "101"], "between 0 and 100"),
    ],
    ids=["resume-without-out", "bad-format", "zero-workers", "fail-under-range"],
)
def test_bad_options_exit_2(args: list[str], message: str) -> None:
    result = screen(str(DATA / "mixed.jsonl"), *args)
    assert result.exit_code == 2 and message in result.stderr


def test_bad_rows_keep_the_batch_going(fake: FakeScore) -> None:
    result = screen(str(DATA / "mixed.jsonl"), "-w", "1")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and len(records) == 9
    assert sum("error" in r for r in records) == 5 and "4 scored, 5 errors" in result.stderr


@pytest.mark.parametrize(("threshold", "code"), [(30, 1), (10, 0)])
def test_fail_under(tmp_path: Path, fake: FakeScore, threshold: int, code: int) -> None:
    src = answers(tmp_path / "in.jsonl", 4)  # scores 10, 20, 30, 40
    result = screen(str(src), "-w", "1", "--fail-under", str(threshold))
    assert result.exit_code == code
    assert len(result.stdout.splitlines()) == 4


def test_resume_continues_without_rescoring(tmp_path: Path, fake: FakeScore) -> None:
    src = answers(tmp_path / "in.jsonl", 6)
    out = tmp_path / "out.jsonl"
    assert screen(str(src), "-o", str(out), "-w", "1").exit_code == 0
    full = out.read_bytes()
    lines = full.splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:4]) + lines[4][:10])  # as if killed mid-write
    fake.calls.clear()
    result = screen(str(src), "-o", str(out), "--resume", "-w", "1")
    assert result.exit_code == 0, result.output
    assert len(fake.calls) == 2 and out.read_bytes() == full
    assert "4 kept from the earlier run" in result.stderr


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path
