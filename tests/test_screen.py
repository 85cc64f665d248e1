"""aspira.screen: parsing, per-row errors, output formats, ordering with a pool, resume."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from fakes import make_card

from aspira import screen as screen_mod
from aspira.errors import AspiraError, EmptyAnswerError, InputError, NotFoundError
from aspira.rubric import Scorecard, load_rubric
from aspira.screen import ScreenJob, ScreenSummary, screen

DATA = Path(__file__).parent / "data" / "screen"
DIMS = [d.id for d in load_rubric().dimensions]
KEYS = ["id", "overall", "band", "dimensions", "flags", "rubric", "scorer"]


def fake_score(answer: str, question: Any = None, company: Any = None, **_: Any) -> Scorecard:
    """Overall = 10 per word (max 100); 'sleepy' answers are slow; 'crash' is an engine bug."""
    if not answer.strip():
        raise EmptyAnswerError("The answer is empty.")
    if "crash" in answer:
        raise RuntimeError("engine bug")
    if "sleepy" in answer:
        time.sleep(0.05)
    return make_card(min(100, 10 * len(answer.split())), ("generic",) if "vague" in answer else ())


def run(job: ScreenJob) -> tuple[list[dict[str, Any]], ScreenSummary]:
    out = io.StringIO()
    summary = screen(job, out)
    return [json.loads(line) for line in out.getvalue().splitlines()], summary


def write_answers(path: Path, n: int, prefix: str = "r") -> Path:
    lines = [json.dumps({"id": f"{prefix}{i}", "answer": "word " * (i % 9 + 1)}) for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_records_in_order_with_row_errors() -> None:
    records, summary = run(ScreenJob(DATA / "mixed.jsonl", workers=1, scorer=fake_score))
    ids = [r["id"] for r in records]
    assert ids == ["a1", "a2", "line 3", "line 4", "a5", "a6", "row-7", "a8", "9"]
    assert list(records[0]) == KEYS
    assert records[0]["overall"] == 90 and records[0]["dimensions"] == dict.fromkeys(DIMS, 90)
    errors = {r["id"]: r["error"] for r in records if "error" in r}
    assert "not valid JSON" in errors["line 3"]
    assert "an array" in errors["line 4"]
    assert "no 'answer'" in errors["a5"]
    assert "must be text" in errors["a6"]
    assert errors["a8"] == "The answer is empty."
    failed = records[2]
    assert list(failed) == [*KEYS, "error"]
    assert (failed["overall"], failed["band"], failed["dimensions"], failed["flags"]) == (
        None, None, {}, [],
    )  # fmt: skip
    assert (summary.rows, summary.scored, summary.errors, summary.exit_code) == (9, 4, 5, 0)


def test_csv_in_csv_out(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    screen(ScreenJob(DATA / "answers.csv", out=out, workers=1, scorer=fake_score))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["id", "overall", "band", *DIMS, "flags", "rubric", "scorer", "error"]
    assert [r["id"] for r in rows] == ["c1", "c2", "c3", "row-4", "c5"]
    assert rows[0]["overall"] == "70" and rows[0]["band"] == "solid" and rows[0]["error"] == ""
    assert rows[1]["overall"] == "40"  # the quoted cell spans two lines
    assert "4 cells but the header has 3" in rows[2]["error"] and rows[2]["overall"] == ""


def test_csv_flags_joined_and_jsonl_to_csv_by_format() -> None:
    out = io.StringIO()
    src = DATA / "mixed.jsonl"
    job = ScreenJob(src, fmt="csv", workers=1, scorer=lambda a, **_: make_card(70, ("x", "y")))
    screen(job, out)
    first = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (first["flags"], first["band"], first["direction"]) == ("x;y", "solid", "70")


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("rows.txt", b'{"id": "1", "answer": "hi"}\n', "jsonl"),
        ("rows", b"id,answer\n1,hi\n", "csv"),
    ],
    ids=["sniffed-jsonl", "sniffed-csv"],
)
def test_format_sniffed_without_extension(
    tmp_path: Path, name: str, content: bytes, fmt: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert screen_mod.detect_format(path, content) == fmt
    records, _ = run(ScreenJob(path, workers=1, scorer=fake_score))
    assert records[0]["id"] == "1" and records[0]["overall"] == 10


def test_missing_columns_names_missing_and_found() -> None:
    with pytest.raises(InputError, match=r"no 'answer' column \(found: 'id', 'text'\)"):
        run(ScreenJob(DATA / "no_answer_column.csv", scorer=fake_score))


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        (bytes(range(128, 256)) * 20, "binary file"),
        (b"  \n\n", "empty"),
    ],
    ids=["nul-bytes", "undecodable", "empty"],
)
def test_whole_file_errors(tmp_path: Path, content: bytes, match: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(content)
    with pytest.raises(InputError, match=match):
        run(ScreenJob(path, scorer=fake_score))


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match=r"nope\.csv"):
        run(ScreenJob(tmp_path / "nope.csv"))


def test_invalid_utf8_and_huge_cells_fail_their_row_only(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    huge = "word " * 30_000
    path.write_bytes(
        b'id,answer\nok1,fine answer\nbad,caf\xe9 latin-1\nbig,"' + huge.encode() + b'"\nok2,yes\n'
    )
    records, summary = run(ScreenJob(path, workers=1, scorer=fake_score))
    assert [r["id"] for r in records] == ["ok1", "bad", "big", "ok2"]
    assert "not valid UTF-8" in records[1]["error"]
    assert "larger than 100 KB" in records[2]["error"]
    assert (summary.scored, summary.errors) == (2, 2)


def test_invalid_utf8_in_jsonl_keeps_the_id(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "x1", "answer": "caf\xe9"}\n{"id": "x2", "answer": "fine"}\n')
    records, _ = run(ScreenJob(path, workers=1, scorer=fake_score))
    assert records[0]["id"] == "x1" and "UTF-8" in records[0]["error"]
    assert records[1]["overall"] == 10


def test_pool_keeps_input_order(tmp_path: Path) -> None:
    rows = [{"id": f"p{i}", "answer": ("sleepy " if i < 4 else "") + "w " * i} for i in range(20)]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pooled, _ = run(ScreenJob(path, workers=2, chunk_size=2, scorer=fake_score))
    serial, _ = run(ScreenJob(path, workers=1, scorer=fake_score))
    assert [r["id"] for r in pooled] == [f"p{i}" for i in range(20)]
    assert pooled == serial


def test_engine_bug_on_a_row_is_recorded_and_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "1", "answer": "crash"}\n{"id": "2", "answer": "ok"}\n')
    records, summary = run(ScreenJob(path, workers=1, scorer=fake_score))
    assert records[0]["error"].startswith("internal error (RuntimeError)")
    assert records[1]["overall"] == 10 and summary.exit_code == 3


def test_fail_under_counts_rows_below(tmp_path: Path) -> None:
    path = write_answers(tmp_path / "in.jsonl", 5)  # overalls 10..50
    _, summary = run(ScreenJob(path, workers=1, fail_under=30, scorer=fake_score))
    assert (summary.below, summary.exit_code) == (2, 1)
    assert "2 below 30" in summary.line()
    _, summary = run(ScreenJob(path, workers=1, fail_under=10, scorer=fake_score))
    assert summary.exit_code == 0


class Counting:
    """A scorer that counts its calls (in-process, workers=1)."""

    def __init__(self, stop_at: int | None = None) -> None:
        self.answers: list[str] = []
        self.stop_at = stop_at

    def __call__(self, answer: str, **kwargs: Any) -> Scorecard:
        if self.stop_at is not None and len(self.answers) == self.stop_at:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the batch
        self.answers.append(answer)
        return fake_score(answer, **kwargs)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_resume_after_truncated_write_scores_only_the_rest(tmp_path: Path, suffix: str) -> None:
    src = write_answers(tmp_path / "in.jsonl", 7)
    full, out = tmp_path / f"full{suffix}", tmp_path / f"out{suffix}"
    screen(ScreenJob(src, out=full, workers=1, scorer=fake_score))
    lines = full.read_bytes().splitlines(keepends=True)
    keep = 3 + (suffix == ".csv")  # three records (and the CSV header)
    out.write_bytes(b"".join(lines[:keep]) + lines[keep][:15])  # a cut-off fourth record
    counting = Counting()
    summary = screen(ScreenJob(src, out=out, resume=True, workers=1, scorer=counting))
    assert len(counting.answers) == 4
    assert out.read_bytes() == full.read_bytes()
    assert (summary.rows, summary.resumed, summary.scored) == (7, 3, 7)


def test_interrupted_run_leaves_a_prefix_that_resumes(tmp_path: Path) -> None:
    src = write_answers(tmp_path / "in.jsonl", 6)
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        screen(ScreenJob(src, out=out, workers=1, chunk_size=1, scorer=Counting(stop_at=4)))
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["r0", "r1", "r2", "r3"]
    counting = Counting()
    screen(ScreenJob(src, out=out, resume=True, workers=1, scorer=counting))
    assert len(counting.answers) == 2
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [
        f"r{i}" for i in range(6)
    ]


def test_resume_without_previous_output_runs_everything(tmp_path: Path) -> None:
    src = write_answers(tmp_path / "in.jsonl", 3)
    counting = Counting()
    screen(ScreenJob(src, out=tmp_path / "new.jsonl", resume=True, workers=1, scorer=counting))
    assert len(counting.answers) == 3


@pytest.mark.parametrize(
    ("existing", "match"),
    [
        (b'{"id": "zz", "overall": 1}\n', "has id 'zz' but row 1"),
        (b'not a record\n{"id": "r1"}\n', "record 1 of .* is damaged"),
    ],
    ids=["other-input", "damaged-middle"],
)
def test_resume_refuses_an_output_that_does_not_match(
    tmp_path: Path, existing: bytes, match: str
) -> None:
    src = write_answers(tmp_path / "in.jsonl", 3)
    out = tmp_path / "out.jsonl"
    out.write_bytes(existing)
    with pytest.raises(InputError, match=match):
        screen(ScreenJob(src, out=out, resume=True, workers=1, scorer=fake_score))
    assert out.read_bytes() == existing  # nothing lost


def test_resume_needs_an_output_file(tmp_path: Path) -> None:
    src = write_answers(tmp_path / "in.jsonl", 1)
    with pytest.raises(InputError, match="--out"):
        run(ScreenJob(src, resume=True, scorer=fake_score))


def test_output_must_not_overwrite_input(tmp_path: Path) -> None:
    src = write_answers(tmp_path / "in.jsonl", 1)
    with pytest.raises(InputError, match="is the input file"):
        screen(ScreenJob(src, out=src, scorer=fake_score))


def test_unknown_output_format() -> None:
    with pytest.raises(InputError, match="choose jsonl or csv"):
        run(ScreenJob(DATA / "mixed.jsonl", fmt="xml", scorer=fake_score))


def test_real_engine_gives_a_record_per_row() -> None:
    records, summary = run(ScreenJob(DATA / "mixed.jsonl", workers=1))
    assert [r["id"] for r in records][:2] == ["a1", "a2"] and summary.rows == 9
    for record in records:
        assert list(record)[: len(KEYS)] == KEYS
        assert isinstance(record["overall"], int) or isinstance(record.get("error"), str)


def test_errors_are_aspira_errors() -> None:
    assert issubclass(NotFoundError, AspiraError) and issubclass(InputError, AspiraError)


def test_resume_warns_when_scorer_versions_mix(tmp_path: Path) -> None:
    src = write_answers(tmp_path / "in.jsonl", 2)
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": "r0", "overall": 10, "scorer": "old"}) + "\n")
    summary = screen(ScreenJob(src, out=out, resume=True, workers=1, scorer=fake_score))
    assert "mixes scorer versions fake, old" in summary.line()
