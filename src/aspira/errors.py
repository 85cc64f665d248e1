"""One error hierarchy for the whole product.

Every error a user can cause is an :class:`AspiraError` whose message says how to fix the
problem. Front ends translate it exactly once: the CLI prints the message and exits 2, the web
API wraps it in the error envelope. Anything that is *not* an ``AspiraError`` is a bug (exit 3).

::

    AspiraError
    ├── InputError            bad input from the user (exit 2)
    │   ├── EmptyAnswerError
    │   ├── AnswerTooLargeError
    │   ├── UnscorableAnswerError   not English, or not an answer at all
    │   ├── EmptyPostingError       a company page with no readable text
    │   └── PostingTooLargeError    a company page past the size limit
    ├── NotFoundError         unknown id, missing file (lists the valid choices)
    ├── DataError             a shipped or user data file failed validation (names file + field)
    └── BackendError          an optional backend is missing or failed (names the install command)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class AspiraError(Exception):
    """Base class: the message is shown to the user as is and says how to fix the problem."""

    code: str = "aspira_error"
    exit_code: int = 2

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details or {}

    def to_dict(self) -> dict[str, Any]:
        """The error part of the JSON envelope."""
        return {"code": self.code, "message": self.message, "details": self.details}


class InputError(AspiraError):
    code = "invalid_input"


class EmptyAnswerError(InputError):
    code = "empty_answer"


class AnswerTooLargeError(InputError):
    code = "answer_too_large"


class UnscorableAnswerError(InputError):
    code = "unscorable_answer"


class EmptyPostingError(InputError):
    code = "empty_posting"


class PostingTooLargeError(InputError):
    code = "posting_too_large"


class NotFoundError(AspiraError):
    code = "not_found"

    @classmethod
    def unknown(cls, kind: str, name: str, choices: Iterable[str]) -> NotFoundError:
        """An unknown id, with the valid choices listed so the user can pick one."""
        valid = sorted(choices)
        listed = ", ".join(valid) if valid else "(none yet)"
        return cls(
            f"Unknown {kind} {name!r}. Choose one of: {listed}.",
            details={"kind": kind, "name": name, "choices": valid},
        )


class DataError(AspiraError):
    code = "invalid_data"


class BackendError(AspiraError):
    code = "backend_unavailable"
