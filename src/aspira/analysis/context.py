"""Scoring with company context: fit by meaning, mission conflicts and culture mismatches.

The same aspiration wins or loses with the company: a hunting ambition at a wildlife charity, a
plea for stability at a trend-setting studio. Given an answer (its :class:`Doc` and sentence
vectors) and a :class:`~aspira.company.model.Company`, this module reads three things, all
driven by ``knowledge/data/context.v1.yaml``:

* **Fit signal (0–100).** Each answer sentence is compared by meaning with the company's short
  texts — the mission, each value, each offer of the role, the role title and the evidence for
  its primary culture. The mean of the two best sentence matches is scaled between ``floor`` and
  ``full`` onto ``meaning_points``; naming the company or the role adds ``name_points`` /
  ``role_points``. A mission conflict caps the signal at ``conflict_cap``; a culture mismatch
  takes ``mismatch_penalty`` off. Evidence pairs an answer sentence with the company sentence
  it matched.
* **mission_conflict.** A company carries the mission themes whose cues occur in its mission or
  values (or twice in its page text), or whose description is close in meaning to its mission or
  values. Each sentence and clause of the answer is compared with the theme's conflict
  prototypes and its aligned ones; one at least ``threshold`` close to a conflict (or
  ``unanchored_threshold`` when none of the theme's terms occurs in it) that beats the nearest
  aligned prototype by ``margin`` conflicts — unless a negation cue turns it round ("stop
  poaching", "rather than tracking people"): a cue before the clause's first term of the theme
  (or anywhere, when it has none, or a trailing one such as "isn't for me") negates it, and a
  clause is compared only with the prototypes negated the same way ("I never want to deal with
  customers" is "I do not care about them"). A clause does not count when its whole sentence is
  closer to the aligned prototypes than to the conflicts by more than ``margin`` ("… ward
  management, where I can shape staffing, standards and the culture of a unit" is not "slash
  staffing"), and the aligned prototypes include hard negatives, ambitions said in the theme's
  own words.
* **culture_mismatch.** The same reading against the clashing and fitting working styles of the
  company's primary archetype, when its confidence is at least ``min_confidence``.

Both flags name the answer clause in their spans and the company sentence in ``matched``.

What is embedded, and when: the prototypes ship in ``knowledge/data/vectors.v1.npz`` with the
rest of the knowledge (embedded in-process only if that file is stale); the company's texts once
per distinct company (cached by content); an answer sentence is the vector the meaning layer
already read for it (:class:`~aspira.analysis.semantic.Meaning`, the sentence with its end
punctuation). A clause is the mean of the token vectors of its word pieces, read in the context of
its whole sentence by the same model call that read the sentence for the meaning layer (the
embedder keeps the tokens of recent sentences: ``MiniLMEmbedder.embed_span_tokens``), so
clauses cost no model call. An embedder without token vectors reads the
clauses of a sentence in one ``embed_spans`` call each, cached by sentence and clauses. A clause
that no prototype of the same polarity could match is not pooled at all.

A clause read in its sentence is not the clause read alone (mean cosine 0.81 between the two on
the clauses of the flag examples in ``tests/analysis/test_context.py``): its words also carry the
rest of the sentence. The thresholds were kept (measured in ``benchmarks/compose_results.md``):
every flag example is still found and no hard negative flagged, and fewer composed answers come
near a threshold, though a clash said in one clause of a longer sentence is found a little less
often.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache

import numpy as np

from aspira.analysis.flags import Found
from aspira.analysis.semantic import (
    Matrix,
    Meaning,
    embed,
    embedder,
    knowledge_vectors,
    span_vectors,
)
from aspira.analysis.text import Doc, normalise
from aspira.company.model import Archetype, Company
from aspira.knowledge.context import CompiledContext, compiled_context, context_data

ARCHETYPE_LABELS: dict[str, str] = {
    "innovative": "innovative",
    "traditional": "stable, traditional",
    "mission_driven": "mission-driven",
    "fast_growth": "fast-growth",
    "customer_centric": "customer-centric",
    "collaborative": "collaborative",
}
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s-\s|\b(?:but|however|whereas|although|though|yet)\b")
_TEXT_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_NAME_SUFFIX = re.compile(
    r"\s+(?:ltd|limited|inc|llc|plc|gmbh|co|corp|group|trust|foundation|the)\.?$", re.IGNORECASE
)
_ROLE_STOP = frozenset(
    {"senior", "junior", "lead", "head", "officer", "manager", "assistant", "associate", "and",
     "the", "for", "of", "intern", "principal", "staff", "graduate", "trainee", "level"}
)  # fmt: skip
_CACHE_SIZE = 64


@dataclass(frozen=True)
class FitMatch:
    """An answer sentence close in meaning to one of the company's texts."""

    span: tuple[int, int]
    kind: str  # mission, value, offer, role, culture
    company_text: str
    similarity: float


@dataclass(frozen=True)
class Context:
    """What the company context says about one answer."""

    company: str
    signal: int
    matches: tuple[FitMatch, ...]
    mentions: tuple[tuple[int, int, str], ...]
    found: tuple[Found, ...]
    themes: tuple[str, ...]
    archetype: str | None


@dataclass(frozen=True)
class _Unit:
    """A clause of the answer, as character offsets into the document."""

    start: int
    end: int
    sentence: int = 0  # the index of the sentence holding it
    whole: bool = False  # the whole sentence (trimmed), not one of its clauses


@dataclass(frozen=True)
class _CompanyVectors:
    texts: tuple[tuple[str, str], ...]  # (kind, text) for fit
    matrix: Matrix
    themes: tuple[tuple[str, str], ...]  # (theme id, the company sentence that carries it)


@dataclass(frozen=True)
class _Bank:
    texts: tuple[str, ...]
    matrix: Matrix
    negated: tuple[bool, ...] = ()  # per text, for banks read with a theme's or style's terms


def read_context(doc: Doc, meaning: Meaning, company: Company) -> Context:
    """Fit signal, evidence and context flags for one answer against one company."""
    rules = context_data()
    vectors = _company_vectors(company)
    archetype = _primary(company)
    units = _comparable_units(doc, vectors, archetype)
    unit_matrix = _unit_vectors(doc, meaning, units) if units else None
    found: list[Found] = []
    conflict = _mission_conflict(doc, units, unit_matrix, vectors)
    if conflict is not None:
        found.append(conflict)
    mismatch = _culture_mismatch(doc, units, unit_matrix, company, archetype)
    if mismatch is not None:
        found.append(mismatch)
    matches = _fit_matches(doc, meaning, vectors)
    mentions = _mentions(doc, company)
    signal = _signal(matches, mentions, conflict is not None, mismatch is not None)
    flagged = [span for f in found for span in f.spans]
    shown = tuple(
        m
        for m in matches
        if m.similarity >= rules.fit.evidence_min
        and not any(s < m.span[1] and m.span[0] < e for s, e in flagged)
    )[:2]
    return Context(
        company=company.name,
        signal=signal,
        matches=shown,
        mentions=tuple(mentions),
        found=tuple(found),
        themes=tuple(t for t, _ in vectors.themes),
        archetype=archetype,
    )


def blend_fit(answer_score: float, signal: float) -> int:
    """``fit`` with context = (1 - blend) * fit from the answer alone + blend * signal."""
    blend = context_data().fit.blend
    value = (1.0 - blend) * answer_score + blend * signal
    return round(min(100.0, max(0.0, value)))


# --- the company's side ------------------------------------------------------------------------


def _company_vectors(company: Company) -> _CompanyVectors:
    texts = _fit_texts(company)
    key = (texts, _theme_sources(company), company.text)
    cached = _VECTORS.get(key)
    if cached is None:
        matrix = embed([t for _, t in texts]) if texts else np.zeros((0, 1), np.float32)
        cached = _CompanyVectors(texts, matrix, _themes(company))
        _VECTORS[key] = cached
        while len(_VECTORS) > _CACHE_SIZE:
            _VECTORS.popitem(last=False)
    else:
        _VECTORS.move_to_end(key)
    return cached


_VECTORS: OrderedDict[tuple[object, ...], _CompanyVectors] = OrderedDict()


def clear_company_cache() -> None:
    """Forget the embedded texts of every company (benchmarks time a company never seen)."""
    _VECTORS.clear()


def _fit_texts(company: Company) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    if company.mission is not None:
        out.append(("mission", _one_line(company.mission.evidence or company.mission.value)))
    out += [("value", _one_line(v.evidence or v.value)) for v in company.values]
    out += [("offer", _one_line(o.evidence or o.value)) for o in company.offers]
    if company.role_title is not None:
        out.append(("role", _one_line(company.role_title.value)))
    top = company.archetypes[0] if company.archetypes else None
    if top is not None and top.confidence >= context_data().culture_mismatch.min_confidence:
        out += [("culture", _one_line(e)) for e in top.evidence[:3]]
    seen: set[str] = set()
    unique = []
    for kind, text in out:
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            unique.append((kind, text))
    return tuple(unique)


def _theme_sources(company: Company) -> tuple[str, ...]:
    """The company's own statements of purpose: mission, then values (sentence and name)."""
    out = []
    if company.mission is not None:
        out.append(_one_line(company.mission.evidence or company.mission.value))
        out.append(_one_line(company.mission.value))
    for v in company.values:
        out.append(_one_line(v.evidence or v.value))
    return tuple(t for t in out if t)


def _themes(company: Company) -> tuple[tuple[str, str], ...]:
    """Mission themes the company carries, each with the company sentence that shows it."""
    compiled = compiled_context()
    rules = context_data().mission_conflict
    sources = _theme_sources(company)
    page = [_one_line(m.group(0)) for m in _TEXT_SENTENCE.finditer(company.text)]
    page = [s for s in page if len(s) > 3]
    described = _describe_similarity(sources)
    out = []
    for theme in compiled.themes:
        said = next((s for s in sources if _cued(theme.cues, s)), None)
        if said is None:
            cued = [s for s in page if _cued(theme.cues, s)]
            hits = sum(len(p.findall(normalise(s))) for s in cued for p in theme.cues)
            said = cued[0] if hits >= 2 else None
        if said is None and theme.id in described:
            sim, sentence = described[theme.id]
            said = sentence if sim >= rules.theme_similarity else None
        if said is not None:
            out.append((theme.id, said))
    return tuple(out)


def _describe_similarity(sources: tuple[str, ...]) -> dict[str, tuple[float, str]]:
    if not sources:
        return {}
    rows = embed(list(sources))
    out = {}
    for tid, bank in _theme_banks().items():
        sims = rows @ bank.matrix.T
        i, _ = np.unravel_index(int(np.argmax(sims)), sims.shape)
        out[tid] = (float(sims.max()), sources[int(i)])
    return out


def _cued(cues: tuple[re.Pattern[str], ...], text: str) -> bool:
    norm = normalise(text)
    return any(p.search(norm) for p in cues)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _primary(company: Company) -> Archetype | None:
    if not company.archetypes:
        return None
    top = max(company.archetypes, key=lambda a: a.confidence)
    return top.id if top.confidence >= context_data().culture_mismatch.min_confidence else None


# --- prototypes --------------------------------------------------------------------------------


def _bank(texts: list[str], terms: re.Pattern[str] | None = None) -> _Bank:
    """Prototypes with their shipped vectors, and which of them are negated (read with
    ``terms``, as :func:`_best_clause` reads them)."""
    compiled = compiled_context()
    lowered = [t.lower() for t in texts]
    negated = () if terms is None else tuple(_negated(t, terms, compiled) for t in lowered)
    return _Bank(tuple(texts), knowledge_vectors(lowered), negated)


@cache
def _theme_banks() -> dict[str, _Bank]:
    return {tid: _bank(t.describe) for tid, t in context_data().mission_conflict.themes.items()}


@cache
def _conflict_banks() -> dict[str, tuple[_Bank, _Bank]]:
    themes = context_data().mission_conflict.themes
    terms = {t.id: t.terms for t in compiled_context().themes}
    return {tid: (_bank(t.conflicts, terms[tid]), _bank(t.aligned)) for tid, t in themes.items()}


@cache
def _style_banks() -> dict[str, tuple[_Bank, _Bank]]:
    styles = context_data().culture_mismatch.archetypes
    terms = compiled_context().style_terms
    return {aid: (_bank(s.clashes, terms[aid]), _bank(s.fits)) for aid, s in styles.items()}


# --- the answer's side -------------------------------------------------------------------------


def _comparable_units(
    doc: Doc, vectors: _CompanyVectors, archetype: Archetype | None
) -> list[_Unit]:
    """The units :func:`_best_clause` can compare with a bank this company uses: those with a
    prototype said the same way round (negated or not). The others are never embedded."""
    compiled = compiled_context()
    terms = {t.id: t.terms for t in compiled.themes}
    checks = [(_conflict_banks()[tid][0], terms[tid]) for tid, _ in vectors.themes]
    if archetype is not None:
        checks.append((_style_banks()[archetype][0], compiled.style_terms[archetype]))
    return [
        unit
        for unit in _units(doc)
        if any(
            _negated(doc.norm[unit.start : unit.end], pattern, compiled) in bank.negated
            for bank, pattern in checks
        )
    ]


def _unit_vectors(doc: Doc, meaning: Meaning, units: list[_Unit]) -> Matrix:
    """A whole sentence is the meaning layer's vector for it; a clause is the normalised mean of
    its sentence's token vectors that fall within it, from the model call that read the sentence
    for the meaning layer (the embedder keeps its tokens). An embedder without token vectors
    reads the clauses of a sentence in one ``embed_spans`` call (cached by text and clauses)."""
    rows = np.zeros((len(units), meaning.answer.shape[-1]), dtype=np.float32)
    clauses: dict[int, list[int]] = {}
    for i, unit in enumerate(units):
        if unit.whole and unit.sentence < len(meaning.sentences):
            rows[i] = meaning.sentences[unit.sentence]
        else:
            clauses.setdefault(unit.sentence, []).append(i)
    if not clauses:
        return rows
    by_tokens = getattr(embedder(), "embed_span_tokens", None)
    if by_tokens is not None:
        # The spans the meaning layer read (semantic.read): the embedder still holds their tokens.
        read = by_tokens(doc.cased, [(s.start, s.end) for s in doc.sentences])
        for index, members in list(clauses.items()):
            left = []
            for i in members:
                pooled = read[index].pooled(units[i].start, units[i].end)
                norm = 0.0 if pooled is None else float(np.linalg.norm(pooled))
                if pooled is not None and norm > 0:
                    rows[i] = pooled / norm
                else:  # past the 256 word pieces the sentence was cut at: read alone
                    left.append(i)
            clauses[index] = left
    for index, members in clauses.items():
        if not members:
            continue
        sentence = doc.sentences[index]
        spans = [(units[i].start - sentence.start, units[i].end - sentence.start) for i in members]
        rows[members] = span_vectors(doc.cased[sentence.start : sentence.end], spans)
    return rows


def _units(doc: Doc) -> list[_Unit]:
    """Sentences, and the clauses of a sentence cut at , ; : and contrastive words."""
    out = []
    for index, sentence in enumerate(doc.sentences):
        whole = _trimmed(doc.norm, sentence.start, sentence.end)
        if whole is not None:
            out.append(_Unit(whole.start, whole.end, index, whole=True))
        start, clauses = sentence.start, []
        cuts = [m for m in _CLAUSE_BREAK.finditer(doc.norm, sentence.start, sentence.end)]
        for m in [*cuts, None]:
            end = sentence.end if m is None else m.start()
            unit = _trimmed(doc.norm, start, end)
            if unit is not None:
                clauses.append(_Unit(unit.start, unit.end, index))
            if m is not None:
                start = m.start() if m.group(0).strip().isalpha() else m.end()
        if len(clauses) > 1:
            out += clauses
    return out


def _trimmed(text: str, start: int, end: int) -> _Unit | None:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip(" \t\n.!?\"'"))
    right = len(piece.rstrip(" \t\n.!?\"'"))
    if right - left < 3 or not re.search(r"[^\W\d_]{2}", piece):
        return None
    return _Unit(start + left, start + right)


def _negated(text: str, terms: re.Pattern[str], compiled: CompiledContext) -> bool:
    """A negation cue before the clause's first matching term (or anywhere if none matches),
    or a trailing negation anywhere ("… isn't for me")."""
    trailing, first = _negation_cues(text, compiled)
    if trailing:
        return True
    term = terms.search(text)
    return first < (term.start() if term is not None else len(text))


_CUES: OrderedDict[tuple[int, str], tuple[bool, int]] = OrderedDict()
_CUES_KEPT = 1024


def _negation_cues(text: str, compiled: CompiledContext) -> tuple[bool, int]:
    """Whether a trailing negation occurs in ``text``, and where its first leading negation cue
    starts (past the end when there is none). A clause is asked once per theme and archetype
    the company has, so the answers are kept for the last clauses seen."""
    key = (id(compiled), text)
    found = _CUES.get(key)
    if found is None:
        trailing = any(p.search(text) for p in compiled.negation_after)
        starts = [m.start() for p in compiled.negation if (m := p.search(text)) is not None]
        found = _CUES[key] = (trailing, min(starts, default=len(text) + 1))
        if len(_CUES) > _CUES_KEPT:
            _CUES.popitem(last=False)
    return found


def _best_clause(
    doc: Doc,
    units: list[_Unit],
    unit_matrix: Matrix | None,
    banks: tuple[_Bank, _Bank],
    terms: re.Pattern[str],
    thresholds: tuple[float, float],
    margin: float,
    compiled: CompiledContext,
) -> tuple[_Unit, str, float] | None:
    """The clause most like the bad prototypes, if it passes threshold, margin and negation.

    A clause of a sentence that, read whole, is closer to the good prototypes than to the bad
    ones by more than ``margin`` does not count: "where I can shape staffing" is a clause of a
    sentence about leading a ward's standards, not about cutting its staff.
    """
    if unit_matrix is None or not units:
        return None
    bad, good = banks
    bad_sims = unit_matrix @ bad.matrix.T
    good_sims = unit_matrix @ good.matrix.T
    # A clause is compared only with the prototypes that say it the same way round: "stop
    # poaching" is not "lead hunting expeditions", but "I never want to deal with customers"
    # is "I do not really care about customers".
    polarity = np.array(bad.negated)
    read: list[tuple[int, float, float] | None] = []  # per unit: best bad prototype, sim, rival
    for i, unit in enumerate(units):
        same = polarity == _negated(doc.norm[unit.start : unit.end], terms, compiled)
        if not same.any():
            read.append(None)
            continue
        j = int(np.argmax(np.where(same, bad_sims[i], -2.0)))
        read.append((j, float(bad_sims[i, j]), float(good_sims[i].max())))
    lean = {
        unit.sentence: hit[1] - hit[2]
        for unit, hit in zip(units, read, strict=True)
        if unit.whole and hit is not None
    }
    best: tuple[_Unit, str, float] | None = None
    for unit, hit in zip(units, read, strict=True):
        if hit is None:
            continue
        j, sim, rival = hit
        needed = thresholds[0] if terms.search(doc.norm[unit.start : unit.end]) else thresholds[1]
        if sim < needed or sim - rival < margin:
            continue
        if not unit.whole and lean.get(unit.sentence, 0.0) < -margin:
            continue  # its sentence, read whole, says the opposite
        if best is None or sim > best[2]:
            best = (unit, bad.texts[j], sim)
    return best


def _mission_conflict(
    doc: Doc, units: list[_Unit], unit_matrix: Matrix | None, vectors: _CompanyVectors
) -> Found | None:
    rules = context_data().mission_conflict
    compiled = compiled_context()
    terms = {t.id: t.terms for t in compiled.themes}
    banks = _conflict_banks()
    best: tuple[_Unit, str, float, str] | None = None
    for tid, sentence in vectors.themes:
        hit = _best_clause(
            doc,
            units,
            unit_matrix,
            banks[tid],
            terms[tid],
            (rules.threshold, rules.unanchored_threshold),
            rules.margin,
            compiled,
        )
        if hit is not None and (best is None or hit[2] > best[2]):
            best = (*hit, sentence)
    if best is None:
        return None
    unit, prototype, _, sentence = best
    return Found(
        "mission_conflict",
        ((unit.start, unit.end),),
        f"conflicts with the mission: “{sentence}” (close to “{prototype}”)",
    )


def _culture_mismatch(
    doc: Doc,
    units: list[_Unit],
    unit_matrix: Matrix | None,
    company: Company,
    archetype: Archetype | None,
) -> Found | None:
    if archetype is None:
        return None
    rules = context_data().culture_mismatch
    compiled = compiled_context()
    hit = _best_clause(
        doc,
        units,
        unit_matrix,
        _style_banks()[archetype],
        compiled.style_terms[archetype],
        (rules.threshold, rules.unanchored_threshold),
        rules.margin,
        compiled,
    )
    if hit is None:
        return None
    unit, prototype, _ = hit
    top = next(a for a in company.archetypes if a.id == archetype)
    label = ARCHETYPE_LABELS[archetype]
    said = f"“{_one_line(top.evidence[0])}”" if top.evidence else f"{company.name}'s culture"
    return Found(
        "culture_mismatch",
        ((unit.start, unit.end),),
        f"clashes with the {label} culture: {said} (close to “{prototype}”)",
    )


# --- fit ---------------------------------------------------------------------------------------


def _fit_matches(doc: Doc, meaning: Meaning, vectors: _CompanyVectors) -> list[FitMatch]:
    """Each answer sentence's best company text, best first."""
    if not len(vectors.texts) or not len(meaning.sentences):
        return []
    sims = meaning.sentences @ vectors.matrix.T
    out = []
    for i, sentence in enumerate(doc.sentences[: len(sims)]):
        j = int(np.argmax(sims[i]))
        kind, text = vectors.texts[j]
        out.append(FitMatch((sentence.start, sentence.end), kind, text, float(sims[i, j])))
    return sorted(out, key=lambda m: (-m.similarity, m.span))


def _mentions(doc: Doc, company: Company) -> list[tuple[int, int, str]]:
    """Where the answer names the company or the role."""
    out = []
    names = {normalise(company.name).strip(), normalise(_NAME_SUFFIX.sub("", company.name))}
    for name in sorted(n.strip() for n in names if len(n.strip()) >= 3):
        m = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", doc.norm)
        if m is not None:
            out.append((m.start(), m.end(), f"names the company ({company.name})"))
            break
    if company.role_title is not None:
        span = _role_span(doc, company.role_title.value)
        if span is not None:
            out.append((*span, f"names the role ({company.role_title.value})"))
    return out


def _role_span(doc: Doc, title: str) -> tuple[int, int] | None:
    norm = normalise(title).strip()
    m = re.search(rf"(?<!\w){re.escape(norm)}(?!\w)", doc.norm) if norm else None
    if m is not None:
        return m.start(), m.end()
    words = [w for w in re.findall(r"[^\W\d_]+", norm) if len(w) >= 4 and w not in _ROLE_STOP]
    if len(words) < 2:  # one word ("Designer", "Field") is too common to count alone
        return None
    found = [re.search(rf"\b{re.escape(w)}\b", doc.norm) for w in words]
    if all(found):
        spans = [f for f in found if f is not None]
        return min(f.start() for f in spans), max(f.end() for f in spans)
    return None


def _signal(
    matches: list[FitMatch], mentions: list[tuple[int, int, str]], conflict: bool, mismatch: bool
) -> int:
    rules = context_data().fit
    top = [m.similarity for m in matches[:2]]
    mean = sum(top) / len(top) if top else rules.floor
    scaled = min(1.0, max(0.0, (mean - rules.floor) / (rules.full - rules.floor)))
    value = scaled * rules.meaning_points
    kinds = {why.split(" (")[0] for _, _, why in mentions}
    value += rules.name_points if "names the company" in kinds else 0.0
    value += rules.role_points if "names the role" in kinds else 0.0
    value = min(100.0, value)
    if conflict:
        value = min(value, rules.conflict_cap)
    if mismatch:
        value -= rules.mismatch_penalty
    return round(max(0.0, value))
