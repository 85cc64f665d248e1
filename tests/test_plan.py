"""The development plan: 2–3 actions tied to the top gaps, honest text, clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import aspira
from aspira.errors import InputError, NotFoundError
from aspira.knowledge.tracks import get_family, tracks_dir
from aspira.plan import DevelopmentPlan, build_plan, classify_statement, load_ratings
from aspira.profile import Profile, load_profile

PROFILES = Path(__file__).parent / "data" / "profiles"
CASES: dict[str, dict[str, Any]] = yaml.safe_load((PROFILES / "cases.yaml").read_text("utf-8"))
SHIPPED = {p.stem for p in tracks_dir().glob("*.yaml")}
QUARTERS = {"Q1", "Q2", "Q3", "Q4"}


def _plan(slug: str) -> DevelopmentPlan:
    case = CASES[slug]
    if case["family"] not in SHIPPED:
        pytest.skip(f"track family {case['family']!r} is not written yet")
    return build_plan(
        load_profile(PROFILES / case["profile"]),
        case["family"],
        case["target"],
        case["ratings"],
        current_stage=case.get("current"),
    )


def _hr_person(**extra: Any) -> Profile:
    fields: dict[str, Any] = {
        "name": "Test Person",
        "current_role": "HR generalist",
        "direction": "Move into partnering with leaders on workforce planning",
    }
    return Profile(**(fields | extra))


def test_there_are_at_least_thirty_profiles_across_the_families() -> None:
    assert len(CASES) >= 30
    assert len({c["family"] for c in CASES.values()}) >= 13
    assert {p.name for p in PROFILES.iterdir()} >= {c["profile"] for c in CASES.values()}


@pytest.mark.parametrize("slug", sorted(CASES))
def test_actions_are_two_or_three_each_on_a_top_gap(slug: str) -> None:
    plan = _plan(slug)
    assert 2 <= len(plan.actions) <= 3
    top = [g.competency for g in plan.gaps[: len(plan.actions)]]
    assert [a.gap for a in plan.actions] == top, "each action takes one top gap, in order"
    assert len({a.gap for a in plan.actions}) == len(plan.actions), "no gap repeated"
    assert len({a.helper for a in plan.actions}) == len(plan.actions), "helpers differ"
    for action in plan.actions:
        assert action.quarter in QUARTERS and action.due in QUARTERS
        assert action.quarter <= action.due
        assert action.due in action.outcome and action.outcome.endswith(".")
        assert action.who_helps and action.text
        gap = next(g for g in plan.gaps if g.competency == action.gap)
        assert gap.behaviour in action.text, "the action names the behaviour to reach"
    assert [a.quarter for a in plan.actions] == sorted(QUARTERS)[: len(plan.actions)]


@pytest.mark.parametrize("slug", sorted(CASES))
def test_plan_parts_are_complete_and_honest(slug: str) -> None:
    plan = _plan(slug)
    case = CASES[slug]
    profile = load_profile(PROFILES / case["profile"])
    target = get_family(case["family"]).stage(case["target"])
    assert {g.competency for g in plan.gaps} == set(target.expectations)
    assert 3 <= len(plan.questions) <= 5
    assert plan.questions[0].startswith("Looking at my work so far")
    assert "3–5 years" in plan.direction_statement
    if profile.direction:
        assert profile.direction.strip().rstrip(".")[1:] in plan.direction_statement
    text = plan.model_dump_json()
    for note in profile.private_notes:
        assert note not in text, "private notes never reach the plan"
    assert len(plan.review_signals) == len(plan.actions) + 2


@pytest.mark.parametrize("slug", sorted(CASES))
def test_gaps_are_ordered_biggest_first(slug: str) -> None:
    gaps = _plan(slug).gaps
    order = {"gap": 0, "not_rated": 1, "met": 2}
    assert [order[g.status] for g in gaps] == sorted(order[g.status] for g in gaps)
    sizes = [g.gap for g in gaps if g.gap is not None]
    assert sizes == sorted(sizes, reverse=True)
    assert [g.priority for g in gaps] == list(range(1, len(gaps) + 1))


# Known misses of the MiniLM scorer: its `generic` flag reads the impact sentences of these
# statements ("a team that delivers predictably, keeps good people and grows them"; "the
# organisation has the leadership, culture and capability to deliver its strategy") as generic,
# which pulls their direction to 59 and 56 (level 3). Strict, so a fix must remove the entry.
DIRECTION_MISSES: set[str] = {"swe_senior_to_manager", "vp_people_to_chro"}


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param(s, marks=pytest.mark.xfail(strict=True, reason="scorer known miss"))
        if s in DIRECTION_MISSES
        else s
        for s in sorted(CASES)
    ],
)
def test_direction_statement_reaches_level_four_on_direction(slug: str) -> None:
    plan = _plan(slug)
    card = aspira.score(plan.direction_statement, question="Where do you see yourself in 5 years?")
    if card.scorer == "placeholder":
        pytest.skip("the scoring engine is still the placeholder")
    direction = next(d for d in card.dimensions if d.id == "direction")
    assert direction.level >= 4, (
        f"direction level {direction.level} for: {plan.direction_statement}"
    )


def test_plan_is_deterministic() -> None:
    first = _plan("hr_generalist_to_business_partner").model_dump_json()
    assert all(_plan("hr_generalist_to_business_partner").model_dump_json() == first for _ in "ab")


def test_equal_gaps_break_ties_by_expected_level_then_catalogue_order() -> None:
    ratings = {c: 1 for c in get_family("hr").stage("hr_business_partner").expectations}
    plan = build_plan(_hr_person(), "hr", "hr_business_partner", ratings)
    assert plan.gaps[0].competency == "business_partnering"  # gap 3 beats the gap-2 rows
    rest = [g.competency for g in plan.gaps[1:]]
    catalogue = [c.id for c in get_family("hr").competencies]
    assert rest == sorted(rest, key=catalogue.index)


def test_three_actions_need_three_real_gaps() -> None:
    target = get_family("hr").stage("hr_business_partner")
    met = {c: e.level for c, e in target.expectations.items()}
    two_gaps = met | {"workforce_planning": 1, "organisation_design": 2}
    plan = build_plan(_hr_person(), "hr", target.id, two_gaps)
    assert [a.gap for a in plan.actions] == ["workforce_planning", "organisation_design"]
    all_met = build_plan(_hr_person(), "hr", target.id, met)
    assert len(all_met.actions) == 2
    assert all("confirms level" in a.outcome for a in all_met.actions)


def test_unrated_competencies_are_asked_about_not_guessed() -> None:
    plan = build_plan(_hr_person(), "hr", "hr_business_partner", {"business_partnering": 2})
    assert plan.gaps[0].competency == "business_partnering"
    assert all(g.status == "not_rated" and g.gap is None for g in plan.gaps[1:])
    assert any("not rated myself" in q for q in plan.questions)
    assert "baseline rating" in plan.actions[1].outcome


def test_no_direction_falls_back_to_the_track_and_says_so() -> None:
    plan = build_plan(Profile(current_role="HR coordinator"), "hr", "hr_generalist", {})
    assert plan.direction_statement.startswith("I want to grow into a generalist")
    assert any("rewrite it in your own words" in n for n in plan.notes)


def test_a_long_leap_gets_a_realism_note() -> None:
    plan = build_plan(_hr_person(years_experience=2), "hr", "chro", {})
    assert any("longer-term aspiration" in n for n in plan.notes)


def test_cross_branch_target_uses_the_lateral_move_note() -> None:
    plan = build_plan(_hr_person(), "hr", "hr_manager", {}, current_stage="hr_generalist")
    assert any("managing an HR team" in n for n in plan.notes)


def test_chain_runs_from_aspiration_to_this_years_objectives() -> None:
    plan = _plan("hr_generalist_to_business_partner")
    assert plan.chain.aspiration is not None and plan.chain.aspiration.kind == "aspiration"
    assert plan.chain.goal is not None and plan.chain.goal.kind == "goal"
    assert [o.split(":")[0] for o in plan.chain.objectives] == ["Q1", "Q2", "Q3"]


def test_a_goal_that_reads_like_an_aspiration_gets_a_note() -> None:
    person = _hr_person(goal_3_5_years="Someday make a difference in how people work")
    plan = build_plan(person, "hr", "hr_business_partner", {})
    assert plan.chain.goal is not None and plan.chain.goal.kind == "aspiration"
    assert plan.chain.goal.note and "time frame" in plan.chain.goal.note


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("To make a lasting impact in my field as a thought leader.", "aspiration"),
        ("Eventually lead the people function of a large company", "aspiration"),
        ("In ten years I would like to run my own practice area", "aspiration"),
        ("Be promoted to vice president within two years.", "goal"),
        ("Lead a team of six engineers in 3-5 years", "goal"),
        ("Become a chartered member of the CIPD", "goal"),
        ("Close my own deals within 18 months", "goal"),
        ("Finish the SHRM-CP exam this year", "objective"),
        ("Launch the new onboarding programme in Q2", "objective"),
        ("Within six months, cut time to hire by 10%", "objective"),
        ("Grow", "aspiration"),
    ],
)
def test_classify_statement(text: str, kind: str) -> None:
    assert classify_statement(text) == kind


@given(st.text(max_size=300))
def test_classify_statement_never_fails(text: str) -> None:
    assert classify_statement(text) in {"aspiration", "goal", "objective"}


# -- bad input -------------------------------------------------------------------------------------


def test_unknown_family_lists_families() -> None:
    with pytest.raises(NotFoundError, match=r"Choose one of: .*hr"):
        build_plan(_hr_person(), "astrology", "hr_generalist", {})


def test_unknown_target_lists_the_stages() -> None:
    with pytest.raises(NotFoundError, match=r"Unknown hr stage 'hr_guru'.*hr_generalist"):
        build_plan(_hr_person(), "hr", "hr_guru", {})


def test_unknown_current_stage_lists_the_stages() -> None:
    with pytest.raises(NotFoundError, match="hr_coordinator"):
        build_plan(_hr_person(), "hr", "hr_manager", {}, current_stage="intern")


def test_target_below_current_on_the_same_ladder_is_refused() -> None:
    with pytest.raises(InputError, match=r"not above.*hr_business_partner"):
        build_plan(_hr_person(), "hr", "hr_coordinator", {}, current_stage="hr_generalist")


@pytest.mark.parametrize("value", [0, 6, 2.5, "3", True, None])
def test_ratings_outside_one_to_five_are_named(value: Any) -> None:
    with pytest.raises(InputError) as err:
        build_plan(_hr_person(), "hr", "hr_business_partner", {"workforce_planning": value})
    assert f"workforce_planning={value!r}" in err.value.message
    assert "1 to 5" in err.value.message


def test_unknown_competency_ids_are_named_with_the_valid_ids() -> None:
    with pytest.raises(InputError) as err:
        build_plan(_hr_person(), "hr", "hr_business_partner", {"charisma": 3, "coding": 2})
    assert "charisma, coding" in err.value.message
    assert "workforce_planning" in err.value.message
    assert err.value.details["unknown"] == ["charisma", "coding"]


def test_ratings_that_are_not_a_mapping_are_refused() -> None:
    with pytest.raises(InputError, match="map competency ids"):
        build_plan(_hr_person(), "hr", "hr_business_partner", [3, 4])  # type: ignore[arg-type]


def test_profile_as_mapping_is_validated() -> None:
    with pytest.raises(InputError, match="current_role"):
        build_plan({"name": "No Role"}, "hr", "hr_generalist", {})


def test_profile_unknown_fields_are_named(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("current_role: Analyst\ngoal_3_5_year: typo\nhobby: chess\n", "utf-8")
    with pytest.raises(InputError) as err:
        load_profile(path)
    assert "'goal_3_5_year', 'hobby'" in err.value.message
    assert "goal_3_5_years" in err.value.message and str(path) in err.value.message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "not found"),
        ("current_role: [unclosed", "not valid"),
        ("- just\n- a list\n", "mapping"),
        ("name: Someone\n", "current_role"),
        ("current_role: Nurse\nyears_experience: -2\n", "years_experience"),
    ],
)
def test_bad_profile_files_give_clear_errors(
    tmp_path: Path, content: str | None, expected: str
) -> None:
    path = tmp_path / "profile.yaml"
    if content is not None:
        path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=expected) as err:
        load_profile(path)
    assert "profile.yaml" in err.value.message


def test_profile_accepts_json_and_a_single_string_for_a_list(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"current_role": "Nurse", "strengths": "Calm"}), "utf-8")
    assert load_profile(path).strengths == ["Calm"]


def test_bad_ratings_files_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Ratings file not found"):
        load_ratings(tmp_path / "missing.yaml")
    bad = tmp_path / "r.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(InputError, match=r"r\.json"):
        load_ratings(bad)
