"""Speed of the semantic embedder, single thread.

Run ``python benchmarks/embedder_bench.py`` (``--repeat N`` for more samples). Prints a markdown
table for the contextual MiniLM embedder (``MINILM_MODEL``, onnxruntime): model size, cold
start (each step, and the peak RSS of a fresh process that has embedded one answer), the worst
cosine to the build's float64 reference over the golden probes, and latency for: the fixed cost
of a call (a one-word text), a 20-token sentence, answers of 1, 4 and 7 sentences embedded
sentence by sentence (``embed_pooled`` + ``combine_pooled``, what the scorer does) and with the
sentences as parts of one call (``embed_spans`` + ``combine_pooled``: the same vectors to float
rounding), the long answer as one text and sentence by sentence, and 32 sentences. Every row is
timed twice and the better median reported (the machine may be busy with other work).

Thread pools are pinned to one thread before numpy or tokenizers load, so the numbers are per
core; the scorer runs one answer per process in ``aspira screen``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

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

# Answers of 1, 4 and 7 sentences (the corpus's median lengths are about 11, 74 and 150 words).
ANSWERS_BY_SENTENCES = {
    1: (
        "In five years I would like to be leading a small team of support engineers, ideally "
        "here, after learning the product inside out."
    ),
    4: (
        "I want to move from front-line support into a team lead role within the next three "
        "years. Over the last year I have trained four new starters and rewritten our "
        "troubleshooting guide, which cut repeat tickets noticeably. Your mentoring scheme is a "
        "big reason I applied, because I want structured feedback on how I lead. Longer term, I "
        "would like to run the whole support operation for a region."
    ),
    7: (
        "Five years from now I see myself as a senior quantity surveyor, running the cost side "
        "of large residential projects. Right now I handle the valuations for two mid-sized "
        "sites and report directly to the commercial manager. I have become the person the site "
        "teams ask when a variation needs pricing quickly. Next year I plan to finish my "
        "chartership, which your firm supports with study leave. After that I would like to take "
        "on a project of my own from tender to final account. I also want to get better at "
        "negotiating with subcontractors, since that is where margins are won or lost. Your "
        "focus on affordable housing matters to me, because I grew up in a housing association "
        "flat."
    ),
}
ONE_WORD = "Ok."  # [CLS] ok . [SEP]: the fixed cost of a call
SENTENCE_20 = (
    "In five years I hope to be running the regional logistics team for a company like yours."
)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, as :func:`sentences` splits it."""
    spans, start = [], 0
    for sentence in sentences(text):
        start = text.index(sentence, start)
        spans.append((start, start + len(sentence)))
        start += len(sentence)
    return spans


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


def cold_starts(runs: int, script: str) -> list[tuple[float, ...]]:
    """What ``script`` prints (seconds for each cold-start step, ...), each run in a fresh process."""
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
    parser = argparse.ArgumentParser(description="Speed of the semantic embedder.")
    parser.add_argument("--repeat", type=int, default=300, help="timed calls per row")
    parser.add_argument("--cold-runs", type=int, default=5, help="fresh interpreters to start")
    args = parser.parse_args()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    minilm_section(args)


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
    import numpy as np

    from aspira.backends.minilm import MiniLMEmbedder, combine_pooled

    embedder = MiniLMEmbedder()
    embedder.load()
    size = sum(p.stat().st_size for p in embedder.model_dir.iterdir() if p.is_file())
    onnx_size = (embedder.model_dir / "model.onnx").stat().st_size
    golden = json.loads((embedder.model_dir / "golden.json").read_text(encoding="utf-8"))
    probes = [probe["text"] for probe in golden["probes"]]
    reference = np.array([probe["pooled"] for probe in golden["probes"]], dtype=np.float64)
    got = embedder.embed(probes).astype(np.float64)
    golden_cos = np.sum(got * reference, axis=1) / np.linalg.norm(reference, axis=1)
    worst = int(np.argmin(golden_cos))

    def tokens(text: str) -> int:
        return int(embedder.embed_pooled([text])[1][0])

    def by_sentence(text: str) -> Callable[[], object]:
        parts = sentences(text)

        def call() -> object:
            pooled, weights = embedder.embed_pooled(parts)
            return combine_pooled(pooled, weights)

        return call

    def one_call(text: str) -> Callable[[], object]:
        spans = sentence_spans(text)

        def call() -> object:
            rows, weights = embedder.embed_spans(text, spans)
            return combine_pooled(rows, weights)

        return call

    # 32 distinct sentences (repeats within a call are embedded once): the model's probe texts.
    thirty_two = probes[:32]
    slow_repeat = max(10, args.repeat // 10)
    cases: list[tuple[str, int, Callable[[], object], int]] = [
        (
            f"fixed cost of a call: {ONE_WORD!r} ({tokens(ONE_WORD)} tokens)",
            1,
            lambda: embedder.embed([ONE_WORD]),
            args.repeat,
        ),
        (
            f"1 sentence of {tokens(SENTENCE_20)} tokens ({len(SENTENCE_20.split())} words)",
            1,
            lambda: embedder.embed([SENTENCE_20]),
            args.repeat,
        ),
    ]
    for count, text in ANSWERS_BY_SENTENCES.items():
        parts = sentences(text)
        words = len(text.split())
        total = sum(tokens(part) for part in parts)
        cases += [
            (
                f"{count}-sentence answer ({words} words), per sentence ({total} tokens) + combine",
                len(parts),
                by_sentence(text),
                slow_repeat,
            ),
            (
                f"{count}-sentence answer ({words} words), sentences in one call (embed_spans) + combine",
                len(parts),
                one_call(text),
                slow_repeat,
            ),
        ]
    parts = sentences(ANSWER)
    cases += [
        (
            f"long answer ({len(ANSWER.split())} words, {tokens(ANSWER)} tokens) as one text",
            1,
            lambda: embedder.embed([ANSWER]),
            slow_repeat,
        ),
        (
            f"the same answer as {len(parts)} sentences + combine",
            len(parts),
            by_sentence(ANSWER),
            slow_repeat,
        ),
        (
            "32 distinct sentences (probe texts)",
            32,
            lambda: embedder.embed(thirty_two),
            max(5, args.repeat // 30),
        ),
    ]
    rows = []
    for label, count, call, n in cases:
        first, second = timings(call, n), timings(call, n)  # the better of two runs
        best = min(first, second, key=statistics.median)
        rows.append((label, best, count))

    print(f"\n## Embedder `{embedder.name}` (dim {embedder.dim}, onnxruntime)\n")
    print(
        f"single thread, one text per call (embed_spans: an answer's sentences in one call); {args.cold_runs} "
        "fresh processes for cold start; each latency row timed twice, the better median shown\n"
    )
    print("| Measure | Median | p95 | Per text |")
    print("| --- | --- | --- | --- |")
    print(
        f"| Model size on disk (model.onnx) | {size / 1e6:.1f} MB ({onnx_size / 1e6:.1f} MB) | | |"
    )
    print(
        f"| Worst cosine to the float64 reference, {len(probes)} golden probes "
        f"({probes[worst][:20]!r}) | {golden_cos[worst]:.4f} | mean {golden_cos.mean():.4f} | |"
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


if __name__ == "__main__":
    main()
