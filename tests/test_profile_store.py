"""The saved profile: where it lives, atomic private writes, masking and --set edits."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from aspira import profile_store as store
from aspira.errors import InputError, NotFoundError
from aspira.profile import Profile, load_profile

PERSON = Profile(
    current_role="Charge nurse",
    years_experience=8.0,
    skills=["Rota planning", "Clinical audit"],
    direction="Move into ward management",
    private_notes=["Move abroad next year"],
)


def test_home_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASPIRA_HOME", str(tmp_path / "a"))
    assert store.aspira_home() == tmp_path / "a"
    monkeypatch.delenv("ASPIRA_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert store.aspira_home() == tmp_path / "xdg" / "aspira"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert store.aspira_home() == tmp_path / "home" / ".local" / "share" / "aspira"


def test_save_and_load_round_trip() -> None:
    assert not store.has_saved_profile()
    path = store.save(PERSON)
    assert path == store.profile_path() and store.has_saved_profile()
    assert store.load_saved() == PERSON
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "years_experience: 8\n" in path.read_text("utf-8")
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_missing_profile_says_how_to_create_one() -> None:
    with pytest.raises(NotFoundError, match="aspira profile init"):
        store.load_saved()


def test_masked_data_hides_notes_only() -> None:
    data = store.masked_data(PERSON)
    assert data["private_notes"] == [store.HIDDEN]
    assert data["skills"] == PERSON.skills and "field" not in data


def test_serialise_by_suffix(tmp_path: Path) -> None:
    for name in ("p.yaml", "p.json"):
        out = tmp_path / name
        store.write_atomic(out, store.serialise(PERSON, out))
        assert load_profile(out) == PERSON
    assert store.serialise(PERSON, tmp_path / "x.json").lstrip().startswith("{")


@pytest.mark.parametrize(
    ("assignments", "check"),
    [
        (["skills=SQL; Python ;"], lambda p: p.skills == ["SQL", "Python"]),
        (["field=nursing"], lambda p: p.field == "nursing"),
        (["direction="], lambda p: p.direction is None),
        (["years_experience=9.5"], lambda p: p.years_experience == 9.5),
        (["private_notes=a; b"], lambda p: p.private_notes == ["a", "b"]),
    ],
)
def test_apply_settings(assignments: list[str], check: object) -> None:
    assert callable(check) and check(store.apply_settings(PERSON, assignments))


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("colour=red", "unknown field 'colour'"),
        ("skills", "field=value"),
        ("current_role=", "current_role"),
        ("years_experience=lots", "years_experience"),
    ],
)
def test_bad_settings_name_the_problem(assignment: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        store.apply_settings(PERSON, [assignment])


def test_settings_can_start_a_profile() -> None:
    assert store.apply_settings(None, ["current_role=Teacher"]).current_role == "Teacher"
