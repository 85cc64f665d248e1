"""What scoring with a company embeds, and that the shortcuts never change a result.

The context prototypes come from the shipped vectors file; an answer sentence reuses the meaning
layer's vector; a clause is pooled from the token vectors of the meaning layer's own model call
(no call of its own); clauses no prototype could match are not pooled. Cached vectors must be the
bytes a fresh call returns.
"""

from __future__ import annotations

import numpy as np
import pytest

from aspira.analysis import context as ctx
from aspira.analysis import semantic
from aspira.analysis.pipeline import score
from aspira.analysis.semantic import (
    clear_caches,
    context_texts,
    embed,
    embedder,
    knowledge_vectors,
    library,
    read,
    span_vectors,
)
from aspira.analysis.text import make_doc
from aspira.company.model import ArchetypeScore, Company, Fact
from aspira.errors import BackendError

STUDIO = Company(
    name="Lumen Studio",
    mission=Fact(
        value="We set trends in brand design.",
        evidence="Our mission is to set trends in brand design and experiment without fear.",
    ),
    archetypes=[
        ArchetypeScore(
            id="innovative", confidence=0.85, evidence=["We ship experiments every week."]
        )
    ],
)
WILD = Company(
    name="Fenmoor Wildlife Trust",
    mission=Fact(
        value="Protect endangered wildlife.",
        evidence="Our mission is to protect endangered wildlife and restore wetland habitats.",
    ),
    archetypes=[
        ArchetypeScore(
            id="mission_driven",
            confidence=0.8,
            evidence=["Every decision starts from what is best for wildlife."],
        )
    ],
)
BANK = Company(
    name="Harrow Mutual",
    mission=Fact(
        value="Protect members' savings.",
        evidence="For a century our purpose has been to protect our members' savings.",
    ),
    archetypes=[
        ArchetypeScore(
            id="traditional", confidence=0.82, evidence=["We value long service and care."]
        )
    ],
)
PLAIN = Company(name="Northwind Services")  # no mission, values or culture

# Answers that share sentences, as the composer's main answer and alternatives do.
SHARED = "I want stability, but I also want to learn: routine work suits me, however dull."
ANSWERS = [
    f"In five years I want to lead a design team. {SHARED} I enjoy mentoring juniors.",
    f"{SHARED} My long-term aspiration is to lead hunting expeditions, not desk work.",
    f"I'd like to grow into a creative director; I love trying new styles. {SHARED}",
    "I never want to deal with customers, and I don't care what the company stands for.",
]


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    clear_caches()


def test_context_prototypes_are_shipped_in_the_vectors_file() -> None:
    texts = context_texts()
    assert texts and len(texts) == len(set(texts))
    assert set(texts) <= set(library().context)
    shipped = knowledge_vectors(texts)
    fresh = embedder().embed(texts)
    assert shipped.shape == fresh.shape
    assert np.allclose(shipped, fresh, atol=1e-5)


def test_shipped_prototypes_are_not_embedded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(texts: list[str]) -> np.ndarray:
        raise AssertionError(f"embedded again: {texts[:3]}")

    monkeypatch.setattr(semantic, "embed", refuse)
    knowledge_vectors(context_texts())


def test_a_text_missing_from_the_vectors_file_is_embedded() -> None:
    texts = [context_texts()[0], "a prototype nobody shipped"]
    rows = knowledge_vectors(texts)
    assert np.array_equal(rows[1], embed(["a prototype nobody shipped"])[0])
    assert np.array_equal(rows[0], library().context[texts[0]])


def test_embed_cache_returns_the_bytes_of_a_fresh_call() -> None:
    texts = ["I want to lead a team.", "Stability matters to me", "I want to lead a team."]
    fresh = embedder().embed(texts)
    first = embed(texts)  # fills the cache
    mixed = embed(["something new entirely", texts[1], texts[0]])  # partly cached
    assert first.tobytes() == fresh.tobytes()
    assert mixed[1].tobytes() == fresh[1].tobytes()
    assert mixed[2].tobytes() == fresh[0].tobytes()
    assert mixed[0].tobytes() == embedder().embed(["something new entirely"])[0].tobytes()
    cached = embed(texts)
    cached_copy = cached.copy()
    cached[0] = 0.0  # a caller changing its rows does not change the cache
    assert embed(texts).tobytes() == cached_copy.tobytes()


def test_span_vectors_cache_returns_the_bytes_of_a_fresh_call() -> None:
    text = "i want stability, but i also want to learn: routine work suits me, however dull."
    spans = [(0, 16), (18, 42), (44, 65), (67, 79)]
    first = span_vectors(text, spans)
    again = span_vectors(text, spans)
    clear_caches()
    fresh = span_vectors(text, spans)
    assert first.tobytes() == again.tobytes() == fresh.tobytes()
    expected = embed([text[a:b] for a, b in spans])  # each alone: equal to float rounding
    assert np.allclose(first, expected, atol=1e-5)


def test_whole_sentences_reuse_the_meaning_vectors() -> None:
    doc = make_doc(ANSWERS[0])
    meaning = read(doc)
    units = ctx._units(doc)
    rows = ctx._unit_vectors(doc, meaning, units)
    wholes = [i for i, u in enumerate(units) if u.whole]
    assert len(wholes) == len(doc.sentences)
    for i in wholes:
        assert rows[i].tobytes() == meaning.sentences[units[i].sentence].tobytes()


def test_clauses_are_pooled_from_the_meaning_layers_call(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = make_doc(ANSWERS[0])
    meaning = read(doc)
    model = embedder()

    def refuse(*args: object) -> None:
        raise AssertionError("a clause was read in a model call of its own")

    monkeypatch.setattr(model, "_read_texts", refuse)
    monkeypatch.setattr(semantic, "span_vectors", refuse)
    units = ctx._units(doc)
    rows = ctx._unit_vectors(doc, meaning, units)
    clauses = [i for i, u in enumerate(units) if not u.whole]
    assert len(clauses) >= 4
    spans = [(s.start, s.end) for s in doc.sentences]
    kept = model.embed_span_tokens(doc.cased, spans)
    for i in clauses:
        unit = units[i]
        tokens = kept[unit.sentence]
        inside = (tokens.offsets[:, 0] >= unit.start) & (tokens.offsets[:, 1] <= unit.end)
        mean = tokens.vectors[inside].mean(axis=0)
        assert np.allclose(rows[i], mean / np.linalg.norm(mean), atol=1e-6)
        assert abs(float(np.linalg.norm(rows[i])) - 1.0) < 1e-5
    # read in their sentence, not alone: close, not the same
    alone = embed([doc.cased[units[i].start : units[i].end] for i in clauses])
    cosines = (rows[clauses] * alone).sum(axis=1)
    assert (cosines > 0.4).all() and (cosines < 0.999).any()


def test_a_clause_past_the_sentences_256_word_pieces_is_read_alone() -> None:
    filler = " ".join(["we ship the weekly routine report on time"] * 40)
    answer = f"I want a stable routine: {filler}, however dull, and I never want change."
    doc = make_doc(answer)
    assert len(doc.sentences) == 1
    units = ctx._units(doc)
    rows = ctx._unit_vectors(doc, read(doc), units)
    last = units[-1]
    assert doc.norm[last.start : last.end] == "and i never want change"
    sentence = doc.sentences[0]
    alone = span_vectors(
        doc.norm[sentence.start : sentence.end],
        [(units[i].start - sentence.start, units[i].end - sentence.start)
         for i, u in enumerate(units) if not u.whole and u.start > 1500],
    )  # fmt: skip
    assert rows[-1].tobytes() == alone[-1].tobytes()
    assert rows[1].any() and abs(float(np.linalg.norm(rows[1])) - 1.0) < 1e-5


@pytest.mark.parametrize("company", [STUDIO, WILD, BANK, PLAIN])
def test_scores_do_not_depend_on_what_was_scored_before(company: Company) -> None:
    alone = []
    for answer in ANSWERS:
        clear_caches()
        ctx.clear_company_cache()
        alone.append(score(answer, company=company).to_json())
    clear_caches()
    after_others = [score(answer, company=company).to_json() for answer in ANSWERS]
    in_reverse = [score(answer, company=company).to_json() for answer in reversed(ANSWERS)]
    assert after_others == alone
    assert in_reverse == list(reversed(alone))


@pytest.mark.parametrize("company", [STUDIO, WILD, BANK, PLAIN])
def test_clauses_left_unread_could_not_have_matched(
    company: Company, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [
        *ANSWERS,
        "I do not want to hunt; I want to stop poaching, rather than track people.",
    ]
    if company in (BANK, PLAIN):  # these leave some clauses unread
        vectors, archetype = ctx._company_vectors(company), ctx._primary(company)
        docs = [make_doc(a) for a in answers]
        kept = sum(len(ctx._comparable_units(d, vectors, archetype)) for d in docs)
        assert kept < sum(len(ctx._units(d)) for d in docs)
    pruned = [score(answer, company=company).to_json() for answer in answers]
    monkeypatch.setattr(ctx, "_comparable_units", lambda doc, vectors, archetype: ctx._units(doc))
    every = [score(answer, company=company).to_json() for answer in answers]
    assert pruned == every


def test_a_company_without_themes_or_culture_reads_no_clause() -> None:
    doc = make_doc(ANSWERS[1])
    vectors = ctx._company_vectors(PLAIN)
    assert not vectors.themes and ctx._primary(PLAIN) is None
    assert ctx._comparable_units(doc, vectors, None) == []


def test_reading_ahead_leaves_the_sentences_read_and_every_score_unchanged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = embedder()
    clear_caches()
    model.clear_cache()
    before = [score(a, company=STUDIO).model_dump_json() for a in ANSWERS]
    clear_caches()
    model.clear_cache()
    with semantic.read_ahead(ANSWERS[1:]):
        after = [score(a, company=STUDIO).model_dump_json() for a in ANSWERS]
    assert after == before
    # the thread read every sentence of the answers it was given: reading them again runs no call
    clear_caches()

    def refuse(*args: object) -> None:
        raise AssertionError("a sentence read ahead was read again")

    monkeypatch.setattr(model, "_read_texts", refuse)
    for answer in ANSWERS[1:]:
        read(make_doc(answer))


def test_reading_ahead_leaves_errors_to_the_callers_own_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = embedder()
    model.clear_cache()

    def broken(*args: object) -> None:
        raise BackendError("the model cannot run here")

    monkeypatch.setattr(model, "_read_texts", broken)
    with semantic.read_ahead(ANSWERS):
        pass  # the thread's error is not raised here
    clear_caches()
    with pytest.raises(BackendError, match="cannot run"):
        read(make_doc(ANSWERS[0]))  # but by the caller's own read
