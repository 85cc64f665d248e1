"""Sentence embedders: one small interface, the packaged-model helpers, and a fake for tests.

An :class:`Embedder` turns texts into L2-normalised float32 rows, so the dot product of two rows
is their cosine similarity. Its ``name`` identifies exactly what ran and goes into the scorer
version: changing the model changes the name, never the scores silently.

The scorer's embedder is :class:`aspira.backends.minilm.MiniLMEmbedder` (all-MiniLM-L6-v2, tuned
to the rubric, as an int8 ONNX graph). This module holds what it builds on: :func:`packaged_model_dir` finds a model
shipped inside the package, and :func:`read_manifest` and :func:`verify_files` check every file
of a model directory against the sha256 listed in its ``manifest.json`` before it is loaded.

:class:`FakeEmbedder` hashes lowercase words into a fixed number of buckets: deterministic, no
dependencies, for tests that need an embedder but not meaning.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from aspira.errors import DataError

Vectors = npt.NDArray[np.float32]

MANIFEST = "manifest.json"


@runtime_checkable
class Embedder(Protocol):
    """Texts in, one L2-normalised float32 row per text out (zero row for a text without words)."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Vectors: ...


def packaged_model_dir(model_id: str) -> Path:
    """Directory of a model shipped inside the ``aspira`` package."""
    return Path(str(resources.files("aspira").joinpath("knowledge", "models", model_id)))


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(model_dir: Path, required: Sequence[str], rebuild: str) -> dict[str, Any]:
    """The model's manifest, checked for shape; DataError if missing or malformed.

    ``required`` are the files the manifest must list; ``rebuild`` is the fix-it advice that
    ends every error message.
    """
    path = model_dir / MANIFEST
    try:
        manifest: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError(f"{path}: file not found. {rebuild}", details={"file": str(path)}) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(
            f"{path}: unreadable ({exc}). {rebuild}", details={"file": str(path)}
        ) from exc
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or not all(name in files for name in required):
        raise DataError(
            f"{path}: field 'files' must map each of {', '.join(required)} to its sha256. "
            + rebuild,
            details={"file": str(path), "field": "files"},
        )
    return dict(manifest)


def verify_files(model_dir: Path, files: Mapping[str, str], rebuild: str) -> None:
    """Check every file listed in the manifest against its sha256; DataError on any mismatch."""
    for name, expected in sorted(files.items()):
        path = model_dir / name
        if not path.is_file():
            raise DataError(f"{path}: file not found. {rebuild}", details={"file": str(path)})
        actual = sha256_file(path)
        if actual != expected:
            raise DataError(
                f"{path}: sha256 {actual[:16]}… does not match {MANIFEST} ({str(expected)[:16]}…); "
                f"the embedding model is corrupted or was changed without rebuilding. {rebuild}",
                details={"file": str(path), "expected": expected, "actual": actual},
            )


def check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):  # a str is a Sequence[str] too: would embed each character
        raise TypeError("embed() takes a sequence of texts, not a single string; wrap it: [text]")
    return list(texts)


_WORD = re.compile(r"\w+")


class FakeEmbedder:
    """Hashes lowercase word tokens into ``dim`` buckets (blake2b, so stable across processes)."""

    def __init__(self, dim: int = 64) -> None:
        if dim < 1:
            raise ValueError("FakeEmbedder needs dim >= 1")
        self.dim: int = dim
        self.name: str = f"fake-hash-v1/{dim}"

    def _bucket(self, token: str) -> int:
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        return int.from_bytes(digest, "little") % self.dim

    def embed(self, texts: Sequence[str]) -> Vectors:
        batch = check_texts(texts)
        counts = np.zeros((len(batch), self.dim), dtype=np.float32)
        for row, text in enumerate(batch):
            for token in _WORD.findall(text.lower()):
                counts[row, self._bucket(token)] += 1.0
        norms = np.linalg.norm(counts, axis=1, keepdims=True)
        out: Vectors = np.divide(counts, norms, out=np.zeros_like(counts), where=norms > 0)
        return out

    def __repr__(self) -> str:
        return f"FakeEmbedder(dim={self.dim})"
