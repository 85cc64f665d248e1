"""Per-invocation CLI state: whether errors should be printed as a JSON envelope."""

from __future__ import annotations

import sys
from typing import Any

from aspira.envelope import dumps

_json_errors = False


def use_json_errors(flag: bool) -> None:
    global _json_errors
    _json_errors = flag


def json_errors() -> bool:
    return _json_errors


def print_json(envelope: dict[str, Any]) -> None:
    sys.stdout.write(dumps(envelope) + "\n")
