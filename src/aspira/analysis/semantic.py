"""Meaning-based matching: sentences against prototypes kept as data.

The embedder is the project's static model distilled from all-MiniLM-L6-v2 (see
``aspira.backends.embedder``). Prototype vectors are computed once per process.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from aspira.knowledge.signals import Variant, flag_patterns, questions

if TYPE_CHECKING:
    from aspira.backends.embedder import Embedder


@cache
def embedder() -> Embedder:
    from aspira.backends.embedder import default_embedder

    return default_embedder()


def embed(texts: list[str]) -> np.ndarray:
    return embedder().embed(texts)


@cache
def example_matrix() -> tuple[tuple[Variant, ...], np.ndarray]:
    """Each variant's example wordings, embedded (one row per example)."""
    rows: list[tuple[Variant, str]] = [(v, ex) for v in questions().variants for ex in v.examples]
    return tuple(v for v, _ in rows), embed([ex.lower() for _, ex in rows])


@cache
def prototype_matrix() -> tuple[tuple[str, ...], tuple[str, ...], np.ndarray]:
    """(flag id per row, prototype text per row, embedded prototypes)."""
    rows = [(fid, p) for fid, spec in flag_patterns().items() for p in spec.prototypes]
    if not rows:
        return (), (), np.zeros((0, 1), dtype=np.float32)
    return (
        tuple(f for f, _ in rows),
        tuple(p for _, p in rows),
        embed([p.lower() for _, p in rows]),
    )
