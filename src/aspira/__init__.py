"""Aspira: an offline-first coach for the career-aspirations conversation."""

__version__ = "0.1.0"

from aspira.analysis.pipeline import score
from aspira.errors import (
    AspiraError,
    BackendError,
    DataError,
    EmptyAnswerError,
    InputError,
    NotFoundError,
    UnscorableAnswerError,
)
from aspira.plan import build_plan
from aspira.profile import Profile, load_profile

__all__ = [
    "AspiraError",
    "BackendError",
    "DataError",
    "EmptyAnswerError",
    "InputError",
    "NotFoundError",
    "Profile",
    "UnscorableAnswerError",
    "__version__",
    "build_plan",
    "load_profile",
    "score",
]
