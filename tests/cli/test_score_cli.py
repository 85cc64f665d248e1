from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aspira.cli.main import app

runner = CliRunner()
ANSWER = "In five years I want to lead a small data team that builds forecasting tools for stores."


def test_score_argument_readable_report() -> None:
    result = runner.invoke(app, ["score", ANSWER])
    assert result.exit_code == 0, result.output
    assert "Overall" in result.output and "Dimensions" in result.output
    assert "aspirations.v1" in result.output


def test_report_shows_what_counts_against_an_answer_apart_from_its_evidence() -> None:
    result = runner.invoke(
        app, ["score", "Um, I'd like to, maybe, lead a small data team in a few years, I guess."]
    )
    assert result.exit_code == 0, result.output
    assert "Against it:" in result.output
    assert "(a filler word)" in " ".join(result.output.split())


def test_score_json_envelope() -> None:
    result = runner.invoke(
        app, ["score", ANSWER, "--json", "-q", "Where do you see yourself in five years?"]
    )
    assert result.exit_code == 0
    payload = json.loads(result.output)
    assert payload["ok"] is True
    assert payload["data"]["rubric"] == "aspirations.v1"
    assert payload["data"]["question"]["variant"] == "five_years"


def test_score_from_file_and_stdin(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ANSWER, encoding="utf-8")
    by_file = runner.invoke(app, ["score", "--file", str(path), "--json"])
    by_stdin = runner.invoke(app, ["score", "--json"], input=ANSWER)
    assert by_file.exit_code == by_stdin.exit_code == 0
    assert json.loads(by_file.output) == json.loads(by_stdin.output)


def test_demo() -> None:
    result = runner.invoke(app, ["score", "--demo"])
    assert result.exit_code == 0
    assert "Your answer" in result.output


def test_fail_under_exits_1() -> None:
    assert runner.invoke(app, ["score", "Your job!", "--fail-under", "50"]).exit_code == 1
    assert runner.invoke(app, ["score", ANSWER, "--fail-under", "0"]).exit_code == 0


def test_json_error_envelope() -> None:
    result = runner.invoke(app, ["score", "   ", "--json"])
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and payload["error"]["code"] == "empty_answer"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"I want to lead \xff\xfe teams", "UTF-8"),
        (b"x" * 300_000, "MB"),
    ],
)
def test_bad_files_exit_2_with_a_clear_message(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "answer.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["score", "--file", str(path)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_file_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", "--file", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "No such file" in result.output


def test_ten_megabytes_on_stdin_is_refused() -> None:
    result = runner.invoke(app, ["score"], input="a" * 10_000_000)
    assert result.exit_code == 2
    assert "at most" in result.output


def test_html_is_escaped_not_interpreted_in_the_report() -> None:
    result = runner.invoke(app, ["score", "<b>I want</b> to lead [red]teams[/red] in five years."])
    assert result.exit_code == 0
    assert "[red]teams[/red]" in result.output
