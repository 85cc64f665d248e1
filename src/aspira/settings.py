"""Where Aspira keeps a person's data: one answer for every store (companies, profile)."""

from __future__ import annotations

import os
from pathlib import Path


def data_home() -> Path:
    """``$ASPIRA_HOME``, else ``$XDG_DATA_HOME/aspira``, else ``~/.local/share/aspira``."""
    if home := os.environ.get("ASPIRA_HOME"):
        return Path(home).expanduser()
    if xdg := os.environ.get("XDG_DATA_HOME"):
        return Path(xdg).expanduser() / "aspira"
    return Path.home() / ".local" / "share" / "aspira"
