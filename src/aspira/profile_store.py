"""The saved profile: one YAML file in the user's data directory.

The profile lives at ``$ASPIRA_HOME/profile.yaml``; without ``ASPIRA_HOME`` the directory is
``$XDG_DATA_HOME/aspira``, else ``~/.local/share/aspira``. The file is the same plain YAML that
``aspira profile import`` reads and ``aspira profile export`` writes, so a person can always take
their data elsewhere. Writes are atomic (a temporary file in the same directory, flushed, then
renamed over the old one), so an interrupted save never leaves half a profile; the file is
readable by its owner only, because it holds private notes.

``--set field=value`` edits go through :func:`apply_settings`: list fields take items separated
by ``;``, an empty value clears a field, and the result is validated as a whole before anything
is written.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from aspira.errors import InputError, NotFoundError
from aspira.profile import LIST_FIELDS, Profile, load_profile, profile_from_mapping
from aspira.settings import data_home

aspira_home = data_home  # where the profile lives: see aspira.settings

PROFILE_FILE = "profile.yaml"
LIST_SEPARATOR = ";"
HIDDEN = "[private: hidden]"


def profile_path() -> Path:
    return aspira_home() / PROFILE_FILE


def has_saved_profile() -> bool:
    return profile_path().is_file()


def load_saved() -> Profile:
    """The saved profile, or NotFoundError saying how to create one."""
    path = profile_path()
    if not path.is_file():
        raise NotFoundError(
            f"No saved profile at {path}. Create one with `aspira profile init`, or load a file "
            "with `aspira profile import FILE` (or pass --profile FILE).",
            details={"file": str(path)},
        )
    return load_profile(path)


def profile_data(profile: Profile) -> dict[str, Any]:
    """The profile as plain data in field order, without empty fields; whole years as ints."""
    data: dict[str, Any] = {}
    for name, value in profile.model_dump().items():
        if value is None or value == []:
            continue
        if name == "years_experience" and float(value).is_integer():
            value = int(value)
        data[name] = value
    return data


def masked_data(profile: Profile) -> dict[str, Any]:
    """Like :func:`profile_data`, with each private note replaced by a placeholder."""
    data = profile_data(profile)
    if "private_notes" in data:
        data["private_notes"] = [HIDDEN for _ in data["private_notes"]]
    return data


def to_yaml(profile: Profile) -> str:
    return yaml.safe_dump(
        profile_data(profile), sort_keys=False, allow_unicode=True, width=100, indent=2
    )


def to_json(profile: Profile) -> str:
    return json.dumps(profile_data(profile), ensure_ascii=False, indent=2) + "\n"


def serialise(profile: Profile, path: Path | None) -> str:
    """YAML, or JSON when ``path`` ends in ``.json``."""
    return (
        to_json(profile)
        if path is not None and path.suffix.lower() == ".json"
        else to_yaml(profile)
    )


def write_atomic(path: Path, text: str, private: bool = True) -> None:
    """Replace ``path`` with ``text`` in one step; owner-only permissions when ``private``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if private:
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"Cannot write {path}: {exc.strerror or exc}.") from exc


def save(profile: Profile) -> Path:
    """Save as the current profile (atomically); returns the file written."""
    path = profile_path()
    write_atomic(path, to_yaml(profile))
    return path


def apply_settings(profile: Profile | None, assignments: list[str]) -> Profile:
    """Apply ``field=value`` edits and validate the result; nothing changes on error."""
    data = profile_data(profile) if profile is not None else {}
    for assignment in assignments:
        name, value = _parse_assignment(assignment)
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return profile_from_mapping(data, "--set")


def _parse_assignment(assignment: str) -> tuple[str, Any]:
    name, sep, raw = assignment.partition("=")
    name = name.strip()
    if not sep or not name:
        raise InputError(
            f"--set takes field=value, got {assignment!r}; for example "
            "--set 'skills=SQL; stakeholder management'."
        )
    if name not in Profile.model_fields:
        raise InputError(
            f"--set: unknown field {name!r}. Valid fields: {', '.join(Profile.model_fields)}.",
            details={"unknown": [name]},
        )
    raw = raw.strip()
    if not raw:
        return name, None
    if name in LIST_FIELDS:
        return name, [item.strip() for item in raw.split(LIST_SEPARATOR) if item.strip()]
    return name, raw
