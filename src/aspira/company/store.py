"""Saved companies: one editable YAML file per company, behind a small interface.

:class:`CompanyStore` is the interface (save, load, list, remove); :class:`FileCompanyStore`
keeps each company in ``<home>/companies/<slug>.yaml`` where ``<home>`` is ``$ASPIRA_HOME``,
else ``$XDG_DATA_HOME/aspira``, else ``~/.local/share/aspira``. A database store can replace it
later without touching the callers.

The files are meant to be edited by hand, so reading one validates it against the
:class:`~aspira.company.model.Company` model and a problem names the file and the field.
Writes are atomic (a temporary file in the same folder, then a rename), so a crash never leaves
half a file. Names are matched case-insensitively, and a company can also be named by its
file's slug (``acme-bank``).
"""

from __future__ import annotations

import builtins
import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any, Protocol

import yaml

from aspira.company.model import Company
from aspira.errors import DataError, NotFoundError
from aspira.knowledge.loader import read_mapping, validate
from aspira.settings import data_home

default_home = data_home  # where the company files live: see aspira.settings

SUFFIX = ".yaml"
HEADER = (
    "# An Aspira company context. Edit any field, then check it with `aspira company show`.\n"
    "# Each extracted fact keeps the sentence it came from under `evidence`.\n"
)


def slug(name: str) -> str:
    """A file name for a company: lower case, letters and digits joined by hyphens."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[^\w]+|_+", "-", folded).strip("-")[:80].strip("-")
    if text:
        return text
    return "company-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]


# -- YAML form ----------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Multi-line strings (the page text) as readable blocks."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def to_yaml(company: Company) -> str:
    """The editable YAML form of a company (a header comment, then the fields in order)."""
    data = company.model_dump(mode="json")
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + body


def from_yaml(text: str, origin: str) -> Company:
    """A company from its YAML form; errors name ``origin`` and the failing field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataError(f"{origin}: not valid YAML: {exc}", details={"file": origin}) from exc
    if not isinstance(data, dict):
        raise DataError(
            f"{origin}: the top level must be a mapping of field names to values "
            "(name, mission, values, …).",
            details={"file": origin},
        )
    return validate(Company, data, origin)


# -- the interface ------------------------------------------------------------------------------


class CompanyStore(Protocol):
    """Where saved companies live. Names are matched case-insensitively."""

    def save(self, company: Company, *, previous: str | None = None) -> str:
        """Save (or replace) a company; returns where it went. ``previous`` is the name it was
        saved under before an edit that renamed it (that entry goes)."""
        ...

    def load(self, name: str) -> Company:
        """The saved company, or NotFoundError listing the known names."""
        ...

    def exists(self, name: str) -> bool: ...

    def list(self) -> builtins.list[Company]:
        """Every saved company, by name."""
        ...

    def names(self) -> builtins.list[str]: ...

    def remove(self, name: str) -> None:
        """Delete a company, or NotFoundError listing the known names."""
        ...


class FileCompanyStore:
    """Companies as YAML files in one folder."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else default_home() / "companies"

    def path_for(self, name: str) -> Path:
        return self.root / f"{slug(name)}{SUFFIX}"

    def save(self, company: Company, *, previous: str | None = None) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.path_for(company.name)
        old = self.find(previous) if previous is not None else None
        _atomic_write(path, to_yaml(company))
        if old is not None and old != path:
            old.unlink(missing_ok=True)
        return str(path)

    def find(self, name: str) -> Path | None:
        """The file of a company named ``name`` (any case, or its slug), if there is one."""
        wanted = name.strip().casefold()
        direct = self.path_for(name)
        if direct.is_file():
            return direct
        for path, stored in self._entries():
            if (stored is not None and stored.casefold() == wanted) or path.stem == wanted:
                return path
        return None

    def exists(self, name: str) -> bool:
        return self.find(name) is not None

    def load(self, name: str) -> Company:
        path = self.find(name)
        if path is None:
            raise NotFoundError.unknown("company", name, self.names())
        return load_file(path)

    def list(self) -> builtins.list[Company]:
        companies = [load_file(path) for path, _ in self._entries()]
        return sorted(companies, key=lambda c: (c.name.casefold(), c.name))

    def names(self) -> builtins.list[str]:
        """Known names; a file too broken to name itself is listed by its slug."""
        return sorted({stored or path.stem for path, stored in self._entries()}, key=str.casefold)

    def remove(self, name: str) -> None:
        path = self.find(name)
        if path is None:
            raise NotFoundError.unknown("company", name, self.names())
        path.unlink()

    def _entries(self) -> builtins.list[tuple[Path, str | None]]:
        if not self.root.is_dir():
            return []
        return [(p, _stored_name(p)) for p in sorted(self.root.glob(f"*{SUFFIX}")) if p.is_file()]


def load_file(path: Path) -> Company:
    """One company file, validated; errors name the file and the field."""
    return validate(Company, read_mapping(path), str(path))


_NAME_LINE = re.compile(r"^name:.*$", re.MULTILINE)


def _stored_name(path: Path) -> str | None:
    """The ``name`` field, read from the top of the file (files can hold a long page text)."""
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(4096)
        line = _NAME_LINE.search(head)
        data: Any = yaml.safe_load(line.group(0) if line else path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    name = data.get("name") if isinstance(data, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def default_store() -> FileCompanyStore:
    return FileCompanyStore()


COMPANY_FILE_SUFFIXES = (".yaml", ".yml", ".json")


def load_company(ref: str, store: CompanyStore | None = None) -> Company:
    """A company by saved name, from a company file (YAML/JSON, as ``aspira company show``
    prints it), or extracted from a posting file (text, Markdown, HTML)."""
    path = Path(ref)
    if path.suffix.lower() in COMPANY_FILE_SUFFIXES and path.is_file():
        return load_file(path)
    if path.suffix and path.is_file():
        from aspira.company.extract import extract_company, read_posting

        return extract_company(read_posting(path))
    return (store or default_store()).load(ref)
