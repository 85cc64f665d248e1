"""The file store of companies: one editable YAML file each, found by name in any case."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aspira.company import Company, Fact
from aspira.company.edit import set_fields
from aspira.company.extract import extract_company, read_posting
from aspira.company.store import (
    FileCompanyStore,
    default_home,
    from_yaml,
    load_company,
    slug,
    to_yaml,
)
from aspira.errors import DataError, InputError, NotFoundError

DATA = Path(__file__).resolve().parent.parent / "data" / "companies"
PAGES = sorted(
    p for p in DATA.iterdir() if not p.name.endswith((".expected.yaml", "known_misses.txt"))
)


def company(name: str = "Acme Bank", **fields: object) -> Company:
    return Company.model_validate(
        {
            "name": name,
            "mission": {"value": "to lend wisely", "evidence": "Our mission is to lend wisely."},
            "seniority": "senior",
            "text": "Acme Bank\nOur mission is to lend wisely.\nline three",
            **fields,
        }
    )


@pytest.fixture
def store(tmp_path: Path) -> FileCompanyStore:
    return FileCompanyStore(tmp_path / "companies")


def test_default_home_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ASPIRA_HOME", str(tmp_path / "home"))
    assert default_home() == tmp_path / "home"
    assert FileCompanyStore().root == tmp_path / "home" / "companies"
    monkeypatch.delenv("ASPIRA_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_home() == tmp_path / "xdg" / "aspira"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert default_home() == tmp_path / "user" / ".local" / "share" / "aspira"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme Bank", "acme-bank"),
        ("Fern & Flint", "fern-flint"),
        ("  St Aldhelm's C of E  ", "st-aldhelm-s-c-of-e"),
        ("Café Zürich", "café-zürich"),
        ("snake_case name", "snake-case-name"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_slug_of_a_name_without_letters_is_still_a_file_name() -> None:
    assert slug("!!!").startswith("company-") and slug("!!!") != slug("???")


def test_save_load_round_trip(store: FileCompanyStore) -> None:
    saved = store.save(company())
    assert Path(saved) == store.root / "acme-bank.yaml"
    assert store.load("Acme Bank") == company()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_extracted_company_round_trips_through_yaml(
    store: FileCompanyStore, page: Path
) -> None:
    original = extract_company(read_posting(page))
    store.save(original)
    assert store.load(original.name) == original


@pytest.mark.parametrize("query", ["acme bank", "ACME BANK", "  Acme Bank ", "acme-bank"])
def test_load_is_case_insensitive_and_takes_the_slug(store: FileCompanyStore, query: str) -> None:
    store.save(company())
    assert store.load(query).name == "Acme Bank"


def test_unknown_name_lists_the_known_ones(store: FileCompanyStore) -> None:
    store.save(company("Acme Bank"))
    store.save(company("Zeta Games"))
    with pytest.raises(NotFoundError) as info:
        store.load("Nope Ltd")
    assert "Acme Bank, Zeta Games" in info.value.message
    assert info.value.details["choices"] == ["Acme Bank", "Zeta Games"]


def test_unknown_name_in_an_empty_store(store: FileCompanyStore) -> None:
    with pytest.raises(NotFoundError, match=r"\(none yet\)"):
        store.load("Acme")
    assert store.list() == [] and store.names() == []


def test_list_and_names_are_sorted(store: FileCompanyStore) -> None:
    for name in ("zeta", "Alpha", "beta"):
        store.save(company(name))
    assert [c.name for c in store.list()] == ["Alpha", "beta", "zeta"]
    assert store.names() == ["Alpha", "beta", "zeta"]


def test_remove(store: FileCompanyStore) -> None:
    store.save(company())
    store.remove("ACME bank")
    assert not store.exists("Acme Bank")
    with pytest.raises(NotFoundError):
        store.remove("Acme Bank")


def test_save_replaces_and_renames(store: FileCompanyStore) -> None:
    store.save(company())
    store.save(company(seniority="lead"))
    assert store.load("Acme Bank").seniority == "lead"
    renamed = set_fields(store.load("Acme Bank"), ["name=Acme Group"])
    store.save(renamed, previous="Acme Bank")
    assert store.names() == ["Acme Group"]
    assert sorted(p.name for p in store.root.iterdir()) == ["acme-group.yaml"]


def test_writes_leave_no_temporary_files(store: FileCompanyStore) -> None:
    for i in range(3):
        store.save(company(f"Acme {i}"))
    assert sorted(p.name for p in store.root.iterdir()) == [
        "acme-0.yaml",
        "acme-1.yaml",
        "acme-2.yaml",
    ]


def test_yaml_is_readable_and_editable(store: FileCompanyStore) -> None:
    text = to_yaml(company())
    assert text.startswith("# An Aspira company context")
    assert "text: |" in text  # the page as a block, not one escaped line
    data = yaml.safe_load(text)
    assert list(data)[:3] == ["name", "mission", "values"]


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        ({"seniority": "wizard"}, "seniority"),
        ({"mission": {"value": "x"}}, "mission.evidence"),
        ({"archetypes": [{"id": "sleepy", "confidence": 0.5}]}, "archetypes.0.id"),
        ({"archetypes": [{"id": "innovative", "confidence": 2}]}, "archetypes.0.confidence"),
        ({"colour": "blue"}, "colour"),
        ({"name": ""}, "name"),
    ],
    ids=["seniority", "evidence", "archetype", "confidence", "unknown-field", "empty-name"],
)
def test_a_bad_hand_edit_names_the_file_and_the_field(
    store: FileCompanyStore, edit: dict[str, object], field: str
) -> None:
    store.save(company())
    path = store.root / "acme-bank.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data.update(edit)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(DataError) as info:
        store.load("acme-bank")
    assert str(path) in info.value.message and f"field '{field}'" in info.value.message


def test_broken_yaml_names_the_file(store: FileCompanyStore) -> None:
    store.root.mkdir(parents=True)
    path = store.root / "broken.yaml"
    path.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"broken\.yaml"):
        store.load("broken")
    assert store.names() == ["broken"]  # still listed, by its file name, so it can be fixed


def test_from_yaml_refuses_a_list() -> None:
    with pytest.raises(DataError, match="mapping"):
        from_yaml("- a\n- b\n", "edit")


def test_set_fields() -> None:
    edited = set_fields(
        company(),
        [
            "role_title=Senior Risk Analyst",
            "seniority=lead",
            "mission=to keep savings safe",
            "role-title=Risk Lead",
        ],
    )
    assert edited.role_title == Fact(value="Risk Lead", evidence="Risk Lead")
    assert edited.seniority == "lead" and edited.seniority_evidence is None
    assert edited.mission is not None and edited.mission.value == "to keep savings safe"
    cleared = set_fields(edited, ["mission=", "seniority="])
    assert cleared.mission is None and cleared.seniority is None


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("colour=blue", "FIELD one of: name, mission, role_title, seniority"),
        ("seniority", "FIELD one of"),
        ("seniority=wizard", "entry, mid, senior, lead, executive"),
        ("name=", "needs a name"),
    ],
)
def test_set_fields_refuses_bad_assignments(assignment: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        set_fields(company(), [assignment])


def test_load_company_by_name_file_or_posting(store: FileCompanyStore, tmp_path: Path) -> None:
    store.save(company())
    assert load_company("acme bank", store).name == "Acme Bank"
    yaml_file = tmp_path / "acme.yaml"
    yaml_file.write_text(to_yaml(company("Acme Yaml")), encoding="utf-8")
    assert load_company(str(yaml_file), store).name == "Acme Yaml"
    posting = DATA / "brightpath.md"
    assert load_company(str(posting), store).name == "Brightpath"
    with pytest.raises(NotFoundError, match="Acme Bank"):
        load_company("nobody", store)
