"""Agreement between Aspira's scores and human labels: the numbers behind ``aspira eval``.

The input is JSONL, one labelled answer a line (the corpus format, see ``corpus/GUIDE.md``):
``answer``, optional ``id`` and ``question``, ``label`` good/bad and/or ``rating`` 1–5, optional
``flags`` (the complete list of flags present), ``dimensions`` (id → level 1–5) and ``split``.
Every answer is scored once; each metric then uses the answers that carry its label. A metric
that cannot be computed (no labels, a single class) is ``None`` with the reason, never a crash
and never a made-up number. Lines that cannot be read are counted and reported, not fatal.

The result is a typed :class:`EvalReport`, so the benchmark script reuses it as is.
scikit-learn is imported inside the metric functions to keep the CLI's start fast.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from aspira import score
from aspira.errors import AspiraError, InputError
from aspira.knowledge.calibration import calibration
from aspira.rubric import Rubric, Scorecard, load_rubric
from aspira.screen import check_input

Scorer = Callable[..., Scorecard]
BANDS = ("strong", "solid", "needs_work", "weak")
GOOD_BANDS = frozenset({"strong", "solid"})
LONG_ANSWER_WORDS = 20


def predicted_rating(band: str, overall: int) -> int:
    """The 1–5 rating a scorecard implies, to compare with a human rating.

    The bands map onto the corpus rating scale: strong → 5, solid → 4, needs_work → 3; the
    weak band splits at overall 25 into 2 (weak) and 1 (very weak).
    """
    return {"strong": 5, "solid": 4, "needs_work": 3}.get(band, 2 if overall >= 25 else 1)


def rating_band(rating: int) -> str:
    """The band a human rating implies: the inverse of :func:`predicted_rating`."""
    return {5: "strong", 4: "solid", 3: "needs_work"}.get(rating, "weak")


class Labelled(BaseModel):
    """One labelled answer. Unknown fields (profession, note, …) are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    answer: str
    question: str | None = None
    label: Literal["good", "bad"] | None = None
    rating: int | None = Field(default=None, ge=1, le=5, strict=True)
    flags: list[str] | None = None
    dimensions: dict[str, Annotated[int, Field(ge=1, le=5, strict=True)]] | None = None
    split: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Metric(BaseModel):
    """A value over ``n`` answers, or ``None`` and the reason it cannot be computed."""

    value: float | None
    n: int
    reason: str | None = None


class FlagMetric(BaseModel):
    flag: str
    support: int  # answers labelled with the flag
    predicted: int  # answers the scorer flagged
    true_positives: int
    precision: float | None
    recall: float | None
    f1: float | None


class Confusion(BaseModel):
    """Rows: the band implied by the human rating; columns: the predicted band."""

    labels: list[str]
    matrix: list[list[int]]
    n: int


class Problem(BaseModel):
    """A line that could not be read, or an answer the scorer refused."""

    line: int
    id: str | None
    error: str


class Miss(BaseModel):
    id: str
    label: str | None
    rating: int | None
    overall: int
    band: str
    predicted_rating: int
    excerpt: str


class EvalReport(BaseModel):
    source: str
    split: str | None
    rubric: str
    scorer: str | None
    # the corpus splits the packaged calibration was fitted on; evaluating one of them with the
    # default scorer measures answers it learnt from
    calibrated_on: list[str]
    rows: int  # labelled answers read (after the split filter)
    scored: int
    excluded: int  # answers of other splits
    bad_lines: list[Problem]
    unscorable: list[Problem]
    auroc: Metric
    auroc_long: Metric  # answers of LONG_ANSWER_WORDS words or more
    length_auroc: Metric  # the word count as the score: what length alone achieves
    length_auroc_long: Metric
    balanced_accuracy: Metric
    rating_qwk: Metric
    dimension_qwk: dict[str, Metric]
    flag_rows: int  # answers that carry flag labels
    flags: list[FlagMetric]
    band_confusion: Confusion | None
    misses: list[Miss]

    @property
    def in_sample(self) -> bool:
        """Whether the measured split is one the packaged calibration was fitted on."""
        return self.split is not None and self.split in self.calibrated_on


@dataclass(frozen=True)
class Scored:
    item: Labelled
    line: int
    card: Scorecard
    words: int

    @property
    def good(self) -> bool:
        return self.card.band in GOOD_BANDS


def evaluate(
    path: Path, *, split: str | None = None, misses: int = 0, scorer: Scorer | None = None
) -> EvalReport:
    """Score every labelled answer in ``path`` and measure the agreement."""
    rubric = load_rubric()
    items, bad, excluded = load_labelled(path, rubric, split)
    scored, unscorable = _score_all(items, scorer or score)
    return EvalReport(
        source=str(path),
        split=split,
        rubric=rubric.ref,
        scorer=scored[0].card.scorer if scored else None,
        calibrated_on=calibration().fitted_splits if scorer is None else [],
        rows=len(items),
        scored=len(scored),
        excluded=excluded,
        bad_lines=bad,
        unscorable=unscorable,
        **_label_metrics(scored),
        dimension_qwk={d.id: _dimension_qwk(scored, d.id) for d in rubric.dimensions},
        flag_rows=sum(s.item.flags is not None for s in scored),
        flags=flag_metrics(scored),
        band_confusion=band_confusion(scored),
        misses=worst_misses(scored, misses, _good_threshold(rubric)),
    )


def load_labelled(
    path: Path, rubric: Rubric, split: str | None = None
) -> tuple[list[tuple[int, Labelled]], list[Problem], int]:
    """``(line, answer)`` pairs of the split, the unreadable lines, and how many were excluded."""
    check_input(path)
    items, bad, excluded = [], [], 0
    dims = {d.id for d in rubric.dimensions}
    for line, parsed in _parse_lines(path, dims):
        if isinstance(parsed, Problem):
            bad.append(parsed)
        elif split is not None and parsed.split != split:
            excluded += 1
        else:
            items.append((line, parsed))
    if split is not None and not items and excluded:
        raise InputError(f"{path} has no answers with split {split!r}; check --split.")
    return items, bad, excluded


def _parse_lines(path: Path, dims: set[str]) -> Iterator[tuple[int, Labelled | Problem]]:
    with path.open("rb") as handle:
        for line, raw in enumerate(handle, 1):
            if raw.strip():
                yield line, _parse_line(raw, line, dims)


def _parse_line(raw: bytes, line: int, dims: set[str]) -> Labelled | Problem:
    try:
        data = json.loads(raw.decode("utf-8").lstrip("\ufeff"))
    except UnicodeDecodeError:
        return Problem(line=line, id=None, error="not valid UTF-8")
    except (ValueError, RecursionError):
        return Problem(line=line, id=None, error="not valid JSON")
    if not isinstance(data, dict):
        return Problem(line=line, id=None, error="not a JSON object")
    data.setdefault("id", f"line {line}")
    try:
        item = Labelled.model_validate(data)
    except ValidationError as exc:
        error = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return Problem(line=line, id=str(data["id"]), error=error)
    unknown = sorted(set(item.dimensions or {}) - dims)
    if unknown:
        error = f"unknown dimension {', '.join(unknown)}; known: {', '.join(sorted(dims))}"
        return Problem(line=line, id=item.id, error=error)
    return item


def _score_all(
    items: list[tuple[int, Labelled]], scorer: Scorer
) -> tuple[list[Scored], list[Problem]]:
    scored, refused = [], []
    for line, item in items:
        try:
            card = scorer(item.answer, question=item.question)
        except AspiraError as exc:
            refused.append(Problem(line=line, id=item.id, error=exc.message))
            continue
        scored.append(Scored(item, line, card, len(item.answer.split())))
    return scored, refused


def _label_metrics(scored: list[Scored]) -> dict[str, Metric]:
    labelled = [s for s in scored if s.item.label is not None]
    long = [s for s in labelled if s.words >= LONG_ANSWER_WORDS]
    rated = [s for s in scored if s.item.rating is not None]
    return {
        "auroc": auroc([(s.item.label == "good", s.card.overall) for s in labelled]),
        "auroc_long": auroc([(s.item.label == "good", s.card.overall) for s in long]),
        "length_auroc": auroc([(s.item.label == "good", s.words) for s in labelled]),
        "length_auroc_long": auroc([(s.item.label == "good", s.words) for s in long]),
        "balanced_accuracy": balanced_accuracy(
            [(s.item.label == "good", s.good) for s in labelled]
        ),
        "rating_qwk": qwk(
            [(s.item.rating or 0, predicted_rating(s.card.band, s.card.overall)) for s in rated]
        ),
    }


def _both_classes(truth: list[bool]) -> str | None:
    """Why a good-vs-bad metric cannot be computed, or None if it can."""
    if not truth:
        return "no answers labelled good/bad"
    if len(set(truth)) < 2:
        return f"every answer is labelled {'good' if truth[0] else 'bad'}; needs both"
    return None


def auroc(pairs: list[tuple[bool, float]]) -> Metric:
    """Area under the ROC curve of ``score`` for telling good (True) from bad."""
    truth = [good for good, _ in pairs]
    if reason := _both_classes(truth):
        return Metric(value=None, n=len(pairs), reason=reason)
    from sklearn.metrics import roc_auc_score

    return Metric(value=float(roc_auc_score(truth, [s for _, s in pairs])), n=len(pairs))


def balanced_accuracy(pairs: list[tuple[bool, bool]]) -> Metric:
    """Balanced accuracy of predicting good (band strong or solid)."""
    truth = [good for good, _ in pairs]
    if reason := _both_classes(truth):
        return Metric(value=None, n=len(pairs), reason=reason)
    from sklearn.metrics import balanced_accuracy_score

    value = balanced_accuracy_score(truth, [p for _, p in pairs])
    return Metric(value=float(value), n=len(pairs))


def qwk(pairs: list[tuple[int, int]]) -> Metric:
    """Quadratic-weighted Cohen's kappa of (human, predicted) levels 1–5."""
    if not pairs:
        return Metric(value=None, n=0, reason="no labelled answers")
    if len({level for pair in pairs for level in pair}) < 2:
        return Metric(value=None, n=len(pairs), reason="every level, human and predicted, is equal")
    from sklearn.metrics import cohen_kappa_score

    truth, pred = [t for t, _ in pairs], [p for _, p in pairs]
    value = cohen_kappa_score(truth, pred, labels=[1, 2, 3, 4, 5], weights="quadratic")
    return Metric(value=float(value), n=len(pairs))


def _dimension_qwk(scored: list[Scored], dim: str) -> Metric:
    pairs = []
    for s in scored:
        level = (s.item.dimensions or {}).get(dim)
        found = [d.level for d in s.card.dimensions if d.id == dim]
        if level is not None and found:
            pairs.append((level, found[0]))
    return qwk(pairs)


def flag_metrics(scored: list[Scored]) -> list[FlagMetric]:
    """Precision, recall and F1 per flag, over answers whose flags are labelled."""
    rows = [(set(s.item.flags), set(s.card.flag_ids())) for s in scored if s.item.flags is not None]
    names = sorted(set().union(*(truth | pred for truth, pred in rows)))
    return [_flag_metric(name, rows) for name in names]


def _flag_metric(name: str, rows: list[tuple[set[str], set[str]]]) -> FlagMetric:
    support = sum(name in truth for truth, _ in rows)
    predicted = sum(name in pred for _, pred in rows)
    hits = sum(name in truth and name in pred for truth, pred in rows)
    precision = hits / predicted if predicted else None
    recall = hits / support if support else None
    f1 = None
    if precision is not None and recall is not None:
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return FlagMetric(
        flag=name, support=support, predicted=predicted, true_positives=hits,
        precision=precision, recall=recall, f1=f1,
    )  # fmt: skip


def band_confusion(scored: list[Scored]) -> Confusion | None:
    """Counts of (band implied by the human rating, predicted band); None without ratings."""
    rated = [s for s in scored if s.item.rating is not None]
    if not rated:
        return None
    from sklearn.metrics import confusion_matrix

    truth = [rating_band(s.item.rating or 0) for s in rated]
    matrix = confusion_matrix(truth, [s.card.band for s in rated], labels=list(BANDS))
    return Confusion(labels=list(BANDS), matrix=matrix.tolist(), n=len(rated))


def worst_misses(scored: list[Scored], limit: int, threshold: int) -> list[Miss]:
    """Answers the scorer got most wrong: the widest rating gap, then the farthest from the
    good/bad threshold on the wrong side."""
    if limit <= 0:
        return []
    misses = [(gap, s) for s in scored if (gap := _miss_gap(s))]
    misses.sort(key=lambda m: (-m[0], -abs(m[1].card.overall - threshold), m[1].item.id))
    return [_miss(s) for _, s in misses[:limit]]


def _miss_gap(s: Scored) -> int:
    """0 if the prediction agrees with the labels, else how far off (at least 1)."""
    gap = 0
    if s.item.rating is not None:
        rating_gap = abs(s.item.rating - predicted_rating(s.card.band, s.card.overall))
        gap = rating_gap if rating_gap >= 2 else 0
    if s.item.label is not None and (s.item.label == "good") != s.good:
        gap = max(gap, 1)
    return gap


def _miss(s: Scored) -> Miss:
    text = " ".join(s.item.answer.split())
    excerpt = text if len(text) <= 80 else text[:79] + "…"
    return Miss(
        id=s.item.id, label=s.item.label, rating=s.item.rating, overall=s.card.overall,
        band=s.card.band, predicted_rating=predicted_rating(s.card.band, s.card.overall),
        excerpt=excerpt,
    )  # fmt: skip


def _good_threshold(rubric: Rubric) -> int:
    return min(b.min for b in rubric.bands if b.id in GOOD_BANDS)


def report_dict(report: EvalReport) -> dict[str, Any]:
    """The report as plain JSON data (for the ``--json`` envelope)."""
    return report.model_dump(mode="json")
