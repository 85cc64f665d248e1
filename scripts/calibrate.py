"""Refit the scorer on the corpus's train split and write ``calibration.v1.json``.

1. Flag thresholds: for each flag matched by meaning, the lowest similarity threshold on a grid
   whose train precision stays ≥ 0.9, chosen for the best F1 (patterns alone if none helps).
2. Dimension models: ridge regression of each labelled level (mapped to the middle of its fifth:
   1 → 10 … 5 → 90) on the named features, with the flags fixed from step 1.

Run ``make calibrate`` (or ``python scripts/calibrate.py``). Dev and test splits are never read.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import Ridge

from aspira.analysis.pipeline import analyse
from aspira.knowledge.calibration import Calibration, DimensionModel, calibration
from aspira.knowledge.loader import packaged_path
from aspira.rubric.model import DIMENSION_IDS

ROOT = Path(__file__).resolve().parent.parent
GRID = [round(x, 2) for x in np.arange(0.70, 0.99, 0.02)]
MIN_PRECISION = 0.9
ALPHA = 3.0


def train_records() -> list[dict[str, object]]:
    path = ROOT / "corpus" / "answers.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r.get("split") == "train"]


def fit_thresholds(records: list[dict[str, object]], base: Calibration) -> dict[str, float]:
    out = {}
    for fid in sorted(base.flag_thresholds):
        truth = [fid in r["flags"] for r in records]  # type: ignore[operator]
        best = (-1.0, 2.0)
        for t in [*GRID, 2.0]:
            calib = base.model_copy(update={"flag_thresholds": {**base.flag_thresholds, fid: t}})
            pred = [
                any(f.id == fid for f in analyse(str(r["answer"]), _q(r), calib).found)
                for r in records
            ]
            tp = sum(p and y for p, y in zip(pred, truth, strict=True))
            fp = sum(p and not y for p, y in zip(pred, truth, strict=True))
            fn = sum(y and not p for p, y in zip(pred, truth, strict=True))
            precision = tp / (tp + fp) if tp + fp else 1.0
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            if precision >= MIN_PRECISION and f1 > best[0]:
                best = (f1, t)
        out[fid] = best[1]
        print(f"  {fid:24s} threshold {best[1]:.2f}  train F1 {best[0]:.3f}")
    return out


def _q(r: dict[str, object]) -> str | None:
    q = r.get("question")
    return str(q) if q else None


def fit_dimensions(
    records: list[dict[str, object]], calib: Calibration
) -> dict[str, DimensionModel]:
    feats = [analyse(str(r["answer"]), _q(r), calib).features.values for r in records]
    names = sorted({k for f in feats for k in f})
    x = np.array([[f.get(n, 0.0) for n in names] for f in feats])
    models = {}
    for dim in DIMENSION_IDS:
        rows = [i for i, r in enumerate(records) if dim in r.get("dimensions", {})]  # type: ignore[operator]
        y = np.array([float(records[i]["dimensions"][dim]) * 20 - 10 for i in rows])  # type: ignore[index]
        model = Ridge(alpha=ALPHA).fit(x[rows], y)
        weights = {
            n: round(float(w), 3) for n, w in zip(names, model.coef_, strict=True) if abs(w) >= 0.05
        }
        models[dim] = DimensionModel(intercept=round(float(model.intercept_), 3), weights=weights)
        print(f"  {dim:16s} R² {model.score(x[rows], y):.3f} on {len(rows)} answers")
    return models


def main() -> None:
    records = train_records()
    base = calibration()
    print(f"train split: {len(records)} answers")
    thresholds = fit_thresholds(records, base)
    calib = base.model_copy(update={"flag_thresholds": thresholds})
    dims = fit_dimensions(records, calib)
    fitted = calib.model_copy(
        update={
            "dimensions": dims,
            "fitted_on": f"corpus/answers.jsonl train split, {len(records)} answers",
        }
    )
    path = packaged_path("knowledge", "data", "calibration.v1.json")
    path.write_text(
        json.dumps(fitted.model_dump(mode="json"), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
