"""Open a file in the user's editor ($VISUAL, $EDITOR, else the platform's default)."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from aspira.errors import InputError


def run_editor(path: Path, instead: str) -> None:
    """Edit ``path`` and wait; ``instead`` names the non-interactive way to make the change,
    for the message shown when the editor cannot start."""
    editor = (
        os.environ.get("VISUAL")
        or os.environ.get("EDITOR")
        or ("notepad" if os.name == "nt" else "vi")
    )
    try:
        done = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except (OSError, ValueError) as exc:
        raise InputError(
            f"Could not start the editor {editor!r} ({exc}). Set $EDITOR to your editor's "
            f"command, or {instead}."
        ) from exc
    if done.returncode != 0:
        raise InputError(f"The editor exited with status {done.returncode}; nothing was changed.")
