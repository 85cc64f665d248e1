"""Meaning: sentence vectors for an answer, and the embedded knowledge they are compared with.

Every sentence of an answer becomes one L2-normalised vector from the MiniLM embedder
(:func:`aspira.backends.minilm.minilm_embedder`); the answer's own vector is the
token-weighted mean of its sentences' pooled vectors, so one pass serves both the flags (which
read sentences) and the dimension models (which read the whole answer). A sentence is read as
if it stood alone, never attending to its neighbours, so the same words get the same bytes
wherever they appear.

The knowledge compared against — question-variant examples, the flags' prototype banks and
the company-context prototypes (``context.v1.yaml``) — is embedded once and shipped as
``knowledge/data/vectors.v1.npz``, keyed by the embedder's name and a hash of every text.
``make calibrate`` rewrites it; if the data files were edited since, the key no longer matches
and the vectors are recomputed in-process (slower, same result).

Two small per-process caches keep vectors of texts seen before, keyed by the embedder's name and
exactly what was read: :func:`embed` rows by text (each text is read in a call of its own), and
:func:`span_vectors` rows by text and spans (the spans of one ``embed_spans`` call). A cached row
is the row a fresh call returns, byte for byte. Below them the embedder keeps the token vectors
of recent sentences by their words (a sentence's read does not depend on the sentences that share
its model call: see :mod:`aspira.backends.minilm`), so a sentence already read in another answer
costs no model call.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from aspira.analysis.text import make_doc
from aspira.errors import AspiraError
from aspira.knowledge.context import context_data
from aspira.knowledge.loader import packaged_path
from aspira.knowledge.prototypes import prototypes
from aspira.knowledge.signals import Variant, questions

if TYPE_CHECKING:
    from aspira.analysis.text import Doc
    from aspira.backends.embedder import Embedder

Matrix = npt.NDArray[np.float32]
VECTORS_FILE = ("knowledge", "data", "vectors.v1.npz")
CACHE_SIZE = 4096  # texts per cache: about 6 MB of rows at 384 dimensions


@cache
def embedder() -> Embedder:
    from aspira.backends.minilm import minilm_embedder

    return minilm_embedder()


def _unit(rows: Matrix) -> Matrix:
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    out: Matrix = np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
    return out


class _Cache:
    """A small thread-safe LRU of read-only matrices."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[tuple[object, ...], Matrix] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...]) -> Matrix | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, key: tuple[object, ...], value: Matrix) -> Matrix:
        kept = np.array(value, dtype=np.float32)  # a copy the caller cannot change
        kept.flags.writeable = False
        with self._lock:
            self._items[key] = kept
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return kept

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_TEXTS = _Cache(CACHE_SIZE)  # embed(): one unit row per text
_SPANS = _Cache(CACHE_SIZE // 4)  # span_vectors(): the rows of one (text, spans) call


def clear_caches() -> None:
    """Forget every cached vector of a text (benchmarks time answers as if never seen)."""
    _TEXTS.clear()
    _SPANS.clear()


def embed(texts: list[str]) -> Matrix:
    """Unit rows, one per text (a zero row for a text without tokens).

    Rows are cached per exact text (and embedder): the embedder reads each text in a call of its
    own, so a cached row is the row a fresh call returns, byte for byte.
    """
    model = embedder()
    rows: list[Matrix | None] = []
    missing: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        hit = _TEXTS.get((model.name, text)) if isinstance(text, str) else None
        rows.append(hit)
        if hit is None:
            missing.setdefault(text, []).append(i)
    if not texts or len(missing) == len(texts):  # nothing cached: one call, as before
        fresh = np.asarray(model.embed(texts), dtype=np.float32)
        for text, row in zip(texts, fresh, strict=True):
            if isinstance(text, str):
                _TEXTS.put((model.name, text), row)
        return fresh
    if missing:
        fresh = np.asarray(model.embed(list(missing)), dtype=np.float32)
        for row, (text, where) in zip(fresh, missing.items(), strict=True):
            kept = _TEXTS.put((model.name, text), row)
            for i in where:
                rows[i] = kept
    return np.stack([r for r in rows if r is not None])


def span_vectors(text: str, spans: Sequence[tuple[int, int]]) -> Matrix:
    """Unit rows of ``text[start:end]`` for each span, each span read as if alone.

    With an embedder that has ``embed_spans`` the spans are read in one such call over ``text``
    (a few model calls instead of one per span), else one :func:`embed` per text. The rows of a
    call depend on ``text`` and ``spans`` only, so they are cached by both: a cached matrix is the
    one a fresh call returns, byte for byte.
    """
    model = embedder()
    if not spans:
        return np.zeros((0, model.dim), dtype=np.float32)
    by_spans = getattr(model, "embed_spans", None)
    if by_spans is None:
        return embed([text[a:b] for a, b in spans])
    key = (model.name, text, tuple(spans))
    hit = _SPANS.get(key)
    if hit is None:
        rows, _ = by_spans(text, spans)
        hit = _SPANS.put(key, _unit(np.asarray(rows, dtype=np.float32)))
    return hit


@dataclass(frozen=True)
class Meaning:
    """An answer's sentence vectors (one unit row per sentence) and its whole-answer vector."""

    sentences: Matrix
    answer: Matrix


def _sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """What :func:`read` reads: each sentence, or the whole text if it has none."""
    return [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.norm))]


@contextmanager
def read_ahead(texts: Sequence[str]) -> Iterator[None]:
    """Read the sentences of answers about to be scored on a second thread, while the caller
    scores another: ``with read_ahead([second, third]): score(first); score(second); …``.

    The model call releases the interpreter's lock, so on two cores the reads run beside the
    caller's Python work. They land in the embedder's store of sentence reads (a sentence the
    caller asks for while it is being read is waited for, not read twice), and a sentence's read
    is the same bytes whenever and beside whatever it is read, so every score is what it would
    be without reading ahead. An error is left for the caller's own read to raise. With an
    embedder that keeps no sentence reads this reads nothing.
    """
    by_tokens = getattr(embedder(), "embed_span_tokens", None)
    if by_tokens is None or not texts:
        yield
        return

    def work() -> None:
        for text in texts:
            try:
                doc = make_doc(text)
                by_tokens(doc.cased, _sentence_spans(doc))
            except AspiraError:
                return

    thread = threading.Thread(target=work, name="aspira-read-ahead", daemon=True)
    thread.start()
    try:
        yield
    finally:
        thread.join()


def read(doc: Doc) -> Meaning:
    """Embed every sentence of ``doc`` once; combine them into the answer's vector."""
    model = embedder()
    spans = _sentence_spans(doc)
    by_spans = getattr(model, "embed_spans", None)
    pooled = getattr(model, "embed_pooled", None)
    if by_spans is not None:  # one call for the answer, each sentence read as if alone
        rows, counts = by_spans(doc.cased, spans)
        weights = np.asarray(counts, dtype=np.float32)
    elif pooled is not None:
        rows, counts = pooled([doc.cased[a:b] for a, b in spans])
        weights = np.asarray(counts, dtype=np.float32)
    else:  # an embedder without token counts: sentences weigh the same
        rows = model.embed([doc.cased[a:b] for a, b in spans])
        weights = np.ones(len(spans), dtype=np.float32)
    sentences = _unit(np.asarray(rows, dtype=np.float32))
    total = float(weights.sum())
    mean = (np.asarray(rows, dtype=np.float32) * weights[:, None]).sum(0) / max(total, 1.0)
    answer = _unit(mean[None, :].astype(np.float32))[0]
    if len(doc.sentences) == 0:
        sentences = sentences[:0]
    return Meaning(sentences=sentences, answer=answer)


@dataclass(frozen=True)
class BankVectors:
    """One flag's prototype banks, embedded."""

    positive: tuple[str, ...]
    positive_matrix: Matrix
    negative: tuple[str, ...]
    negative_matrix: Matrix


@dataclass(frozen=True)
class Library:
    """All embedded knowledge: question-variant examples, per-flag prototype banks and the
    company-context prototypes (one row per distinct lower-cased text)."""

    variants: tuple[Variant, ...]
    variant_matrix: Matrix
    banks: dict[str, BankVectors]
    context: dict[str, Matrix]


def context_texts() -> list[str]:
    """Every prototype text of ``context.v1.yaml``, lower-cased as it is embedded, once each."""
    data = context_data()
    texts: list[str] = []
    for theme in data.mission_conflict.themes.values():
        texts += [*theme.describe, *theme.conflicts, *theme.aligned]
    for style in data.culture_mismatch.archetypes.values():
        texts += [*style.clashes, *style.fits]
    return list(dict.fromkeys(t.lower() for t in texts))


def _texts() -> tuple[list[tuple[str, str, str]], list[str]]:
    """(kind, owner, text) for every text to embed, and the texts themselves."""
    rows = [("variant", v.id, ex.lower()) for v in questions().variants for ex in v.examples]
    for fid, bank in sorted(prototypes().flags.items()):
        rows += [("positive", fid, p) for p in bank.positive]
        rows += [("negative", fid, p) for p in bank.negative]
    rows += [("context", "", t) for t in context_texts()]
    return rows, [t for _, _, t in rows]


def library_key(model_name: str, texts: list[str]) -> str:
    digest = hashlib.sha256("\n".join([model_name, *texts]).encode("utf-8")).hexdigest()
    return f"{model_name}:{digest}"


def _load_vectors(path: Path, key: str, count: int) -> Matrix | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["key"]) != key or data["matrix"].shape[0] != count:
                return None
            return np.asarray(data["matrix"], dtype=np.float32)
    except (OSError, KeyError, ValueError):
        return None


def compute_vectors() -> tuple[str, Matrix]:
    """The key and the embedded rows of every knowledge text (what the vectors file holds)."""
    _, texts = _texts()
    return library_key(embedder().name, texts), embed(texts)


def write_vectors(path: Path | None = None) -> Path:
    """Embed all knowledge texts and write the vectors file (used by ``make calibrate``)."""
    target = path or packaged_path(*VECTORS_FILE)
    key, matrix = compute_vectors()
    with target.open("wb") as fh:
        np.savez_compressed(fh, key=np.array(key), matrix=matrix.astype(np.float32))
    return target


def vectors_fresh() -> bool:
    """True when the shipped vectors file matches the current embedder and data files."""
    _, texts = _texts()
    key = library_key(embedder().name, texts)
    return _load_vectors(packaged_path(*VECTORS_FILE), key, len(texts)) is not None


@cache
def library() -> Library:
    rows, texts = _texts()
    key = library_key(embedder().name, texts)
    matrix = _load_vectors(packaged_path(*VECTORS_FILE), key, len(texts))
    if matrix is None:
        matrix = embed(texts)
    by_variant = {v.id: v for v in questions().variants}
    variant_idx = [i for i, (kind, _, _) in enumerate(rows) if kind == "variant"]
    banks: dict[str, BankVectors] = {}
    for fid in sorted(prototypes().flags):
        pos = [i for i, (kind, owner, _) in enumerate(rows) if kind == "positive" and owner == fid]
        neg = [i for i, (kind, owner, _) in enumerate(rows) if kind == "negative" and owner == fid]
        banks[fid] = BankVectors(
            positive=tuple(texts[i] for i in pos),
            positive_matrix=matrix[pos],
            negative=tuple(texts[i] for i in neg),
            negative_matrix=matrix[neg] if neg else np.zeros((0, matrix.shape[1]), np.float32),
        )
    context = {t: matrix[i] for i, (kind, _, t) in enumerate(rows) if kind == "context"}
    return Library(
        variants=tuple(by_variant[rows[i][1]] for i in variant_idx),
        variant_matrix=matrix[variant_idx],
        banks=banks,
        context=context,
    )


def knowledge_vectors(texts: list[str]) -> Matrix:
    """Unit rows for knowledge texts: the shipped rows of the company-context prototypes, and a
    fresh :func:`embed` for any text the vectors file does not hold (the shipped rows are
    :func:`embed` rows too, written by :func:`write_vectors`)."""
    shipped = library().context
    missing = [t for t in texts if t not in shipped]
    fresh = dict(zip(missing, embed(missing), strict=True)) if missing else {}
    if not texts:
        return np.zeros((0, embedder().dim), dtype=np.float32)
    return np.stack([shipped[t] if t in shipped else fresh[t] for t in texts]).astype(np.float32)
