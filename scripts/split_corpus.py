"""Merge ``corpus/parts/*.jsonl`` into ``corpus/answers.jsonl`` with a reproducible split.

Answers are stratified by (label, first flag) and ordered inside each stratum by a hash of the
id, then dealt 3:1:1 into train, dev and test. The same parts always give the same split, and
adding answers moves no existing answer between train and test unless its stratum reshuffles.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REQUIRED = ("id", "answer", "label", "rating", "flags", "dimensions")
SPLITS = ("train", "train", "train", "dev", "test")


def load_parts() -> list[dict[str, object]]:
    records, seen = [], set()
    for path in sorted((CORPUS / "parts").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            missing = [k for k in REQUIRED if k not in rec]
            if missing or rec["id"] in seen:
                sys.exit(f"{path.name}:{n}: missing {missing} or duplicate id {rec.get('id')}")
            seen.add(rec["id"])
            records.append(rec)
    return records


def assign(records: list[dict[str, object]]) -> None:
    strata: dict[tuple[str, str], list[dict[str, object]]] = {}
    for rec in records:
        flags = rec["flags"]
        first = sorted(flags)[0] if isinstance(flags, list) and flags else "none"
        strata.setdefault((str(rec["label"]), first), []).append(rec)
    for key in sorted(strata):
        group = sorted(strata[key], key=lambda r: hashlib.sha256(str(r["id"]).encode()).hexdigest())
        for i, rec in enumerate(group):
            rec["split"] = SPLITS[i % len(SPLITS)]


def main() -> None:
    records = load_parts()
    assign(records)
    records.sort(key=lambda r: str(r["id"]))
    out = CORPUS / "answers.jsonl"
    out.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    counts = {s: sum(1 for r in records if r["split"] == s) for s in ("train", "dev", "test")}
    print(f"wrote {out.relative_to(ROOT)}: {len(records)} answers, {counts}")


if __name__ == "__main__":
    main()
