"""Regenerate the README's rubric tables from the rubric data file (``make docs``)."""

from __future__ import annotations

from pathlib import Path

from aspira.rubric import load_rubric
from aspira.rubric.docs import embed_in

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> None:
    README.write_text(embed_in(README.read_text(encoding="utf-8"), load_rubric()), encoding="utf-8")
    print(f"updated {README.name}")


if __name__ == "__main__":
    main()
