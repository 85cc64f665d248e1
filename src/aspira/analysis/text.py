"""Text segmentation with exact character spans.

Every signal the scorer reports points into the *original* answer, so the analysis works on a
normalised copy of the same length: lower case, typographic quotes and dashes folded to ASCII.
Characters whose lower case changes length (rare, e.g. "İ") are kept as they are, so offsets in
the normalised text are always offsets in the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from aspira.backends.minilm import PieceReader
from aspira.knowledge.who import who_readings

_FOLD = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "´": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "‑": "-",
        "‐": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_SENT_END = re.compile(r"[.!?…]+[\"')\]]*(?=\s)|\n\s*(?=[-*•\d\w])")
_ABBREV = frozenset(
    {
        "e.g",
        "i.e",
        "mr",
        "mrs",
        "ms",
        "dr",
        "etc",
        "vs",
        "st",
        "u.s",
        "u.k",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "no",
        "approx",
        "dept",
    }
)
SPEAKING_WORDS_PER_SECOND = 2.5  # about 150 words a minute, a calm interview pace


def normalise(text: str) -> str:
    """Same-length, lower-case, ASCII-folded copy of ``text``."""
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Doc:
    """An answer ready for analysis: original text, normalised text, sentences and words."""

    original: str
    norm: str

    @cached_property
    def cased(self) -> str:
        """The ASCII-folded text in its own case (same length): what the meaning layer reads,
        since its tokenizer lowers the case itself and the capitals tell where names are."""
        return self.original.translate(_FOLD)

    @cached_property
    def sentences(self) -> tuple[Segment, ...]:
        return tuple(_split_sentences(self.original, self.norm))

    @cached_property
    def who(self) -> tuple[tuple[int, int], ...]:
        """Where the answer says who someone is: an origin, faith, age, disability, condition,
        orientation or family status (``attributes.v1.yaml``) or a name (``names.v1.yaml``),
        none overlapping, as the meaning layer reads them: words that must not move a score."""
        spans = PieceReader(readings=who_readings()).spans(self.original)
        return tuple(sorted((start, end) for start, end, _ in spans))

    def says_who(self, start: int, end: int) -> bool:
        """Whether ``start..end`` lies wholly inside one of the ``who`` spans: words there say
        who someone is, so no signal or time is read in them ("learning" in "a learning
        disability", "long-term" in "a long-term condition")."""
        return any(a <= start and end <= b for a, b in self.who)

    @cached_property
    def words(self) -> tuple[Segment, ...]:
        """The words, a person's name or origin counting as one ("José García-López", "Sri
        Lankan"), so that no count depends on how long a name is."""
        words = [Segment(m.start(), m.end(), m.group()) for m in _WORD.finditer(self.norm)]
        for start, end in reversed(self.who):
            inside = [i for i, w in enumerate(words) if w.start < end and start < w.end]
            if len(inside) > 1:  # the words it touches become one ("first nations-born")
                a, b = words[inside[0]].start, words[inside[-1]].end
                words[inside[0] : inside[-1] + 1] = [Segment(a, b, self.norm[a:b])]
        return tuple(words)

    @property
    def word_count(self) -> int:
        return len(self.words)

    @cached_property
    def written_word_count(self) -> int:
        """Every word as written, a name's parts apart: what the answer's stats report."""
        return sum(1 for _ in _WORD.finditer(self.norm))

    def sentence_at(self, pos: int) -> Segment:
        """The sentence holding character ``pos`` (the last one if past the end)."""
        for sent in self.sentences:
            if sent.start <= pos < sent.end:
                return sent
        return self.sentences[-1] if self.sentences else Segment(0, len(self.original), "")


def make_doc(text: str) -> Doc:
    return Doc(original=text, norm=normalise(text))


def _split_sentences(original: str, norm: str) -> list[Segment]:
    cuts = [0]
    for m in _SENT_END.finditer(norm):
        before = norm[cuts[-1] : m.start()].rsplit(None, 1)
        last = before[-1].strip("\"'(") if before else ""
        if m.group().startswith(".") and last in _ABBREV:
            continue
        cuts.append(m.end())
    cuts.append(len(norm))
    segments = []
    for a, b in pairwise(cuts):
        lead = len(original[a:b]) - len(original[a:b].lstrip())
        trail = len(original[a:b].rstrip())
        start, end = a + lead, a + trail
        if end > start and _WORD.search(norm, start, end):
            segments.append(Segment(start, end, original[start:end]))
    return segments
