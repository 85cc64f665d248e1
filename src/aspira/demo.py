"""The built-in demo answer (bundled data, no saved state needed)."""

from __future__ import annotations

from aspira.knowledge.loader import DataFile, load_packaged


class Demo(DataFile):
    question: str
    company: str | None
    answer: str


def demo() -> Demo:
    return load_packaged(Demo, "knowledge", "data", "demo.v1.yaml")
