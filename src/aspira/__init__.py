"""Aspira: an offline-first coach for the career-aspirations conversation."""

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

__version__ = "0.1.0"

__all__ = [
    "score",
    "AspiraError",
    "BackendError",
    "DataError",
    "EmptyAnswerError",
    "InputError",
    "NotFoundError",
    "UnscorableAnswerError",
    "__version__",
]
