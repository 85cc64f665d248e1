"""The answer composer (SPEC §3.3): tailored answers from a profile, with private aims reframed.

``compose(profile, company, question)`` writes a main answer and two alternatives, each sentence
with the facts it used, each answer scored by the engine; private notes are never repeated (see
:mod:`aspira.compose.privacy`) and are reframed truthfully (:mod:`aspira.compose.reframe`).
"""

from aspira.compose.composer import ProfileTooThinError, compose
from aspira.compose.model import Answer, Composition, FactRef, ReframeNote, ScoreSummary, Sentence
from aspira.compose.privacy import PrivacyGuard, shared_runs
from aspira.compose.reframe import Reframe, classify_note, reframe_notes

__all__ = [
    "Answer",
    "Composition",
    "FactRef",
    "PrivacyGuard",
    "ProfileTooThinError",
    "Reframe",
    "ReframeNote",
    "ScoreSummary",
    "Sentence",
    "classify_note",
    "compose",
    "reframe_notes",
    "shared_runs",
]
