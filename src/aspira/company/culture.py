"""Culture archetypes from lexicon evidence, with a confidence that says how strong it is.

Every sentence is matched against the lexicon families of ``culture.v1.yaml``. One family is
one *kind* of evidence (innovation talk, experimentation talk, …), so several families agreeing
count for more than one family repeated: a family's contribution grows with the square root of
its matching sentences, capped. A sentence counts more in the sections where a company
describes itself (mission, values, about) than in the requirements or the application small
print, and not at all when it is legal boilerplate (a guard pattern). Confidence is
``1 - exp(-evidence / scale)``, rounded to two places so it is stable across platforms.
"""

from __future__ import annotations

import math
from collections import defaultdict

from aspira.company.model import ARCHETYPES, Archetype, ArchetypeScore
from aspira.company.structure import Doc, Sentence
from aspira.knowledge.company import culture, culture_families, culture_guard

MAX_EVIDENCE = 3


def score_culture(doc: Doc) -> list[ArchetypeScore]:
    """Archetypes above the threshold, most confident first, each with its best sentences."""
    cfg = culture()
    hits = _family_hits(doc)
    scores: list[ArchetypeScore] = []
    for archetype in ARCHETYPES:
        evidence = 0.0
        strength: dict[int, float] = defaultdict(float)
        by_index: dict[int, Sentence] = {}
        for fam in culture_families():
            if fam.archetype != archetype or not hits[(archetype, fam.name)]:
                continue
            found = hits[(archetype, fam.name)]
            factors = sorted((f for f, _ in found), reverse=True)[: cfg.cap]
            evidence += fam.weight * math.sqrt(len(factors)) * (sum(factors) / len(factors))
            for factor, s in found:
                strength[s.index] += fam.weight * factor
                by_index[s.index] = s
        confidence = round(1.0 - math.exp(-evidence / cfg.scale), 2)
        if confidence >= cfg.threshold and confidence > 0:
            ranked = sorted(strength, key=lambda i: (-strength[i], i))
            texts = list(dict.fromkeys(by_index[i].text for i in ranked))[:MAX_EVIDENCE]
            scores.append(ArchetypeScore(id=archetype, confidence=confidence, evidence=texts))
    order = {a: i for i, a in enumerate(ARCHETYPES)}
    return sorted(scores, key=lambda s: (-s.confidence, order[s.id]))


def _family_hits(doc: Doc) -> dict[tuple[Archetype, str], list[tuple[float, Sentence]]]:
    factors = culture().section_factors
    guard = culture_guard()
    hits: dict[tuple[Archetype, str], list[tuple[float, Sentence]]] = defaultdict(list)
    for s in doc.sentences:
        if guard is not None and guard.search(s.low):
            continue
        factor = factors.get(s.section, 1.0)
        if factor <= 0:
            continue
        for fam in culture_families():
            if fam.pattern.search(s.low):
                hits[(fam.archetype, fam.name)].append((factor, s))
    return hits
