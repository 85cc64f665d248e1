"""Properties: any text up to the size limit is extracted (or refused with an InputError)
without crashing, every fact is well formed, and the output is deterministic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aspira.company import Company
from aspira.company.clean import FORMATS, Format
from aspira.company.extract import extract_company
from aspira.errors import InputError

FRAGMENTS = st.sampled_from(
    [
        "<h1>",
        "</h1>",
        "<p>",
        "</p>",
        "<li>",
        "<ul>",
        "</ul>",
        "<script>",
        "</script>",
        "<style>",
        "<nav>",
        "</nav>",
        "<div class='cookie'>",
        "</div>",
        "&amp;",
        "&nbsp;",
        "&#x2019;",
        "<!--",
        "-->",
        "# ",
        "## Our values\n",
        "- ",
        "* ",
        "• ",
        "**",
        "[link](http://x)",
        "\n",
        "\n\n",
        "OUR MISSION\n",
        "Our mission is to ",
        "We value honesty, pace and care. ",
        "We're hiring a Senior Data Analyst ",
        "Job title: ",
        "As a Nurse you will ",
        "5+ years of experience ",
        "Acme is a ",
        "About Acme\n",
        "start-up ",
        "customers first ",
        "founded in 1888 ",
        "charity ",
        "together ",
        "innovation ",
        "mentoring ",
        "a clear path to Lead ",
        "e.g. ",
        "St. ",
        "...",
        ": ",
        " — ",
        "|",
        "(",
        ")",
        "İ",
        "\u200b",
        "😀",
    ]
)
PAGES = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=60).map("".join)


def _check(company: Company) -> None:
    assert company.name == "Test Co"
    assert all(0.0 <= a.confidence <= 1.0 for a in company.archetypes)
    confidences = [a.confidence for a in company.archetypes]
    assert confidences == sorted(confidences, reverse=True)
    facts = [*company.values, *([company.mission] if company.mission else [])]
    assert all(f.value.strip() and f.evidence.strip() for f in facts)
    assert all(o.value.strip() and o.evidence.strip() for o in company.offers)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000), st.sampled_from(FORMATS))
def test_any_text_extracts_or_is_refused(text: str, fmt: Format) -> None:
    try:
        company = extract_company(text, name="Test Co", fmt=fmt)
    except InputError:
        return
    _check(company)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES, st.sampled_from(FORMATS))
def test_page_like_text_is_deterministic(text: str, fmt: Format) -> None:
    try:
        first = extract_company(text, name="Test Co", fmt=fmt)
    except InputError:
        return
    _check(first)
    again = extract_company(text, name="Test Co", fmt=fmt)
    assert first.model_dump() == again.model_dump()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES)
def test_name_is_found_or_asked_for(text: str) -> None:
    try:
        company = extract_company(text)
    except InputError as exc:
        assert exc.message
        return
    assert company.name.strip() and len(company.name) <= 120
