"""Benchmark: how long ``aspira.compose`` takes, with and without the scoring of its answers.

Run: ``.venv/bin/python benchmarks/compose_bench.py [--repeat N]``

For every test person in ``tests/data/compose/profiles.yaml`` (paired with a company of each
archetype in turn and a question variant), measures on one core, warm:
  * ``compose`` end to end (three answers written and each scored by the engine);
  * the scoring part alone (the three answers scored again with ``aspira.score``);
  * the writing part (the difference: slots, templates, privacy guard, length fitting);
  * ``compose`` end to end with a company never seen before (its texts embedded afresh).
Medians over people and repeats. The budget from the composer issue is 50 ms end to end.

Warm means the model, the data files and the embedded knowledge are loaded, and each company's
vectors are cached (as they are for the three answers of one ``compose``). The caches of answer
texts (:func:`aspira.analysis.semantic.clear_caches`, and the token vectors the embedder keeps)
are emptied before every timed step, so no step reads a sentence embedded by an earlier repeat or
step: the scoring part costs what it costs inside ``compose``. Run on a quiet machine; the load average is printed with the results, and
the CPU time of the process beside the wall time (other jobs on the same cores stretch the wall
time far more than the CPU time).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

import yaml

from aspira import score
from aspira.analysis.context import clear_company_cache
from aspira.analysis.semantic import clear_caches as clear_text_caches
from aspira.backends.minilm import minilm_embedder
from aspira.company.model import Company
from aspira.compose import compose
from aspira.knowledge.signals import questions
from aspira.profile import Profile, profile_from_mapping

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "compose"
BUDGET_MS = 50.0


class Timings:
    """Wall and CPU milliseconds of each ``with`` block."""

    def __init__(self, wall: list[float] | None = None, cpu: list[float] | None = None) -> None:
        self.wall = wall or []
        self.cpu = cpu or []

    def __enter__(self) -> None:
        self._start = (time.perf_counter(), time.process_time())

    def __exit__(self, *exc: object) -> None:
        self.wall.append((time.perf_counter() - self._start[0]) * 1000)
        self.cpu.append((time.process_time() - self._start[1]) * 1000)

    def __sub__(self, other: Timings) -> Timings:
        return Timings(
            [a - b for a, b in zip(self.wall, other.wall, strict=True)],
            [a - b for a, b in zip(self.cpu, other.cpu, strict=True)],
        )


def clear_caches() -> None:
    """Forget every vector of an answer text: the meaning layer's caches and the token vectors
    the embedder keeps for the company context's clauses."""
    clear_text_caches()
    minilm_embedder().clear_cache()


def cases() -> list[tuple[Profile, Company | None, str]]:
    people = yaml.safe_load((DATA / "profiles.yaml").read_text("utf-8"))
    companies = list(yaml.safe_load((DATA / "companies.yaml").read_text("utf-8")).values())
    variants = questions().variants
    out: list[tuple[Profile, Company | None, str]] = []
    for i, entry in enumerate(people.values()):
        data = dict(companies[i % len(companies)])
        data["role_title"] = {"value": entry["role"], "evidence": "posting"}
        question = variants[i % len(variants)].examples[0]
        out.append((profile_from_mapping(entry["profile"]), Company.model_validate(data), question))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    opts = parser.parse_args()

    runs = cases()
    load = os.getloadavg()
    for person, company, question in runs:  # warm: data files, embedder, company vectors
        compose(person, company, question)
    totals, scoring, fresh = Timings(), Timings(), Timings()
    for _ in range(opts.repeat):
        for person, company, question in runs:
            clear_caches()
            with totals:
                result = compose(person, company, question)
            clear_caches()
            with scoring:
                for answer in result.answers():
                    score(answer.text, question=question, company=company)
    for _ in range(opts.repeat):
        for person, company, question in runs:
            clear_caches()
            clear_company_cache()
            with fresh:
                compose(person, company, question)
    writing = totals - scoring
    after = os.getloadavg()

    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {len(runs)} people x {opts.repeat} repeats, warm; "
        f"load average {load[0]:.2f} at start, {after[0]:.2f} at end"
    )
    print(f"{'Step':<52} {'median ms':>10} {'p95 ms':>8} {'CPU median ms':>14}")
    print("-" * 87)
    for name, values in (
        ("compose end to end (3 answers written + scored)", totals),
        ("  scoring the 3 answers (aspira.score x 3)", scoring),
        ("  writing the 3 answers (compose minus scoring)", writing),
        ("compose end to end, company not seen before", fresh),
    ):
        p95 = statistics.quantiles(values.wall, n=20)[-1]
        print(
            f"{name:<52} {statistics.median(values.wall):>10.2f} {p95:>8.2f} "
            f"{statistics.median(values.cpu):>14.2f}"
        )
    total = statistics.median(totals.wall)
    verdict = "within" if total <= BUDGET_MS else "OVER"
    print(f"\nMedian end to end: {total:.1f} ms, {verdict} the {BUDGET_MS:.0f} ms budget.")


if __name__ == "__main__":
    main()
