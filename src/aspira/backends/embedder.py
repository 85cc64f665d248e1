"""Sentence embedders: one small interface, the packaged static model, and a fake for tests.

An :class:`Embedder` turns texts into L2-normalised float32 rows, so the dot product of two rows
is their cosine similarity. Its ``name`` identifies exactly what ran and goes into the scorer
version: changing the model changes the name, never the scores silently.

The default, :class:`StaticEmbedder`, is ``minilm-static-v1``: a model2vec static model the project
distils from sentence-transformers/all-MiniLM-L6-v2 (``scripts/build_static_model.py``) and ships
inside the package (about 8 MB, int8, 256 dimensions). A text's vector is the mean of its
word-piece vectors, so it costs well under a millisecond per answer and needs neither torch nor
the network — but it ignores word order and context ("I want to leave" and "I never want to
leave" are close). Every file is checked against ``manifest.json`` before it is loaded, and
model2vec is imported only when the model is first loaded.

:class:`FakeEmbedder` hashes lowercase words into a fixed number of buckets: deterministic, no
dependencies, for tests that need an embedder but not meaning.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from aspira.errors import BackendError, DataError

Vectors = npt.NDArray[np.float32]

DEFAULT_MODEL = "minilm-static-v1"
MANIFEST = "manifest.json"
# Files that decide the vectors; their hashes make up the embedder's name.
_WEIGHT_FILES = ("config.json", "model.safetensors", "tokenizer.json")
_REBUILD = (
    "Reinstall aspira (pip install --force-reinstall aspira), or from a source checkout run "
    "`git checkout -- src/aspira/knowledge/models` or rebuild the model with "
    "scripts/build_static_model.py, which rewrites manifest.json."
)


@runtime_checkable
class Embedder(Protocol):
    """Texts in, one L2-normalised float32 row per text out (zero row for a text without words)."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Vectors: ...


def packaged_model_dir(model_id: str = DEFAULT_MODEL) -> Path:
    """Directory of a model shipped inside the ``aspira`` package."""
    return Path(str(resources.files("aspira").joinpath("knowledge", "models", model_id)))


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(
    model_dir: Path, required: Sequence[str] = _WEIGHT_FILES, rebuild: str = _REBUILD
) -> dict[str, Any]:
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


def verify_files(model_dir: Path, files: Mapping[str, str], rebuild: str = _REBUILD) -> None:
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


def _load_static_model(model_dir: Path, base_model: str | None) -> Any:
    """model2vec's StaticModel built from the verified files of a local directory."""
    try:
        from model2vec import StaticModel
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise BackendError(
            "The semantic embedder needs model2vec, which is not installed. "
            "Install it with: pip install model2vec",
            details={"package": "model2vec"},
        ) from exc
    # Not StaticModel.from_pretrained: it imports huggingface_hub (a third of the cold start, for
    # model-card parsing) and would treat a missing directory as a hub id to download.
    try:
        tensors = load_file(str(model_dir / "model.safetensors"))
        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        vectors = tensors["embeddings"]
    except Exception as exc:  # safetensors and tokenizers raise bare Exception subclasses
        raise DataError(f"{model_dir}: cannot read the model ({exc}). {_REBUILD}") from exc
    try:
        return StaticModel(
            vectors=vectors,
            tokenizer=tokenizer,
            config=config,
            normalize=True,
            base_model_name=base_model,
            weights=tensors.get("weights"),
            token_mapping=tensors.get("mapping"),
            max_length=None,  # embed whole answers; also no per-call truncation state to race on
        )
    except (TypeError, ValueError) as exc:
        raise BackendError(
            f"model2vec could not load {model_dir} ({exc}). "
            "Install a supported version with: pip install --upgrade 'model2vec>=0.10'",
            details={"package": "model2vec"},
        ) from exc


def check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):  # a str is a Sequence[str] too: would embed each character
        raise TypeError("embed() takes a sequence of texts, not a single string; wrap it: [text]")
    return list(texts)


class StaticEmbedder:
    """The packaged model2vec model (default ``minilm-static-v1``), hash-verified at load."""

    def __init__(self, model_dir: Path | None = None) -> None:
        directory = model_dir if model_dir is not None else packaged_model_dir()
        manifest = read_manifest(directory)
        files: dict[str, str] = manifest["files"]
        verify_files(directory, files)
        source = manifest.get("source")
        base_model = source.get("model") if isinstance(source, dict) else None
        self._model = _load_static_model(directory, base_model)
        self.dim: int = int(self._model.dim)
        weights = "".join(files[name] for name in _WEIGHT_FILES)
        digest = hashlib.sha256(weights.encode("ascii")).hexdigest()[:8]
        self.name: str = f"{manifest.get('id', directory.name)}@{digest}"
        self.model_dir = directory
        # encode() resets the shared tokenizer's truncation on every call: one call at a time.
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> Vectors:
        batch = check_texts(texts)
        if not batch:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                batch, max_length=None, normalize=True, use_multiprocessing=False
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def __repr__(self) -> str:
        return f"StaticEmbedder(name={self.name!r}, dim={self.dim})"


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


@cache
def default_embedder() -> StaticEmbedder:
    """The packaged static embedder, loaded and verified once per process."""
    return StaticEmbedder()
