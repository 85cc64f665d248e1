"""Benchmark: how long the development plan takes, core and end to end.

Run: ``.venv/bin/python benchmarks/plan_bench.py [--repeat N] [--cli-runs N]``

Measures, as medians over repeated runs on one core of this machine:
  * loading and validating every track file (cold, cache cleared each run);
  * ``build_plan`` on a test profile (warm);
  * each export (Markdown, JSON, DOCX, PDF) of that plan, and build + export together;
  * the whole ``aspira plan`` command in a fresh process (interpreter start, imports, files).
The budget from issue #4 is 200 ms for ``aspira plan``'s core (build + export).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from aspira.export import to_docx, to_json, to_markdown, to_pdf
from aspira.knowledge.loader import load_file
from aspira.knowledge.tracks import TrackFamily, load_tracks_from, tracks_dir
from aspira.plan import build_plan
from aspira.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "tests" / "data" / "profiles"
CASE = "hr_generalist_to_business_partner"
BUDGET_MS = 200.0
DATE = "2025-03-14"


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cold_tracks() -> None:
    load_tracks_from(tracks_dir())


def cold_hr() -> None:
    load_file(TrackFamily, tracks_dir() / "hr.yaml")


def cli_ms(args: list[str], runs: int) -> float:
    exe = Path(sys.executable).with_name("aspira")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(exe), *args], check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--cli-runs", type=int, default=5)
    opts = parser.parse_args()

    case = yaml.safe_load((PROFILES / "cases.yaml").read_text("utf-8"))[CASE]
    profile = load_profile(PROFILES / case["profile"])
    args = (profile, case["family"], case["target"], case["ratings"], case.get("current"))
    plan = build_plan(*args)
    build = median_ms(lambda: build_plan(*args), opts.repeat * 4)
    rows = [
        ("load + validate all 13 track files", median_ms(cold_tracks, opts.repeat // 5 or 1)),
        ("load + validate one family (hr, cold)", median_ms(cold_hr, opts.repeat // 5 or 1)),
        ("build_plan (warm)", build),
    ]
    exports = {
        "md": lambda: to_markdown(plan, DATE),
        "json": lambda: to_json(plan),
        "docx": lambda: to_docx(plan, DATE),
        "pdf": lambda: to_pdf(plan, DATE),
    }
    for name, fn in exports.items():
        rows.append((f"export {name}", median_ms(fn, opts.repeat)))
    for name, fn in exports.items():
        both = median_ms(lambda fn=fn: (build_plan(*args), fn()), opts.repeat)  # type: ignore[misc]
        rows.append((f"core: build_plan + {name}", both))

    with tempfile.TemporaryDirectory() as tmp:
        ratings = Path(tmp) / "ratings.yaml"
        ratings.write_text(yaml.safe_dump(case["ratings"]), "utf-8")
        base = ["plan", "--profile", str(PROFILES / case["profile"]), "--family", case["family"]]
        base += ["--target", case["target"], "--ratings", str(ratings), "--date", DATE]
        for fmt in ("md", "pdf"):
            out = ["--format", fmt, "--out", str(Path(tmp) / f"plan.{fmt}")]
            rows.append(
                (f"`aspira plan --format {fmt}` (new process)", cli_ms(base + out, opts.cli_runs))
            )

    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; medians of {opts.repeat} runs (CLI: {opts.cli_runs})"
    )
    print(f"{'Step':<48} {'median ms':>10}")
    print("-" * 59)
    for name, ms in rows:
        print(f"{name:<48} {ms:>10.2f}")
    core = max(ms for name, ms in rows if name.startswith("core:"))
    verdict = "within" if core <= BUDGET_MS else "OVER"
    print(f"\nSlowest core path: {core:.1f} ms, {verdict} the {BUDGET_MS:.0f} ms budget.")


if __name__ == "__main__":
    main()
