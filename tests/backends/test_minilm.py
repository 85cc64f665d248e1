"""The MiniLM (ONNX, int8) embedder: golden vectors, determinism, integrity checks, meaning."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aspira.backends.minilm as minilm_module
from aspira.backends.embedder import Embedder, packaged_model_dir
from aspira.backends.minilm import (
    MAX_TOKENS,
    MINILM_MODEL,
    MiniLMEmbedder,
    combine_pooled,
    minilm_embedder,
)
from aspira.errors import BackendError, DataError
from aspira.knowledge.names import name_reading

ANSWER_SENTENCES = [
    "Over the next five years I want to grow from a staff nurse into a clinical nurse specialist "
    "in paediatric oncology.",
    "I have spent three years on a general children's ward.",
    "The part of the job I am proudest of is helping families understand a treatment plan.",
]
ANSWER = " ".join(ANSWER_SENTENCES)


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    """The packaged model as it is, without the scorer's neutral reading of gendered words."""
    return MiniLMEmbedder()


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    path = packaged_model_dir(MINILM_MODEL) / "golden.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    out: np.ndarray = rows / norms
    return out


# --- contract ----------------------------------------------------------------------------------


def test_facts(minilm: MiniLMEmbedder) -> None:
    manifest = json.loads((minilm.model_dir / "manifest.json").read_text(encoding="utf-8"))
    assert isinstance(minilm, Embedder)
    assert minilm.dim == manifest["dim"] == 384
    assert minilm.max_tokens == manifest["max_tokens"] == MAX_TOKENS == 256
    assert minilm.name.startswith(f"{MINILM_MODEL}@") and len(minilm.name) == len(MINILM_MODEL) + 9
    assert MiniLMEmbedder().name == minilm.name
    scorer = minilm_embedder()
    assert minilm_embedder() is scorer
    assert re.fullmatch(
        re.escape(minilm.name)
        + r"\+neutral@[0-9a-f]{8}\+attributes@[0-9a-f]{8}\+names@[0-9a-f]{8}",
        scorer.name,
    )


def test_shape_dtype_and_unit_rows(minilm: MiniLMEmbedder) -> None:
    vectors = minilm.embed(["I want to lead a team.", ANSWER, "Nursing."])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32 and vectors.flags["C_CONTIGUOUS"]
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert minilm.embed([]).shape == (0, 384)
    pooled, counts = minilm.embed_pooled([])
    assert pooled.shape == (0, 384) and counts.shape == (0,)


def test_texts_without_word_pieces_give_zero_rows(minilm: MiniLMEmbedder) -> None:
    vectors = minilm.embed(["", "   \n\t", "I want to grow.", "\u200b"])
    assert np.isfinite(vectors).all()
    assert not vectors[0].any() and not vectors[1].any() and not vectors[3].any()
    assert np.linalg.norm(vectors[2]) == pytest.approx(1.0, abs=1e-5)
    pooled, counts = minilm.embed_pooled(["", "   ", "I want to grow."])
    assert counts.tolist() == [0, 0, 7]  # [CLS] i want to grow . [SEP]
    assert not pooled[:2].any()


def test_a_bare_string_is_rejected(minilm: MiniLMEmbedder) -> None:
    with pytest.raises(TypeError, match="single string"):
        minilm.embed("launch my own business")


def test_long_texts_are_cut_at_256_tokens(minilm: MiniLMEmbedder, golden: dict[str, Any]) -> None:
    longest = max(golden["probes"], key=lambda probe: probe["tokens"])
    assert longest["tokens"] == MAX_TOKENS
    text = longest["text"]
    pooled, counts = minilm.embed_pooled([text, text + " And one more sentence at the end."])
    assert counts.tolist() == [MAX_TOKENS, MAX_TOKENS]
    assert pooled[0].tobytes() == pooled[1].tobytes()  # the tail beyond the cut changes nothing


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=3))
def test_any_text_embeds_to_unit_or_zero_rows(texts: list[str]) -> None:
    vectors = minilm_embedder().embed(texts)
    assert vectors.shape == (len(texts), 384)
    assert np.isfinite(vectors).all()
    norms = np.linalg.norm(vectors, axis=1)
    assert np.all((np.abs(norms - 1.0) < 1e-5) | (norms == 0.0)), norms


# --- against the float64 reference (golden.json, written by scripts/build_minilm_onnx.py) ------


def test_golden_vectors(minilm: MiniLMEmbedder, golden: dict[str, Any]) -> None:
    probes = golden["probes"]
    assert len(probes) >= 40
    expected = _unit(np.array([probe["pooled"] for probe in probes], dtype=np.float64))
    pooled, counts = minilm.embed_pooled([probe["text"] for probe in probes])
    assert counts.tolist() == [probe["tokens"] for probe in probes]
    cosines = np.sum(_unit(pooled.astype(np.float64)) * expected, axis=1)
    worst = int(np.argmin(cosines))
    assert cosines.min() >= 0.985, f"{probes[worst]['text']!r}: cos {cosines[worst]:.4f}"
    assert cosines.mean() >= 0.995
    # The int8 graph keeps the scale of the reference too (pooled vectors are not normalised).
    ratio = np.linalg.norm(pooled, axis=1) / np.linalg.norm([p["pooled"] for p in probes], axis=1)
    assert np.all(np.abs(ratio - 1.0) < 0.1), ratio


# --- determinism -------------------------------------------------------------------------------


def test_a_texts_vector_does_not_depend_on_its_batch(minilm: MiniLMEmbedder) -> None:
    texts = ["start my own consulting firm", ANSWER, "lead the onboarding process", "Ok."]
    first = minilm.embed(texts)
    assert minilm.embed(texts).tobytes() == first.tobytes()  # twice
    for index, text in enumerate(texts):  # alone
        assert minilm.embed([text]).tobytes() == first[index : index + 1].tobytes()
    assert minilm.embed(texts[::-1]).tobytes() == first[::-1].tobytes()
    duplicated = minilm.embed([texts[0], texts[1], texts[0]])
    assert duplicated[2].tobytes() == duplicated[0].tobytes() == first[0].tobytes()
    pooled, _ = minilm.embed_pooled(texts)
    assert minilm.embed_pooled([texts[1]])[0].tobytes() == pooled[1:2].tobytes()


def test_a_fresh_load_gives_the_same_bytes(minilm: MiniLMEmbedder) -> None:
    texts = ["I want to become a head of department.", ANSWER]
    assert MiniLMEmbedder().embed(texts).tobytes() == minilm.embed(texts).tobytes()


def test_concurrent_first_use_loads_once_and_agrees(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[Path] = []
    real_load = minilm_module._load_runtime

    def counting(*args: Any) -> Any:
        loads.append(args[0])
        return real_load(*args)

    monkeypatch.setattr(minilm_module, "_load_runtime", counting)
    embedder = MiniLMEmbedder()
    texts = ["I plan to retrain as a software tester.", ANSWER]
    results: list[bytes] = []
    barrier = threading.Barrier(4)

    def work() -> None:
        barrier.wait()
        results.append(embedder.embed(texts).tobytes())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(loads) == 1
    assert len(results) == 4 and len(set(results)) == 1


# --- pooled vectors and their combination -------------------------------------------------------


def test_embed_is_the_normalised_pooled_mean(minilm: MiniLMEmbedder) -> None:
    texts = [*ANSWER_SENTENCES, ""]
    pooled, counts = minilm.embed_pooled(texts)
    assert pooled.dtype == np.float32 and counts.dtype == np.int64
    assert counts[-1] == 0 and np.all(counts[:-1] > 2)
    vectors = minilm.embed(texts)
    norms = np.linalg.norm(pooled[:-1], axis=1, keepdims=True)
    assert (pooled[:-1] / norms).tobytes() == vectors[:-1].tobytes()
    # combining a single text gives that text's vector
    for row in range(len(ANSWER_SENTENCES)):
        one = combine_pooled(pooled[row : row + 1], counts[row : row + 1])
        assert np.allclose(one, vectors[row], atol=1e-6)


def test_combining_sentences_weights_them_by_tokens(minilm: MiniLMEmbedder) -> None:
    pooled, counts = minilm.embed_pooled([*ANSWER_SENTENCES, "   "])
    combined = combine_pooled(pooled, counts)
    assert combined.shape == (384,) and combined.dtype == np.float32
    assert np.linalg.norm(combined) == pytest.approx(1.0, abs=1e-6)
    manual = (pooled[:-1].astype(np.float64) * counts[:-1, None]).sum(axis=0)
    assert np.allclose(combined, manual / np.linalg.norm(manual), atol=1e-6)
    # the empty row (count 0) does not move the result
    assert np.array_equal(combined, combine_pooled(pooled[:-1], counts[:-1]))
    # sentence by sentence stays close to embedding the whole answer at once
    whole = minilm.embed([ANSWER])[0]
    assert float(combined @ whole) > 0.85
    sentences = minilm.embed(ANSWER_SENTENCES)
    assert all(float(combined @ row) > 0.6 for row in sentences)


def test_combining_nothing_gives_a_zero_vector() -> None:
    assert not combine_pooled(np.zeros((2, 384), dtype=np.float32), np.zeros(2, np.int64)).any()
    assert not combine_pooled(np.zeros((0, 384), dtype=np.float32), np.zeros(0, np.int64)).any()
    with pytest.raises(ValueError, match="token counts"):
        combine_pooled(np.zeros((2, 384), dtype=np.float32), np.ones(3, np.int64))


# --- several sentences of one text in one call ---------------------------------------------------


def _sentence_spans(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for sentence in sentences:
        start = text.index(sentence, start)
        spans.append((start, start + len(sentence)))
        start += len(sentence)
    return spans


def _same_as_alone(minilm: MiniLMEmbedder, text: str, spans: list[tuple[int, int]]) -> None:
    rows, counts = minilm.embed_spans(text, spans)
    pooled, alone = minilm.embed_pooled([text[start:end] for start, end in spans])
    assert rows.shape == pooled.shape and rows.dtype == np.float32 and counts.dtype == np.int64
    assert counts.tolist() == alone.tolist()
    assert np.abs(rows - pooled).max() < 1e-5  # each span read alone, to float rounding


def test_spans_read_in_one_call_match_the_sentences_read_alone(minilm: MiniLMEmbedder) -> None:
    spans = _sentence_spans(ANSWER, ANSWER_SENTENCES)
    _same_as_alone(minilm, ANSWER, spans)
    rows, counts = minilm.embed_spans(ANSWER, spans)
    again = minilm.embed_spans(ANSWER, spans)
    assert again[0].tobytes() == rows.tobytes() and again[1].tolist() == counts.tolist()
    # combining them is the sentence-by-sentence answer vector
    pooled, weights = minilm.embed_pooled(ANSWER_SENTENCES)
    assert np.allclose(combine_pooled(rows, counts), combine_pooled(pooled, weights), atol=1e-5)
    # spans may overlap or repeat: each is read on its own
    _same_as_alone(minilm, ANSWER, [spans[1], (0, len(ANSWER)), spans[1], spans[0]])


def test_spans_without_word_pieces_and_no_spans(minilm: MiniLMEmbedder) -> None:
    text = "I want to grow.   Then lead."
    rows, counts = minilm.embed_spans(text, [(0, 15), (15, 18), (18, 18), (18, 28)])
    assert counts.tolist() == [7, 0, 0, 5]  # [CLS] i want to grow . [SEP] | | | ...
    assert not rows[1].any() and not rows[2].any() and rows[0].any() and rows[3].any()
    _same_as_alone(minilm, text, [(0, 15), (15, 18), (18, 28)])
    rows, counts = minilm.embed_spans(text, [])
    assert rows.shape == (0, 384) and counts.shape == (0,)
    rows, counts = minilm.embed_spans("", [(0, 0)])
    assert counts.tolist() == [0] and not rows.any()


def test_many_spans_go_into_several_calls(minilm: MiniLMEmbedder) -> None:
    sentences = [
        f"In year {n} I want to lead the ward's family education programme for {n} units."
        for n in range(1, 31)
    ]
    text = " ".join(sentences)  # about 20 word pieces each: several calls of up to 128
    spans = _sentence_spans(text, sentences)
    _same_as_alone(minilm, text, spans)
    # one span longer than a call is cut, as embed cuts it
    _same_as_alone(minilm, text, [(0, len(text)), spans[0]])
    assert minilm.embed_spans(text, [(0, len(text))])[1].tolist() == [MAX_TOKENS]


def _corpus_sentences(limit: int) -> list[str]:
    from aspira.analysis.text import make_doc

    corpus = Path(__file__).resolve().parents[2] / "corpus" / "answers.jsonl"
    out: list[str] = []
    for line in corpus.read_text("utf-8").splitlines()[::7]:
        doc = make_doc(json.loads(line)["answer"])
        out += [doc.norm[s.start : s.end] for s in doc.sentences]
    return out[:limit]


def test_a_span_reads_the_same_bytes_whatever_shares_its_call(minilm: MiniLMEmbedder) -> None:
    # Unaligned, about one sentence in a hundred read in a shared call differed from the same
    # sentence read alone in a last rounding step; aligned, none may.
    sentences = _corpus_sentences(240)
    alone = {}
    for sentence in sentences:
        minilm.clear_cache()
        (alone[sentence],) = minilm.embed_span_tokens(sentence, [(0, len(sentence))])
    order = list(range(len(sentences)))
    for shift in (0, 1, 3):  # the same sentences after different neighbours, at other offsets
        minilm.clear_cache()
        order = order[shift:] + order[:shift]
        text = " ".join(sentences[i] for i in order)
        together = minilm.embed_span_tokens(
            text, _sentence_spans(text, [sentences[i] for i in order])
        )
        for i, read in zip(order, together, strict=True):
            assert read.vectors.tobytes() == alone[sentences[i]].vectors.tobytes(), sentences[i]


def test_span_tokens_are_what_the_span_rows_pool(minilm: MiniLMEmbedder) -> None:
    text = "  " + ANSWER + " Ok."
    spans = [(2, 2 + len(ANSWER)), *_sentence_spans(text, ANSWER_SENTENCES), (2, 2)]
    minilm.clear_cache()
    read = minilm.embed_span_tokens(text, spans)
    rows, counts = minilm.embed_spans(text, spans)
    assert len(read) == len(spans)
    for span, tokens, row, count in zip(spans, read, rows, counts, strict=True):
        assert len(tokens.vectors) == len(tokens.offsets) == len(tokens.special) == count
        if count:
            assert tokens.vectors.mean(axis=0).tobytes() == row.tobytes()
            assert tokens.special.tolist() == [True] + [False] * (int(count) - 2) + [True]
            assert (tokens.offsets[tokens.special] == -1).all()
            words = tokens.offsets[~tokens.special]
            assert words[0, 0] == span[0] and words[-1, 1] == span[1]  # offsets into ``text``
            assert (words[:, 0] < words[:, 1]).all() and (np.diff(words[:, 0]) > 0).all()
        for array in (tokens.vectors, tokens.offsets, tokens.special):
            assert not array.flags.writeable
    assert read[-1].vectors.shape == (0, 384) and read[-1].pooled(0, len(text)) is None


def test_span_tokens_pool_a_part_of_a_span(minilm: MiniLMEmbedder) -> None:
    text = "I want stability, but I also want to learn."
    (tokens,) = minilm.embed_span_tokens(text, [(0, len(text))])
    clause = text.index("but")
    part = tokens.pooled(clause, len(text) - 1)  # "but i also want to learn", no "."
    inside = (tokens.offsets[:, 0] >= clause) & (tokens.offsets[:, 1] <= len(text) - 1)
    assert inside.sum() == 6  # but i also want to learn
    assert part is not None and part.tobytes() == tokens.vectors[inside].mean(axis=0).tobytes()
    assert tokens.pooled(3, 5) is None  # inside "want": no whole word piece


def test_span_tokens_are_kept_so_a_second_read_runs_no_model_call(
    minilm: MiniLMEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    spans = _sentence_spans(ANSWER, ANSWER_SENTENCES)
    minilm.clear_cache()
    rows, _ = minilm.embed_spans(ANSWER, spans)
    runtime = minilm._get_runtime()
    calls: list[object] = []

    class Counting:
        def run(self, *args: Any, **kwargs: Any) -> Any:
            calls.append(args)
            return runtime.session.run(*args, **kwargs)

    monkeypatch.setattr(minilm, "_runtime", dataclasses.replace(runtime, session=Counting()))
    kept = minilm.embed_span_tokens(ANSWER, spans)
    again, _ = minilm.embed_spans(ANSWER, spans)
    assert calls == [] and again.tobytes() == rows.tobytes()
    minilm.clear_cache()
    fresh = minilm.embed_span_tokens(ANSWER, spans)
    assert calls  # read again after clear_cache, to the same bytes
    assert all(
        a.vectors.tobytes() == b.vectors.tobytes() and (a.offsets == b.offsets).all()
        for a, b in zip(kept, fresh, strict=True)
    )


class _SlowSession:
    """Wraps a session: counts the word pieces read and holds each call until ``release``,
    so a test can have a second thread ask for spans while the first is reading them."""

    def __init__(self, inner: Any, fail_first: bool = False) -> None:
        self.inner = inner
        self.pieces = 0
        self.started = threading.Event()
        self.release = threading.Event()
        self.fail_first = fail_first

    def run(self, *args: Any, **kwargs: Any) -> Any:
        self.started.set()
        assert self.release.wait(10)
        if self.fail_first:
            self.fail_first = False
            raise RuntimeError("the first call fails")
        self.pieces += int((args[1]["attention_mask"] > 0).sum())
        return self.inner.run(*args, **kwargs)


def _read_in_two_threads(
    minilm: MiniLMEmbedder, monkeypatch: pytest.MonkeyPatch, session: _SlowSession
) -> tuple[list[Any], list[BaseException]]:
    spans = _sentence_spans(ANSWER, ANSWER_SENTENCES)
    runtime = minilm._get_runtime()
    minilm.clear_cache()
    monkeypatch.setattr(minilm, "_runtime", dataclasses.replace(runtime, session=session))
    results: list[Any] = [None, None]
    errors: list[BaseException] = []

    def read(slot: int) -> None:
        try:
            results[slot] = minilm.embed_span_tokens(ANSWER, spans)
        except Exception as exc:
            errors.append(exc)

    first = threading.Thread(target=read, args=(0,))
    first.start()
    assert session.started.wait(10)  # the first thread is inside the model call
    second = threading.Thread(target=read, args=(1,))
    second.start()
    second.join(0.2)  # it waits for the sentences being read instead of reading them again
    assert second.is_alive()
    session.release.set()
    first.join(10)
    second.join(10)
    return results, errors


def test_a_span_being_read_by_another_thread_is_waited_for_not_read_twice(
    minilm: MiniLMEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = _SlowSession(minilm._get_runtime().session)
    results, errors = _read_in_two_threads(minilm, monkeypatch, session)
    monkeypatch.undo()
    minilm.clear_cache()
    alone = minilm.embed_span_tokens(ANSWER, _sentence_spans(ANSWER, ANSWER_SENTENCES))
    assert not errors
    assert session.pieces == sum(len(read.vectors) for read in alone)  # each sentence once
    for result in results:
        assert [r.vectors.tobytes() for r in result] == [r.vectors.tobytes() for r in alone]


def test_when_the_reading_thread_fails_the_waiting_one_reads_for_itself(
    minilm: MiniLMEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = _SlowSession(minilm._get_runtime().session, fail_first=True)
    results, errors = _read_in_two_threads(minilm, monkeypatch, session)
    assert [str(e) for e in errors] == ["the first call fails"] and results[0] is None
    assert results[1] is not None and len(results[1]) == len(ANSWER_SENTENCES)
    assert not minilm._reading  # nothing left marked as being read


def test_the_graph_reads_a_padded_batch_like_its_rows_alone(minilm: MiniLMEmbedder) -> None:
    runtime = minilm._get_runtime()
    ids = [runtime.tokenizer.encode(text).ids for text in ("I want to lead.", ANSWER)]
    batch = np.zeros((2, len(ids[1])), dtype=np.int64)
    mask = np.zeros_like(batch)
    for row, seq in enumerate(ids):
        batch[row, : len(seq)] = seq
        mask[row, : len(seq)] = 1  # 0: padding
    pooled = runtime.session.run(["pooled"], {"input_ids": batch, "attention_mask": mask})[0]
    alone, _ = minilm.embed_pooled(["I want to lead.", ANSWER])
    assert np.abs(pooled - alone).max() < 1e-5


@pytest.mark.parametrize("spans", [[(0, 99)], [(-1, 3)], [(4, 2)]])
def test_bad_spans_are_refused(minilm: MiniLMEmbedder, spans: list[tuple[int, int]]) -> None:
    with pytest.raises(ValueError, match="span"):
        minilm.embed_spans("I want to lead a team.", spans)


def test_embed_spans_takes_one_text(minilm: MiniLMEmbedder) -> None:
    with pytest.raises(TypeError, match="one text"):
        minilm.embed_spans(["I want to lead."], [(0, 3)])  # type: ignore[arg-type]


# --- meaning (sanity, not a benchmark: see benchmarks/embedder_bench.py) -------------------------

PARAPHRASES = [
    (
        "In five years I want to run my own accounting practice.",
        "My plan is to open an accountancy firm of my own within five years.",
    ),
    (
        "I'd like to move into people management.",
        "I hope to become a manager with a team reporting to me.",
    ),
    (
        "I want to specialise in intensive care nursing.",
        "My aim is to become an ICU specialist nurse.",
    ),
    (
        "I want to get better at presenting to senior stakeholders.",
        "Improving how I present to executives is a goal of mine.",
    ),
    (
        "I plan to go back to university for a master's degree.",
        "I intend to return to studying and do a postgraduate degree.",
    ),
    (
        "I want a job that pays a lot more than this one.",
        "Earning a much higher salary is my main motivation.",
    ),
    (
        "I'd like to mentor new apprentices on the shop floor.",
        "Coaching the trainees who join the workshop is something I want to do.",
    ),
    (
        "My goal is to become a data engineer who owns our pipelines.",
        "I want to be responsible for our data pipelines as an engineer.",
    ),
    (
        "I hope to relocate to our office in Spain.",
        "Moving to work at the company's Spanish branch is my ambition.",
    ),
    (
        "I see this job as a short stop before I leave to travel.",
        "I will probably quit after a few months to go travelling.",
    ),
]
UNRELATED = [
    (
        "In five years I want to run my own accounting practice.",
        "I want to specialise in intensive care nursing.",
    ),
    ("I'd like to move into people management.", "I hope to relocate to our office in Spain."),
    (
        "I want to get better at presenting to senior stakeholders.",
        "I'd like to mentor new apprentices on the shop floor.",
    ),
    (
        "I plan to go back to university for a master's degree.",
        "I want a job that pays a lot more than this one.",
    ),
    (
        "My goal is to become a data engineer who owns our pipelines.",
        "Moving to work at the company's Spanish branch is my ambition.",
    ),
    ("I want to become a head chef.", "I want to pass my HGV driving licence."),
    (
        "Improving how I present to executives is a goal of mine.",
        "My aim is to become an ICU specialist nurse.",
    ),
    (
        "I intend to return to studying and do a postgraduate degree.",
        "Coaching the trainees who join the workshop is something I want to do.",
    ),
    (
        "Earning a much higher salary is my main motivation.",
        "I hope to become a manager with a team reporting to me.",
    ),
    (
        "I will probably quit after a few months to go travelling.",
        "I want to be responsible for our data pipelines as an engineer.",
    ),
]


def _pair_cosines(embedder: MiniLMEmbedder, pairs: list[tuple[str, str]]) -> np.ndarray:
    left = embedder.embed([a for a, _ in pairs])
    right = embedder.embed([b for _, b in pairs])
    out: np.ndarray = np.sum(left * right, axis=1)
    return out


def test_paraphrases_are_closer_than_unrelated_aims(minilm: MiniLMEmbedder) -> None:
    close = _pair_cosines(minilm, PARAPHRASES)
    far = _pair_cosines(minilm, UNRELATED)
    assert close.min() > far.max(), (close.round(3), far.round(3))
    assert close.mean() > far.mean() + 0.3


# --- integrity of the packaged model -----------------------------------------------------------


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    target = tmp_path / MINILM_MODEL
    shutil.copytree(packaged_model_dir(MINILM_MODEL), target)
    return target


def test_an_intact_copy_loads_and_embeds_the_same(model_copy: Path, minilm: MiniLMEmbedder) -> None:
    copy = MiniLMEmbedder(model_copy)
    assert copy.name == minilm.name
    assert copy.embed([ANSWER]).tobytes() == minilm.embed([ANSWER]).tobytes()


@pytest.mark.parametrize("name", ["model.onnx", "tokenizer.json", "golden.json", "README.md"])
def test_a_corrupted_byte_is_refused_before_loading(model_copy: Path, name: str) -> None:
    path = model_copy / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    embedder = MiniLMEmbedder(model_copy)  # cheap: reads the manifest only
    with pytest.raises(DataError) as caught:
        embedder.embed(["I want to lead a team."])
    message = caught.value.message
    assert name in message and "manifest.json" in message
    assert "build_minilm_onnx.py" in message and "reinstall" in message.lower()
    assert caught.value.details["expected"] != caught.value.details["actual"]
    with pytest.raises(DataError):  # and it stays refused
        embedder.load()


def test_a_missing_file_is_refused(model_copy: Path) -> None:
    (model_copy / "model.onnx").unlink()
    with pytest.raises(DataError, match="file not found"):
        MiniLMEmbedder(model_copy).load()
    (model_copy / "manifest.json").unlink()
    with pytest.raises(DataError, match="file not found"):
        MiniLMEmbedder(model_copy)


def test_a_manifest_without_the_model_is_refused(model_copy: Path) -> None:
    manifest = json.loads((model_copy / "manifest.json").read_text(encoding="utf-8"))
    del manifest["files"]["model.onnx"]
    (model_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(DataError, match=r"field 'files'.*model\.onnx"):
        MiniLMEmbedder(model_copy)


@pytest.mark.parametrize("package", ["onnxruntime", "tokenizers"])
def test_a_missing_runtime_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch, package: str
) -> None:
    monkeypatch.setitem(sys.modules, package, None)  # makes `import package` fail
    embedder = MiniLMEmbedder()
    with pytest.raises(BackendError, match=rf"pip install .*{package}") as caught:
        embedder.embed(["I want to lead a team."])
    assert caught.value.details == {"package": package}


# --- offline, quiet and lazy -------------------------------------------------------------------


def test_embedding_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    MiniLMEmbedder().embed([ANSWER])


_FRESH_PROCESS = """
import socket, sys
def refuse(*args, **kwargs):
    raise SystemExit("network access attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from aspira.backends.minilm import minilm_embedder
embedder = minilm_embedder()
assert embedder.name.startswith(MODEL + "@")
for module in ("onnxruntime", "tokenizers"):
    assert module not in sys.modules, module + " imported before the first embed"
embedder.embed(["I want to lead a team.", ""])
assert "onnxruntime" in sys.modules
for module in ("torch", "huggingface_hub", "onnx"):
    assert module not in sys.modules, module + " imported"
"""


def test_fresh_process_is_lazy_offline_and_silent() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    script = f"MODEL = {MINILM_MODEL!r}\n" + _FRESH_PROCESS
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""  # no warnings, no log lines


# --- the neutral reading of gendered words (neutral.v1.yaml) --------------------------------------


def test_the_scorer_reads_gendered_words_as_one_word(minilm: MiniLMEmbedder) -> None:
    scorer = minilm_embedder()
    pairs = [
        (
            "My husband is a nurse, so he knows the hours.",
            "My wife is a nurse, so she knows the hours.",
        ),
        ("I'd like his job, to be honest.", "I'd like her job, to be honest."),
        ("My father's shop taught me retail.", "My mother's shop taught me retail."),
    ]
    for one, other in pairs:
        rows = scorer.embed([one, other])
        assert rows[0].tobytes() == rows[1].tobytes()
        plain = minilm.embed([one, other])
        assert plain[0].tobytes() != plain[1].tobytes()  # the model alone tells them apart


def test_the_neutral_reading_keeps_word_pieces_and_offsets(minilm: MiniLMEmbedder) -> None:
    text = "She said he's the mentor who got me into nursing."
    spans = [(0, len(text))]
    neutral = minilm_embedder().embed_span_tokens(text, spans)[0]
    plain = minilm.embed_span_tokens(text, spans)[0]
    assert np.array_equal(neutral.offsets, plain.offsets)
    assert len(neutral.vectors) == len(plain.vectors)


def test_only_whole_words_are_read_neutrally(minilm: MiniLMEmbedder) -> None:
    # "mums" is the pieces "mum" + "##s": not the listed word "mum", so it is read as written
    assert minilm_embedder().embed(["mums"]).tobytes() == minilm.embed(["mums"]).tobytes()


def test_a_word_the_vocabulary_splits_cannot_be_listed() -> None:
    embedder = MiniLMEmbedder(neutral={"paternity": "parental"})
    with pytest.raises(DataError, match="'paternity' is not one word piece"):
        embedder.load()


# --- the reading of personal names (names.v1.yaml) ----------------------------------------------


def test_the_scorer_reads_every_name_as_one_name(minilm: MiniLMEmbedder) -> None:
    scorer = minilm_embedder()
    texts = [
        "I'm James, and in three years I'd like to run the lab.",
        "I'm Oluwaseun, and in three years I'd like to run the lab.",
        "I'm Priya Patel, and in three years I'd like to run the lab.",
        "I'm José García-López, and in three years I'd like to run the lab.",
    ]
    rows = scorer.embed(texts)
    assert all(row.tobytes() == rows[0].tobytes() for row in rows[1:])
    plain = minilm.embed(texts)
    assert len({row.tobytes() for row in plain}) == len(texts)  # the model alone tells them apart


def test_a_name_is_one_word_piece_whose_offsets_cover_it(minilm: MiniLMEmbedder) -> None:
    text = "My mentor, Dr. Adaeze Okafor, got me into nursing."
    name = (text.index("Adaeze"), text.index(",", 12))
    read = minilm_embedder().embed_span_tokens(text, [(0, len(text))])[0]
    plain = minilm.embed_span_tokens(text, [(0, len(text))])[0]
    assert [tuple(o) for o in read.offsets].count(name) == 1
    inside = (plain.offsets[:, 0] >= name[0]) & (plain.offsets[:, 1] <= name[1])
    assert inside.sum() > 1  # the model splits the name into several word pieces
    assert len(read.vectors) == len(plain.vectors) - int(inside.sum()) + 1
    others = [tuple(o) for o in read.offsets if tuple(o) != name]
    assert others == [tuple(o) for o, i in zip(plain.offsets, inside, strict=True) if not i]
    rows, counts = minilm_embedder().embed_spans(text, [(0, len(text))])
    pooled, pooled_counts = minilm_embedder().embed_pooled([text])
    assert counts.tolist() == pooled_counts.tolist() == [len(read.vectors)]
    assert np.allclose(rows, pooled, atol=1e-5)


def test_words_that_are_not_names_are_read_as_written(minilm: MiniLMEmbedder) -> None:
    texts = [
        "I'd like to mark the exams and grace the team with hope.",  # lower case: words
        "By June I want to lead AI work in London.",  # a month, capitals, a place
        "Leading Key Stage 2 maths within two years.",  # a title made of common words
    ]
    assert minilm_embedder().embed(texts).tobytes() == minilm.embed(texts).tobytes()


def test_a_read_as_the_vocabulary_splits_is_refused() -> None:
    reading = dataclasses.replace(name_reading(), read_as="oluwaseun")
    with pytest.raises(DataError, match="read_as 'oluwaseun' is not one word piece"):
        MiniLMEmbedder(readings=(reading,)).load()
