"""The composer's test matrix: team-written people × companies of every archetype × every
question variant, composed once per test session and shared by the composer tests."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from aspira.company.model import Company
from aspira.compose import Composition, compose
from aspira.knowledge.signals import Variant, questions
from aspira.profile import Profile, profile_from_mapping

DATA = Path(__file__).resolve().parent / "data" / "compose"
NO_COMPANY = "no_company"


@cache
def _profiles() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / "profiles.yaml").read_text("utf-8"))
    return data


@cache
def _companies() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / "companies.yaml").read_text("utf-8"))
    return data


def profile_ids() -> list[str]:
    return list(_profiles())


def company_ids() -> list[str]:
    return [*_companies(), NO_COMPANY]


def variants() -> list[Variant]:
    return list(questions().variants)


def question(variant: Variant) -> str:
    return variant.examples[0]


@cache
def profile(pid: str) -> Profile:
    return profile_from_mapping(_profiles()[pid]["profile"], pid)


@cache
def company(cid: str, pid: str) -> Company | None:
    """The company, with the role this person applies for as its role title."""
    if cid == NO_COMPANY:
        return None
    data = dict(_companies()[cid])
    data["role_title"] = {"value": _profiles()[pid]["role"], "evidence": "From the posting."}
    return Company.model_validate(data)


def cases() -> list[tuple[str, str, str]]:
    """Every person with every question variant; companies rotate so that each is paired with
    every variant and dozens of people."""
    cids = company_ids()
    return [
        (pid, cids[(i + j) % len(cids)], variant.id)
        for i, pid in enumerate(profile_ids())
        for j, variant in enumerate(variants())
    ]


@cache
def composition(pid: str, cid: str, vid: str) -> Composition:
    variant = next(v for v in variants() if v.id == vid)
    return compose(profile(pid), company(cid, pid), question(variant))


def case_id(case: tuple[str, str, str]) -> str:
    return "-".join(case)


def digits(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", text))
