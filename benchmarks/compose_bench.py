"""Benchmark: how long ``aspira.compose`` takes, with and without the scoring of its answers.

Run: ``.venv/bin/python benchmarks/compose_bench.py [--repeat N]``

For every test person in ``tests/data/compose/profiles.yaml`` (paired with a company of each
archetype in turn and a question variant), measures warm:
  * ``compose`` end to end (three answers written and each scored by the engine; the model reads
    the alternatives' sentences on a second thread while the main answer is scored);
  * the same on one core: no reading ahead, everything on the calling thread;
  * the scoring part alone (the three answers scored again with ``aspira.score``, one after
    another);
  * the writing part alone (``compose`` with scoring switched off: slots, templates, privacy
    guard, length fitting);
  * ``compose`` end to end with a company never seen before (its texts embedded afresh).
Medians over people and repeats. The budget from the composer issue is 50 ms end to end.

Warm means the model, the data files and the embedded knowledge are loaded, and each company's
vectors are cached (as they are for the three answers of one ``compose``). The caches of answer
texts (:func:`aspira.analysis.semantic.clear_caches`, and the sentence reads the embedder keeps)
are emptied before every timed step, so no step reads a sentence embedded by an earlier repeat or
step: the scoring part costs what it costs inside ``compose``. Run on a quiet machine; the load
average is printed with the results, and the CPU time of the process (all its threads) beside
the wall time (other jobs on the same cores stretch the wall time far more than the CPU time).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

import yaml

from aspira import score
from aspira.analysis.context import clear_company_cache
from aspira.analysis.semantic import clear_caches as clear_text_caches
from aspira.backends.minilm import minilm_embedder
from aspira.company.model import Company
from aspira.compose import compose, composer
from aspira.compose.model import ScoreSummary
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


@contextmanager
def patched(**names: object) -> Iterator[None]:
    """Replace names in the composer module for the block (the one-core and writing-only runs)."""
    saved = {name: getattr(composer, name) for name in names}
    for name, value in names.items():
        setattr(composer, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(composer, name, value)


def no_read_ahead(texts: object) -> AbstractContextManager[None]:
    return nullcontext()


def unscored(text: str, question: str | None, company: Company | None) -> ScoreSummary:
    return ScoreSummary(overall=None, band="unscored", flags=[], rubric="", scorer="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    opts = parser.parse_args()

    runs = cases()
    load = os.getloadavg()
    for person, company, question in runs:  # warm: data files, embedder, company vectors
        compose(person, company, question)
    totals, one_core, scoring, writing, fresh = (Timings() for _ in range(5))
    for _ in range(opts.repeat):
        for person, company, question in runs:
            clear_caches()
            with totals:
                result = compose(person, company, question)
            clear_caches()
            with patched(read_ahead=no_read_ahead), one_core:
                compose(person, company, question)
            clear_caches()
            with scoring:
                for answer in result.answers():
                    score(answer.text, question=question, company=company)
            with patched(read_ahead=no_read_ahead, _score=unscored), writing:
                compose(person, company, question)
    for _ in range(opts.repeat):
        for person, company, question in runs:
            clear_caches()
            clear_company_cache()
            with fresh:
                compose(person, company, question)
    after = os.getloadavg()

    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {len(runs)} people x {opts.repeat} repeats, warm; "
        f"load average {load[0]:.2f} at start, {after[0]:.2f} at end"
    )
    print(f"{'Step':<58} {'median ms':>10} {'p95 ms':>8} {'CPU median ms':>14}")
    print("-" * 93)
    for name, values in (
        ("compose end to end (3 answers written + scored)", totals),
        ("  the same on one core (no reading ahead)", one_core),
        ("  scoring the 3 answers alone (aspira.score x 3)", scoring),
        ("  writing the 3 answers alone (no scoring)", writing),
        ("compose end to end, company not seen before", fresh),
    ):
        p95 = statistics.quantiles(values.wall, n=20)[-1]
        print(
            f"{name:<58} {statistics.median(values.wall):>10.2f} {p95:>8.2f} "
            f"{statistics.median(values.cpu):>14.2f}"
        )
    for label, values in (("end to end", totals), ("on one core", one_core)):
        total = statistics.median(values.wall)
        verdict = "within" if total <= BUDGET_MS else "OVER"
        print(f"Median {label}: {total:.1f} ms, {verdict} the {BUDGET_MS:.0f} ms budget.")


if __name__ == "__main__":
    main()
