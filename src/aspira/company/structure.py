"""Sentences that know where they sit: under which heading, in which kind of section.

A posting's headings say what its sentences are about ("Our values", "What we offer", "About
you"), so each sentence is tagged with the *section kind* of the heading above it, read from
``postings.v1.yaml``. A deeper heading stays in its parent's section (one value's name under
"Our values"), and so does a *guessed* heading (a short line in plain text, which may be a
value's name or just a short line; see :class:`~aspira.company.clean.Block`) unless its words
name a section or it introduces a list. Sections that are page furniture (cookies, newsletters, related jobs) are
dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aspira.analysis.text import normalise
from aspira.company.clean import Block, BlockKind, Page
from aspira.knowledge.company import SectionKind, section_rules

MAX_SENTENCE_CHARS = 600  # longer runs without punctuation are cut at spaces

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£$€])")
_ABBREV = frozenset(
    [
        "e.g",
        "i.e",
        "eg",
        "ie",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "inc",
        "ltd",
        "co",
        "vs",
        "etc",
        "approx",
        "dept",
        "fig",
        "jr",
        "sr",
        "plc",
        "llp",
        "u.k",
        "u.s",
        "a.m",
        "p.m",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)


def fold(text: str) -> str:
    """Lower case with typographic quotes and dashes as ASCII, for pattern matching."""
    return normalise(text)


@dataclass(frozen=True)
class Sentence:
    index: int  # position in the document
    text: str  # as shown to the user
    low: str  # folded copy for matching
    kind: BlockKind
    level: int  # heading level, 0 for other blocks
    section: SectionKind
    heading: str  # text of the heading this sentence sits under ("" before the first)
    block: int  # index of the block it came from
    first: bool  # first sentence of its block


@dataclass(frozen=True)
class Doc:
    sentences: tuple[Sentence, ...]
    title: str
    site_name: str
    text: str  # the cleaned page, one block a line


def classify_heading(text: str) -> SectionKind | None:
    low = fold(text)
    for kind, pattern in section_rules():
        if pattern.search(low):
            return kind
    return None


def split_sentences(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start : m.start()].rsplit(None, 1)
        last = before[-1].lower().strip("(\"'") if before else ""
        if last in _ABBREV or (len(last) == 1 and last.isalpha()):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [piece for s in out if s for piece in _cut(s)]


def _cut(sentence: str) -> list[str]:
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return [sentence]
    pieces: list[str] = []
    rest = sentence
    while len(rest) > MAX_SENTENCE_CHARS:
        cut = rest.rfind(" ", 0, MAX_SENTENCE_CHARS)
        cut = cut if cut > MAX_SENTENCE_CHARS // 2 else MAX_SENTENCE_CHARS
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        pieces.append(rest)
    return pieces


@dataclass
class _Sectioner:
    section: SectionKind = "other"
    level: int = 0
    heading: str = ""

    def enter(self, block: Block, *, introduces_list: bool = False) -> None:
        kind = classify_heading(block.text)
        if kind is not None:
            self.section, self.level = kind, block.level
        elif self.section != "other" and (
            block.level > self.level or (block.implicit and not introduces_list)
        ):
            pass  # a sub-heading, or a short line that may not be a heading: same section
        else:
            self.section, self.level = "other", block.level
        self.heading = block.text


def build(page: Page) -> Doc:
    sentences: list[Sentence] = []
    lines: list[str] = []
    where = _Sectioner()
    for b, block in enumerate(page.blocks):
        if block.kind == "heading":
            nxt = page.blocks[b + 1] if b + 1 < len(page.blocks) else None
            where.enter(block, introduces_list=nxt is not None and nxt.kind == "bullet")
        if where.section == "noise":
            continue
        lines.append(f"- {block.text}" if block.kind == "bullet" else block.text)
        pieces = [block.text] if block.kind == "heading" else split_sentences(block.text)
        for i, piece in enumerate(pieces):
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=piece,
                    low=fold(piece),
                    kind=block.kind,
                    level=block.level,
                    section=where.section,
                    heading="" if block.kind == "heading" else where.heading,
                    block=b,
                    first=i == 0,
                )
            )
    if page.title and (not lines or lines[0] != page.title):
        lines.insert(0, page.title)  # the page title is part of the page (and may be evidence)
    return Doc(tuple(sentences), page.title, page.site_name, "\n".join(lines))
