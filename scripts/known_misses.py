"""Rewrite ``tests/examples/known_misses.txt``: the examples the scorer gets wrong today.

Run after a scorer change; review the diff (a shrinking list is progress), and say in the
change's notes which misses were fixed or added.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_examples import DIMS, FLAGS, case_key  # noqa: E402

import aspira  # noqa: E402


def misses() -> list[str]:
    out = []
    for flag, spec in FLAGS.items():
        for key in ("should_flag", "should_not_flag"):
            for text in spec.get(key) or []:
                hit = flag in aspira.score(text, question=spec.get("question")).flag_ids()
                if hit != (key == "should_flag"):
                    out.append(f"{case_key(flag, key, text)}  # {text[:70]}")
    for dim, spec in DIMS.items():
        for key in ("high", "low"):
            for text in spec.get(key) or []:
                card = aspira.score(text, question=spec.get("question"))
                level = next(d.level for d in card.dimensions if d.id == dim)
                if (level >= 4) if key == "high" else (level <= 2):
                    continue
                out.append(f"{case_key(dim, key, text)}  # level {level}: {text[:60]}")
    return out


def main() -> None:
    found = misses()
    header = (
        "# Examples the scorer gets wrong today (strict xfails). Regenerate with\n"
        "# `python scripts/known_misses.py`; this list should only shrink.\n"
    )
    path = ROOT / "tests" / "examples" / "known_misses.txt"
    path.write_text(header + "".join(f"{m}\n" for m in found), encoding="utf-8")
    total = sum(
        len(s.get(k) or []) for s in FLAGS.values() for k in ("should_flag", "should_not_flag")
    )
    total += sum(len(s.get(k) or []) for s in DIMS.values() for k in ("high", "low"))
    print(f"{len(found)} known misses of {total} examples")


if __name__ == "__main__":
    main()
