"""From pages to structured lines: HTML noise removed, Markdown and plain-text structure kept."""

from __future__ import annotations

import pytest

from aspira.company.clean import Block, as_format, detect_format, parse, parse_html, parse_lines
from aspira.company.structure import build, split_sentences
from aspira.errors import InputError


def kinds(blocks: list[Block]) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks]


def test_html_keeps_the_content_and_drops_the_furniture() -> None:
    page = parse_html(
        "<html><head><title>Nurse | Acme &amp; Co</title>"
        "<meta property='og:site_name' content='Acme &amp; Co'>"
        "<script>var t = '<h1>no</h1>';</script><style>h1{color:red}</style></head>"
        "<body><nav><a>Home</a></nav><div class='cookie-banner'>We use cookies</div>"
        "<div id='newsletter-signup'>Sign up</div><div hidden>secret</div>"
        "<div style='display: none'>also hidden</div><span aria-hidden='true'>icon</span>"
        "<h1>Staff   Nurse</h1><p>Caf&eacute; &ndash; open&nbsp;daily.<br>Second line</p>"
        "<ul><li><p>One</p></li><li>Two</li></ul><footer>© Acme</footer></body></html>"
    )
    assert page.title == "Nurse | Acme & Co" and page.site_name == "Acme & Co"
    assert kinds(page.blocks) == [
        ("heading", "Staff Nurse"),
        ("para", "Café – open daily."),
        ("para", "Second line"),
        ("bullet", "One"),
        ("bullet", "Two"),
    ]
    assert page.blocks[0].level == 1


def test_html_without_closing_head_or_body() -> None:
    page = parse_html("<html><head><title>T</title><h2>About Acme</h2><p>Acme is a bank.")
    assert kinds(page.blocks) == [("heading", "About Acme"), ("para", "Acme is a bank.")]


def test_stray_end_tags_are_ignored() -> None:
    page = parse_html("</div></p><p>Hello</span> world</p></li>")
    assert kinds(page.blocks) == [("para", "Hello world")]


def test_deep_unclosed_nesting_is_read() -> None:
    # 100,000 unclosed tags: read in linear time (benchmarks/extract_bench.py times it)
    page = parse_html("<div>" * 100_000 + "<p>deep</p>")
    assert kinds(page.blocks) == [("para", "deep")]


def test_markdown_structure() -> None:
    blocks = parse_lines(
        "Title\n=====\n\nSome **bold** and *em* text with a [link](https://x.org) "
        "and `code`.\n\n## Our values\n\n- **Care** — we look after each other\n"
        "  and our patients\n* Pace\n1. First\n\n```\ncode block\n```\n\n---\n"
        "> quoted line\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        markdown=True,
    )
    assert kinds(blocks) == [
        ("heading", "Title"),
        ("para", "Some bold and em text with a link and code."),
        ("heading", "Our values"),
        ("bullet", "Care — we look after each other and our patients"),
        ("bullet", "Pace"),
        ("bullet", "First"),
        ("para", "quoted line"),
        ("para", "a · b"),
        ("para", "1 · 2"),
    ]
    assert blocks[0].level == 1 and blocks[2].level == 2


def test_plain_text_structure() -> None:
    blocks = parse_lines(
        "ACME BANK\nJob title: Teller\nSalary: £20k\n\nWHO WE ARE\nAcme is a bank that has\n"
        "served the town since 1901.\n\nWhat you'll get:\n• Training\n•Mentoring\n"
        "→ A path to Senior Teller\n\nOur values\nCuriosity\nWe ask why.\n",
        markdown=False,
    )
    assert kinds(blocks) == [
        ("heading", "ACME BANK"),
        ("para", "Job title: Teller"),
        ("para", "Salary: £20k"),
        ("heading", "WHO WE ARE"),
        ("para", "Acme is a bank that has served the town since 1901."),
        ("heading", "What you'll get"),
        ("bullet", "Training"),
        ("bullet", "Mentoring"),
        ("bullet", "A path to Senior Teller"),
        ("heading", "Our values"),
        ("heading", "Curiosity"),
        ("para", "We ask why."),
    ]
    assert blocks[0].level == 1 and not blocks[3].implicit and blocks[10].implicit


def test_a_short_heading_in_plain_text_stays_in_the_values_section() -> None:
    doc = build(parse("OUR VALUES\n\nCuriosity\nWe ask why.\n\nTHE ROLE\nYou will teach.", "text"))
    assert [(s.text, s.section) for s in doc.sentences] == [
        ("OUR VALUES", "values"),
        ("Curiosity", "values"),
        ("We ask why.", "values"),
        ("THE ROLE", "role"),
        ("You will teach.", "role"),
    ]


def test_noise_sections_are_dropped() -> None:
    doc = build(parse("## About us\nAcme is kind.\n## Related jobs\nBaker, Leeds\n", "markdown"))
    assert "Baker" not in doc.text and [s.text for s in doc.sentences][-1] == "Acme is kind."


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("<!DOCTYPE html><p>x</p>", "html"),
        ("<div>a</div><p>b</p>", "html"),
        ("# Title\n\nText", "markdown"),
        ("Some **bold** and [a link](http://x)", "markdown"),
        ("TITLE\n- one\n- two\n• three", "text"),
        ("I <3 this place. We value x.", "text"),
    ],
)
def test_detect_format(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


def test_as_format() -> None:
    assert as_format(" HTML ") == "html"
    with pytest.raises(InputError, match="auto, text, markdown, html"):
        as_format("docx")


def test_sentences_respect_abbreviations_and_cut_long_runs() -> None:
    assert split_sentences("We work with e.g. banks. Dr. Shah leads it. St. Ives is near.") == [
        "We work with e.g. banks.",
        "Dr. Shah leads it.",
        "St. Ives is near.",
    ]
    pieces = split_sentences("word " * 1000)
    assert len(pieces) > 5 and all(len(p) <= 600 for p in pieces)
