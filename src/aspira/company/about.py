"""Who the company is and what it stands for: its name, mission and values.

* **Name**: candidates come from the page's ``og:site_name``, an "About Acme" heading, a
  sentence that opens "Acme is …" / "At Acme, we …" / "Join Acme", a possessive ("Acme's
  mission"), and the segments of ``<title>``. Each source has a weight; a candidate gains a
  little for every time it recurs in the text, so a one-off capitalised word loses to the
  name the page keeps using.
* **Mission**: the sentence with the strongest cue ("our mission is", "we exist to", then "we
  help", "dedicated to"), helped by sitting under a mission or about heading and hurt by
  sitting in the role's duties or requirements; failing that, the first claim of the about
  section. The value drops the lead-in ("Our mission is …") and keeps the mission itself.
* **Values**: bullets and sub-headings under a values heading ("Curiosity — we ask why"
  gives *Curiosity*), and sentences that list them ("we value honesty, pace and care").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from aspira.company.model import Fact
from aspira.company.role import is_role_title
from aspira.company.structure import Doc, Sentence, classify_heading
from aspira.knowledge.company import mission_patterns, value_patterns

MAX_NAME_CHARS = 80
MAX_VALUES = 12
OPENING_SENTENCES = 8
NAME_SENTENCES = 300  # a page names its company near the top; this bounds the work on huge pages
NAME_TEXT_CHARS = 100_000

# -- name ---------------------------------------------------------------------------------------

_NAME = (
    r"(?:The\s+)?[A-Z0-9][\w&'’.+-]*"
    r"(?:\s+(?:[A-Z0-9&][\w&'’.+-]*|of|and|for|de|du|la|von|van|the|on)){0,5}"
)
_ABOUT = re.compile(rf"^About\s+(?:the\s+)?(?P<n>{_NAME})\s*$")
_IS = re.compile(
    rf"^(?:(?:Founded|Established|Started|Based)\b[^,]{{0,60}},\s+)?(?P<n>{_NAME}),?\s+"
    r"(?:is|are|was|were|has|have|exists|helps|builds|makes|protects|runs|creates|designs|"
    r"provides|serves|supports|moves|delivers|educates|teaches|cares|works|believes|began)\b"
)
_AT = re.compile(rf"^At\s+(?P<n>{_NAME}),")
_JOIN = re.compile(
    rf"\b(?:Join|Welcome to|Working at|Life at|Careers at|Work at|Jobs at)\s+(?P<n>{_NAME})"
)
_POSSESSIVE = re.compile(
    rf"(?P<n>{_NAME})['’]s\s+(?:mission|purpose|values|story|team|people|culture|vision|history)\b"
)
_Adder = Callable[[str, float], None]
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_LEGAL_FORMS = frozenset(
    ["ltd", "limited", "llp", "plc", "inc", "llc", "gmbh", "b.v", "bv", "co", "sa", "ag", "cic"]
)
# What a page calls its own organisation in passing; alone, these are not its name.
_GENERIC_NOUNS = frozenset(
    [
        "society",
        "trust",
        "company",
        "firm",
        "school",
        "council",
        "bank",
        "charity",
        "practice",
        "studio",
        "group",
        "agency",
        "society's",
        "college",
        "university",
        "hospital",
        "museum",
        "library",
        "club",
        "partnership",
        "foundation",
        "business",
        "organisation",
        "organization",
        "institute",
        "centre",
        "center",
        "academy",
        "lab",
    ]
)
# Words that make a longer candidate a page about the company, not a longer name for it.
_PAGE_WORDS = frozenset(
    ["careers", "jobs", "team", "people", "blog", "news", "vacancies", "recruitment", "life"]
)
_TITLE_SPLIT = re.compile(r"\s+[|\-–—·:•]\s+|\s*[|·•]\s*")
_TRAILING_JOINERS = frozenset(
    ["of", "and", "for", "de", "du", "la", "von", "van", "the", "on", "&"]
)
# Words a name does not start with (sentence openers, page furniture); "The" may start one.
_NOT_FIRST = frozenset(
    [
        "we",
        "our",
        "this",
        "it",
        "you",
        "they",
        "there",
        "here",
        "that",
        "your",
        "each",
        "every",
        "all",
        "everyone",
        "nobody",
        "what",
        "who",
        "how",
        "why",
        "when",
        "where",
        "job",
        "jobs",
        "salary",
        "location",
        "role",
        "as",
        "in",
        "at",
        "if",
        "with",
        "for",
        "from",
        "join",
        "working",
        "please",
        "applications",
        "no",
        "a",
        "an",
        "these",
        "those",
        "some",
        "many",
        "most",
        "i",
        "he",
        "she",
        "one",
        "today",
        "now",
        "us",
        "home",
        "careers",
        "career",
        "vacancies",
        "vacancy",
        "about",
        "values",
        "team",
        "company",
        "apply",
        "welcome",
        "news",
        "contact",
        "benefits",
        "overview",
        "mission",
        "purpose",
        "culture",
        "life",
        "work",
        "people",
        "hiring",
        "opportunities",
    ]
)
_GENERIC_PHRASES = frozenset(
    {
        "about us",
        "the role",
        "the team",
        "the job",
        "this role",
        "the company",
        "the position",
        "our team",
        "our values",
        "our people",
        "our culture",
        "our mission",
        "our story",
        "who we are",
        "what we do",
        "job details",
        "apply now",
        "join us",
        "work with us",
        "life here",
    }
)


def _clean_name(raw: str) -> str:
    words = raw.strip().rstrip(",;:!?'’").split()
    while words and (
        words[-1].lower() in _TRAILING_JOINERS or words[-1].lower().rstrip(".") in _LEGAL_FORMS
    ):
        words.pop()
    return " ".join(words).rstrip(".")[:MAX_NAME_CHARS].strip()


def _plausible(name: str) -> bool:
    low = name.lower()
    if not name or low in _GENERIC_PHRASES or not any(c.isalpha() for c in name):
        return False
    words = low.split()
    if len(words) == 1 and low in _GENERIC_NOUNS:
        return False  # "About the Society", "the Trust's values"
    if len(words) > 1 and name.isupper():
        return False  # an ALL-CAPS heading, not the name as the page spells it
    if words[0] == "the":
        return len(words) > 1 and words[1] not in _NOT_FIRST
    return words[0] not in _NOT_FIRST


def find_name(doc: Doc) -> str | None:
    """The company's name as the page spells it, or None when nothing looks like one.

    "The Otter Trust" and "Otter Trust" are one candidate; the page's own bare use (a line
    that says just "Otter Trust") decides whether the article is part of the name."""
    scores: dict[str, float] = defaultdict(float)
    shown: dict[str, str] = {}
    order: dict[str, int] = {}

    def add(raw: str, weight: float) -> None:
        name = _clean_name(raw)
        if not _plausible(name):
            return
        key = _THE.sub("", name).casefold()
        shown.setdefault(key, name)
        order.setdefault(key, len(order))
        scores[key] += weight

    if doc.site_name:
        add(doc.site_name, 5.0)
    _title_candidates(doc.title, add, 1.5)
    if doc.sentences and doc.sentences[0].kind == "heading":  # the page's headline
        _title_candidates(doc.sentences[0].text, add, 2.0)
    for s in doc.sentences[:NAME_SENTENCES]:
        _sentence_candidates(s, add)
    if not scores:
        return None
    head = doc.text[:NAME_TEXT_CHARS]
    for key in scores:
        scores[key] += _recurrence(_THE.sub("", shown[key]), head)
    _absorb_short_forms(scores)
    best = max(scores, key=lambda k: (scores[k], -order[k]))
    return _with_article(shown[best], head) if scores[best] > 0 else None


def _absorb_short_forms(scores: dict[str, float]) -> None:
    """ "Pixel Tide" and "Pixel Tide Games" are one company: the longer form, the name in
    full, takes the shorter one's score (unless its extra words make it a page: "… Careers")."""
    for short in sorted(scores, key=lambda k: (len(k), k)):
        longer = [
            k
            for k in scores
            if k.startswith(short + " ")
            and not set(k[len(short) :].split()) & _PAGE_WORDS
            and scores[k] > 0
        ]
        if longer and scores[short] > 0:
            best = max(longer, key=lambda k: (scores[k], k))
            scores[best] += scores[short]
            scores[short] = 0.0


def _with_article(name: str, text: str) -> str:
    bare = _THE.sub("", name)
    if bare == name:
        return name
    alone = re.search(rf"(?<![Tt]he )(?<!\w){re.escape(bare)}(?!\w)", text)
    return bare if alone else name


def _recurrence(name: str, text: str) -> float:
    """A bonus for a name the page keeps using; a penalty for a single word that is just a
    capitalised common word ("Training is provided …": "training" also appears in lower case)."""
    count = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text))
    bonus = 0.5 * min(count, 4)
    if len(name.split()) == 1:
        lower = re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", text)
        if count < 2 or (lower and name.lower() != name):
            bonus -= 2.0
    return bonus


def _title_candidates(title: str, add: _Adder, weight: float) -> None:
    """Segments of a page title or headline ("Senior Analyst | Careers | Acme")."""
    if not title:
        return
    for segment in _TITLE_SPLIT.split(title):
        segment = segment.strip()
        if m := _ABOUT.match(segment):
            add(m.group("n"), 4.0)
        elif m := _JOIN.search(segment):
            add(m.group("n"), 3.0)
        elif len(segment.split()) <= 6 and not is_role_title(segment):
            add(segment, weight)


def _sentence_candidates(s: Sentence, add: _Adder) -> None:
    text = s.text
    if s.kind == "heading":
        if m := _ABOUT.match(text):
            add(m.group("n"), 4.0)
        return
    if s.first and (m := _IS.match(text)):
        add(m.group("n"), 3.0)
    elif m := _IS.match(text):
        add(m.group("n"), 2.0)
    if m := _AT.match(text):
        add(m.group("n"), 2.0)
    for pattern in (_JOIN, _POSSESSIVE):
        for m in pattern.finditer(text):
            add(m.group("n"), 1.5)


# -- mission ------------------------------------------------------------------------------------

_LEAD_IN = re.compile(
    r"^(?:our|the)\s+(?:core\s+|whole\s+|one\s+|simple\s+)?(?:mission|purpose|goal|aim|vision|ambition|promise)"
    r"(?:\s+(?:at|of|for|here)\b[^,:]{0,60}?)?\s*(?:is\s+(?:simple|clear)?\s*[:,\-–—]?|[:\-–—])\s*"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
_EXISTS = re.compile(
    r"\b(?:exists?|are here|is here|(?:are|is|we['’]re)\s+on\s+a\s+mission)\s+(?P<rest>to\b.+)$",
    re.IGNORECASE,
)
_OFF_TOPIC = frozenset({"role", "requirements", "offer", "apply"})


def find_mission(doc: Doc, name: str) -> Fact | None:
    strong, medium = mission_patterns()
    best: tuple[float, int] | None = None
    for s in doc.sentences:
        if s.kind == "heading" or len(s.text.split()) < 4:
            continue
        score = _mission_score(doc, s, strong.search(s.low), medium.search(s.low) is not None)
        if score >= 2.0 and (best is None or score > best[0]):
            best = (score, s.index)
    chosen = doc.sentences[best[1]] if best else _first_claim(doc, name)
    if chosen is None:
        return None
    return Fact(value=_mission_value(chosen.text), evidence=chosen.text)


def _mission_score(doc: Doc, s: Sentence, strong: re.Match[str] | None, medium: bool) -> float:
    score = 3.0 + (1.0 if strong.start() < 25 else 0.0) if strong else (1.5 if medium else 0.0)
    after_heading = s.index > 0 and doc.sentences[s.index - 1].kind == "heading"
    if s.section == "mission":
        score += 2.0 + (1.5 if after_heading else 0.0)
    elif s.section == "about":
        score += 0.5
    elif s.section in _OFF_TOPIC:
        score -= 3.0
    if s.low.startswith(("you ", "you'", "your ", "as a", "as an")):
        score -= 2.0
    elif s.section == "other" and s.index < OPENING_SENTENCES:
        score += 0.5  # a page's opening lines say who it is
    return score - (1.0 if "?" in s.text else 0.0)


def _first_claim(doc: Doc, name: str) -> Sentence | None:
    """The first claim sentence of an about section, else an opening "Acme is …" sentence."""
    names = "|".join(re.escape(n) for n in dict.fromkeys([name, name.split()[0]]))
    opening = re.compile(rf"^(?:{names}|we|we['’]re|our)\b.*\b(?:is|are)\b", re.I)
    for s in doc.sentences:
        if s.kind == "heading" or "?" in s.text or len(s.text.split()) < 6:
            continue
        if s.section == "about" and not s.low.startswith(("you", "apply")):
            return s
    for s in doc.sentences:
        if s.kind != "heading" and s.section == "other" and opening.match(s.text):
            return s
    return None


def _mission_value(sentence: str) -> str:
    text = sentence.strip().rstrip(".!")
    for pattern in (_LEAD_IN, _EXISTS):
        m = pattern.search(text)
        if m and len(m.group("rest").split()) >= 3:
            return m.group("rest").strip()
    return text


# -- values -------------------------------------------------------------------------------------

_NAMED = re.compile(r"^(?P<name>[^:—–.!?]{2,50}?)\s*(?::|—|–|\s-\s|[.!?]\s)\s*(?P<desc>\S.*)$")
_CLAUSE_END = re.compile(r"[,;(]|\s[-–—]\s|\s(?:because|so that|so|which|when|while|by)\s")
_ITEM_END = re.compile(r"\s(?:in|across|for|when|that|which|because|above|at|with)\s")
_LIST_LEAD = re.compile(r"\b(?:values|principles|qualities|beliefs)\s+(?:of|are|:)\s*", re.I)
_LIST_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bor\b)\s*")


def find_values(doc: Doc) -> list[Fact]:
    facts: dict[str, Fact] = {}
    for value, evidence in _section_values(doc) + _sentence_values(doc):
        value = value.strip().strip("\"'“”‘’").strip()
        if value and len(facts) < MAX_VALUES:
            facts.setdefault(value.casefold(), Fact(value=value, evidence=evidence))
    return sorted(facts.values(), key=lambda f: _position(doc, f.evidence))


def _position(doc: Doc, evidence: str) -> int:
    for s in doc.sentences:
        if evidence.startswith(s.text):
            return s.index
    return len(doc.sentences)


def _blocks(doc: Doc) -> list[list[Sentence]]:
    groups: list[list[Sentence]] = []
    for s in doc.sentences:
        if groups and groups[-1][0].block == s.block:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def _section_values(doc: Doc) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    blocks = _blocks(doc)
    for i, block in enumerate(blocks):
        head = block[0]
        if head.section != "values":
            continue
        text = " ".join(s.text for s in block)
        if head.kind == "heading":
            if classify_heading(text) is None and len(text.split()) <= 6:
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                body = nxt[0].text if nxt and nxt[0].kind != "heading" else text
                found.append((_capitalise(text.rstrip(".:")), body))
        elif head.kind == "bullet" or _NAMED.match(text):
            value = _short_value(text)
            if value:
                found.append((value, text))
    return found


def _short_value(line: str) -> str | None:
    m = _NAMED.match(line)
    if m and len(m.group("name").split()) <= 5:
        return _capitalise(m.group("name").strip())
    text = line.strip().rstrip(".!;:")
    if len(text.split()) <= 6:
        return _capitalise(text)
    _, drop_lead = value_patterns()
    short = _CLAUSE_END.split(drop_lead.sub("", text, count=1), maxsplit=1)[0].strip()
    if short and len(short.split()) <= 8:
        return _capitalise(short)
    return _capitalise(" ".join(short.split()[:6])) + "…" if short else None


def _sentence_values(doc: Doc) -> list[tuple[str, str]]:
    listing, _ = value_patterns()
    found: list[tuple[str, str]] = []
    for s in doc.sentences:
        if s.kind == "heading":
            continue
        m = listing.search(s.low)
        if not m or len(s.low) != len(s.text):
            continue
        raw = _LIST_LEAD.split(s.text[m.start("list") : m.end("list")])[-1]
        for item in _LIST_SPLIT.split(raw):
            item = _ITEM_END.split(f" {item.strip()} ", maxsplit=1)[0].strip()
            item = re.sub(r"^(?:our|a|an|the)\s+", "", item, flags=re.I)
            if 1 <= len(item.split()) <= 4 and any(c.isalpha() for c in item):
                found.append((_capitalise(item), s.text))
    return found


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
