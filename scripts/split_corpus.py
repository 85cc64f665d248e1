"""Merge ``corpus/parts/*.jsonl`` into ``corpus/answers.jsonl`` with a reproducible split.

Answers are stratified by (label, first flag) and ordered inside each stratum by a hash of the
id, then dealt 3:1:1 into train, dev and test. An answer already in ``answers.jsonl`` keeps its
split: new answers are dealt after the ones a stratum already holds, so adding a part never moves
an answer between train and test (the test split stays unseen by calibration).
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


def existing_splits() -> dict[str, str]:
    out = CORPUS / "answers.jsonl"
    if not out.exists():
        return {}
    lines = out.read_text(encoding="utf-8").splitlines()
    return {str(r["id"]): str(r["split"]) for r in map(json.loads, filter(None, lines))}


def assign(records: list[dict[str, object]], kept: dict[str, str]) -> None:
    strata: dict[tuple[str, str], list[dict[str, object]]] = {}
    for rec in records:
        flags = rec["flags"]
        first = sorted(flags)[0] if isinstance(flags, list) and flags else "none"
        strata.setdefault((str(rec["label"]), first), []).append(rec)
    for key in sorted(strata):
        old = [r for r in strata[key] if str(r["id"]) in kept]
        for rec in old:
            rec["split"] = kept[str(rec["id"])]
        new = [r for r in strata[key] if str(r["id"]) not in kept]
        new.sort(key=lambda r: hashlib.sha256(str(r["id"]).encode()).hexdigest())
        for i, rec in enumerate(new, start=len(old)):
            rec["split"] = SPLITS[i % len(SPLITS)]


def main() -> None:
    records = load_parts()
    assign(records, existing_splits())
    records.sort(key=lambda r: str(r["id"]))
    out = CORPUS / "answers.jsonl"
    out.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    counts = {s: sum(1 for r in records if r["split"] == s) for s in ("train", "dev", "test")}
    print(f"wrote {out.relative_to(ROOT)}: {len(records)} answers, {counts}")


if __name__ == "__main__":
    main()
