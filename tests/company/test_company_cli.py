"""``aspira company …`` through typer's test runner, on a fresh app with the group registered
(the same error translation as the real ``aspira`` command)."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from aspira.cli import company_cmd
from aspira.cli.main import AspiraGroup

DATA = Path(__file__).resolve().parent.parent / "data" / "companies"
KESTREL = DATA / "kestrel-freight.txt"
runner = CliRunner()


def make_app() -> typer.Typer:
    app = typer.Typer(cls=AspiraGroup, rich_markup_mode=None, pretty_exceptions_enable=False)

    @app.callback()
    def _root() -> None:
        """Test root."""

    company_cmd.register(app)
    return app


APP = make_app()


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(APP, ["company", *args], input=input)
    return result.exit_code, result.output


def store_dir() -> Path:
    import os

    return Path(os.environ["ASPIRA_HOME"]) / "companies"


def add_kestrel() -> None:
    code, out = run("add", "Kestrel Freight", "--from", str(KESTREL))
    assert code == 0, out


def test_add_shows_what_it_found_with_evidence_and_saves() -> None:
    code, out = run("add", "Kestrel Freight", "--from", str(KESTREL))
    assert code == 0, out
    assert "every parcel, to the right door, on time" in out
    assert "“Our promise is simple: every parcel, to the right door, on time.”" in out
    assert "Customer-centric (customer_centric)" in out
    assert "Transport Planner" in out and "Seniority: mid" in out
    assert "Saved to" in out and (store_dir() / "kestrel-freight.yaml").is_file()


def test_add_dry_run_saves_nothing() -> None:
    code, out = run("add", "Kestrel Freight", "--from", str(KESTREL), "--dry-run")
    assert code == 0 and "Dry run" in out
    assert not store_dir().exists() or not any(store_dir().iterdir())


def test_add_json_envelope() -> None:
    code, out = run("add", "Fern & Flint", "--from", str(DATA / "fern-and-flint.html"), "--json")
    assert code == 0, out
    payload = json.loads(out)
    assert payload["ok"] is True
    data = payload["data"]
    assert data["company"]["name"] == "Fern & Flint"
    assert data["company"]["archetypes"][0]["id"] == "innovative"
    assert data["saved"].endswith("fern-flint.yaml")


def test_add_from_stdin_with_format() -> None:
    page = (DATA / "brightpath.md").read_text("utf-8")
    code, out = run("add", "Brightpath", "--from", "-", "--format", "markdown", input=page)
    assert code == 0, out
    code, out = run("show", "brightpath", "--json")
    assert json.loads(out)["data"]["role_title"]["value"] == "Backend Engineer"


def test_add_twice_needs_replace() -> None:
    add_kestrel()
    code, out = run("add", "kestrel freight", "--from", str(KESTREL))
    assert code == 2 and "--replace" in out
    code, out = run("add", "Kestrel Freight", "--from", str(KESTREL), "--replace")
    assert code == 0, out


def test_show_and_show_json_match_the_saved_file() -> None:
    add_kestrel()
    code, out = run("show", "KESTREL FREIGHT")
    assert code == 0 and "“Our promise is simple" in out
    code, out = run("show", "kestrel-freight", "--json")
    saved = yaml.safe_load((store_dir() / "kestrel-freight.yaml").read_text("utf-8"))
    assert json.loads(out)["data"] == saved


def test_list() -> None:
    code, out = run("list")
    assert code == 0 and "No companies saved yet" in out
    add_kestrel()
    run("add", "Sable Lab", "--from", str(DATA / "sable-lab.html"))
    code, out = run("list")
    assert code == 0 and "Kestrel Freight" in out and "Sable Lab" in out
    code, out = run("list", "--json")
    rows = json.loads(out)["data"]
    assert [r["name"] for r in rows] == ["Kestrel Freight", "Sable Lab"]
    assert rows[1]["culture"] == "innovative" and rows[1]["seniority"] == "lead"


def test_unknown_company_lists_the_known_ones() -> None:
    add_kestrel()
    code, out = run("show", "Falcon Freight")
    assert code == 2
    assert "Unknown company 'Falcon Freight'. Choose one of: Kestrel Freight." in out


def test_unknown_company_json_error_envelope() -> None:
    result = runner.invoke(APP, ["company", "show", "nobody", "--json"])
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload == {
        "ok": False,
        "error": {
            "code": "not_found",
            "message": "Unknown company 'nobody'. Choose one of: (none yet).",
            "details": {"kind": "company", "name": "nobody", "choices": []},
        },
    }


# -- edit ---------------------------------------------------------------------------------------


def editor(tmp_path: Path, body: str) -> str:
    """An $EDITOR command: a Python script that edits the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text("import sys\npath = sys.argv[1]\n" + body, encoding="utf-8")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def test_edit_in_the_editor_saves_a_valid_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_kestrel()
    body = (
        "text = open(path, encoding='utf-8').read()\n"
        "open(path, 'w', encoding='utf-8').write(text.replace('seniority: mid', 'seniority: senior'))\n"
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor(tmp_path, body))
    code, out = run("edit", "kestrel freight")
    assert code == 0 and "Saved Kestrel Freight" in out, out
    code, out = run("show", "Kestrel Freight", "--json")
    assert json.loads(out)["data"]["seniority"] == "senior"


def test_visual_wins_over_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_kestrel()
    monkeypatch.setenv("EDITOR", "a-command-that-does-not-exist")
    monkeypatch.setenv("VISUAL", editor(tmp_path, "pass\n"))
    code, out = run("edit", "Kestrel Freight")
    assert code == 0 and "No changes." in out


def test_an_invalid_edit_is_refused_and_the_file_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_kestrel()
    saved = store_dir() / "kestrel-freight.yaml"
    before = saved.read_text("utf-8")
    body = (
        "text = open(path, encoding='utf-8').read()\n"
        "open(path, 'w', encoding='utf-8').write(text.replace('seniority: mid', 'seniority: wizard'))\n"
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor(tmp_path, body))
    code, out = run("edit", "Kestrel Freight")
    assert code == 2
    flat = " ".join(out.split())
    assert "field 'seniority'" in flat and "Nothing was saved" in flat
    assert "kestrel-freight.yaml" in flat
    assert saved.read_text("utf-8") == before


def test_an_editor_that_fails_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_kestrel()
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor(tmp_path, "raise SystemExit(3)\n"))
    code, out = run("edit", "Kestrel Freight")
    assert code == 2 and "exited with status 3" in out
    monkeypatch.setenv("EDITOR", "no-such-editor-anywhere")
    code, out = run("edit", "Kestrel Freight")
    assert code == 2 and "Set $EDITOR" in " ".join(out.split())


def test_edit_with_set() -> None:
    add_kestrel()
    code, out = run(
        "edit", "Kestrel Freight", "--set", "role_title=Senior Planner", "--set", "seniority=senior"
    )
    assert code == 0, out
    data = json.loads(run("show", "Kestrel Freight", "--json")[1])["data"]
    assert data["role_title"] == {"value": "Senior Planner", "evidence": "Senior Planner"}
    assert data["seniority"] == "senior"


def test_edit_set_name_renames_the_file() -> None:
    add_kestrel()
    code, out = run("edit", "Kestrel Freight", "--set", "name=Kestrel Logistics")
    assert code == 0, out
    assert sorted(p.name for p in store_dir().iterdir()) == ["kestrel-logistics.yaml"]


@pytest.mark.parametrize("assignment", ["colour=blue", "seniority=wizard", "name="])
def test_edit_set_refuses_bad_values(assignment: str) -> None:
    add_kestrel()
    code, _ = run("edit", "Kestrel Freight", "--set", assignment)
    assert code == 2


# -- remove -------------------------------------------------------------------------------------


def test_remove_asks_first() -> None:
    add_kestrel()
    code, out = run("remove", "Kestrel Freight", input="n\n")
    assert code == 0 and "Nothing removed." in out
    assert (store_dir() / "kestrel-freight.yaml").is_file()
    code, out = run("remove", "kestrel freight", input="y\n")
    assert code == 0 and "Removed Kestrel Freight." in out
    assert not (store_dir() / "kestrel-freight.yaml").exists()


def test_remove_yes_and_unknown() -> None:
    add_kestrel()
    assert run("remove", "Kestrel Freight", "--yes")[0] == 0
    code, out = run("remove", "Kestrel Freight", "--yes")
    assert code == 2 and "Unknown company" in out


# -- bad input: exit 2 with a clear message, nothing saved --------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n\t ", "empty"),
        (b"<html><script>var a = 1;</script><nav>Home</nav></html>", "no readable text"),
        (b"<p>We value speed.</p>\n" * 250_000, "at most 1 MB"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 8, "binary"),
        (b"Caf\xe9 Zurich is a coffee roaster.", "UTF-8"),
    ],
    ids=["empty", "blank", "markup-only", "5MB", "binary", "latin-1"],
)
def test_bad_pages_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(content)
    code, out = run("add", "Acme", "--from", str(page))
    assert code == 2, out
    assert message in " ".join(out.split())
    assert "Traceback" not in out
    assert not store_dir().exists() or not any(store_dir().iterdir())


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, out = run("add", "Acme", "--from", str(tmp_path / "nope.txt"))
    assert code == 2 and "No such file" in out


def test_bad_format_exits_2() -> None:
    code, out = run("add", "Acme", "--from", str(KESTREL), "--format", "pdf")
    assert code == 2 and "auto, text, markdown, html" in out


def test_empty_page_json_error_envelope(tmp_path: Path) -> None:
    page = tmp_path / "empty.txt"
    page.write_text("  \n", encoding="utf-8")
    result = runner.invoke(APP, ["company", "add", "Acme", "--from", str(page), "--json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "empty_posting"


def test_page_text_is_shown_literally_never_as_markup(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Junior Analyst\n\nAcme [bold]Labs[/bold] is a start-up. Our mission is to make "
        "[red]maps[/red] <b>everyone</b> can read.\n",
        encoding="utf-8",
    )
    code, out = run("add", "Acme Labs", "--from", str(page), "--dry-run")
    assert code == 0, out
    assert "to make [red]maps[/red] everyone can read" in out  # inline HTML is dropped
