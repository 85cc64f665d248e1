"""Features: the named, bounded numbers the dimension models read, each with its evidence.

Every feature value comes with the character spans that produced it, so a dimension score can
point at the words that earned (or cost) it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from aspira.analysis.horizon import TimeMention
from aspira.analysis.signals import Hit, specific_count
from aspira.analysis.text import Doc
from aspira.knowledge.neutral import neutral_vocabulary
from aspira.knowledge.signals import english_words

Span = tuple[int, int]

# signal family → (feature name, saturation count)
_COUNTED = {
    "direction": 5,
    "capability": 4,
    "impact": 5,
    "self": 4,
    "fit": 4,
    "contribute": 3,
    "positive": 3,
    "negative": 3,
    "money": 3,
    "title": 3,
    "generic": 5,
    "uncertain": 2,
}
_SAYS_NOTHING = ("filler", "hedge")
SEVERE = ("leaving_soon", "own_business", "no_aspiration", "mission_conflict")


@dataclass
class Features:
    values: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[Span]] = field(default_factory=dict)

    def set(self, name: str, value: float, spans: list[Span] | None = None) -> None:
        self.values[name] = round(float(value), 6)
        if spans:
            self.evidence[name] = spans


def build(
    doc: Doc,
    hits: dict[str, list[Hit]],
    mentions: list[TimeMention],
    expected: tuple[float, float],
    flag_ids: list[str],
    fillers: int,
    hedges: int,
) -> Features:
    f = Features()
    words = max(doc.word_count, 1)
    for name, cap in _COUNTED.items():
        spans = [(h.start, h.end) for h in hits.get(name, [])]
        f.set(name, min(len(spans), cap) / cap, spans)
    _length(f, doc, words, fillers, hedges)
    for name, family in (("filler_rate", "filler"), ("hedge_rate", "hedge")):
        spans = [(h.start, h.end) for h in hits.get(family, [])]
        if spans:
            f.evidence[name] = spans
    _time(f, doc, mentions, expected, hits)
    _specificity(f, doc, words, hits)
    f.set("flag_severe", float(sum(1 for i in flag_ids if i in SEVERE)))
    f.set("flag_other", float(sum(1 for i in flag_ids if i not in SEVERE)))
    return f


def _length(f: Features, doc: Doc, words: int, fillers: int, hedges: int) -> None:
    f.set("words_log", min(math.log1p(words) / math.log1p(200), 1.3))
    if words < 40:
        ok = words / 40
    elif words <= 220:
        ok = 1.0
    else:
        ok = max(0.0, 1 - (words - 220) / 200)
    f.set("len_ok", ok)
    f.set("short", 1.0 if words < 15 else 0.0)
    f.set("long", min(max(0.0, (words - 250) / 250), 2.0))
    f.set("filler_rate", min(fillers * 100 / words, 20) / 10)
    f.set("hedge_rate", min(hedges * 100 / words, 20) / 10)
    f.set("sentences_ok", 1.0 if 2 <= len(doc.sentences) <= 9 else 0.0)


def _time(
    f: Features,
    doc: Doc,
    mentions: list[TimeMention],
    expected: tuple[float, float],
    hits: dict[str, list[Hit]],
) -> None:
    explicit = [m for m in mentions if not m.vague]
    near = [(m.start, m.end) for m in explicit if m.high is not None and m.high <= 6]
    far = [(m.start, m.end) for m in explicit if m.low is not None and m.low >= 7]
    lo, hi = expected
    fitting = [
        (m.start, m.end)
        for m in explicit
        if m.low is not None and m.high is not None and m.high >= lo - 1 and m.low <= hi + 2
    ]
    vague = [(m.start, m.end) for m in mentions if m.vague]
    f.set("near_stated", 1.0 if near else 0.0, near)
    f.set("long_stated", 1.0 if far else 0.0, far)
    f.set("horizon_fit", 1.0 if fitting else 0.0, fitting)
    f.set("vague_time", 1.0 if vague else 0.0, vague)
    beyond = [(h.start, h.end) for h in hits.get("beyond", [])]
    f.set("beyond", 1.0 if beyond and (near or fitting) else 0.0, beyond)
    highs = [m.high for m in explicit if m.high is not None]
    lows = [m.low for m in explicit if m.low is not None]
    wide = bool(highs) and (max(highs) - min(lows) >= 12 or len(explicit) >= 4)
    f.set("time_wide", 1.0 if wide else 0.0, [(m.start, m.end) for m in explicit] if wide else None)
    f.set("any_time", 1.0 if mentions else 0.0)


def _specificity(f: Features, doc: Doc, words: int, hits: dict[str, list[Hit]]) -> None:
    common = english_words()
    # words that say who someone is ("woman", "brother's") are not what the answer is about,
    # and must not move a score (neutral.v1.yaml)
    who = neutral_vocabulary()
    # a filler or hedge ("basically", "hopefully") is long and rare but says nothing specific
    said = [(h.start, h.end) for k in _SAYS_NOTHING for h in hits.get(k, [])]
    content = [
        w
        for w in doc.words
        if w.text not in common
        and w.text.partition("'")[0] not in who
        and len(w.text) > 3
        and not any(s <= w.start and w.end <= e for s, e in said)
        # nor is a word that says who someone is, even in part ("Priya Patel", "my dyslexia",
        # "Polish-born": doc.who)
        and not any(s < w.end and w.start < e for s, e in doc.who)
    ]
    distinct = {w.text for w in content}
    f.set("content_ratio", len(distinct) / words)
    rare = [(w.start, w.end) for w in content if len(w.text) >= 9]
    f.set("specific_terms", min(len(rare) * 10 / words, 1.0), rare[:5])
    specific = specific_count(hits)
    generic = len(hits.get("generic", []))
    f.set("generic_share", generic / (generic + specific + 1))
