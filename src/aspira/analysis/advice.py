"""How to raise each dimension, said about *this* answer, and the three most valuable changes."""

from __future__ import annotations

from aspira.analysis.features import Features
from aspira.analysis.text import Doc
from aspira.knowledge.signals import Variant
from aspira.rubric import Dimension, DimensionScore, FlagHit, Rubric, Suggestion


def _quote(doc: Doc, features: Features, name: str) -> str | None:
    spans = features.evidence.get(name)
    if not spans:
        return None
    start, end = spans[0]
    return doc.original[start:end].strip()


def how_to_raise(dim: Dimension, level: int, doc: Doc, f: Features, variant: Variant) -> str:
    """A line specific to the answer; the rubric's general advice when nothing specific applies."""
    v, words = f.values, doc.word_count
    if dim.id == "direction":
        if (title := _quote(doc, f, "title")) and v.get("direction", 0) < 0.4:
            return f"You named a title (“{title}”): add the work behind it — the problems you want to own, the capability you will build, the impact."
        if (phrase := _quote(doc, f, "generic")) and v.get("generic_share", 0) >= 0.3:
            return f"Swap general phrases such as “{phrase}” for the specific work, skill and impact you want."
    if dim.id == "timeline":
        if v.get("time_wide"):
            return "Drop the year-by-year plan: be specific about the next 3–5 years and open beyond that."
        if variant.horizon == "near" and not v.get("horizon_fit"):
            return f"For “{variant.name}”, say where you want to be in 3–5 years, then that you are open beyond it."
        if variant.horizon == "long" and not v.get("long_stated") and not v.get("beyond"):
            return "Give the longer ambition too, and the 3–5-year goal that leads to it."
    if dim.id == "fit" and not v.get("fit"):
        return "Add one sentence on what this role would give you and what you would bring to the team."
    if dim.id == "framing":
        if neg := _quote(doc, f, "negative"):
            return f"Turn “{neg}” into what you are moving toward, not away from."
        if money := _quote(doc, f, "money"):
            return f"Keep “{money}” out of it: say what work and impact the reward would reflect."
    if dim.id == "delivery":
        if words < 40:
            return f"At {words} words it is thin: aim for 60–200 words (30–90 seconds) in three or four sentences."
        if words > 220:
            return f"At {words} words it runs long: cut to about 200 words — direction, why, this role, timeline."
        if v.get("filler_rate", 0) >= 0.3:
            return "Cut the fillers (um, like, you know): pause instead."
    if level >= 5:
        return "Strong already: keep this part as it is."
    return dim.raise_


def suggestions(
    rubric: Rubric, dims: list[DimensionScore], flags: list[FlagHit], limit: int = 3
) -> list[Suggestion]:
    """The changes worth most points, largest first; ties broken by id for determinism."""
    total = sum(d.weight for d in rubric.dimensions)
    items = [
        Suggestion(
            dimension=None, flag=f.id, text=f.fix, gain=round(rubric.flag(f.id).penalty + 20.0, 2)
        )
        for f in flags
    ]
    for d in dims:
        gain = rubric.dimension(d.id).weight / total * (100 - d.score)
        if d.level < 5 and gain > 0:
            items.append(
                Suggestion(dimension=d.id, flag=None, text=d.how_to_raise, gain=round(gain, 2))
            )
    items.sort(key=lambda s: (-s.gain, s.flag or "", s.dimension or ""))
    return items[:limit]
