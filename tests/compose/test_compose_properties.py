"""Properties: any profile text composes or fails with a clear AspiraError, never a crash; and
no answer ever repeats three words from a private note, even notes made of the profile's own
words."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aspira.company.model import ArchetypeScore, Company, Fact
from aspira.compose import compose, shared_runs
from aspira.errors import AspiraError
from aspira.profile import Profile

COMPANY = Company(
    name="Fenwick Rail",
    mission=Fact(value="We keep the region's trains running on time.", evidence="About us."),
    archetypes=[ArchetypeScore(id="traditional", confidence=0.7)],
)
QUESTIONS = st.sampled_from(
    [None, "Where do you see yourself in five years?", "What are your career aspirations?", "?"]
)
TEXT = st.text(max_size=120)
WORDS = st.lists(
    st.sampled_from(
        [
            "I",
            "want",
            "to",
            "lead",
            "the",
            "data",
            "team",
            "my",
            "own",
            "business",
            "next",
            "few",
            "years",
            "over",
            "the",
            "direction",
            "chosen",
            "is",
            "and",
            "bring",
            "skills",
            "your",
            "mission",
            "open",
            "about",
            "exact",
            "path",
            "build",
            "deep",
            "expertise",
            "in",
            "end",
            "to",
            "grow",
            "into",
            "role",
            "this",
            "would",
            "give",
            "me",
        ]
    ),
    min_size=3,
    max_size=14,
).map(" ".join)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@st.composite
def profiles(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT) -> Profile:
    return Profile(
        current_role=draw(st.text(min_size=1, max_size=40).filter(str.strip)),
        field=draw(st.one_of(st.none(), text)),
        years_experience=draw(st.one_of(st.none(), st.floats(0, 60))),
        strengths=draw(st.lists(text, max_size=3)),
        skills=draw(st.lists(text, max_size=4)),
        achievements=draw(st.lists(text, max_size=2)),
        energised_by=draw(st.lists(text, max_size=2)),
        direction=draw(st.one_of(st.none(), text)),
        direction_why=draw(st.one_of(st.none(), text)),
        goal_3_5_years=draw(st.one_of(st.none(), text)),
        aspiration=draw(st.one_of(st.none(), text)),
        private_notes=draw(st.lists(text, max_size=3)),
    )


def _check(person: Profile, question: str | None) -> None:
    try:
        result = compose(person, COMPANY, question)
    except AspiraError as exc:
        assert exc.message
        return
    for answer in result.answers():
        assert shared_runs(answer.text, person.private_notes) == []
        assert answer.text.strip()


@SETTINGS
@given(profiles(), QUESTIONS)
def test_arbitrary_text_never_crashes(person: Profile, question: str | None) -> None:
    _check(person, question)


@SETTINGS
@given(profiles(WORDS), st.lists(WORDS, min_size=1, max_size=3), QUESTIONS)
def test_notes_made_of_profile_words_never_leak(
    person: Profile, notes: list[str], question: str | None
) -> None:
    _check(person.model_copy(update={"private_notes": notes}), question)
