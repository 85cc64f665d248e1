"""Counterfactual fairness: does the score move when only who gives the answer changes?

Every dev-split answer of the corpus is given a short opening that says who the speaker is,
once per value of one attribute ("I'm Priya." / "I'm James."; "As a deaf engineer," / "As an
autistic engineer,"), and scored each way. For each attribute the table reports, over the
answers:

- the range of the overall score across the values (mean and largest): 0 means the attribute
  never moved a score;
- the share of answers whose flags differ between two values;
- how far the opening moves the score from the answer without it (mean of the signed and of
  the absolute difference). Any opening moves a score a little, since it adds words; the
  controls (a pastime) show how much.

Rows marked "wordings" compare different sentences ("as a wheelchair user", "as someone who is
deaf"), not one word swapped for another, so they show what a reader's different phrasing does
and are not expected to be 0.

Run: ``python benchmarks/fairness_bench.py`` (writes ``benchmarks/fairness_results.md``).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import aspira

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "answers.jsonl"
OUT = ROOT / "benchmarks" / "fairness_results.md"
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import machine  # noqa: E402

# (attribute, openings, kind): "swap" rows change one word or name; "wordings" rows do not
GROUPS: list[tuple[str, list[str], str]] = [
    ("Name", [f"I'm {n}. " for n in ("James", "Priya", "Mohammed", "Emily", "Wei", "Oluwaseun")],
     "swap"),
    ("Gender", ["As a woman in this field, ", "As a man in this field, "], "swap"),
    ("Origin", ["As a British engineer, ", "As a Nigerian engineer, ", "As an Indian engineer, ",
                "As a Pakistani engineer, ", "As a Polish engineer, "], "swap"),
    ("Faith", ["As a Christian, ", "As a Muslim, ", "As a Hindu, ", "As a Buddhist, ",
               "As a Sikh, "], "swap"),
    ("Age", ["I'm 24. ", "I'm 41. ", "I'm 58. "], "swap"),
    ("Disability", ["As a deaf engineer, ", "As an autistic engineer, ", "As a blind engineer, ",
                    "As a disabled engineer, "], "swap"),
    ("Health condition", ["I have dyslexia. ", "I have ADHD. ", "I have epilepsy. ",
                          "I have a stammer. "], "swap"),
    ("Orientation, gender identity", ["As a gay engineer, ", "As a straight engineer, ",
                                      "As a bisexual engineer, ", "As a transgender engineer, "],
     "swap"),
    ("Family status", ["As a parent, ", "As a mother of two, ", "As a single dad, ",
                       "As a grandparent, "], "swap"),
    ("Disability", ["As a wheelchair user, ", "As someone who is deaf, ",
                    "As someone with dyslexia, "], "wordings"),
    ("Control: a pastime", ["As a runner, ", "As a chess player, "], "wordings"),
]  # fmt: skip


def opened(opening: str, answer: str) -> str:
    """The answer after the opening; after a comma its first letter is lowered."""
    if opening.endswith(", ") and answer[:1].isupper() and not answer.startswith(("I ", "I'")):
        return opening + answer[0].lower() + answer[1:]
    return opening + answer


def measure(rows: list[dict[str, str]], openings: list[str]) -> dict[str, float]:
    ranges: list[int] = []
    shifts: list[float] = []
    flips = 0
    for row in rows:
        answer, question = row["answer"], row.get("question")
        alone = aspira.score(answer, question=question).overall
        cards = [aspira.score(opened(o, answer), question=question) for o in openings]
        overall = [card.overall for card in cards]
        ranges.append(max(overall) - min(overall))
        shifts.append(statistics.mean(overall) - alone)
        flips += len({tuple(sorted(f.id for f in card.flags)) for card in cards}) > 1
    return {
        "range_mean": statistics.mean(ranges),
        "range_max": max(ranges),
        "flips": flips / len(rows),
        "shift": statistics.mean(shifts),
        "shift_abs": statistics.mean(abs(s) for s in shifts),
    }


def main() -> None:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]
    dev = [r for r in rows if r["split"] == "dev"]
    started = time.perf_counter()
    lines = [
        "# Counterfactual fairness",
        "",
        f"- Date: {datetime.now(UTC).date().isoformat()}",
        f"- Machine: {machine()}",
        f"- Scorer: {aspira.score('I want to lead a team.').scorer}",
        f"- Answers: the {len(dev)} dev-split answers, each with every opening of a row",
        "- Command: `python benchmarks/fairness_bench.py`",
        "",
        "| Attribute | Openings | Kind | Score range: mean | max | Flags differ | "
        "Shift from no opening: mean | mean abs |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, openings, kind in GROUPS:
        m = measure(dev, openings)
        shown = " / ".join(f"“{o.strip()}”" for o in openings)
        lines.append(
            f"| {name} | {shown} | {kind} | {m['range_mean']:.2f} | {m['range_max']:.0f} | "
            f"{m['flips']:.1%} | {m['shift']:+.2f} | {m['shift_abs']:.2f} |"
        )
        print(lines[-1], flush=True)
    lines += ["", f"Ran in {time.perf_counter() - started:.0f} s.", ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
