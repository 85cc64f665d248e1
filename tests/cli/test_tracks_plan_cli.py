"""``aspira tracks`` and ``aspira plan`` through the real command line (CliRunner)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from typer.testing import CliRunner

from aspira.cli import plan_cmd
from aspira.cli.main import app
from aspira.knowledge.tracks import load_tracks

runner = CliRunner()
PROFILES = Path(__file__).resolve().parent.parent / "data" / "profiles"
PROFILE = PROFILES / "hr_generalist_to_business_partner.yaml"


@pytest.fixture
def ratings(tmp_path: Path) -> Path:
    path = tmp_path / "ratings.yaml"
    path.write_text("business_partnering: 2\nworkforce_planning: 1\norganisation_design: 2\n")
    return path


def _plan_args(ratings: Path, *extra: str) -> list[str]:
    return [
        "plan",
        "--profile",
        str(PROFILE),
        "--family",
        "hr",
        "--target",
        "hr_business_partner",
        "--ratings",
        str(ratings),
        "--date",
        "2025-03-14",
        *extra,
    ]


# -- tracks --------------------------------------------------------------------------------------


def test_tracks_list_shows_every_family_with_counts() -> None:
    result = runner.invoke(app, ["tracks", "list"])
    assert result.exit_code == 0, result.output
    for family in load_tracks():
        assert family in result.output
    assert "Human resources" in result.output


def test_tracks_list_json_envelope() -> None:
    result = runner.invoke(app, ["tracks", "list", "--json"])
    payload = json.loads(result.output)
    assert payload["ok"] is True
    hr = next(row for row in payload["data"] if row["family"] == "hr")
    assert hr["branches"] == 9 and hr["stages"] == 29


def test_tracks_show_family_has_ladders_and_growth() -> None:
    result = runner.invoke(app, ["tracks", "show", "hr"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "HR coordinator" in result.output and "People analytics" in result.output
    assert "Broader functional exposure" in result.output
    assert "Lateral moves" in result.output


def test_tracks_show_stage_lists_competencies() -> None:
    result = runner.invoke(
        app, ["tracks", "show", "hr", "--stage", "hr_generalist"], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0, result.output
    assert "What growth looks like to HR business partner" in result.output
    assert "Employee relations and casework" in result.output
    assert "SHRM-CP" in result.output


def test_tracks_show_json_for_family_and_stage() -> None:
    family = json.loads(runner.invoke(app, ["tracks", "show", "hr", "--json"]).output)
    assert family["data"]["id"] == "tracks.hr"
    assert "from" in family["data"]["lateral_moves"][0]
    stage = runner.invoke(app, ["tracks", "show", "hr", "--stage", "hr_manager", "--json"])
    data = json.loads(stage.output)["data"]
    assert data["branch"] == "management" and data["next_stage"] == "hr_director"
    assert {c["id"] for c in data["competencies"]} >= {"leading_hr_teams"}


@pytest.mark.parametrize(
    ("args", "listed"),
    [
        (["tracks", "show", "astrology"], "software_engineering"),
        (["tracks", "show", "hr", "--stage", "wizard"], "hr_generalist"),
    ],
)
def test_tracks_unknown_ids_list_the_choices(args: list[str], listed: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Choose one of" in result.output and listed in result.output


def test_tracks_unknown_family_json_error_envelope() -> None:
    result = runner.invoke(app, ["tracks", "show", "astrology", "--json"])
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and payload["error"]["code"] == "not_found"


# -- plan ------------------------------------------------------------------------------------------


def test_plan_markdown_to_stdout(ratings: Path) -> None:
    result = runner.invoke(app, _plan_args(ratings))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Development plan")
    assert "## 4. Actions for the next 12 months" in result.stdout
    assert "2025-03-14" in result.stdout


def test_plan_json_to_stdout(ratings: Path) -> None:
    result = runner.invoke(
        app, _plan_args(ratings, "--format", "json", "--current", "hr_generalist")
    )
    payload = json.loads(result.stdout)
    assert payload["ok"] is True
    assert payload["data"]["current_stage"] == "hr_generalist"
    assert payload["data"]["actions"][0]["gap"] == "business_partnering"


def test_plan_docx_and_pdf_to_files(ratings: Path, tmp_path: Path) -> None:
    docx_path, pdf_path = tmp_path / "plan.docx", tmp_path / "plan.pdf"
    assert runner.invoke(app, _plan_args(ratings, "--out", str(docx_path))).exit_code == 0
    assert (
        runner.invoke(app, _plan_args(ratings, "--format", "pdf", "-o", str(pdf_path))).exit_code
        == 0
    )
    assert len(Document(str(docx_path)).tables) == 2
    text = PdfReader(io.BytesIO(pdf_path.read_bytes())).pages[0].extract_text()
    assert "1. Direction" in text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_binary_format_without_out_is_a_usage_error(ratings: Path, fmt: str) -> None:
    result = runner.invoke(app, _plan_args(ratings, "--format", fmt))
    assert result.exit_code == 2
    assert f"--out plan.{fmt}" in result.output


def test_unknown_format_lists_the_formats(ratings: Path) -> None:
    result = runner.invoke(app, _plan_args(ratings, "--format", "odt"))
    assert result.exit_code == 2 and "md, docx, pdf, json" in result.output


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("--family", "astrology"), "software_engineering"),
        (("--target", "hr_guru"), "hr_business_partner"),
        (("--profile", "missing.yaml"), "Profile file not found"),
    ],
)
def test_plan_bad_ids_and_files_are_clear(
    ratings: Path, change: tuple[str, str], expected: str
) -> None:
    args = _plan_args(ratings)
    args[args.index(change[0]) + 1] = change[1]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert expected in result.output


def test_plan_ratings_out_of_range(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("business_partnering: 9\ncharm: 3\n")
    result = runner.invoke(app, _plan_args(bad))
    assert result.exit_code == 2
    assert "business_partnering=9" in result.output and "charm" in result.output
    assert "workforce_planning" in result.output  # the valid ids are listed


def test_plan_without_profile_and_no_terminal_is_a_usage_error(ratings: Path) -> None:
    args = [a for a in _plan_args(ratings) if a not in ("--profile", str(PROFILE))]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Missing --profile FILE" in result.output


def test_plan_prompts_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_cmd, "stdin_is_terminal", lambda: True)
    answers = [
        "HR coordinator",  # current role
        "Ada",  # name
        "Grow into running the full people agenda for one business unit",  # direction
        "",  # why
        "HR generalist within three years",  # goal
        "",  # aspiration
        "hr",  # family
        "hr_generalist",  # target
        *["2", "1", "", "3", "", "", "2"],  # one rating per expected competency
    ]
    result = runner.invoke(app, ["plan", "--date", "2025-01-01"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "# Development plan" in result.stdout and "Ada" in result.stdout
    assert "| Employment law, policy and compliance | Scope | 1 | 3 | +2 |" in result.stdout


def test_plan_prompted_rating_must_be_one_to_five(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_cmd, "stdin_is_terminal", lambda: True)
    args = ["plan", "--profile", str(PROFILE), "--family", "hr", "--target", "hr_manager"]
    result = runner.invoke(app, args, input="7\n")
    assert result.exit_code == 2
    assert "from 1 to 5" in result.output
