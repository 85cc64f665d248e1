"""The embedder interface, the fake embedder, the packaged-model helpers and the vocabulary."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aspira.backends.embedder import (
    MANIFEST,
    Embedder,
    FakeEmbedder,
    packaged_model_dir,
    read_manifest,
    sha256_file,
    verify_files,
)
from aspira.backends.minilm import MINILM_MODEL, minilm_embedder
from aspira.errors import DataError
from aspira.knowledge.signals import english_vocabulary, english_words, signals

ANSWER = (
    "Over the next five years I want to grow from a staff nurse into a clinical nurse specialist "
    "in paediatric oncology. I have spent three years on a general children's ward, and the part "
    "of the job I am proudest of is helping families understand a treatment plan."
)
REBUILD = "Rebuild it with scripts/example.py."


def _unit_or_zero(vectors: np.ndarray) -> None:
    assert np.isfinite(vectors).all()
    norms = np.linalg.norm(vectors, axis=1)
    assert np.all((np.abs(norms - 1.0) < 1e-5) | (norms == 0.0)), norms


# --- the Embedder contract, for the scorer's embedder and the fake -------------------------------

EMBEDDERS = pytest.mark.parametrize("make", [minilm_embedder, FakeEmbedder], ids=["minilm", "fake"])


@EMBEDDERS
def test_shape_dtype_and_unit_rows(make: Any) -> None:
    embedder = make()
    assert isinstance(embedder, Embedder)
    vectors = embedder.embed(["I want to lead a team.", ANSWER, "Nursing."])
    assert vectors.shape == (3, embedder.dim)
    assert vectors.dtype == np.float32
    assert vectors.flags["C_CONTIGUOUS"]
    _unit_or_zero(vectors)
    assert np.all(np.linalg.norm(vectors, axis=1) > 0.99)


@EMBEDDERS
def test_no_texts_gives_no_rows(make: Any) -> None:
    embedder = make()
    assert embedder.embed([]).shape == (0, embedder.dim)


@EMBEDDERS
def test_texts_without_words_give_zero_rows_not_nan(make: Any) -> None:
    embedder = make()
    vectors = embedder.embed(["", "   \n\t", "I want to grow."])
    assert np.isfinite(vectors).all()
    assert not vectors[0].any() and not vectors[1].any()
    assert np.linalg.norm(vectors[2]) == pytest.approx(1.0, abs=1e-5)


@EMBEDDERS
def test_a_bare_string_is_rejected(make: Any) -> None:
    with pytest.raises(TypeError, match="single string"):
        make().embed("launch my own business")


# --- the fake ------------------------------------------------------------------------------------


def test_fake_is_deterministic_and_bag_of_words() -> None:
    fake = FakeEmbedder(dim=32)
    first = fake.embed(["Lead the team", "grow"])
    assert FakeEmbedder(dim=32).embed(["Lead the team", "grow"]).tobytes() == first.tobytes()
    assert fake.embed(["the TEAM, lead!"]).tobytes() == first[:1].tobytes()
    assert fake.name == "fake-hash-v1/32"
    # blake2b, not hash(): the same buckets in every process, whatever PYTHONHASHSEED is
    assert int(np.argmax(FakeEmbedder(dim=8).embed(["hello"])[0])) == 7


def test_fake_similarity_follows_shared_words() -> None:
    vectors = FakeEmbedder(dim=256).embed(["lead a data team", "lead a data team now", "golf"])
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2])


def test_fake_rejects_a_useless_dim() -> None:
    with pytest.raises(ValueError):
        FakeEmbedder(dim=0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=4))
def test_any_text_embeds_to_unit_or_zero_rows(texts: list[str]) -> None:
    embedder = FakeEmbedder()
    vectors = embedder.embed(texts)
    assert vectors.shape == (len(texts), embedder.dim)
    _unit_or_zero(vectors)


# --- packaged models: manifest and hash checks (on a copy of the MiniLM model) -------------------


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    target = tmp_path / MINILM_MODEL
    shutil.copytree(packaged_model_dir(MINILM_MODEL), target)
    return target


def _files(model_dir: Path) -> dict[str, str]:
    files: dict[str, str] = read_manifest(model_dir, ("model.onnx",), REBUILD)["files"]
    return files


def test_sha256_file_reads_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    data = bytes(range(256)) * 9000  # more than one 1 MiB chunk
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


def test_an_intact_copy_passes_verification(model_copy: Path) -> None:
    manifest = read_manifest(model_copy, ("model.onnx", "tokenizer.json"), REBUILD)
    assert manifest["id"] == MINILM_MODEL
    files = manifest["files"]
    assert set(files) == {p.name for p in model_copy.iterdir()} - {MANIFEST}
    verify_files(model_copy, files, REBUILD)  # no error


@pytest.mark.parametrize("name", ["model.onnx", "tokenizer.json", "README.md"])
def test_a_corrupted_byte_is_refused(model_copy: Path, name: str) -> None:
    path = model_copy / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(DataError) as caught:
        verify_files(model_copy, _files(model_copy), REBUILD)
    message = caught.value.message
    assert name in message and MANIFEST in message and message.endswith(REBUILD)
    assert caught.value.details["expected"] != caught.value.details["actual"]


def test_a_missing_file_names_the_file_and_the_fix(model_copy: Path) -> None:
    files = _files(model_copy)
    (model_copy / "tokenizer.json").unlink()
    with pytest.raises(DataError, match=r"tokenizer\.json: file not found") as caught:
        verify_files(model_copy, files, REBUILD)
    assert caught.value.message.endswith(REBUILD)
    (model_copy / MANIFEST).unlink()
    with pytest.raises(DataError, match=r"manifest\.json: file not found") as caught:
        read_manifest(model_copy, ("model.onnx",), REBUILD)
    assert caught.value.message.endswith(REBUILD)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('{"id": "x"}', "field 'files'"),
        ('{"files": {"tokenizer.json": "00"}}', r"field 'files' must map each of model\.onnx"),
        ("[1, 2]", "field 'files'"),
        ("{not json", "unreadable"),
    ],
)
def test_a_malformed_manifest_is_refused(model_copy: Path, text: str, error: str) -> None:
    (model_copy / MANIFEST).write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=error):
        read_manifest(model_copy, ("model.onnx",), REBUILD)


# --- the language check's vocabulary -------------------------------------------------------------


def test_the_vocabulary_is_minilms_whole_words() -> None:
    tokenizer = packaged_model_dir(MINILM_MODEL) / "tokenizer.json"
    vocab = json.loads(tokenizer.read_text(encoding="utf-8"))["model"]["vocab"]
    words = english_vocabulary()
    informal = frozenset(signals().english_informal)
    assert words == frozenset(w for w in vocab if w.isalpha()) | english_words() | informal
    assert "dunno" in informal and "dunno" not in vocab
    assert len(words) > 20_000
    for word in ("engineering", "nurse", "lead", "career", "analytics", "the"):
        assert word in words and word in vocab
    # whole words only: no word pieces, no special tokens
    assert not any(w.startswith("##") or w.startswith("[") for w in words)
    assert "##ing" in vocab and "##ing" not in words and "[CLS]" not in words


# --- no model2vec --------------------------------------------------------------------------------

_WITHOUT_MODEL2VEC = """
import sys
sys.modules["model2vec"] = None  # `import model2vec` now fails
import aspira
card = aspira.score("I want to lead a data team in five years.")
assert card.overall > 0 and card.band, card.to_json()
"""


def test_scoring_needs_no_model2vec() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_MODEL2VEC],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
