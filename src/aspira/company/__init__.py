"""Company and role context (SPEC §3.2).

The model (:mod:`aspira.company.model`) is imported eagerly; extraction and the store load on
first use, because the knowledge loader they use itself imports the model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from aspira.company.model import ARCHETYPES, Archetype, ArchetypeScore, Company, Fact, Offer

if TYPE_CHECKING:
    from aspira.company.extract import extract_company, read_posting
    from aspira.company.store import CompanyStore, FileCompanyStore, load_company

_LAZY = {
    "extract_company": "aspira.company.extract",
    "read_posting": "aspira.company.extract",
    "CompanyStore": "aspira.company.store",
    "FileCompanyStore": "aspira.company.store",
    "load_company": "aspira.company.store",
}

__all__ = [
    "ARCHETYPES",
    "Archetype",
    "ArchetypeScore",
    "Company",
    "CompanyStore",
    "Fact",
    "FileCompanyStore",
    "Offer",
    "extract_company",
    "load_company",
    "read_posting",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'aspira.company' has no attribute {name!r}")
