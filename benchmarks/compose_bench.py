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
texts (:func:`aspira.analysis.semantic.clear_caches`) are emptied before every timed step, so no
step reads a sentence embedded by an earlier repeat or step: the scoring part costs what it costs
inside ``compose``. Run on a quiet machine; the load average is printed with the results.
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
from aspira.analysis.semantic import clear_caches
from aspira.company.model import Company
from aspira.compose import compose
from aspira.knowledge.signals import questions
from aspira.profile import profile_from_mapping

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "compose"
BUDGET_MS = 50.0


def cases() -> list[tuple[object, Company | None, str]]:
    people = yaml.safe_load((DATA / "profiles.yaml").read_text("utf-8"))
    companies = list(yaml.safe_load((DATA / "companies.yaml").read_text("utf-8")).values())
    variants = questions().variants
    out: list[tuple[object, Company | None, str]] = []
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
    totals, scoring, fresh = [], [], []
    for _ in range(opts.repeat):
        for person, company, question in runs:
            clear_caches()
            start = time.perf_counter()
            result = compose(person, company, question)
            totals.append((time.perf_counter() - start) * 1000)
            clear_caches()
            start = time.perf_counter()
            for answer in result.answers():
                score(answer.text, question=question, company=company)
            scoring.append((time.perf_counter() - start) * 1000)
    for _ in range(opts.repeat):
        for person, company, question in runs:
            clear_caches()
            clear_company_cache()
            start = time.perf_counter()
            compose(person, company, question)
            fresh.append((time.perf_counter() - start) * 1000)
    writing = [t - s for t, s in zip(totals, scoring, strict=True)]
    after = os.getloadavg()

    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {len(runs)} people x {opts.repeat} repeats, warm; "
        f"load average {load[0]:.2f} at start, {after[0]:.2f} at end"
    )
    print(f"{'Step':<52} {'median ms':>10} {'p95 ms':>8}")
    print("-" * 72)
    for name, values in (
        ("compose end to end (3 answers written + scored)", totals),
        ("  scoring the 3 answers (aspira.score x 3)", scoring),
        ("  writing the 3 answers (compose minus scoring)", writing),
        ("compose end to end, company not seen before", fresh),
    ):
        p95 = statistics.quantiles(values, n=20)[-1]
        print(f"{name:<52} {statistics.median(values):>10.2f} {p95:>8.2f}")
    total = statistics.median(totals)
    verdict = "within" if total <= BUDGET_MS else "OVER"
    print(f"\nMedian end to end: {total:.1f} ms, {verdict} the {BUDGET_MS:.0f} ms budget.")


if __name__ == "__main__":
    main()
