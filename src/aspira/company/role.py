"""The role: its title, its level and what it offers the person who takes it.

* **Title**, most explicit source first: a label ("Job title: …"), a heading that ends with a
  role noun ("Senior Data Analyst", "Head of Conservation"), a hiring sentence ("We're hiring
  a …", "We are looking for an experienced …"), an "As a … you will" sentence, then the page's
  ``<title>``. Words that describe the person rather than the role ("an experienced …") go.
* **Seniority**: a level word in the title ("Senior", "Head of", "Graduate") decides; else a cue
  in the text ("no experience needed", "you will line-manage"); else the years of experience
  asked for, mapped through the bands in ``postings.v1.yaml``.
* **Offers**: sentences that match a growth, exposure or skills family, outside the
  requirements and the application small print. The value is the clause that matched.
"""

from __future__ import annotations

import re

from aspira.company.model import Fact, Offer, Seniority
from aspira.company.structure import Doc, Sentence, fold
from aspira.knowledge.company import (
    offer_patterns,
    postings,
    role_adjectives,
    role_noun_pattern,
    seniority_patterns,
)

MAX_TITLE_WORDS = 8
MAX_OFFERS_PER_KIND = 4
MAX_OFFER_WORDS = 14

# -- title --------------------------------------------------------------------------------------

_LABEL = re.compile(
    r"^(?:(?:open|current|new|live)\s+)?"
    r"(?:job|role|position|post|vacancy|job role|role title|job title|position title|title)"
    r"\s*[:\-–—]\s*(?P<t>.+)$",
    re.IGNORECASE,
)
_HIRING = re.compile(
    r"\b(?:we(?:['’]re| are)\s+(?:now\s+|currently\s+)?(?:hiring|looking for|recruiting|seeking|searching for)"
    r"|(?:is|are)\s+(?:now\s+|currently\s+)?(?:hiring|looking for|recruiting|seeking)"
    r"|(?:looking|wish(?:es)?|want|hoping|seeking)\s+to\s+(?:hire|recruit|appoint)"
    r"|join us as|now recruiting(?:\s+for)?|vacancy for)"
    r"\s+(?:an?|the|our|two|three|four|five|six|several|a number of|\d+)?\s*(?P<t>[^.,;:!?()]+)",
    re.IGNORECASE,
)
_AS_A = re.compile(
    r"^As\s+(?:an?|our|the)\s+(?P<t>[^,.;:]+?)(?:,|\s+(?:you|at|in|on|with|within|here|for)\b)"
)
_TITLE_CUT = re.compile(
    r"\s+(?:to|who|with|in|at|for|on|that|which|based|and|join|as|from|within|across|working|"
    r"whose|reporting|this|starting|until|or)\b|\s+[-–—|]\s+|\s*\(",
    re.IGNORECASE,
)
_SEGMENT_SPLIT = re.compile(r"\s+[-–—|·•]\s+|[,:]\s+|\s*\(|\s*\)")
_NOT_A_TITLE_START = re.compile(
    r"^(?:meet|about|join|why|how|what|our|your|the role|who|where|when|life|working|apply|we)\b",
    re.IGNORECASE,
)


def _ends_with_role_noun(title: str) -> bool:
    """'Senior Data Analyst', 'Head of Conservation', 'Teacher of Mathematics'."""
    low = fold(title)
    nouns = list(role_noun_pattern().finditer(low))
    if not nouns:
        return False
    last = nouns[-1]
    tail = low[last.end() :].split()
    return not tail or (tail[0] in ("of", "for", "in") and len(tail) <= 5)


def _tidy_title(raw: str) -> str | None:
    text = _TITLE_CUT.split(raw.strip(), maxsplit=1)[0]
    words = text.strip().rstrip(".!:").split()
    adjectives = role_adjectives()
    while words and words[0].lower().strip(",") in adjectives:
        words.pop(0)
    if words and _singular(words[-1]) != words[-1]:
        words[-1] = _singular(words[-1])  # "four Trainee Solicitors" → "Trainee Solicitor"
    title = " ".join(words)
    if not title or len(words) > MAX_TITLE_WORDS or not _ends_with_role_noun(title):
        return None
    if title == title.lower():
        title = " ".join(w[:1].upper() + w[1:] for w in words)
    return title


def _singular(word: str) -> str:
    nouns = postings().role_nouns
    if word.lower().endswith("s") and word[:-1].lower() in nouns and word.lower() not in nouns:
        return word[:-1]
    return word


def _segment_title(text: str) -> str | None:
    """The first part of a heading or page title that is a role title. A plural role noun
    ends a firm's name ("Lanternworks Architects", "Hale Partners"), not a role."""
    if _NOT_A_TITLE_START.match(text) or len(text.split()) > 12:
        return None
    for segment in _SEGMENT_SPLIT.split(text):
        words = segment.strip().split()
        if not words or len(words) > MAX_TITLE_WORDS or _singular(words[-1]) != words[-1]:
            continue
        if _ends_with_role_noun(segment):
            return _tidy_title(segment)
    return None


def is_role_title(text: str) -> bool:
    return _segment_title(text) is not None


def find_role_title(doc: Doc) -> Fact | None:
    for finder in (_by_label, _by_top_heading, _by_hiring, _by_heading, _by_as_a):
        found = finder(doc)
        if found:
            return found
    if doc.title and (title := _segment_title(doc.title)):
        return Fact(value=title, evidence=doc.title)
    return None


def _by_label(doc: Doc) -> Fact | None:
    for s in doc.sentences:
        m = _LABEL.match(s.text)
        if m and (title := _tidy_title(m.group("t"))):
            return Fact(value=title, evidence=s.text)
    return None


_TITLE_SECTIONS = frozenset({"other", "role", "about", "requirements"})


def _title_headings(doc: Doc) -> list[tuple[Sentence, str]]:
    out = []
    for s in doc.sentences:
        if s.kind == "heading" and (s.level == 1 or s.section in _TITLE_SECTIONS):
            title = _segment_title(s.text)
            if title:
                out.append((s, title))
    return out


def _by_top_heading(doc: Doc) -> Fact | None:
    """A level-1 heading that is a role title is the posting's own headline."""
    for s, title in _title_headings(doc):
        if s.level == 1:
            return Fact(value=title, evidence=s.text)
    return None


def _by_heading(doc: Doc) -> Fact | None:
    found = _title_headings(doc)
    return Fact(value=found[0][1], evidence=found[0][0].text) if found else None


def _by_hiring(doc: Doc) -> Fact | None:
    for s in doc.sentences:
        for m in _HIRING.finditer(s.text):
            if title := _tidy_title(m.group("t")):
                return Fact(value=title, evidence=s.text)
    return None


def _by_as_a(doc: Doc) -> Fact | None:
    for s in doc.sentences:
        m = _AS_A.match(s.text)
        if m and (title := _tidy_title(m.group("t"))):
            return Fact(value=title, evidence=s.text)
    return None


# -- seniority ----------------------------------------------------------------------------------

_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
_YEARS = re.compile(
    r"(?P<n>\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s*\+?\s*(?:(?:-|to)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs)['’]?\s*(?:\+\s*)?"
    r"(?:of\s+)?(?:[\w/-]+\s+){0,4}?(?:experience|post[- ]qualification|pqe|as an?\s+\w+)\b"
)


def find_seniority(doc: Doc, role: Fact | None) -> tuple[Seniority | None, str | None]:
    """The role's level and the sentence that shows it, or (None, None)."""
    title_cues, text_cues = seniority_patterns()
    if role is not None:
        low = fold(role.value)
        for level, pattern in title_cues:
            if pattern.search(low):
                return level, role.evidence
    for level, pattern in text_cues:
        for s in doc.sentences:
            if s.section not in ("apply", "offer") and pattern.search(s.low):
                return level, s.text
    return _by_years(doc)


def _by_years(doc: Doc) -> tuple[Seniority | None, str | None]:
    for s in doc.sentences:
        if s.section in ("offer", "apply", "about", "mission", "values"):
            continue
        m = _YEARS.search(s.low)
        if m:
            n = m.group("n")
            years = int(n) if n.isdigit() else _NUMBERS[n]
            for band in postings().seniority.years:
                if band.min <= years <= band.max:
                    return band.level, s.text
    return None, None


# -- offers -------------------------------------------------------------------------------------

_CLAUSE_MARK = re.compile(r"[;:()]|,\s|\s[-–—]\s|\.\s")
_OFFER_LEAD = re.compile(
    r"^(?:and|or|but|plus|with|including|also|then)\s+"
    r"|^(?:you(?:['’]ll| will)\s+(?:also\s+)?(?:get|have|receive|enjoy|be given)?\s*)"
    r"|^(?:we(?:['’]ll| will)?\s+(?:also\s+)?(?:offer|provide|give you|give)\s+)",
    re.IGNORECASE,
)
_SKIP_SECTIONS = frozenset({"requirements", "apply", "noise"})
# Where a company describes itself, a sentence offers something only when it speaks to "you".
_SELF_SECTIONS = frozenset({"about", "mission", "values"})
_YOU = re.compile(r"\byou(?:r|['’]ll|['’]re)?\b")


def find_offers(doc: Doc) -> list[Offer]:
    offers: list[Offer] = []
    for kind, pattern in offer_patterns():
        seen: set[str] = set()
        for s in doc.sentences:
            if len(seen) >= MAX_OFFERS_PER_KIND:
                break
            if s.kind == "heading" or s.section in _SKIP_SECTIONS or s.text in seen:
                continue
            if s.section in _SELF_SECTIONS and not _YOU.search(s.low):
                continue
            m = pattern.search(s.low)
            if m:
                seen.add(s.text)
                offers.append(Offer(kind=kind, value=_clause(s.text, s.low, m), evidence=s.text))
    return offers


def _clause(text: str, low: str, m: re.Match[str]) -> str:
    """The clause of ``text`` around the match, without its lead-in, at most a few words."""
    if len(low) == len(text):
        starts = [c.end() for c in _CLAUSE_MARK.finditer(text, 0, m.start())]
        end = _CLAUSE_MARK.search(text, m.end())
        text = text[starts[-1] if starts else 0 : end.start() if end else len(text)]
    text = _OFFER_LEAD.sub("", text.strip(), count=1).strip().rstrip(".!;:,")
    words = text.split()
    if len(words) > MAX_OFFER_WORDS:
        text = " ".join(words[:MAX_OFFER_WORDS]) + "…"
    return (text[:1].upper() + text[1:]) or "(see the evidence)"
