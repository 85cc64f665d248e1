"""Red flags: one small calibrated decision per flag over five kinds of evidence.

For every context-free flag the answer is read five ways:

* **patterns** — precise wordings kept as data (``signals.v1.yaml``); a hit is vetoed when one of
  the flag's guards overlaps it ("I own the onboarding process" is not a business of one's own),
  and, for a flag about goals, when it sits in a clause that tells the speaker's past ("I've
  spent four years in private practice" is background, not a plan);
* **sentence meaning** — a linear head over each sentence's MiniLM vector, trained on the flag's
  prototype banks (``prototypes.v1.yaml``: the flag said many ways, and innocent sentences that
  share its words) and on the corpus's train split. The best-scoring sentence speaks for the
  answer, and the evidence names the prototype closest to it;
* **answer meaning** — a linear head over the whole answer's vector, for flags that are about
  the answer as a whole (``generic``, ``title_only``);
* **specificity** — how many direction, capability and impact phrases the answer names (a
  generic answer names few; a specific one is seldom generic, however polished); for
  ``title_only`` only the phrases that name more than a job title count;
* **shape** — ``title_only``, ``generic``, ``over_planned``, ``unrealistic``, ``leaving_soon``,
  ``off_topic`` and ``negative`` also read the answer's build, as a number from 0 to 1 (for
  ``unrealistic``: a first rung of a career now, and the top of the field within five years or
  a management title within one; for ``title_only``: a title and no work named, fading as the
  answer grows longer around it; for ``leaving_soon``: a short stay and a departure in the same
  or neighbouring sentences; for ``off_topic``: no aim stated at all, in the grammar of wanting
  or planning; for ``negative``: the speaker's own workplace judged in one sentence).

``over_planned`` is never raised for an answer that names fewer than two points in time and
says nothing of a plan: one target ("VP by thirty") is not over-planning.

A logistic model per flag weighs them into one probability; the flag is raised at the flag's
calibrated threshold. Every coefficient lives in ``calibration.v1.json``, fitted on the train
split by ``scripts/calibrate.py``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from aspira.analysis.horizon import TimeMention
from aspira.analysis.semantic import BankVectors, Matrix, Meaning
from aspira.analysis.signals import Hit, specific_count, work_count
from aspira.analysis.text import Doc
from aspira.knowledge.calibration import FlagModel, LinearHead
from aspira.knowledge.signals import CompiledFlag, background_guards, flag_patterns

CONTEXT_FLAGS = frozenset({"mission_conflict", "culture_mismatch"})
FLAG_FEATURES = ("sentence", "answer", "pattern", "guard", "shape", "specific")
SPECIFIC_FULL = 6  # direction, capability and impact phrases at which `specific` reaches 1


@dataclass(frozen=True)
class Found:
    id: str
    spans: tuple[tuple[int, int], ...]
    matched: str


@dataclass(frozen=True)
class FlagEvidence:
    """What one flag's three readers saw in one answer, before the decision."""

    id: str
    values: dict[str, float]
    pattern_spans: tuple[tuple[int, int], ...]
    sentence: int | None  # index of the best-scoring sentence


Spans = list[tuple[int, int]]


def _past_spans(norm: str) -> Spans:
    """Where the answer tells the speaker's past: the `background` guards' matches."""
    return [(m.start(), m.end()) for pat in background_guards() for m in pat.finditer(norm)]


def _guard_spans(spec: CompiledFlag, norm: str, past: Spans) -> Spans:
    """Where the flag's guards match, each guard on its own (one pass when none occurs), and
    the answer's ``past`` clauses for a flag about goals."""
    spans = past if spec.background else []
    if spec.any_guard is None or not spec.any_guard.occurs(norm):
        return spans
    return spans + [(m.start(), m.end()) for pat in spec.guards for m in pat.finditer(norm)]


def _guarded(guards: Spans, start: int, end: int) -> bool:
    return any(g_start < end and start < g_end for g_start, g_end in guards)


def guard_in_sentence(fid: str, doc: Doc, sentence: int | None) -> bool:
    """Whether one of flag ``fid``'s guards matches within sentence ``sentence`` of ``doc``: the
    ``guard`` feature as :func:`read_flags` reads it, there for the sentence the flag's sentence
    head picks (calibration asks it for the sentence an out-of-fold head picks)."""
    guards = _guard_spans(flag_patterns()[fid], doc.norm, _past_spans(doc.norm))
    return _guarded_sentence(guards, doc, sentence)


def _guarded_sentence(guards: Spans, doc: Doc, sentence: int | None) -> bool:
    if sentence is None:
        return False
    where = doc.sentences[sentence]
    return _guarded(guards, where.start, where.end)


def _pattern_spans(spec: CompiledFlag, norm: str, guards: Spans) -> Spans:
    if spec.patterns is None:
        return []
    return sorted({s for s in spec.patterns.spans(norm) if not _guarded(guards, *s)})


# A head's weights as an array, made once per head (the calibration lives for the process).
_HEAD_WEIGHTS: dict[int, tuple[LinearHead, npt.NDArray[np.float64]]] = {}


def _head(head: LinearHead | None, rows: Matrix) -> npt.NDArray[np.float64]:
    if head is None or not len(rows):
        return np.zeros(len(rows), dtype=np.float64)
    cached = _HEAD_WEIGHTS.get(id(head))
    if cached is None or cached[0] is not head:
        cached = _HEAD_WEIGHTS[id(head)] = (head, np.asarray(head.weights, dtype=np.float64))
    return rows.astype(np.float64) @ cached[1] + head.bias


def _nearest(bank: BankVectors | None, vector: Matrix) -> tuple[str, float]:
    """The positive prototype closest to ``vector``, and its similarity."""
    if bank is None or not len(bank.positive):
        return "", 0.0
    sims = bank.positive_matrix @ vector
    j = int(np.argmax(sims))
    return bank.positive[j], float(sims[j])


def read_flags(
    doc: Doc,
    hits: dict[str, list[Hit]],
    meaning: Meaning,
    shape: dict[str, float],
    models: dict[str, FlagModel],
) -> list[FlagEvidence]:
    """Every context-free flag's evidence features, in flag-id order."""
    out = []
    specific = round(min(1.0, specific_count(hits) / SPECIFIC_FULL), 6)
    # for title_only, a phrase that only names the title again is not work behind it
    work = round(min(1.0, work_count(hits, doc.norm) / SPECIFIC_FULL), 6)
    past = _past_spans(doc.norm)
    for fid, spec in flag_patterns().items():
        if fid in CONTEXT_FLAGS:
            continue
        guards = _guard_spans(spec, doc.norm, past)
        if fid == "negative":
            spans = [
                (h.start, h.end) for h in hits["negative"] if not _guarded(guards, h.start, h.end)
            ]
        else:
            spans = _pattern_spans(spec, doc.norm, guards)
        model = models.get(fid)
        sentence_scores = _head(model.sentence if model else None, meaning.sentences)
        sentence: int | None = None
        best = -10.0
        if len(sentence_scores):
            sentence = int(np.argmax(sentence_scores))
            best = float(sentence_scores[sentence])
        answer = _head(model.answer if model else None, meaning.answer[None, :])
        guard = _guarded_sentence(guards, doc, sentence)
        values = {
            "sentence": round(best, 6),
            "answer": round(float(answer[0]), 6),
            "pattern": 1.0 if spans else 0.0,
            "guard": 1.0 if guard else 0.0,
            "shape": (
                _aimed(doc, hits, spans, guards)
                if fid == "negative"
                else round(float(shape.get(fid, 0.0)), 6)
            ),
            "specific": work if fid == "title_only" else specific,
        }
        out.append(FlagEvidence(fid, values, tuple(spans), sentence))
    return out


def _aimed(doc: Doc, hits: dict[str, list[Hit]], judged: Spans, guards: Spans) -> float:
    """The `negative` flag's shape: 1 when one sentence names the speaker's own workplace
    (a manager, the leadership, "my current place") and judges it, with a judging word that no
    guard explains away or a criticism said plainly ("rewrites my work without a word")."""
    criticism = [
        (h.start, h.end) for h in hits["criticism"] if not _guarded(guards, h.start, h.end)
    ]
    judging = [*judged, *criticism]
    for sentence in doc.sentences:
        start, end = sentence.start, sentence.end
        aimed = any(start <= h.start < end for h in hits["own_workplace"])
        if aimed and any(start <= at < end for at, _ in judging):
            return 1.0
    return 0.0


def probability(model: FlagModel, values: dict[str, float]) -> float:
    z = model.intercept + sum(w * values.get(name, 0.0) for name, w in model.weights.items())
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def decide(
    evidence: list[FlagEvidence],
    models: dict[str, FlagModel],
    doc: Doc,
    hits: dict[str, list[Hit]],
    mentions: list[TimeMention],
    meaning: Meaning,
    banks: dict[str, BankVectors],
) -> list[Found]:
    """The flags whose calibrated probability reaches their threshold, with evidence spans.

    The prototype a sentence resembles is looked up only for flags that are raised."""
    found: list[Found] = []
    for ev in evidence:
        model = models.get(ev.id)
        if model is None or probability(model, ev.values) < model.threshold:
            continue
        if ev.pattern_spans:
            spans, matched = list(ev.pattern_spans), "pattern"
        elif ev.sentence is not None and ev.values["sentence"] > 0:
            sent = doc.sentences[ev.sentence]
            spans = [(sent.start, sent.end)]
            prototype, _ = _nearest(banks.get(ev.id), meaning.sentences[ev.sentence])
            matched = f"close in meaning to “{prototype}”" if prototype else "meaning"
        else:
            spans, matched = _shape_evidence(ev.id, doc, hits, mentions), "answer shape"
        found.append(Found(ev.id, tuple(spans[:3]), matched))
    return _without_shadowed(found)


# A bare title that is the interviewer's own seat, or wanted for pay or status, is already
# named by the sharper flag; saying "title only" as well would count the same words twice.
SHADOWS = {"title_only": ("wants_interviewers_job", "money_or_title_only")}


def _without_shadowed(found: list[Found]) -> list[Found]:
    ids = {f.id for f in found}
    return [f for f in found if not any(s in ids for s in SHADOWS.get(f.id, ()))]


def _shape_evidence(
    fid: str, doc: Doc, hits: dict[str, list[Hit]], mentions: list[TimeMention]
) -> list[tuple[int, int]]:
    source = {
        "title_only": hits.get("title", []),
        "generic": hits.get("generic", []),
        "over_planned": [Hit(m.start, m.end) for m in mentions if not m.vague],
        "unrealistic": [
            *hits.get("entry_level", [])[:1],
            *(hits.get("top_level") or hits.get("grandiose") or hits.get("management", []))[:1],
        ],
        "leaving_soon": [*hits.get("short_stay", [])[:1], *hits.get("departure", [])[:1]],
        "negative": [*hits.get("own_workplace", [])[:1], *hits.get("criticism", [])[:1]],
    }.get(fid, [])
    spans = [(h.start, h.end) for h in source]
    if not spans and doc.sentences:
        first = doc.sentences[0]
        spans = [(first.start, first.end)]
    return spans
