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

__all__ = [
    "AspiraError",
    "BackendError",
    "DataError",
    "EmptyAnswerError",
    "InputError",
    "NotFoundError",
    "UnscorableAnswerError",
    "__version__",
    "score",
]
