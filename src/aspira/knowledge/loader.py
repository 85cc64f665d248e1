"""The one validating loader for knowledge data files (YAML or JSON).

Every data file carries ``id``, ``version`` and ``sources``; its body is validated by a
pydantic model. Any failure raises :class:`~aspira.errors.DataError` naming the file and the
field, so a broken edit to a data file is found at once and fixed in the right place.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aspira.errors import AspiraError, DataError, InputError

M = TypeVar("M", bound="DataFile")
V = TypeVar("V", bound=BaseModel)

try:  # the C loader is several times faster; fall back silently where libyaml is missing
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _YamlLoader = yaml.SafeLoader


class Strict(BaseModel):
    """Base for every knowledge model: immutable, unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class DataFile(Strict):
    """Fields every knowledge file carries."""

    id: str = Field(min_length=1)
    version: int = Field(ge=1)
    sources: list[str] = Field(min_length=1)


def read_mapping(path: Path) -> dict[str, Any]:
    """Parse a YAML or JSON file into a mapping, or raise DataError naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"{path}: file not found.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read the file as UTF-8 text ({exc}).") from exc
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_YamlLoader)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: not valid {path.suffix.lstrip('.').upper()}: {exc}") from exc
    if not isinstance(data, dict):
        raise DataError(f"{path}: the top level must be a mapping of field names to values.")
    return data


def read_user_mapping(path: Path, what: str, hint: str) -> dict[str, Any]:
    """A mapping from a file the *user* gave (a profile, a ratings file): every problem is an
    InputError naming the file; ``hint`` says what the file should hold."""
    if not path.exists():
        raise InputError(f"{what} not found: {path}. {hint}", details={"file": str(path)})
    try:
        return read_mapping(path)
    except AspiraError as exc:
        raise InputError(exc.message, details={"file": str(path)}) from exc


def validate(model: type[V], data: dict[str, Any], origin: str) -> V:
    """Validate ``data`` against any model (a data file, a saved company, …); errors name
    ``origin`` and each failing field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"field '{'.'.join(str(p) for p in err['loc']) or '(top)'}': {err['msg']}"
            for err in exc.errors()
        )
        raise DataError(f"{origin}: {problems}", details={"file": origin}) from exc


def load_file(model: type[M], path: Path) -> M:
    """Load and validate one data file from disk."""
    return validate(model, read_mapping(path), str(path))


def packaged_path(*parts: str) -> Path:
    """Path of a file shipped inside the ``aspira`` package."""
    return Path(str(resources.files("aspira").joinpath(*parts)))


@cache
def _load_packaged(model: type[DataFile], parts: tuple[str, ...]) -> DataFile:
    return load_file(model, packaged_path(*parts))


def load_packaged(model: type[M], *parts: str) -> M:
    """Load a shipped data file once per process (the files are immutable)."""
    loaded = _load_packaged(model, parts)
    if not isinstance(loaded, model):  # pragma: no cover - the cache is keyed on the model
        raise TypeError(f"{parts} loaded as {type(loaded).__name__}, not {model.__name__}")
    return loaded


def compile_pattern(pattern: str, where: str) -> re.Pattern[str]:
    """A data file's regular expression; an error names the file and field (``where``)."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise DataError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


def compile_any(patterns: list[str], where: str) -> re.Pattern[str]:
    """One alternation for a family of patterns; each is compiled alone first so that an
    error names the pattern at fault."""
    for p in patterns:
        compile_pattern(p, where)
    return compile_pattern("|".join(f"(?:{p})" for p in patterns), where)
