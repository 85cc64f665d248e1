"""Regular-expression signals: where each lexicon family occurs in the answer."""

from __future__ import annotations

from dataclasses import dataclass

from aspira.knowledge.signals import signal_patterns


@dataclass(frozen=True)
class Hit:
    start: int
    end: int


def find_signals(norm: str) -> dict[str, list[Hit]]:
    """Non-overlapping hits per signal family, in text order."""
    out: dict[str, list[Hit]] = {}
    for name, patterns in signal_patterns().items():
        raw = sorted(
            (
                (m.start(), m.end())
                for p in patterns
                for m in p.finditer(norm)
                if m.end() > m.start()
            ),
            key=lambda se: (se[0], -se[1]),
        )
        hits: list[Hit] = []
        for start, end in raw:
            if hits and start < hits[-1].end:
                continue
            hits.append(Hit(start, end))
        out[name] = hits
    return out


SPECIFIC = ("direction", "capability", "impact")  # the families that name the work itself


def specific_count(hits: dict[str, list[Hit]]) -> int:
    """How many direction, capability and impact phrases the answer names."""
    return sum(len(hits.get(k, [])) for k in SPECIFIC)
