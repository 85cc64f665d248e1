"""Turning a person's own phrases into parts of spoken sentences, without changing what they say.

Profile fields arrive in every shape people type: "I want to move into analytics", "Moving into
analytics.", "Analytics leadership", "to help more patients". The composer needs them in a few
fixed grammatical shapes (a verb phrase after "to", a clause after "because", a noun phrase
after "my"), so these helpers strip the framing words people add ("I want to", "Eventually,"),
turn a leading gerund into its base verb, flip a company's "we"/"our" into "you"/"your", and
decide whether a first word may be lower-cased (ordinary words yes; names and acronyms no).
They never add facts: the words that remain are the person's or the company's own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one string, for word lists kept readable in the source."""
    return frozenset(text.split())


# Base verbs that open directions, goals, missions and offers. A first word found here (or its
# gerund or third-person form) makes the phrase a verb phrase: "I want to <phrase>".
VERBS = wordset(
    """
    achieve advance advise analyse analyze apply architect automate be become bring build care
    champion coach combine complete connect continue contribute coordinate craft create curate
    deepen deliver design develop direct drive earn embed empower enable engineer ensure establish
    expand explore facilitate finish forecast gain get give grow guide help implement improve
    influence inspire integrate invent join keep launch lead learn maintain make manage master
    measure mentor migrate modernise modernize move negotiate nurture obtain open operate organise
    organize own partner pass pioneer plan play progress protect prototype provide publish pursue
    put qualify raise reach recruit reduce refine represent research run scale secure see sell
    serve set shape share sharpen ship solve speak specialise specialize spend standardise
    standardize start step streamline strengthen support take teach test train transform
    transition translate treat turn use win work write broaden increase oversee hire heal cut do
    stay spread save mature head close pair collaborate rotate shadow change fix simplify rebuild
    redesign reshape unlock bridge define decide review audit assess evaluate diagnose cook edit
    produce present host schedule balance prepare handle resolve prevent detect monitor repair
    install inspect code deploy release trade invest fund collect track guide lift bring leave
    """
)
# Words that are verbs or nouns; read as a noun when what follows makes a title ("Lead
# engineer", "Head of data", "Design lead") or nothing follows, else as a verb ("Lead planning").
AMBIGUOUS = wordset(
    "lead head design research work plan model test support partner engineer manage direct "
    "coach mentor train share set close cut start change review audit code host present track "
    "release fund"
)
# "-ing" words that also name a field of work: before another word they are its name, not an
# action ("engineering leadership", "marketing strategy", "nursing education"), unless a
# determiner follows ("marketing our products").
FIELD_GERUNDS = wordset(
    "engineering marketing nursing accounting banking publishing manufacturing advertising "
    "fundraising recruiting computing programming consulting lending farming mining printing "
    "tutoring catering"
)
_OBJECT_LEADS = wordset("a an the our your their my his her its this that these those")
_TITLE_NOUNS = wordset(
    "of engineer engineers manager lead leader designer developer nurse chef scientist analyst "
    "researcher consultant specialist officer partner director teacher coach associate "
    "practitioner architect assistant executive representative technician"
)
# Common words that may always be lower-cased at the start of a phrase.
COMMON = wordset(
    """
    a an the my our your their this that these those more better deep deeper strong clear
    people working helping building leading making being data customer customers product
    products team teams patient patients student students client clients business strategic
    technical senior junior new first long short high quality reliable real whole wider broad
    broader every all each one two three four five cross end it i'm helping mentoring teaching
    """
)
_NOUN_SUFFIXES = (
    "tion",
    "tions",
    "sion",
    "ment",
    "ments",
    "ness",
    "ship",
    "ity",
    "ance",
    "ence",
    "ics",
    "ism",
    "ing",
    "ings",
    "ogy",
    "sis",
    "acy",
    "al",
    "ive",
    "ous",
)
_PREFIXES = re.compile(
    r"^(?:(?:and|so|well|also|then|basically)\b[ ,]*"
    r"|(?:i|we)(?:\s+would|'d|’d)\s+(?:really\s+)?(?:like|love|want)\s+to\s+"
    r"|(?:i|we)\s+(?:really\s+)?(?:want|hope|aim|plan|intend|aspire|wish|mean|expect|need)\s+to\s+"
    r"|i(?:'m| am)\s+(?:aiming|hoping|planning|looking|trying|working)\s+to\s+"
    r"|(?:my|our)\s+(?:main\s+|long[- ]term\s+|ultimate\s+|career\s+)?(?:goal|aim|aspiration|"
    r"ambition|direction|dream|plan|hope|mission|purpose|vision)\s+(?:is|would be)\s+(?:to\s+)?"
    r"|(?:(?:eventually|ultimately|one day|someday|some day|long[- ]term|in the long run|"
    r"in the long term|in the future|later on|later in my career|over time|in time)\b[ ,:]*)"
    r"|to\s+)",
    re.IGNORECASE,
)
_GERUND = re.compile(r"^([a-z]+)ing$")
_PRONOUNS_COMPANY = {
    "we": "you",
    "our": "your",
    "ours": "yours",
    "us": "you",
    "ourselves": "yourselves",
}
_PRONOUNS_OFFER = {"you": "me", "your": "my", "yours": "mine", "yourself": "myself"}


_IDIOM_LINKS = wordset("by to after for on upon over in")
_FUNCTION_WORDS = wordset(
    """
    your yours their them they this that these those with from into have been were would could
    will what which when than then each every also more most some such very just only
    """
)
REPEAT_WINDOW = 4


def near_repeat(text: str, own: Sequence[str] = ()) -> str | None:
    """A word of four letters or more said again within four words, as happens when a template
    meets a phrase that ends or starts the same way ("a fair start from the start", "working
    toward is to work toward"); None when there is none. Idioms such as "step by step" are
    allowed, and so is a repeat that is already in one of ``own`` (the person's or the
    company's own words: "the right antibiotic for the right time")."""
    tokens = [w.lower() for w in words(text)]
    for i, word in enumerate(tokens):
        if len(word) < 4 or word in _FUNCTION_WORDS:
            continue
        for j in range(i + 1, min(i + REPEAT_WINDOW + 1, len(tokens))):
            if tokens[j] != word:
                continue
            if j - i == 2 and tokens[i + 1] in _IDIOM_LINKS:
                continue
            if any([w.lower() for w in words(o)].count(word) >= 2 for o in own):
                continue
            return word
    return None


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def first_sentence(text: str) -> str:
    """The first sentence, without its closing punctuation or surrounding quotes."""
    text = " ".join(text.split())
    head = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“])", text, maxsplit=1)[0]
    return head.strip().strip("\"'“”‘’").rstrip(".!?;:,").strip()


def trim_words(text: str, max_words: int) -> tuple[str, bool]:
    """Keep whole clauses up to ``max_words``; returns the text and whether it was cut."""
    if word_count(text) <= max_words:
        return text, False
    pieces = re.split(r"(?<=[,;:])\s+|\s+[—–-]\s+", text)
    kept: list[str] = []
    for piece in pieces:
        if word_count(" ".join([*kept, piece])) > max_words:
            break
        kept.append(piece)
    if kept:
        return " ".join(kept).rstrip(",;:").strip(), True
    return " ".join(text.split()[:max_words]).rstrip(",;:"), True


def strip_framing(text: str) -> str:
    """Remove the framing people type around a phrase: "I want to", "Eventually,", "to"."""
    previous = None
    while previous != text:
        previous = text
        text = _PREFIXES.sub("", text, count=1).strip()
    return text


def may_lower(word: str) -> bool:
    """Whether the first word of a phrase may be lower-cased (not a name or an acronym)."""
    if not word or word == "I" or word.startswith("I'") or word.startswith("I’"):
        return False
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and any(c.isupper() for c in letters[1:]):
        return False
    low = word.lower()
    return low in VERBS or low in COMMON or low.endswith(_NOUN_SUFFIXES)


def lower_first(text: str) -> str:
    """Lower-case the first letter of a phrase placed inside a sentence, when that is safe.

    Safe: a common word or verb ("Building …"), or sentence case typed by habit ("Employee
    relations judgement": the first word capitalised, the other words not). Names and acronyms
    ("Excel", "SQL", "McKinsey") keep their capitals.
    """
    parts = text.split()
    if not parts:
        return text
    first = parts[0]
    later_capitals = any(p[:1].isupper() and not _is_i(p) for p in parts[1:])
    if later_capitals and first.lower() not in COMMON:
        return text  # a name in Title Case: "Unreal Engine", "Google Analytics"
    habit = len(parts) > 1 and first[:1].isupper() and first[1:].islower() and not later_capitals
    return text[:1].lower() + text[1:] if may_lower(first) or habit else text


def _is_i(word: str) -> bool:
    return word == "I" or word.startswith(("I'", "I’"))


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def base_verb(word: str) -> str | None:
    """The base form when ``word`` is a known verb, its gerund or its third-person form."""
    low = word.lower()
    if low in VERBS:
        return low
    if low == "being":
        return "be"
    gerund = _GERUND.match(low)
    if gerund:
        stem = gerund.group(1)
        for candidate in (
            stem,
            stem + "e",
            stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "",
        ):
            if candidate in VERBS:
                return candidate
    for cut, add in (("ies", "y"), ("es", ""), ("s", "")):
        if low.endswith(cut) and low[: -len(cut)] + add in VERBS:
            return low[: -len(cut)] + add
    return None


def verb_phrase(text: str, gerund: bool = True) -> str | None:
    """The phrase as a verb phrase to follow "to", or None when it is not one.

    With ``gerund=False`` a leading "-ing" word is read as a noun ("Mentoring from seniors").
    """
    parts = text.split()
    if not parts:
        return None
    first = parts[0].strip(",;:")
    verb = base_verb(first)
    if verb is None or (not gerund and first.lower().endswith("ing") and verb != first.lower()):
        return None
    if first.lower() in FIELD_GERUNDS and len(parts) > 1 and parts[1].lower() not in _OBJECT_LEADS:
        return None  # "engineering leadership" names an area, it does not engineer anything
    if verb in AMBIGUOUS and parts[0].lower() == verb:
        following = parts[1].lower().strip(",;:") if len(parts) > 1 else ""
        if not following or following in _TITLE_NOUNS:
            return None
    return " ".join([verb, *parts[1:]])


def ing_form(verb: str) -> str:
    """The "-ing" form of a base verb: "run" → "running", "make" → "making", "lead" → "leading"."""
    low = verb.lower()
    if low.endswith("ie"):
        return low[:-2] + "ying"
    if low.endswith("e") and low != "be" and not low.endswith(("ee", "ye", "oe")):
        return low[:-1] + "ing"
    # one syllable ending consonant-vowel-consonant doubles its last letter ("plan", "set")
    short = len(re.findall(r"[aeiou]+", low)) == 1 and len(low) >= 3
    if short and low[-1] not in "aeiouwxy" and low[-2] in "aeiou" and low[-3] not in "aeiou":
        return low + low[-1] + "ing"
    return low + "ing"


def swap_pronouns(text: str, table: dict[str, str]) -> str:
    """Swap whole lower-case pronouns ("our" → "your"); acronyms like "US" are left alone."""

    def repl(match: re.Match[str]) -> str:
        word = match.group(0)
        swapped = table.get(word.lower())
        if swapped is None or (word.isupper() and len(word) > 1):
            return word
        return capitalise(swapped) if word[0].isupper() else swapped

    return re.sub(r"\b[A-Za-z]+\b(?!['’])", repl, text)


def company_voice(text: str) -> str:
    """A company's own words said back to it: "our customers" → "your customers"."""
    return swap_pronouns(text, _PRONOUNS_COMPANY)


def candidate_voice(text: str) -> str:
    """An offer in the company's voice, said by the candidate: "your team" → "my team",
    "our leaders" → "your leaders"."""
    text = re.sub(r"\byour own\b", "my", text, flags=re.IGNORECASE)
    return company_voice(swap_pronouns(text, _PRONOUNS_OFFER))


def article(phrase: str) -> str:
    """'a' or 'an' for a phrase, by sound: acronyms by their first letter's name."""
    first = phrase.split(" ", 1)[0]
    if not first:
        return "a"
    if first.isupper() and len(first) > 1:
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    low = first.lower()
    if low.startswith(("uni", "use", "usu", "eu", "one", "once")):
        return "a"
    if low.startswith(("hour", "honest", "heir")):
        return "an"
    return "an" if low[0] in "aeiou" else "a"


def join_items(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_NUMBER_NAMES = " ".join(
    (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
        "fifteen sixteen seventeen eighteen nineteen twenty",
    )
).split()


def number_words(value: float) -> str:
    """Whole numbers up to twenty in words (easier to say), others as digits."""
    names = _NUMBER_NAMES
    if float(value).is_integer() and 0 <= value <= 20:
        return names[int(value)]
    return f"{value:g}"
