"""Red flags: precise patterns, meaning-based prototypes, and guards against innocent uses.

A pattern hit is vetoed when one of the flag's guards overlaps it ("I own the onboarding
process" is not a business of one's own). A sentence whose meaning is close enough to one of
the flag's prototypes raises the flag too, unless a guard matches in that sentence; the
evidence then names the prototype it resembled. Shape-based flags (``title_only``,
``generic``, ``over_planned``) are read from the answer's features.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from aspira.analysis.horizon import TimeMention
from aspira.analysis.signals import Hit
from aspira.analysis.text import Doc
from aspira.knowledge.signals import CompiledFlag, flag_patterns

CONTEXT_FLAGS = frozenset({"mission_conflict", "culture_mismatch"})


@dataclass(frozen=True)
class Found:
    id: str
    spans: tuple[tuple[int, int], ...]
    matched: str


def _guarded(guards: tuple[re.Pattern[str], ...], norm: str, start: int, end: int) -> bool:
    return any(g.start() < end and start < g.end() for pat in guards for g in pat.finditer(norm))


def _pattern_spans(spec: CompiledFlag, norm: str) -> list[tuple[int, int]]:
    spans = []
    for pat in spec.patterns:
        for m in pat.finditer(norm):
            if m.end() > m.start() and not _guarded(spec.guards, norm, m.start(), m.end()):
                spans.append((m.start(), m.end()))
    return sorted(set(spans))


def _semantic(
    fid: str,
    spec: CompiledFlag,
    doc: Doc,
    sims: dict[str, np.ndarray],
    threshold: float,
    prototypes: dict[str, tuple[str, ...]],
) -> tuple[list[tuple[int, int]], str]:
    if fid not in sims:
        return [], ""
    matrix = sims[fid]  # sentences × this flag's prototypes
    spans, best_text, best = [], "", 0.0
    for i, sent in enumerate(doc.sentences):
        j = int(np.argmax(matrix[i]))
        sim = float(matrix[i, j])
        if sim >= threshold and not _guarded(spec.guards, doc.norm, sent.start, sent.end):
            spans.append((sent.start, sent.end))
            if sim > best:
                best, best_text = sim, prototypes[fid][j]
    return spans, (f"close in meaning to “{best_text}” ({best:.2f})" if spans else "")


def detect(
    doc: Doc,
    hits: dict[str, list[Hit]],
    mentions: list[TimeMention],
    sims: dict[str, np.ndarray],
    thresholds: dict[str, float],
    shape: dict[str, bool],
) -> list[Found]:
    """Every context-free flag present in the answer, in rubric-independent id order."""
    specs = flag_patterns()
    prototypes = {fid: spec.prototypes for fid, spec in specs.items()}
    found: list[Found] = []
    for fid, spec in specs.items():
        if fid in CONTEXT_FLAGS:
            continue
        spans = _pattern_spans(spec, doc.norm)
        matched = "pattern" if spans else ""
        if fid == "negative":
            spans = [
                (h.start, h.end)
                for h in hits["negative"]
                if not _guarded(spec.guards, doc.norm, h.start, h.end)
            ]
            matched = "negative wording" if spans else ""
        if not spans and fid in thresholds:
            spans, matched = _semantic(fid, spec, doc, sims, thresholds[fid], prototypes)
        if not spans and shape.get(fid):
            spans, matched = _shape_evidence(fid, doc, hits, mentions), "answer shape"
        if spans:
            found.append(Found(fid, tuple(spans[:3]), matched))
    return _without_shadowed(found)


# A bare title that is the interviewer's own seat, or wanted for pay or status, is already
# named by the sharper flag; saying "title only" as well would count the same words twice.
_SHADOWS = {"title_only": ("wants_interviewers_job", "money_or_title_only")}


def _without_shadowed(found: list[Found]) -> list[Found]:
    ids = {f.id for f in found}
    return [f for f in found if not any(s in ids for s in _SHADOWS.get(f.id, ()))]


def _shape_evidence(
    fid: str, doc: Doc, hits: dict[str, list[Hit]], mentions: list[TimeMention]
) -> list[tuple[int, int]]:
    source = {
        "title_only": hits.get("title", []),
        "generic": hits.get("generic", []),
        "over_planned": [Hit(m.start, m.end) for m in mentions if not m.vague],
    }.get(fid, [])
    spans = [(h.start, h.end) for h in source]
    if not spans and doc.sentences:
        first = doc.sentences[0]
        spans = [(first.start, first.end)]
    return spans
