"""``aspira compose`` through the command line (CliRunner) on a fresh app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from aspira.cli import compose_cmd, profile_cmd
from aspira.cli.main import AspiraGroup
from aspira.company.model import ArchetypeScore, Company, Fact, Offer
from aspira.compose import shared_runs
from aspira.profile import Profile

runner = CliRunner()
NOTE = "Start my own analytics consultancy in a few years"
PERSON = Profile(
    current_role="Data analyst",
    field="data analytics",
    years_experience=3,
    strengths=["Turning messy questions into clear analyses"],
    skills=["SQL", "Experiment design"],
    achievements=["Built the churn dashboard the support team plans around"],
    direction="Grow into a data scientist who designs the experiments behind product decisions",
    direction_why="I want analysis to change what we build",
    goal_3_5_years="Run experimentation for one product area",
    aspiration="Help a company decide on evidence it trusts",
    private_notes=[NOTE],
)
COMPANY = Company(
    name="Lumen Works",
    mission=Fact(value="We help clinics see patients sooner.", evidence="About us."),
    archetypes=[ArchetypeScore(id="mission_driven", confidence=0.8)],
    role_title=Fact(value="Data Scientist", evidence="Posting title."),
    offers=[Offer(kind="growth", value="Mentoring from senior scientists", evidence="x")],
)
QUESTION = "Where do you see yourself in five years?"


@pytest.fixture
def app() -> typer.Typer:
    fresh = typer.Typer(cls=AspiraGroup, add_completion=False, pretty_exceptions_enable=False)
    compose_cmd.register(fresh)
    profile_cmd.register(fresh)

    @fresh.callback()
    def _root() -> None:
        """Test app."""

    return fresh


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    profile = tmp_path / "me.yaml"
    profile.write_text(yaml.safe_dump(PERSON.model_dump(exclude_none=True)), "utf-8")
    company = tmp_path / "lumen.yaml"
    company.write_text(yaml.safe_dump(COMPANY.model_dump(exclude_none=True)), "utf-8")
    return profile, company


def test_readable_output(app: typer.Typer, files: tuple[Path, Path]) -> None:
    profile, company = files
    args = ["compose", "--profile", str(profile), "--company-file", str(company), "-q", QUESTION]
    result = runner.invoke(app, args, env={"COLUMNS": "150"})
    assert result.exit_code == 0, result.output
    for part in (
        "Your answer",
        "Where each sentence comes from",
        "profile.direction",
        "company.mission",
        "Alternative 1",
        "Alternative 2",
        "Private notes (never said; reframed truthfully)",
        "Own business",
        "/100",
        "Purpose first",
    ):
        assert part in result.output, part
    assert "consultancy" not in result.output


def test_json_envelope(app: typer.Typer, files: tuple[Path, Path]) -> None:
    profile, company = files
    args = ["compose", "--profile", str(profile), "--company-file", str(company), "--json"]
    result = runner.invoke(app, [*args, "-q", QUESTION])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    data = payload["data"]
    assert payload["ok"] and data["variant"] == "five_years" and data["company"] == "Lumen Works"
    assert len(data["alternatives"]) == 2 and data["main"]["score"]["band"]
    assert data["main"]["sentences"][0]["facts"][0]["field"] == "direction"
    assert shared_runs(result.stdout, [NOTE]) == []


def test_saved_profile_is_used_without_profile_option(
    app: typer.Typer, files: tuple[Path, Path]
) -> None:
    profile, company = files
    assert runner.invoke(app, ["profile", "import", str(profile)]).exit_code == 0
    result = runner.invoke(app, ["compose", "--company-file", str(company), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["data"]["question"] is None


def test_without_company_or_saved_profile(app: typer.Typer, files: tuple[Path, Path]) -> None:
    profile, _ = files
    result = runner.invoke(app, ["compose", "--profile", str(profile), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["data"]["company"] is None
    missing = runner.invoke(app, ["compose", "--json"])
    assert missing.exit_code == 2 and "aspira profile init" in missing.output


def test_saved_company_by_name(app: typer.Typer, files: tuple[Path, Path]) -> None:
    store = pytest.importorskip("aspira.company.store")
    store.default_store().save(COMPANY)
    profile, _ = files
    result = runner.invoke(app, ["compose", "-p", str(profile), "-c", "lumen works", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["data"]["register_id"] == "mission_driven"


def test_usage_errors(app: typer.Typer, files: tuple[Path, Path], tmp_path: Path) -> None:
    profile, company = files
    both = ["compose", "-p", str(profile), "-c", "x", "--company-file", str(company)]
    assert runner.invoke(app, both).exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: X\narchetypes: [{id: sleepy, confidence: 1}]\n", "utf-8")
    result = runner.invoke(app, ["compose", "-p", str(profile), "--company-file", str(bad)])
    assert result.exit_code == 2 and "archetypes" in result.output
    thin = tmp_path / "thin.yaml"
    thin.write_text("current_role: Nurse\n", "utf-8")
    result = runner.invoke(app, ["compose", "-p", str(thin), "--json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "profile_too_thin"
