"""A person's career profile: the stable contract shared by the plan and the composer.

The field names are fixed by SPEC §3.3 so that a profile written by hand, exported by one
version or produced by another tool keeps working. The model is strict: an unknown field is an
error that names it and lists the valid ones, because a misspelt ``goal_3_5_year`` silently
ignored would quietly produce a worse plan. A single string where a list is expected is
accepted as a one-item list, since that is what people type.

``private_notes`` holds aims the person does not want said aloud; nothing in the plan or the
composer may copy them into output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator

from aspira.errors import InputError
from aspira.knowledge.loader import Strict, read_user_mapping

LIST_FIELDS = ("strengths", "skills", "achievements", "energised_by", "private_notes")


class Profile(Strict):
    """What the person tells Aspira about themselves; only ``current_role`` is required."""

    name: str | None = None
    current_role: str = Field(min_length=1)
    field: str | None = None
    years_experience: float | None = Field(default=None, ge=0)
    strengths: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    achievements: list[str] = Field(default_factory=list)
    energised_by: list[str] = Field(default_factory=list)
    direction: str | None = None
    direction_why: str | None = None
    goal_3_5_years: str | None = None
    aspiration: str | None = None
    private_notes: list[str] = Field(default_factory=list)

    @field_validator(*LIST_FIELDS, mode="before")
    @classmethod
    def _one_item_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("current_role", mode="before")
    @classmethod
    def _strip_role(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value


def profile_from_mapping(data: dict[str, Any], origin: str = "profile") -> Profile:
    """Validate a mapping as a Profile; errors name ``origin``, unknown and failing fields."""
    unknown = sorted(set(data) - set(Profile.model_fields))
    if unknown:
        raise InputError(
            f"{origin}: unknown field(s) {', '.join(repr(u) for u in unknown)}. "
            f"Valid fields: {', '.join(Profile.model_fields)}.",
            details={"file": origin, "unknown": unknown},
        )
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"field '{'.'.join(str(p) for p in err['loc'])}': {err['msg']}" for err in exc.errors()
        )
        raise InputError(f"{origin}: {problems}", details={"file": origin}) from exc


def load_profile(path: Path | str) -> Profile:
    """Read a profile from a YAML or JSON file, with errors that name the file."""
    path = Path(path)
    data = read_user_mapping(
        path,
        "Profile file",
        "Pass a YAML or JSON file with at least 'current_role' (see the profile fields in the README).",
    )
    return profile_from_mapping(data, str(path))
