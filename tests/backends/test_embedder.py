"""The embedders: contract (shape, unit rows, no NaN), determinism, integrity checks, meaning."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aspira.backends.embedder import (
    DEFAULT_MODEL,
    Embedder,
    FakeEmbedder,
    StaticEmbedder,
    default_embedder,
    packaged_model_dir,
)
from aspira.errors import BackendError, DataError

ANSWER = (
    "Over the next five years I want to grow from a staff nurse into a clinical nurse specialist "
    "in paediatric oncology. I have spent three years on a general children's ward, and the part "
    "of the job I am proudest of is helping families understand a treatment plan."
)


@pytest.fixture(scope="module")
def static() -> StaticEmbedder:
    return default_embedder()


def _unit_or_zero(vectors: np.ndarray) -> None:
    assert np.isfinite(vectors).all()
    norms = np.linalg.norm(vectors, axis=1)
    assert np.all((np.abs(norms - 1.0) < 1e-5) | (norms == 0.0)), norms


# --- contract ----------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [default_embedder, FakeEmbedder], ids=["static", "fake"])
def test_shape_dtype_and_unit_rows(make: Any) -> None:
    embedder = make()
    assert isinstance(embedder, Embedder)
    vectors = embedder.embed(["I want to lead a team.", ANSWER, "Nursing."])
    assert vectors.shape == (3, embedder.dim)
    assert vectors.dtype == np.float32
    assert vectors.flags["C_CONTIGUOUS"]
    _unit_or_zero(vectors)
    assert np.all(np.linalg.norm(vectors, axis=1) > 0.99)


@pytest.mark.parametrize("make", [default_embedder, FakeEmbedder], ids=["static", "fake"])
def test_no_texts_gives_no_rows(make: Any) -> None:
    embedder = make()
    assert embedder.embed([]).shape == (0, embedder.dim)


@pytest.mark.parametrize("make", [default_embedder, FakeEmbedder], ids=["static", "fake"])
def test_texts_without_words_give_zero_rows_not_nan(make: Any) -> None:
    embedder = make()
    vectors = embedder.embed(["", "   \n\t", "I want to grow."])
    assert np.isfinite(vectors).all()
    assert not vectors[0].any() and not vectors[1].any()
    assert np.linalg.norm(vectors[2]) == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize("make", [default_embedder, FakeEmbedder], ids=["static", "fake"])
def test_a_bare_string_is_rejected(make: Any) -> None:
    with pytest.raises(TypeError, match="single string"):
        make().embed("launch my own business")


def test_static_model_facts(static: StaticEmbedder) -> None:
    manifest = json.loads((packaged_model_dir() / "manifest.json").read_text(encoding="utf-8"))
    assert static.dim == manifest["dim"] == 256
    assert static.name.startswith(f"{DEFAULT_MODEL}@")
    assert len(static.name) == len(DEFAULT_MODEL) + 1 + 8
    assert default_embedder() is static


# --- determinism -------------------------------------------------------------------------------


def test_static_is_deterministic_to_the_byte(static: StaticEmbedder) -> None:
    texts = ["start my own consulting firm", ANSWER, "lead the onboarding process"]
    first = static.embed(texts)
    assert static.embed(texts).tobytes() == first.tobytes()
    assert StaticEmbedder().embed(texts).tobytes() == first.tobytes()  # a fresh load
    # a text's vector does not depend on the batch it is in
    assert static.embed(texts[1:2]).tobytes() == first[1:2].tobytes()
    assert static.embed(texts[::-1]).tobytes() == first[::-1].tobytes()


def test_same_vectors_as_model2vecs_own_loader(static: StaticEmbedder) -> None:
    from model2vec import StaticModel

    reference = StaticModel.from_pretrained(packaged_model_dir(), normalize=True)
    texts = ["start my own consulting firm", ANSWER, ""]
    expected = np.asarray(reference.encode(texts, max_length=None), dtype=np.float32)
    assert static.embed(texts).tobytes() == expected.tobytes()


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
    for embedder in (default_embedder(), FakeEmbedder()):
        vectors = embedder.embed(texts)
        assert vectors.shape == (len(texts), embedder.dim)
        _unit_or_zero(vectors)


# --- integrity of the packaged model -----------------------------------------------------------


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    target = tmp_path / DEFAULT_MODEL
    shutil.copytree(packaged_model_dir(), target)
    return target


def test_an_intact_copy_loads_and_embeds_the_same(model_copy: Path, static: StaticEmbedder) -> None:
    copy = StaticEmbedder(model_copy)
    assert copy.name == static.name
    assert copy.embed([ANSWER]).tobytes() == static.embed([ANSWER]).tobytes()


@pytest.mark.parametrize(
    "name", ["model.safetensors", "tokenizer.json", "config.json", "README.md"]
)
def test_a_corrupted_byte_is_refused(model_copy: Path, name: str) -> None:
    path = model_copy / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(DataError) as caught:
        StaticEmbedder(model_copy)
    message = caught.value.message
    assert name in message and "manifest.json" in message
    assert "build_static_model.py" in message and "reinstall" in message.lower()
    assert caught.value.details["expected"] != caught.value.details["actual"]


@pytest.mark.parametrize("name", ["model.safetensors", "manifest.json"])
def test_a_missing_file_is_refused(model_copy: Path, name: str) -> None:
    (model_copy / name).unlink()
    with pytest.raises(DataError, match="file not found"):
        StaticEmbedder(model_copy)


def test_a_manifest_without_hashes_is_refused(model_copy: Path) -> None:
    (model_copy / "manifest.json").write_text(json.dumps({"id": "x"}), encoding="utf-8")
    with pytest.raises(DataError, match="field 'files'"):
        StaticEmbedder(model_copy)


def test_missing_model2vec_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "model2vec", None)  # makes `import model2vec` fail
    with pytest.raises(BackendError, match="pip install model2vec"):
        StaticEmbedder()


# --- offline, quiet and lazy -------------------------------------------------------------------


def test_loading_and_embedding_never_touch_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    StaticEmbedder().embed([ANSWER])


_FRESH_PROCESS = """
import socket, sys
def refuse(*args, **kwargs):
    raise SystemExit("network access attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import aspira.backends.embedder as module
assert "model2vec" not in sys.modules, "model2vec imported at module import"
module.default_embedder().embed(["I want to lead a team."])
assert "torch" not in sys.modules, "torch imported"
assert "huggingface_hub" not in sys.modules, "hub client imported"
"""


@pytest.mark.parametrize("offline", ["1", None], ids=["HF_HUB_OFFLINE=1", "hub-env-unset"])
def test_fresh_process_is_lazy_offline_and_silent(offline: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    if offline is not None:
        env["HF_HUB_OFFLINE"] = offline
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", _FRESH_PROCESS],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""  # no warnings, no log lines


# --- meaning (sanity, not a benchmark: see benchmarks/embedder_bench.py) -------------------------

CLOSER_THAN = [
    ("start my own consulting firm", "launch my own business", "lead the onboarding process"),
    (
        "I want to start my own consulting firm",
        "I plan to launch my own business",
        "I want to own the onboarding process",
    ),
    (
        "specialise in paediatric nursing",
        "care for sick children as a nurse",
        "earn a higher salary",
    ),
    (
        "become a team lead managing engineers",
        "manage and mentor a group of developers",
        "travel the world and play golf",
    ),
    (
        "deepen my expertise in data analysis",
        "get better at statistics and analytics",
        "start a family and settle down",
    ),
    (
        "go back to university for a master's degree",
        "leave to study at graduate school",
        "improve the experience of our customers",
    ),
    ("earn a much higher salary", "get paid more money", "mentor junior colleagues"),
    (
        "I want to leave the company within a year",
        "I plan to quit after twelve months",
        "I want to lead the company's analytics team",
    ),
]


@pytest.mark.parametrize(
    ("anchor", "paraphrase", "other"), CLOSER_THAN, ids=[row[0][:30] for row in CLOSER_THAN]
)
def test_a_paraphrase_is_closer_than_a_different_aim(
    static: StaticEmbedder, anchor: str, paraphrase: str, other: str
) -> None:
    a, p, o = static.embed([anchor, paraphrase, other])
    close, far = float(a @ p), float(a @ o)
    assert close >= far + 0.05, f"{anchor!r}: paraphrase {close:.3f} vs other {far:.3f}"
