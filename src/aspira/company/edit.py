"""Small, checked edits to a company: ``field=value`` assignments for the simple fields.

A hand-set mission or role title is its own evidence: the user is the source. An empty value
clears an optional field. Every result is validated again, so a bad seniority is refused with
the valid choices.
"""

from __future__ import annotations

from typing import Any, get_args

from aspira.company.model import Company, Fact, Seniority
from aspira.errors import InputError

EDITABLE = ("name", "mission", "role_title", "seniority")
SENIORITIES: tuple[str, ...] = get_args(Seniority)


def parse_assignment(text: str) -> tuple[str, str]:
    """``"role_title=Senior Analyst"`` → ``("role_title", "Senior Analyst")``."""
    field, sep, value = text.partition("=")
    field = field.strip().replace("-", "_")
    if not sep or field not in EDITABLE:
        raise InputError(
            f"Cannot set {text!r}. Use --set FIELD=VALUE with FIELD one of: "
            f"{', '.join(EDITABLE)} (edit the other fields with `aspira company edit NAME`).",
            details={"fields": list(EDITABLE)},
        )
    return field, value.strip()


def set_fields(company: Company, assignments: list[str]) -> Company:
    """The company with each ``field=value`` applied, validated."""
    data: dict[str, Any] = company.model_dump()
    for assignment in assignments:
        field, value = parse_assignment(assignment)
        if field == "name":
            if not value:
                raise InputError("A company needs a name: --set name=NEW NAME.")
            data["name"] = value
        elif field == "seniority":
            if value and value not in SENIORITIES:
                raise InputError(
                    f"Unknown seniority {value!r}. Choose one of: {', '.join(SENIORITIES)} "
                    "(or an empty value to clear it)."
                )
            data["seniority"] = value or None
            data["seniority_evidence"] = None
        else:
            data[field] = Fact(value=value, evidence=value).model_dump() if value else None
    return Company.model_validate(data)
