"""``aspira score --company`` and the ``company`` column of ``aspira screen``, against a
temporary ``ASPIRA_HOME`` (set for every test by conftest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aspira.cli.main import app
from aspira.company.model import ArchetypeScore, Company, Fact
from aspira.company.store import FileCompanyStore, default_home

runner = CliRunner()
HUNTER = "Long term I want to become a professional trophy hunter who guides big game hunts."
ECOLOGIST = "In five years I want to lead wetland surveys that help rare birds recover."
REED = Company(
    name="Reedwater Conservation",
    mission=Fact(
        value="protect endangered wildlife",
        evidence="We are a charity that protects endangered wildlife and the wetlands they need.",
    ),
    archetypes=[
        ArchetypeScore(id="mission_driven", confidence=0.8, evidence=["We exist for the cause."])
    ],
)


def save() -> None:
    FileCompanyStore().save(REED)
    assert (default_home() / "companies").is_dir()


def test_score_with_company_raises_mission_conflict() -> None:
    save()
    result = runner.invoke(app, ["score", HUNTER, "--company", "reedwater conservation", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["data"]
    flag = next(f for f in data["flags"] if f["id"] == "mission_conflict")
    assert "trophy hunter" in flag["evidence"][0]["text"]
    assert "protects endangered wildlife" in flag["matched"]
    assert not any("not used" in n for n in data["notes"])


def test_score_without_company_is_unchanged() -> None:
    save()
    alone = runner.invoke(app, ["score", HUNTER, "--json"])
    assert alone.exit_code == 0
    assert "mission_conflict" not in alone.output


def test_score_company_readable_report() -> None:
    save()
    result = runner.invoke(app, ["score", ECOLOGIST, "-c", "Reedwater Conservation"])
    assert result.exit_code == 0, result.output
    assert "Fit" in result.output


def test_score_unknown_company_exits_2_and_lists_known() -> None:
    save()
    result = runner.invoke(app, ["score", HUNTER, "--company", "Nowhere Ltd"])
    assert result.exit_code == 2
    assert "Nowhere Ltd" in result.output and "Reedwater Conservation" in result.output
    as_json = runner.invoke(app, ["score", HUNTER, "--company", "Nowhere Ltd", "--json"])
    assert as_json.exit_code == 2
    assert json.loads(as_json.stdout)["error"]["code"] == "not_found"


def test_screen_company_column(tmp_path: Path) -> None:
    save()
    rows = [
        {"id": "a", "answer": HUNTER, "company": "Reedwater Conservation"},
        {"id": "b", "answer": HUNTER},
        {"id": "c", "answer": ECOLOGIST, "company": "Nowhere Ltd"},
        {"id": "d", "answer": ECOLOGIST, "company": "reedwater conservation"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["screen", str(source), "--workers", "1"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["id"] for r in records] == ["a", "b", "c", "d"]
    assert "mission_conflict" in records[0]["flags"]
    assert "mission_conflict" not in records[1]["flags"]
    assert "Nowhere Ltd" in records[2]["error"] and "Reedwater Conservation" in records[2]["error"]
    assert records[3]["overall"] is not None and "error" not in records[3]


def test_screen_company_looked_up_once_per_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save()
    import aspira.company.store as store

    calls: list[str] = []
    real = store.load_company

    def counting(ref: str, s: object = None) -> Company:
        calls.append(ref)
        return real(ref)

    monkeypatch.setattr(store, "load_company", counting)
    source = tmp_path / "in.csv"
    lines = ["id,answer,company"] + [f"r{i},{ECOLOGIST},Reedwater Conservation" for i in range(5)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["screen", str(source), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert calls == ["Reedwater Conservation"]
