"""Aspira: an offline-first coach for the career-aspirations conversation."""

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
    "AspiraError",
    "BackendError",
    "DataError",
    "EmptyAnswerError",
    "InputError",
    "NotFoundError",
    "UnscorableAnswerError",
    "__version__",
]
