"""Regular-expression signals: where each lexicon family occurs in the answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from aspira.knowledge.signals import signal_patterns


@dataclass(frozen=True)
class Hit:
    start: int
    end: int


def find_signals(norm: str, skip: Callable[[int, int], bool] | None = None) -> dict[str, list[Hit]]:
    """Non-overlapping hits per signal family, in text order, leaving out a hit for which
    ``skip(start, end)`` holds (the scorer passes ``Doc.says_who``)."""
    out: dict[str, list[Hit]] = {}
    for name, family in signal_patterns().items():
        raw = sorted(family.spans(norm) if family else [], key=lambda se: (se[0], -se[1]))
        hits: list[Hit] = []
        for start, end in raw:
            if hits and start < hits[-1].end:
                continue
            if skip is not None and skip(start, end):
                continue
            hits.append(Hit(start, end))
        out[name] = hits
    return out


SPECIFIC = ("direction", "capability", "impact")  # the families that name the work itself


def specific_count(hits: dict[str, list[Hit]]) -> int:
    """How many direction, capability and impact phrases the answer names."""
    return sum(len(hits.get(k, [])) for k in SPECIFIC)


_CONTENT = re.compile(r"[a-z]{3,}")


def work_count(hits: dict[str, list[Hit]], norm: str) -> int:
    """How many phrases name the work behind a job title: direction, capability and impact
    phrases, and the words that go on from a title to its work (``elaboration``).

    A phrase that overlaps a title counts only when it says two more words of its own
    ("building the partner channel"); otherwise it names the title again ("chartered" in
    "chartered accountant", "design director"), not the work behind it."""
    titles = hits.get("title", [])

    def says_more(h: Hit) -> bool:
        inside = [t for t in titles if t.start < h.end and h.start < t.end]
        if not inside:
            return True
        text = list(norm[h.start : h.end])
        for t in inside:
            for i in range(max(t.start, h.start), min(t.end, h.end)):
                text[i - h.start] = " "
        return len(_CONTENT.findall("".join(text))) >= 2

    return sum(1 for k in (*SPECIFIC, "elaboration") for h in hits.get(k, []) if says_more(h))
