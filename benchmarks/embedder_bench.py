"""Speed of the semantic embedders, single thread.

Run ``python benchmarks/embedder_bench.py`` (``--repeat N`` for more samples, ``--only static`` or
``--only minilm`` for one of them). Prints markdown tables:

- the default static embedder (``minilm-static-v1``): model size on disk, cold start in fresh
  interpreters, and per-call latency for one ~150-word answer, for that answer's sentences as one
  batch, and for larger batches;
- the contextual MiniLM embedder (``minilm-l6-int8-v1``, onnxruntime): model size, cold start
  (each step, and the peak RSS of a fresh process that has embedded one answer), and latency for
  one sentence, one answer in one call, the same answer sentence by sentence (as
  ``embed_pooled`` + ``combine_pooled`` would be used), and 32 sentences.

Thread pools are pinned to one thread before numpy or tokenizers load, so the numbers are per
core; the scorer runs one answer per process in ``aspira screen``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# Before numpy / tokenizers are imported (in main), and inherited by the cold-start processes.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

ANSWER = (
    "Over the next five years I want to grow from a staff nurse into a clinical nurse specialist "
    "in paediatric oncology. I have spent three years on a general children's ward, and the part "
    "of the job I am proudest of is helping frightened families understand a treatment plan. "
    "Last year I started running short teaching sessions for parents before discharge, and our "
    "readmission questions dropped noticeably. I am now finishing a certificate in paediatric "
    "pain management, and I would like to lead the ward's family education programme within "
    "two years. After that I hope to move into a specialist role where I can support nurses "
    "across several wards, not only my own patients. Your hospital's teaching programme and its "
    "oncology unit are the reasons I applied: I would learn from experienced specialists while "
    "building that expertise, and I would bring the parent sessions with me. In the long run I "
    "want to be the person colleagues call when a family is struggling to cope."
)

COLD_START = """
import time
t0 = time.perf_counter()
from aspira.backends.embedder import StaticEmbedder
t1 = time.perf_counter()
import model2vec
t2 = time.perf_counter()
e = StaticEmbedder()
t3 = time.perf_counter()
e.embed(["warm up"])
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""
COLD_PARTS = [
    "import aspira (whole package)",
    "import model2vec",
    "verify sha256 + read + build model",
    "first embed",
    "fresh python, all of the above",
]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def timings(call: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call, after a few warm-up calls."""
    for _ in range(5):
        call()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def cold_starts(runs: int, script: str = COLD_START) -> list[tuple[float, ...]]:
    """Seconds for each of COLD_PARTS, each run in a fresh process."""
    results = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        wall = time.perf_counter() - start
        results.append((*(float(x) for x in done.stdout.split()), wall))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="Speed of the semantic embedders.")
    parser.add_argument("--repeat", type=int, default=300, help="timed calls per row")
    parser.add_argument("--cold-runs", type=int, default=5, help="fresh interpreters to start")
    parser.add_argument("--only", choices=["static", "minilm"], help="benchmark one embedder")
    args = parser.parse_args()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    if args.only != "minilm":
        static_section(args)
    if args.only != "static":
        minilm_section(args)


def static_section(args: argparse.Namespace) -> None:
    colds = cold_starts(args.cold_runs)
    from aspira.backends.embedder import StaticEmbedder, packaged_model_dir

    model_dir = packaged_model_dir()
    size = sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file())
    embedder = StaticEmbedder()
    parts = sentences(ANSWER)
    answers_1000 = [ANSWER] * 1000
    tokens = len(embedder._model.tokenize([ANSWER])[0])
    big_repeat = max(5, args.repeat // 30)

    # (label, texts per call, call, timed repeats)
    cases: list[tuple[str, int, Callable[[], object], int]] = [
        (
            f"1 answer ({len(ANSWER.split())} words, {tokens} tokens)",
            1,
            lambda: embedder.embed([ANSWER]),
            args.repeat,
        ),
        (
            f"its {len(parts)} sentences, one batch",
            len(parts),
            lambda: embedder.embed(parts),
            args.repeat,
        ),
        ("32 sentences, one batch", 32, lambda: embedder.embed((parts * 8)[:32]), args.repeat),
        ("1,000 answers, one batch", 1000, lambda: embedder.embed(answers_1000), big_repeat),
    ]
    rows = [(label, timings(call, n), count) for label, count, call, n in cases]
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"\n## Embedder `{embedder.name}` (dim {embedder.dim})\n")
    print(f"single thread; {args.repeat} timed calls per row (1,000-answer row: {big_repeat})\n")
    print("| Measure | Median | p95 | Per text |")
    print("| --- | --- | --- | --- |")
    print(f"| Model size on disk | {size / 1e6:.1f} MB | | |")
    for index, name in enumerate(COLD_PARTS):
        values = [c[index] * 1000 for c in colds]
        print(
            f"| Cold start: {name} | {statistics.median(values):.0f} ms | {max(values):.0f} ms (max) | |"
        )
    for label, values, count in rows:
        median = statistics.median(values)
        print(
            f"| {label} | {median:.3f} ms | {p95(values):.3f} ms | {median * 1000 / count:.1f} µs |"
        )
    print(f"| Peak RSS of this process | {rss_mb:.0f} MB | | |")
    print_probe(model_dir / "manifest.json")


MINILM_COLD_START = """
import resource, time
t0 = time.perf_counter()
from aspira.backends.minilm import MiniLMEmbedder
t1 = time.perf_counter()
e = MiniLMEmbedder()
t2 = time.perf_counter()
e.load()
t3 = time.perf_counter()
e.embed(["warm up"])
t4 = time.perf_counter()
e.embed([ANSWER])
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, rss)
"""
MINILM_COLD_PARTS = [
    "import aspira.backends.minilm",
    "read manifest (constructor)",
    "verify sha256 + import onnxruntime, tokenizers + create session",
    "first embed",
]


def minilm_section(args: argparse.Namespace) -> None:
    """The contextual embedder: one text per onnxruntime call, one thread."""
    script = f"ANSWER = {ANSWER!r}\n" + MINILM_COLD_START
    colds = cold_starts(args.cold_runs, script)
    from aspira.backends.minilm import MiniLMEmbedder, combine_pooled

    embedder = MiniLMEmbedder()
    embedder.load()
    size = sum(p.stat().st_size for p in embedder.model_dir.iterdir() if p.is_file())
    onnx_size = (embedder.model_dir / "model.onnx").stat().st_size
    parts = sentences(ANSWER)
    _, counts = embedder.embed_pooled(parts)
    _, (answer_tokens,) = embedder.embed_pooled([ANSWER])
    short = parts[2]

    def by_sentence() -> object:
        pooled, weights = embedder.embed_pooled(parts)
        return combine_pooled(pooled, weights)

    # 32 distinct sentences (repeats within a call are embedded once): the model's probe texts.
    golden = json.loads((embedder.model_dir / "golden.json").read_text(encoding="utf-8"))
    thirty_two = [probe["text"] for probe in golden["probes"]][:32]
    _, short_tokens = embedder.embed_pooled([short])
    slow_repeat = max(10, args.repeat // 10)
    cases: list[tuple[str, int, Callable[[], object], int]] = [
        (
            f"1 sentence ({len(short.split())} words, {int(short_tokens[0])} tokens)",
            1,
            lambda: embedder.embed([short]),
            args.repeat,
        ),
        (
            f"1 answer in one call ({len(ANSWER.split())} words, {answer_tokens} tokens)",
            1,
            lambda: embedder.embed([ANSWER]),
            slow_repeat,
        ),
        (
            f"the same answer as {len(parts)} sentences ({int(counts.sum())} tokens) + combine",
            len(parts),
            by_sentence,
            slow_repeat,
        ),
        (
            "32 distinct sentences (probe texts)",
            32,
            lambda: embedder.embed(thirty_two),
            max(5, args.repeat // 30),
        ),
    ]
    rows = [(label, timings(call, n), count) for label, count, call, n in cases]

    print(f"\n## Embedder `{embedder.name}` (dim {embedder.dim}, onnxruntime)\n")
    print(f"single thread, one text per call; {args.cold_runs} fresh processes for cold start\n")
    print("| Measure | Median | p95 | Per text |")
    print("| --- | --- | --- | --- |")
    print(
        f"| Model size on disk (model.onnx) | {size / 1e6:.1f} MB ({onnx_size / 1e6:.1f} MB) | | |"
    )
    for index, name in enumerate(MINILM_COLD_PARTS):
        values = [c[index] * 1000 for c in colds]
        print(
            f"| Cold start: {name} | {statistics.median(values):.0f} ms | {max(values):.0f} ms (max) | |"
        )
    walls = [c[-1] * 1000 for c in colds]
    print(
        "| Cold start: fresh python, all of the above + one answer | "
        f"{statistics.median(walls):.0f} ms | {max(walls):.0f} ms (max) | |"
    )
    rss = [c[-2] for c in colds]
    print(f"| Peak RSS of a fresh process after one answer | {statistics.median(rss):.0f} MB | | |")
    for label, values, count in rows:
        median = statistics.median(values)
        print(f"| {label} | {median:.2f} ms | {p95(values):.2f} ms | {median / count:.2f} ms |")


def print_probe(manifest_path: Path) -> None:
    """The build-time quality probe (scripts/build_static_model.py), as recorded in the manifest."""
    probe = json.loads(manifest_path.read_text(encoding="utf-8")).get("probe", {})
    if not probe:
        return
    print("\nBuild-time probe: 10 groups of 3 paraphrases (435 sentence pairs), vs MiniLM itself\n")
    print("| Model | ρ vs MiniLM | nearest is a paraphrase | mean cos paraphrase | unrelated |")
    print("| --- | --- | --- | --- | --- |")
    for name, row in probe.items():
        print(
            f"| {name} | {row['rho_vs_minilm']:.3f} | {row['nn_same_group']:.0%} | "
            f"{row['mean_cos_paraphrase']:.3f} | {row['mean_cos_unrelated']:.3f} |"
        )


if __name__ == "__main__":
    main()
