"""The README documents the rubric and the CLI from the code itself, and cannot drift."""

from __future__ import annotations

from pathlib import Path

from aspira.cli.main import app
from aspira.rubric import load_rubric
from aspira.rubric.docs import BEGIN, END, embed_in

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_rubric_tables_match_the_rubric_data() -> None:
    text = README.read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    assert embed_in(text, load_rubric()) == text, "README is stale: run `make docs`"


def test_every_cli_command_is_documented() -> None:
    text = README.read_text(encoding="utf-8")
    names = sorted(c.name or "" for c in app.registered_commands) + sorted(
        g.name or "" for g in app.registered_groups
    )
    for name in names:
        assert f"aspira {name}" in text, f"`aspira {name}` is not in the README"
