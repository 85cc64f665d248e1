"""Company and role context from a job posting, an about page or a values page.

``extract_company(text)`` is deterministic, offline and fast (milliseconds for a posting): the
page is reduced to structured lines (:mod:`aspira.company.clean`), the lines to sentences that
know their section (:mod:`aspira.company.structure`), and each field is read by a small
rule-based finder with the sentence that supports it (:mod:`~aspira.company.about`,
:mod:`~aspira.company.role`, :mod:`~aspira.company.culture`). What the finders know about
language (lexicons, headings, cues) lives in ``knowledge/data/culture.v1.yaml`` and
``postings.v1.yaml``.

Input problems are :class:`~aspira.errors.InputError`\\ s that say how to fix them: an empty
page, a page with no readable text once the markup is gone, a page over 1 MB, binary data.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from aspira.company.about import find_mission, find_name, find_values
from aspira.company.clean import FORMATS, Format, parse, squash
from aspira.company.culture import score_culture
from aspira.company.model import Company
from aspira.company.role import find_offers, find_role_title, find_seniority
from aspira.company.structure import build
from aspira.errors import EmptyPostingError, InputError, PostingTooLargeError
from aspira.inputs import TextKind, read_text_file, read_text_stream

MAX_POSTING_BYTES = 1_000_000
POSTING = TextKind("page", "a", MAX_POSTING_BYTES, "1 MB of text", PostingTooLargeError)
MAX_NAME_CHARS = 120


def read_posting(path: Path) -> str:
    """A posting or company page from a file: size checked before reading, binary refused."""
    return read_text_file(path, POSTING)


def read_posting_stream(stream: BinaryIO, origin: str = "standard input") -> str:
    return read_text_stream(stream, POSTING, origin)


def check_posting(text: str, fmt: str = "auto") -> None:
    """Refuse what cannot be a page, quickly (a 5 MB paste fails before any parsing)."""
    if fmt not in FORMATS:
        raise InputError(f"Unknown format {fmt!r}. Use one of: {', '.join(FORMATS)}.")
    if len(text) > MAX_POSTING_BYTES or _utf8_size(text) > MAX_POSTING_BYTES:
        raise PostingTooLargeError(
            f"The page is {_utf8_size(text) / 1_000_000:.1f} MB; a posting or company page is "
            "at most 1 MB of text. Paste just the posting, the about page or the values page.",
            details={"max_bytes": MAX_POSTING_BYTES},
        )
    if not text.strip():
        raise EmptyPostingError(
            "The posting is empty. Paste the text of a job posting, an about page or a values "
            "page, or pass the file that holds it."
        )
    if "\x00" in text:
        raise InputError(
            "The page looks like binary data, not text. Pass the posting as plain text, "
            "Markdown or HTML."
        )


def _utf8_size(text: str) -> int:
    if len(text) > MAX_POSTING_BYTES:  # no need to encode to know it is too big
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def extract_company(text: str, name: str | None = None, fmt: Format = "auto") -> Company:
    """Read a company (and its role, when the page is a posting) from a page's text.

    ``name`` overrides the name found in the text; ``fmt`` is ``auto`` (detect), ``text``,
    ``markdown`` or ``html``.
    """
    check_posting(text, fmt)
    doc = build(parse(text, fmt))
    if not any(ch.isalnum() for ch in doc.text):
        raise EmptyPostingError(
            "The page has no readable text once its markup, scripts and navigation are "
            "removed. Copy the visible text of the page and paste that instead."
        )
    company_name = squash(name or "")[:MAX_NAME_CHARS] or find_name(doc)
    if not company_name:
        raise InputError(
            "Could not find the company's name in the page. Give it explicitly "
            "(aspira company add NAME --from FILE, or extract_company(text, name=...))."
        )
    role = find_role_title(doc)
    seniority, seniority_evidence = find_seniority(doc, role)
    return Company(
        name=company_name,
        mission=find_mission(doc, company_name),
        values=find_values(doc),
        archetypes=score_culture(doc),
        role_title=role,
        seniority=seniority,
        seniority_evidence=seniority_evidence,
        offers=find_offers(doc),
        text=doc.text,
    )
