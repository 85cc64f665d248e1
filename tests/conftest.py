"""Shared fixtures. Tests run offline and isolated: each gets its own data directory."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASPIRA_HOME", str(tmp_path / "aspira-home"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
