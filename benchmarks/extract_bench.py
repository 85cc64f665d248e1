"""Benchmark: reading a company page or job posting (``aspira.company.extract_company``).

Run: ``.venv/bin/python benchmarks/extract_bench.py [--repeat N]``

Measures, as medians over repeated runs on one core of this machine:
  * ``extract_company`` on each test posting and page in ``tests/data/companies`` (warm);
  * ``parse_html`` on 50,000 and 100,000 unclosed ``<div>`` tags: linear time shows as a ratio
    near 2 between the two, quadratic as a ratio near 4;
  * refusing a 5 MB paste (the size check runs before any parsing).
The budget from the company issue is 100 ms a posting.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from aspira.company.clean import parse_html
from aspira.company.extract import extract_company
from aspira.errors import PostingTooLargeError

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "tests" / "data" / "companies").glob("*.expected.yaml"))
BUDGET_MS = 100.0


def median_ms(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def refuse_large() -> None:
    try:
        extract_company("<p>We value speed.</p>\n" * 250_000, name="Acme")
    except PostingTooLargeError:
        return
    raise SystemExit("a 5 MB page was not refused")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = []
    for expected in PAGES:
        stem = expected.name.removesuffix(".expected.yaml")
        source = next(p for p in expected.parent.glob(f"{stem}.*") if p != expected)
        texts.append(source.read_text("utf-8"))
    extract_company(texts[0])  # load the data files once
    per_page = [median_ms(lambda t=t: extract_company(t), args.repeat) for t in texts]
    half = median_ms(lambda: parse_html("<div>" * 50_000 + "<p>deep</p>"), args.repeat)
    full = median_ms(lambda: parse_html("<div>" * 100_000 + "<p>deep</p>"), args.repeat)
    large = median_ms(refuse_large, args.repeat)
    print(
        f"machine: {platform.machine()}, {platform.processor() or '?'}; Python {platform.python_version()}"
    )
    print(f"pages: {len(texts)}, medians of {args.repeat} runs")
    print(
        f"| extract_company, median page | {statistics.median(per_page):.1f} ms (budget {BUDGET_MS:.0f}) |"
    )
    print(f"| extract_company, slowest page | {max(per_page):.1f} ms |")
    print(
        f"| parse_html, 50,000 / 100,000 unclosed tags | {half:.0f} / {full:.0f} ms (ratio {full / half:.2f}) |"
    )
    print(f"| refuse a 5 MB paste | {large:.1f} ms |")


if __name__ == "__main__":
    main()
