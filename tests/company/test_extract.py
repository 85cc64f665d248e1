"""Extraction on the team-written postings and company pages in tests/data/companies/.

Each document ``<stem>.<ext>`` has ``<stem>.expected.yaml``: format, name, a mission substring,
values that must be found, the primary culture archetype, the role title, seniority and the
kinds of offer the role must show. One parametrised test per field keeps failures readable
("kestrel-freight: role title 'Planner' != 'Transport Planner'"). Fields listed in
``known_misses.txt`` are strict expected failures: a fix makes the test fail until the line
goes, so the list can only shrink.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from aspira.company import ARCHETYPES, Company
from aspira.company import extract as extract_module
from aspira.company.clean import detect_format
from aspira.company.extract import extract_company, read_posting
from aspira.errors import EmptyPostingError, InputError, NotFoundError, PostingTooLargeError

DATA = Path(__file__).resolve().parent.parent / "data" / "companies"
EXPECTED = sorted(DATA.glob("*.expected.yaml"))
STEMS = [p.name.removesuffix(".expected.yaml") for p in EXPECTED]
KNOWN_MISSES = {
    tuple(line.split())
    for line in (DATA / "known_misses.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}


def cases(field: str) -> list[Any]:
    """Every document, with the known misses for ``field`` marked as strict expected failures."""
    return [
        pytest.param(s, marks=pytest.mark.xfail(reason="known miss", strict=True))
        if (s, field) in KNOWN_MISSES
        else s
        for s in STEMS
    ]


@cache
def source(stem: str) -> Path:
    (found,) = [p for p in DATA.glob(f"{stem}.*") if not p.name.endswith(".expected.yaml")]
    return found


@cache
def expected(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / f"{stem}.expected.yaml").read_text("utf-8"))
    return data


@cache
def extracted(stem: str) -> Company:
    return extract_company(read_posting(source(stem)))


# -- the corpus itself ---------------------------------------------------------------------------


def test_known_misses_name_real_documents_and_fields() -> None:
    fields = {"name", "mission", "values", "primary", "role_title", "seniority", "offers"}
    for stem, field in KNOWN_MISSES:
        assert stem in STEMS and field in fields, (stem, field)


def test_corpus_covers_every_archetype_format_and_field() -> None:
    assert len(STEMS) >= 22
    primaries = Counter(expected(s)["primary"] for s in STEMS)
    assert all(primaries[a] >= 3 for a in ARCHETYPES), primaries
    formats = Counter(expected(s)["format"] for s in STEMS)
    assert set(formats) == {"text", "markdown", "html"} and min(formats.values()) >= 5
    for stem in STEMS:
        exp = expected(stem)
        assert exp["mission"] and len(exp["values"]) >= 2, stem
        assert {"role_title", "seniority", "name"} <= set(exp), stem


# -- one test per field --------------------------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_format_detected(stem: str) -> None:
    text = source(stem).read_text("utf-8")
    assert detect_format(text) == expected(stem)["format"], stem


@pytest.mark.parametrize("stem", cases("name"))
def test_name(stem: str) -> None:
    assert extracted(stem).name == expected(stem)["name"], stem


@pytest.mark.parametrize("stem", cases("mission"))
def test_mission(stem: str) -> None:
    mission = extracted(stem).mission
    assert mission is not None, f"{stem}: no mission found"
    assert expected(stem)["mission"].lower() in mission.value.lower(), f"{stem}: {mission.value!r}"


@pytest.mark.parametrize("stem", cases("values"))
def test_values(stem: str) -> None:
    found = [v.value.lower() for v in extracted(stem).values]
    for value in expected(stem)["values"]:
        assert any(value.lower() in f for f in found), f"{stem}: missed value {value!r} in {found}"


@pytest.mark.parametrize("stem", cases("primary"))
def test_primary_archetype(stem: str) -> None:
    company = extracted(stem)
    got = [(a.id, a.confidence) for a in company.archetypes]
    assert company.primary_archetype() == expected(stem)["primary"], f"{stem}: {got}"


@pytest.mark.parametrize("stem", cases("role_title"))
def test_role_title(stem: str) -> None:
    role = extracted(stem).role_title
    got = role.value if role else None
    assert got == expected(stem)["role_title"], f"{stem}: role title {got!r}"


@pytest.mark.parametrize("stem", cases("seniority"))
def test_seniority(stem: str) -> None:
    company = extracted(stem)
    assert company.seniority == expected(stem)["seniority"], (
        f"{stem}: {company.seniority} from {company.seniority_evidence!r}"
    )


@pytest.mark.parametrize("stem", cases("offers"))
def test_offers(stem: str) -> None:
    kinds = {o.kind for o in extracted(stem).offers}
    for kind in expected(stem).get("offers", []):
        assert kind in kinds, f"{stem}: no {kind} offer in {extracted(stem).offers}"


# -- what every extraction promises ---------------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_every_fact_points_at_a_sentence_of_the_page(stem: str) -> None:
    company = extracted(stem)
    evidence = [f.evidence for f in company.values] + [o.evidence for o in company.offers]
    evidence += [e for a in company.archetypes for e in a.evidence]
    evidence += [f.evidence for f in (company.mission, company.role_title) if f is not None]
    evidence += [company.seniority_evidence] if company.seniority_evidence else []
    for sentence in evidence:
        assert sentence in company.text, f"{stem}: evidence not in the page: {sentence!r}"


@pytest.mark.parametrize("stem", STEMS)
def test_archetypes_sorted_confident_and_evidenced(stem: str) -> None:
    archetypes = extracted(stem).archetypes
    confidences = [a.confidence for a in archetypes]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0.35 <= c <= 1.0 for c in confidences)
    assert all(1 <= len(a.evidence) <= 3 for a in archetypes)
    assert len({a.id for a in archetypes}) == len(archetypes)


@pytest.mark.parametrize("stem", STEMS)
def test_markup_never_reaches_the_text(stem: str) -> None:
    text = extracted(stem).text
    for junk in ("<script", "<style", "dataLayer", "cookie", "Accept all", "&amp;", "&rsquo;"):
        assert junk.lower() not in text.lower(), f"{stem}: {junk!r} left in the text"


def test_extraction_is_deterministic() -> None:
    text = source(STEMS[0]).read_text("utf-8")
    assert extract_company(text) == extract_company(text)


def test_given_name_wins_over_the_page() -> None:
    text = source("kestrel-freight").read_text("utf-8")
    assert extract_company(text, name="  Kestrel   North ").name == "Kestrel North"


def test_explicit_format_overrides_detection() -> None:
    html = "<h1>Senior Nurse</h1><p>Acme Care is a friendly team &amp; we work together.</p>"
    as_text = extract_company(html, name="Acme Care", fmt="text")
    as_html = extract_company(html, name="Acme Care", fmt="html")
    assert "<h1>" in as_text.text and "<h1>" not in as_html.text
    assert as_html.role_title is not None and as_html.role_title.value == "Senior Nurse"


# -- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\u00a0\u2003"], ids=["empty", "blank", "nbsp"])
def test_empty_page_is_refused(text: str) -> None:
    with pytest.raises(EmptyPostingError, match="empty"):
        extract_company(text, name="Acme")


def test_page_with_nothing_but_markup_is_refused() -> None:
    page = (
        "<html><head><title></title><script>var x = '<p>hi</p>';</script>"
        "<style>p { color: red }</style></head><body><nav><a href='/'>Home</a></nav>"
        "<div class='cookie-banner'>We use cookies</div><footer>© 2024</footer></body></html>"
    )
    with pytest.raises(EmptyPostingError, match="no readable text"):
        extract_company(page, name="Acme")


def test_five_megabyte_page_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a page over the limit was parsed")

    monkeypatch.setattr(extract_module, "parse", parse)
    page = "<p>We value speed.</p>\n" * 250_000
    with pytest.raises(PostingTooLargeError, match="at most 1 MB"):
        extract_company(page, name="Acme")


def test_binary_text_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        extract_company("PK\x03\x04\x00\x00 about us", name="Acme")


def test_unknown_format_is_refused() -> None:
    with pytest.raises(InputError, match="Unknown format"):
        extract_company("Acme is a bank.", fmt="pdf")  # type: ignore[arg-type]


def test_a_page_without_a_name_asks_for_one() -> None:
    with pytest.raises(InputError, match="company's name"):
        extract_company("we love what we do and we do it well.")


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", InputError, "binary"),
        (b"About Acme \xff\xfe", InputError, "UTF-8"),
        (b"x" * 5_000_000, PostingTooLargeError, "1 MB"),
    ],
    ids=["png", "latin-1", "5MB"],
)
def test_bad_files_are_refused(
    tmp_path: Path, content: bytes, error: type[Exception], message: str
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    with pytest.raises(error, match=message):
        read_posting(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="No such file"):
        read_posting(tmp_path / "nope.html")
    with pytest.raises(InputError, match="folder"):
        read_posting(tmp_path)
