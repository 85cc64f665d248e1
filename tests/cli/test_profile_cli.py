"""``aspira profile init|show|edit|import|export`` through the command line (CliRunner), on a
fresh app so the tests do not depend on which groups the main app registers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from aspira.cli import profile_cmd
from aspira.cli.main import AspiraGroup
from aspira.discovery import PRIVATE_NOTICE
from aspira.profile import Profile
from aspira.profile_store import HIDDEN, load_saved, profile_path, save

runner = CliRunner()
PERSON = Profile(
    current_role="HR generalist",
    field="human resources",
    years_experience=4,
    skills=["Investigations", "Excel"],
    direction="Partner with a leadership team on workforce planning",
    private_notes=["Might move to Lisbon in four years"],
)


@pytest.fixture
def app() -> typer.Typer:
    fresh = typer.Typer(cls=AspiraGroup, add_completion=False, pretty_exceptions_enable=False)
    profile_cmd.register(fresh)

    @fresh.callback()
    def _root() -> None:
        """Test app."""

    return fresh


def _init_input(pick: str = "1", direction: str = "") -> str:
    lines = [
        "HR generalist",  # current role
        "human resources",  # field
        "4",  # years
        "Employee relations judgement; Calm under pressure",
        "Investigations; Excel",
        "Resolved a grievance without a formal hearing",
        "Working with leaders",
        "craft",  # management or craft
        "help leaders decide with people data",  # impact
        "people analytics; workforce planning",  # skills to build
        "AI in HR",  # trends
        "influence",  # growth dimension
        pick,
        direction,  # edit the direction (blank keeps the default)
        "I enjoy using data to change decisions",  # why
        "",  # goal: keep the drafted default
        "Shape the culture of a whole organisation",  # aspiration
        "Move to Lisbon with my partner; start a consultancy",  # private notes
    ]
    return "\n".join(lines) + "\n"


def test_init_guides_and_saves(app: typer.Typer) -> None:
    result = runner.invoke(app, ["profile", "init"], input=_init_input())
    assert result.exit_code == 0, result.output
    assert "Directions from the Human resources tracks" in result.output
    assert PRIVATE_NOTICE in result.output
    saved = load_saved()
    assert saved.current_role == "HR generalist" and saved.years_experience == 4
    assert saved.skills == ["Investigations", "Excel"]
    assert saved.energised_by == ["Working with leaders", "AI in HR"]
    assert saved.goal_3_5_years == "build real depth in people analytics and workforce planning"
    assert saved.private_notes == ["Move to Lisbon with my partner", "start a consultancy"]
    assert saved.direction and len(saved.direction.split()) >= 8


def test_init_own_words_and_bad_pick(app: typer.Typer) -> None:
    result = runner.invoke(
        app, ["profile", "init"], input=_init_input("4", "Lead people analytics")
    )
    assert result.exit_code == 0, result.output
    assert load_saved().direction == "Lead people analytics"
    result = runner.invoke(app, ["profile", "init", "--force"], input=_init_input("9"))
    assert result.exit_code == 2 and "Pick a number from 1 to 4" in result.output


def test_init_keeps_a_saved_profile_unless_confirmed(app: typer.Typer) -> None:
    save(PERSON)
    result = runner.invoke(app, ["profile", "init"], input="n\n")
    assert result.exit_code == 0 and "Kept the saved profile" in result.output
    assert load_saved() == PERSON


def test_show_masks_private_notes(app: typer.Typer) -> None:
    save(PERSON)
    result = runner.invoke(app, ["profile", "show"], env={"COLUMNS": "140"})
    assert result.exit_code == 0, result.output
    assert "Lisbon" not in result.output and "--private" in result.output
    shown = runner.invoke(app, ["profile", "show", "--private"], env={"COLUMNS": "140"})
    assert "Lisbon" in shown.output
    payload = json.loads(runner.invoke(app, ["profile", "show", "--json"]).output)
    assert payload["ok"] and payload["data"]["private_notes"] == [HIDDEN]


def test_show_without_a_profile_says_what_to_do(app: typer.Typer) -> None:
    result = runner.invoke(app, ["profile", "show", "--json"])
    assert result.exit_code == 2
    assert "aspira profile init" in result.output
    assert json.loads(result.stdout)["error"]["code"] == "not_found"


def test_edit_with_set(app: typer.Typer) -> None:
    save(PERSON)
    result = runner.invoke(
        app, ["profile", "edit", "--set", "skills=SQL; Python", "--set", "field="]
    )
    assert result.exit_code == 0, result.output
    saved = load_saved()
    assert saved.skills == ["SQL", "Python"] and saved.field is None
    bad = runner.invoke(app, ["profile", "edit", "--set", "colour=red"])
    assert bad.exit_code == 2 and "unknown field 'colour'" in bad.output
    assert load_saved() == saved


def _editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(
        f"import sys, pathlib\npathlib.Path(sys.argv[1]).write_text({body!r}, encoding='utf-8')\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


def test_edit_in_the_editor_saves_a_valid_edit(app: typer.Typer, tmp_path: Path) -> None:
    save(PERSON)
    edited = yaml.safe_dump({**PERSON.model_dump(exclude_none=True), "field": "people"})
    result = runner.invoke(
        app, ["profile", "edit"], env={"VISUAL": "", "EDITOR": _editor(tmp_path, edited)}
    )
    assert result.exit_code == 0, result.output
    assert load_saved().field == "people"


def test_edit_in_the_editor_keeps_the_old_profile_on_error(
    app: typer.Typer, tmp_path: Path
) -> None:
    save(PERSON)
    editor = _editor(tmp_path, "current_role: Nurse\nfavourite: blue\n")
    result = runner.invoke(app, ["profile", "edit"], env={"VISUAL": "", "EDITOR": editor})
    assert result.exit_code == 2
    assert "favourite" in result.output and "unchanged" in result.output
    assert load_saved() == PERSON
    assert (profile_path().parent / "profile.rejected.yaml").is_file()


def test_edit_without_changes(app: typer.Typer) -> None:
    save(PERSON)
    result = runner.invoke(app, ["profile", "edit"], env={"VISUAL": "", "EDITOR": "true"})
    assert result.exit_code == 0 and "No changes" in result.output


def test_import_and_export_round_trip(app: typer.Typer, tmp_path: Path) -> None:
    source = tmp_path / "me.json"
    source.write_text(PERSON.model_dump_json(exclude_none=True), "utf-8")
    result = runner.invoke(app, ["profile", "import", str(source)])
    assert result.exit_code == 0, result.output
    assert load_saved() == PERSON
    printed = runner.invoke(app, ["profile", "export"])
    assert yaml.safe_load(printed.stdout)["private_notes"] == PERSON.private_notes
    out = tmp_path / "copy.json"
    written = runner.invoke(app, ["profile", "export", "--out", str(out)])
    assert written.exit_code == 0 and json.loads(out.read_text("utf-8"))["skills"] == PERSON.skills


def test_import_rejects_unknown_fields(app: typer.Typer, tmp_path: Path) -> None:
    source = tmp_path / "bad.yaml"
    source.write_text("current_role: Nurse\ngoal_3_5_year: typo\n", "utf-8")
    result = runner.invoke(app, ["profile", "import", str(source)])
    assert result.exit_code == 2 and "goal_3_5_year" in result.output
