"""What the composer does with one profile: horizons, registers, gaps, thin profiles, privacy
against adversarial notes, and the data file's own checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from aspira import score
from aspira.analysis.semantic import clear_caches
from aspira.backends.minilm import minilm_embedder
from aspira.company.model import ArchetypeScore, Company, Fact, Offer
from aspira.compose import ProfileTooThinError, compose, shared_runs
from aspira.compose import composer as composer_module
from aspira.compose.data import ComposeData, compose_data
from aspira.compose.model import ScoreSummary
from aspira.errors import DataError, InputError
from aspira.knowledge.loader import load_file, packaged_path
from aspira.knowledge.signals import Variant
from aspira.profile import Profile

PERSON = Profile(
    name="Ines Duarte",
    current_role="Data analyst",
    field="data analytics",
    years_experience=3,
    strengths=["Turning messy questions into clear analyses"],
    skills=["SQL", "Experiment design", "Forecasting"],
    achievements=["Built the churn dashboard the support team now plans around"],
    energised_by=["Finding the number that settles a debate"],
    direction="Grow into a data scientist who designs the experiments behind product decisions",
    direction_why="I want analysis to change what we build",
    goal_3_5_years="Run experimentation for one product area",
    aspiration="Help a company decide on evidence it trusts",
    private_notes=["Start my own analytics consultancy in a few years"],
)


def company(archetype: str | None = "innovative", **extra: object) -> Company:
    data: dict[str, object] = {
        "name": "Lumen Works",
        "mission": Fact(value="We help clinics see patients sooner.", evidence="About us."),
        "role_title": Fact(value="Data Scientist", evidence="Posting title."),
        "offers": [Offer(kind="growth", value="Mentoring from senior scientists", evidence="x")],
    }
    if archetype:
        data["archetypes"] = [ArchetypeScore(id=archetype, confidence=0.8)]  # type: ignore[arg-type]
    data.update(extra)
    return Company.model_validate(data)


def timeline(text_question: str | None, org: Company | None = None) -> str:
    result = compose(PERSON, org or company(), text_question)
    return next(s.text for s in result.main.sentences if s.role == "timeline")


def test_five_years_gets_the_next_few_years_and_an_open_beyond() -> None:
    sentence = timeline("Where do you see yourself in five years?")
    assert sentence.startswith(("Over the next few years", "In the next three to five years"))
    assert "open" in sentence and "longer term I hope to" in sentence


def test_without_a_goal_the_near_term_is_tied_to_the_role_applied_for() -> None:
    person = PERSON.model_copy(update={"goal_3_5_years": None})
    result = compose(person, company(), "Where do you see yourself in five years?")
    sentence = next(s for s in result.main.sentences if s.role == "timeline")
    assert "every day as your data scientist" in sentence.text, sentence.text
    assert "role_title" in {f.field for f in sentence.facts}


def test_ten_years_gets_a_decade_with_the_nearer_goal() -> None:
    sentence = timeline("Where do you see yourself in ten years?")
    assert sentence.startswith(("Ten years from now", "A decade from now", "Over the next decade"))
    assert "nearer" in sentence or "over the next few years" in sentence


def test_aspirations_get_the_longer_arc_first() -> None:
    sentence = timeline("What are your career aspirations?")
    assert sentence.startswith(("Over the next decade and beyond", "Longer term", "Further ahead"))
    assert "help a company decide on evidence it trusts" in sentence


def test_a_first_year_question_gets_the_first_year(monkeypatch: pytest.MonkeyPatch) -> None:
    first_year = Variant(
        id="first_year",
        name="What would you achieve in your first year?",
        horizon="near",
        expected_years=(0.5, 1),
        cues=[],
        examples=["What would you achieve in your first year?"],
    )

    class Found:
        variant = first_year
        confidence = 1.0

    monkeypatch.setattr(composer_module, "detect_variant", lambda q: Found())
    result = compose(PERSON, company(), "What would you achieve in your first year?")
    assert result.horizon == "first_year"
    assert "In my first year" in result.main.text


@pytest.mark.parametrize(
    ("archetype", "phrase"),
    [
        ("innovative", "testing ideas early"),
        ("traditional", "consistent"),
        ("mission_driven", "the people your organisation serves"),
        ("fast_growth", "as the company grows"),
        ("customer_centric", "a better experience for the people your team serves"),
        ("collaborative", "the people around me"),
        (None, "results you can measure"),
    ],
)
def test_register_follows_the_primary_archetype(archetype: str | None, phrase: str) -> None:
    result = compose(PERSON, company(archetype), "What are your career aspirations?")
    assert result.register_id == (archetype or "default")
    assert phrase in result.main.text


def test_connection_uses_what_the_role_offers_and_the_mission() -> None:
    result = compose(PERSON, company(), "Where do you see yourself in five years?")
    connection = next(s for s in result.main.sentences if s.role == "connection")
    fields = {f.field for f in connection.facts}
    assert {"offers[0]", "mission", "role_title"} <= fields
    assert "your mission to help clinics see patients sooner" in connection.text


def test_without_a_company_the_answer_still_connects_and_advises() -> None:
    result = compose(PERSON, None, "Where do you see yourself in five years?")
    assert result.company is None and result.register_id == "default"
    assert "This role" in result.main.text
    assert any("No company given" in line for line in result.advice)


def test_a_thin_profile_closes_with_a_sentence_that_states_no_fact() -> None:
    thin = Profile(
        current_role="Library assistant",
        skills=["Cataloguing"],
        direction="Become a librarian who runs digital skills programmes for adults",
    )
    result = compose(thin, None, "What are your long-term goals?")
    closing = [a.sentences[-1] for a in result.answers() if a.sentences[-1].role == "value"]
    assert len(closing) >= 2  # the main answer and the role-first alternative end on value
    for last in closing:
        assert last.facts == [] and "cataloguing" not in last.text.lower(), last.text
    # with a fact left to offer, the closing sentence uses it instead
    full = compose(PERSON, None, "What are your long-term goals?").main.sentences[-1]
    assert full.role == "value" and full.facts


def test_the_closing_sentence_keeps_a_fact_of_what_the_person_brings() -> None:
    """With one strength, the role-first opener does not spend it: the closing sentence says
    what the person would bring, and the opener ties the role to the direction."""
    person = Profile(
        current_role="Paralegal",
        years_experience=2,
        strengths=["Precise drafting"],
        skills=["Legal research", "Case bundles"],
        direction="Qualify as a solicitor and specialise in employment disputes",
        goal_3_5_years="Qualify and run a caseload of employment matters",
    )
    result = compose(person, None, "Tell me about your career goals.")
    role_first = next(a for a in result.answers() if a.emphasis == "role_first")
    closing = role_first.sentences[-1]
    assert closing.role == "value" and "precise drafting" in closing.text, closing.text
    assert [f.field for f in closing.facts] == ["strengths[0]"]


def test_a_profile_without_a_goal_names_the_work_in_its_timeline() -> None:
    """No 3–5-year goal: the timeline says the work the direction names (an echo of the
    direction, listed among its facts, that does not count as a second use)."""
    thin = Profile(
        current_role="Library assistant",
        skills=["Cataloguing"],
        direction="Become a librarian who runs digital skills programmes for adults",
    )
    for answer in compose(thin, None, "What are your long-term goals?").answers():
        said = next(s for s in answer.sentences if s.role == "timeline")
        assert "running digital skills programmes" in said.text, said.text
        assert [f.field for f in said.echoes] == ["direction"] and said.echoes == said.facts
        assert any(
            f.field == "direction" and not s.echoes for s in answer.sentences for f in s.facts
        )


def test_missing_fields_become_advice() -> None:
    sparse = Profile(current_role="Nurse", direction="Specialise in cardiac care", skills=["ECGs"])
    result = compose(sparse, company(), None)
    advice = " ".join(result.advice)
    for field in ("direction_why", "achievement", "3–5-year goal", "aspiration"):
        assert field in advice
    assert 60 <= result.main.words <= 180


def test_a_title_is_made_specific() -> None:
    person = PERSON.model_copy(update={"direction": "Senior data scientist"})
    result = compose(person, company(), None)
    first = result.main.sentences[0]
    assert first.role == "direction" and len(first.text.split()) > 10
    assert any("reads like a job title" in line for line in result.advice)


def test_a_private_aim_in_a_public_field_is_not_said() -> None:
    person = PERSON.model_copy(
        update={"direction": "Learn here and then start my own analytics agency"}
    )
    result = compose(person, company(), None)
    for answer in result.answers():
        assert "my own" not in answer.text and "agency" not in answer.text
        assert "own_business" not in answer.score.flags
    # The goal, still true and sayable, leads instead; the advice says why.
    assert result.main.sentences[0].facts[0].field == "goal_3_5_years"
    assert any("reads as “own business”" in line for line in result.advice)


def test_adversarial_note_reusing_the_direction_words() -> None:
    person = Profile(
        current_role="Data engineer",
        field="data engineering",
        years_experience=5,
        skills=["Spark", "Airflow"],
        direction="lead the data team that owns the company's pipelines",
        direction_why="I like building foundations people trust",
        goal_3_5_years="own the reliability of our core pipelines",
        private_notes=["lead the data team at a startup of my own"],
    )
    result = compose(person, company(), "Where do you see yourself in five years?")
    for answer in result.answers():
        assert "lead the data" not in answer.text.lower()
        assert shared_runs(answer.text, person.private_notes) == []
        assert answer.sentences[0].role in ("direction", "value", "why")
    assert result.main.sentences[0].role == "direction"


def test_note_made_of_the_templates_own_words() -> None:
    note = (
        "The direction I have chosen is to leave. I want to go. Over the next few years I would "
        "bring my skills to my own firm; beyond that I am open about the exact path."
    )
    person = PERSON.model_copy(update={"private_notes": [note]})
    result = compose(person, company(), "Where do you see yourself in five years?")
    for answer in result.answers():
        assert shared_runs(answer.text, [note]) == []
        assert 60 <= answer.words <= 180


def test_reframes_are_reported_without_the_note() -> None:
    result = compose(PERSON, company(), None)
    assert [(r.note, r.kind) for r in result.reframes] == [(1, "own_business")]
    assert result.reframes[0].capability == (
        "build deep expertise in data analytics and lead initiatives end to end"
    )
    assert "consultancy" not in result.model_dump_json()


def test_scores_are_recorded_for_every_answer() -> None:
    result = compose(PERSON, company(), "What are your career aspirations?")
    for answer in result.answers():
        assert answer.score.rubric == "aspirations.v1" and answer.score.scorer
        assert answer.score.overall is not None and answer.score.band


def test_scores_are_what_the_engine_gives_each_answer_alone() -> None:
    question = "Where do you see yourself in five years?"
    result = compose(PERSON, company(), question)
    clear_caches()
    minilm_embedder().clear_cache()
    for answer in result.answers():
        card = score(answer.text, question=question, company=company())
        flags = [f.id for f in card.flags]
        assert (answer.score.overall, answer.score.band, answer.score.flags) == (
            card.overall,
            card.band,
            flags,
        )
    assert compose(PERSON, company(), question) == result  # again, with the caches warm


def _verdict(overall: int) -> ScoreSummary:
    band = "strong" if overall >= 80 else "solid"
    return ScoreSummary(overall=overall, band=band, flags=[], rubric="r", scorer="s")


def test_an_answer_short_of_strong_is_said_again_in_other_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The engine's verdict is faked: the first wording of every answer is `solid`, and only a
    wording without "I chose this direction" (the first of the `drawn` phrases) is `strong`."""
    phrase = "I chose this direction"
    question = "Where do you see yourself in five years?"
    first = compose(PERSON, company(), question)
    calls: list[str] = []

    def fake(text: str, question: str | None, company: Company | None) -> ScoreSummary:
        calls.append(text)
        return _verdict(70 if phrase in text else 85)

    monkeypatch.setattr(composer_module, "_score", fake)
    again = compose(PERSON, company(), question)
    reworded = 0
    for before, after in zip(first.answers(), again.answers(), strict=True):
        if phrase not in before.text:
            assert after.text == before.text  # ready as first written: not reworded
            continue
        reworded += 1
        assert after.score.band == "strong" and phrase not in after.text
        assert [s.part for s in after.sentences] == [s.part for s in before.sentences]
        # the same facts, in other glue words
        assert {f.value for s in after.sentences for f in s.facts} == {
            f.value for s in before.sentences for f in s.facts
        }
    assert reworded
    assert len(calls) == len(set(calls))  # no wording scored twice
    assert compose(PERSON, company(), question) == again  # deterministic


def test_when_no_wording_is_strong_the_best_scoring_one_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fake(text: str, question: str | None, company: Company | None) -> ScoreSummary:
        return _verdict(60 + len(text) % 7)

    monkeypatch.setattr(composer_module, "_score", fake)
    result = compose(PERSON, company(), "What are your career aspirations?")
    for answer in result.answers():
        assert answer.score.band == "solid"
        assert answer.score.overall == 60 + len(answer.text) % 7


@pytest.mark.parametrize(
    "fields",
    [
        {"current_role": "Nurse"},
        {"current_role": "Nurse", "skills": ["Triage"]},
        {"current_role": "Nurse", "direction": "Specialise in cardiac care"},
        {"current_role": "Nurse", "direction": "   ", "skills": ["Triage"]},
    ],
)
def test_too_thin_profiles_raise_with_the_fix(fields: dict[str, object]) -> None:
    with pytest.raises(ProfileTooThinError, match="aspira profile"):
        compose(Profile.model_validate(fields), company(), None)


def test_mappings_are_accepted_and_checked() -> None:
    result = compose(PERSON.model_dump(), company().model_dump(), None)
    assert result.main.text == compose(PERSON, company(), None).main.text
    with pytest.raises(InputError, match="unknown field"):
        compose({"current_role": "Nurse", "favourite_colour": "red"}, None, None)
    with pytest.raises(InputError, match="name"):
        compose(PERSON, {"mission": "x"}, None)


def test_compose_data_loads_and_covers_every_archetype() -> None:
    data = compose_data()
    assert data.id == "compose" and data.version == 1
    assert set(data.registers) == {
        "default",
        "innovative",
        "traditional",
        "mission_driven",
        "fast_growth",
        "customer_centric",
        "collaborative",
    }


def test_unknown_slot_names_the_file_and_field(tmp_path: Path) -> None:
    text = packaged_path("knowledge", "data", "compose.v1.yaml").read_text("utf-8")
    broken = tmp_path / "compose.v1.yaml"
    broken.write_text(text.replace("{aim} {direction}.", "{aim} {destiny}.", 1), "utf-8")
    with pytest.raises(DataError, match=r"compose\.v1\.yaml.*destiny"):
        load_file(ComposeData, broken)
