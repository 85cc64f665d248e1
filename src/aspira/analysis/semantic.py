"""Meaning: sentence vectors for an answer, and the embedded knowledge they are compared with.

Every sentence of an answer becomes one L2-normalised vector from the default embedder
(:func:`aspira.backends.embedder.default_embedder`); the answer's own vector is the
token-weighted mean of its sentences' pooled vectors, so one pass serves both the flags (which
read sentences) and the dimension models (which read the whole answer). A sentence's vector
depends on that sentence alone, never on its neighbours, so the same words score the same
wherever they appear.

The knowledge compared against — question-variant examples and the flags' prototype banks —
is embedded once and shipped as ``knowledge/data/vectors.v1.npz``, keyed by the embedder's name
and a hash of every text. ``make calibrate`` rewrites it; if the data files were edited since,
the key no longer matches and the vectors are recomputed in-process (slower, same result).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from aspira.knowledge.loader import packaged_path
from aspira.knowledge.prototypes import prototypes
from aspira.knowledge.signals import Variant, questions

if TYPE_CHECKING:
    from aspira.analysis.text import Doc
    from aspira.backends.embedder import Embedder

Matrix = npt.NDArray[np.float32]
VECTORS_FILE = ("knowledge", "data", "vectors.v1.npz")


@cache
def embedder() -> Embedder:
    from aspira.backends.minilm import minilm_embedder

    return minilm_embedder()


def embed(texts: list[str]) -> Matrix:
    """Unit rows, one per text (a zero row for a text without tokens)."""
    return embedder().embed(texts)


def _unit(rows: Matrix) -> Matrix:
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    out: Matrix = np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
    return out


@dataclass(frozen=True)
class Meaning:
    """An answer's sentence vectors (one unit row per sentence) and its whole-answer vector."""

    sentences: Matrix
    answer: Matrix


def read(doc: Doc) -> Meaning:
    """Embed every sentence of ``doc`` once; combine them into the answer's vector."""
    model = embedder()
    spans = [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.norm))]
    by_spans = getattr(model, "embed_spans", None)
    pooled = getattr(model, "embed_pooled", None)
    if by_spans is not None:  # one call for the answer, each sentence read as if alone
        rows, counts = by_spans(doc.norm, spans)
        weights = np.asarray(counts, dtype=np.float32)
    elif pooled is not None:
        rows, counts = pooled([doc.norm[a:b] for a, b in spans])
        weights = np.asarray(counts, dtype=np.float32)
    else:  # an embedder without token counts: sentences weigh the same
        rows = model.embed([doc.norm[a:b] for a, b in spans])
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
    """All embedded knowledge: question-variant examples and per-flag prototype banks."""

    variants: tuple[Variant, ...]
    variant_matrix: Matrix
    banks: dict[str, BankVectors]


def _texts() -> tuple[list[tuple[str, str, str]], list[str]]:
    """(kind, owner, text) for every text to embed, and the texts themselves."""
    rows = [("variant", v.id, ex.lower()) for v in questions().variants for ex in v.examples]
    for fid, bank in sorted(prototypes().flags.items()):
        rows += [("positive", fid, p) for p in bank.positive]
        rows += [("negative", fid, p) for p in bank.negative]
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
    return Library(
        variants=tuple(by_variant[rows[i][1]] for i in variant_idx),
        variant_matrix=matrix[variant_idx],
        banks=banks,
    )
