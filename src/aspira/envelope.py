"""The one JSON envelope used by the web API and every CLI ``--json`` output."""

from __future__ import annotations

import json
from typing import Any

from aspira.errors import AspiraError


def ok(data: Any) -> dict[str, Any]:
    return {"ok": True, "data": data}


def error(exc: AspiraError) -> dict[str, Any]:
    return {"ok": False, "error": exc.to_dict()}


def dumps(envelope: dict[str, Any], *, indent: int | None = 2) -> str:
    return json.dumps(envelope, ensure_ascii=False, indent=indent, allow_nan=False)
