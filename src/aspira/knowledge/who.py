"""The readings of who someone is, in the order they win where their spans overlap: origins,
faiths, ages, disabilities and conditions, orientations, gender identities and family status
(``attributes.v1.yaml``), then names (``names.v1.yaml``). The embedder reads
their spans as one word each; the analysis counts each as one word and never as content."""

from __future__ import annotations

from functools import cache

from aspira.knowledge.attributes import AttributeReading, attribute_reading
from aspira.knowledge.names import NameReading, name_reading


@cache
def who_readings() -> tuple[AttributeReading, NameReading]:
    return (attribute_reading(), name_reading())
