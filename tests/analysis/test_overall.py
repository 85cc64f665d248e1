"""The overall score: the rubric's weighted mean on the calibrated rating scale, with caps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from aspira.analysis.pipeline import overall_score
from aspira.knowledge.calibration import OverallScale, calibration
from aspira.rubric import load_rubric

RUBRIC = load_rubric()
IDS = [d.id for d in RUBRIC.dimensions]
SEVERE = next(f.id for f in RUBRIC.flags if f.severity == "severe")
MAJOR = next(f.id for f in RUBRIC.flags if f.severity == "major")


def _dims(score: float) -> list[tuple[str, float]]:
    return [(d, score) for d in IDS]


def test_the_identity_scale_is_the_weighted_mean() -> None:
    weights = {d.id: d.weight for d in RUBRIC.dimensions}
    dims = [(d, 10.0 * i) for i, d in enumerate(IDS, start=1)]
    mean = sum(weights[d] * s for d, s in dims) / sum(weights.values())
    assert overall_score(RUBRIC, OverallScale(), dims, []) == round(mean)


def test_flags_are_capped_after_the_scale() -> None:
    lifted = OverallScale(offset=30, scale=1.5)
    assert overall_score(RUBRIC, lifted, _dims(100), [SEVERE]) == RUBRIC.caps.severe
    assert overall_score(RUBRIC, lifted, _dims(100), [MAJOR]) == RUBRIC.caps.major
    assert overall_score(RUBRIC, lifted, _dims(100), []) == 100
    assert overall_score(RUBRIC, OverallScale(offset=-40), _dims(10), []) == 0


@given(
    st.floats(min_value=0, max_value=100),
    st.floats(min_value=0, max_value=100),
    st.floats(min_value=-50, max_value=50),
    st.floats(min_value=0.51, max_value=1.99),
)
def test_the_scale_never_reorders_two_answers(a: float, b: float, offset: float, k: float) -> None:
    scale = OverallScale(offset=offset, scale=k)
    low, high = sorted((a, b))
    assert overall_score(RUBRIC, scale, _dims(low), []) <= overall_score(
        RUBRIC, scale, _dims(high), []
    )


def test_the_shipped_scale_is_increasing_and_near_the_rubric() -> None:
    scale = calibration().overall
    assert 0.8 <= scale.scale <= 1.4
    assert -20 <= scale.offset <= 20


def test_a_calibration_fitted_on_the_test_split_does_not_load() -> None:
    fitted = calibration().model_dump(mode="json")
    with pytest.raises(ValidationError, match="test split never touches calibration"):
        type(calibration()).model_validate({**fitted, "fitted_splits": ["train", "test"]})
