"""The tracks knowledge base: every shipped family passes the rules, and any gap fails loudly."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from aspira.errors import DataError, NotFoundError
from aspira.knowledge.tracks import (
    MIN_EXPECTATIONS,
    MIN_FAMILY_STAGES,
    get_family,
    load_tracks,
    load_tracks_from,
    tracks_dir,
)

EXPECTED_FAMILIES = (
    "hr",
    "software_engineering",
    "data",
    "product",
    "design",
    "marketing",
    "sales",
    "finance",
    "operations",
    "nursing",
    "teaching",
    "customer_success",
    "project_management",
)
SHIPPED = sorted(p.stem for p in tracks_dir().glob("*.yaml"))
COMPS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]


# -- every shipped file ---------------------------------------------------------------------------


@pytest.mark.parametrize("family_id", SHIPPED)
def test_shipped_family_meets_the_rules(family_id: str) -> None:
    family = get_family(family_id)
    assert family.sources and all(s.strip() for s in family.sources)
    assert len(family.stages()) >= MIN_FAMILY_STAGES
    catalogue = {c.id for c in family.competencies}
    for branch in family.branches:
        assert [s.level for s in branch.stages] == list(range(1, len(branch.stages) + 1))
    for stage in family.stages():
        assert len(stage.expectations) >= MIN_EXPECTATIONS, stage.id
        assert set(stage.expectations) <= catalogue, stage.id
        assert all(1 <= e.level <= 5 and e.behaviour.strip() for e in stage.expectations.values())
        assert stage.example_directions, stage.id


@pytest.mark.parametrize("family_id", EXPECTED_FAMILIES)
def test_expected_family_is_shipped(family_id: str) -> None:
    if family_id not in SHIPPED:
        pytest.skip(f"track family {family_id!r} has not been written yet")
    assert get_family(family_id).family == family_id


def test_hr_is_covered_in_depth() -> None:
    hr = get_family("hr")
    ladder = [s.id for s in hr.branches[0].stages]
    assert ladder[:2] == ["hr_coordinator", "hr_generalist"]
    assert {"hr_business_partner", "hr_manager", "hr_director", "vp_hr", "chro"} <= {
        s.id for s in hr.stages()
    }
    specialists = {b.id for b in hr.branches if b.kind == "specialist"}
    assert specialists == {
        "people_analytics",
        "talent_acquisition",
        "learning_development",
        "total_rewards",
        "employee_relations",
        "hr_operations",
        "organisational_development",
    }
    credentials = " ".join(c for s in hr.stages() for c in s.credentials)
    for mark in ("SHRM-CP", "SHRM-SCP", "CIPD Level 3", "CIPD Level 5", "CIPD Level 7"):
        assert mark in credentials
    assert {c.growth_dimension for c in hr.competencies} == {"scope", "impact", "influence"}


def test_load_tracks_is_cached_and_keyed_by_family() -> None:
    assert load_tracks() is load_tracks()
    assert sorted(load_tracks()) == SHIPPED


# -- lookups ---------------------------------------------------------------------------------------


def test_unknown_family_lists_the_valid_families() -> None:
    with pytest.raises(NotFoundError) as err:
        get_family("astronautics")
    assert "hr" in err.value.message and "astronautics" in err.value.message
    assert err.value.details["choices"] == SHIPPED


def test_unknown_stage_lists_the_family_stages() -> None:
    with pytest.raises(NotFoundError) as err:
        get_family("hr").stage("hr_wizard")
    assert "hr_generalist" in err.value.message and "chro" in err.value.message


def test_next_stage_and_branch_lookup() -> None:
    hr = get_family("hr")
    nxt = hr.next_stage("hr_coordinator")
    assert nxt is not None and nxt.id == "hr_generalist"
    assert hr.next_stage("chro") is None
    assert hr.branch_of("recruiter").kind == "specialist"


# -- any gap fails ------------------------------------------------------------------------------


def _stage(i: int, n_expect: int = 5) -> dict[str, Any]:
    return {
        "id": f"s{i}",
        "name": f"Stage {i}",
        "level": i,
        "typical_years": [i, i + 3],
        "scope": "Some scope.",
        "impact": "Some impact.",
        "influence": "Some influence.",
        "growth_to_next": "What changes on the way up.",
        "expectations": {
            c: {"level": min(i, 5), "behaviour": "Does the thing well."} for c in COMPS[:n_expect]
        },
        "credentials": [],
        "example_directions": ["Grow into work that shapes how the whole team delivers value"],
    }


def _family() -> dict[str, Any]:
    return {
        "id": "tracks.demo",
        "version": 1,
        "sources": ["A public framework"],
        "family": "demo",
        "name": "Demo",
        "summary": "A family for tests.",
        "competencies": [
            {"id": c, "name": c.title(), "growth_dimension": "scope", "description": "D."}
            for c in COMPS
        ],
        "branches": [
            {"id": "ic", "kind": "ic", "name": "IC", "stages": [_stage(i) for i in range(1, 5)]}
        ],
        "lateral_moves": [],
    }


def _write(tmp_path: Path, data: dict[str, Any], name: str = "demo") -> Path:
    (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return tmp_path


def _stages(d: dict[str, Any]) -> list[dict[str, Any]]:
    stages: list[dict[str, Any]] = d["branches"][0]["stages"]
    return stages


def test_the_minimal_family_is_valid(tmp_path: Path) -> None:
    assert "demo" in load_tracks_from(_write(tmp_path, _family()))


BREAKAGES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "three_stages": (lambda d: _stages(d).pop(), "at least 4 stages"),
    "four_expectations": (
        lambda d: _stages(d)[0]["expectations"].pop("alpha"),
        "expectations",
    ),
    "level_six": (
        lambda d: _stages(d)[1]["expectations"]["beta"].update(level=6),
        "level",
    ),
    "level_zero": (
        lambda d: _stages(d)[1]["expectations"]["beta"].update(level=0),
        "level",
    ),
    "empty_behaviour": (
        lambda d: _stages(d)[1]["expectations"]["beta"].update(behaviour=""),
        "behaviour",
    ),
    "unknown_competency": (
        lambda d: _stages(d)[2]["expectations"].update(omega={"level": 2, "behaviour": "x"}),
        "omega",
    ),
    "no_sources": (lambda d: d.update(sources=[]), "sources"),
    "missing_sources": (lambda d: d.pop("sources"), "sources"),
    "bad_lateral_move": (
        lambda d: d["lateral_moves"].append({"from": "s1", "to": "nowhere", "note": "n"}),
        "nowhere",
    ),
    "duplicate_stage_across_branches": (
        lambda d: d["branches"].append(
            {"id": "mgmt", "kind": "management", "name": "M", "stages": [_stage(1)]}
        ),
        "duplicate stage",
    ),
    "duplicate_competency": (
        lambda d: d["competencies"].append(copy.deepcopy(d["competencies"][0])),
        "duplicate competency",
    ),
    "levels_not_contiguous": (lambda d: _stages(d)[3].update(level=7), "1..4"),
    "wrong_id": (lambda d: d.update(id="tracks.other"), "tracks.demo"),
    "bad_growth_dimension": (
        lambda d: d["competencies"][0].update(growth_dimension="height"),
        "growth_dimension",
    ),
    "bad_branch_kind": (lambda d: d["branches"][0].update(kind="guild"), "kind"),
    "title_as_direction": (
        lambda d: _stages(d)[0].update(example_directions=["Senior manager"]),
        "reads like a title",
    ),
    "missing_growth_to_next": (
        lambda d: _stages(d)[0].update(growth_to_next=""),
        "growth_to_next",
    ),
    "years_reversed": (lambda d: _stages(d)[0].update(typical_years=[5, 2]), "typical_years"),
    "unknown_field": (lambda d: _stages(d)[0].update(salary="lots"), "salary"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_any_gap_fails_naming_file_and_field(tmp_path: Path, breakage: str) -> None:
    data = _family()
    mutate, expected = BREAKAGES[breakage]
    mutate(data)
    with pytest.raises(DataError) as err:
        load_tracks_from(_write(tmp_path, data))
    assert "demo.yaml" in err.value.message
    assert expected in err.value.message


def test_family_must_match_file_name(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="must match the file name"):
        load_tracks_from(_write(tmp_path, _family(), name="other"))
