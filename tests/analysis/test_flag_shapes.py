"""The answer-shape readings that flags weigh beside the words and the meaning."""

from __future__ import annotations

import pytest

from aspira.analysis.pipeline import analyse
from aspira.knowledge.calibration import calibration


def shape(flag: str, text: str) -> float:
    found = analyse(text, None, calibration())
    return next(ev.values["shape"] for ev in found.evidence if ev.id == flag)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the speaker's own workplace, judged in the same sentence
        ("My manager rewrites my reports without a word of explanation. I want to lead.", 1.0),
        ("At my current place the leadership team is frankly incompetent.", 1.0),
        ("I want a company that actually listens, unlike my last employer.", 1.0),
        # judged, but not the speaker's workplace; or the workplace, but not judged
        ("Customers get frustrated by slow refunds, and I want to fix that.", 0.0),
        ("My manager reviews my code carefully and I have learned a lot.", 0.0),
        # the workplace in one sentence, a judging word in another
        ("My manager is great. The old billing system was a mess.", 0.0),
        # a judging word that a guard explains away (the work is to remove the chaos)
        ("My team and I turned a chaotic rota into a predictable one.", 0.0),
    ],
)
def test_negative_shape_is_the_own_workplace_judged(text: str, expected: float) -> None:
    assert shape("negative", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm an intern and I'll be head of data by next summer.", 1.0),
        ("Straight out of school, I'd expect to be a branch manager within a year.", 1.0),
        ("Second-year apprentice. Plant manager by 22.", 1.0),
        # someone else's manager; a long horizon for a management title; no first rung
        ("I'm an intern, and within a year I'd like my manager to sign off my project.", 0.0),
        ("I'm a junior analyst, and in six years I'd like to be a manager.", 0.0),
        ("I've led teams for ten years and want to be a director within a year.", 0.0),
    ],
)
def test_unrealistic_shape_is_a_leap_from_the_first_rung(text: str, expected: float) -> None:
    assert shape("unrealistic", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no aim in any sentence: the answer may be about something else
        ("Depends on the night buses. If they still run out this way I can do lates.", 1.0),
        ("I run six beds on a medical ward: drug round at eight, handover at seven.", 1.0),
        # an aim, said any of several ways (what it is about is for the meaning heads)
        ("I'd love to restore my narrowboat and cruise the canals at weekends.", 0.0),
        ("My goal is to run the payroll for all three sites.", 0.0),
        ("In five years, cardiac physiology, with the echo accreditation done.", 0.0),
    ],
)
def test_off_topic_shape_is_no_aim_stated(text: str, expected: float) -> None:
    assert shape("off_topic", text) == expected
