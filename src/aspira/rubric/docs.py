"""The rubric as Markdown tables: printed by ``aspira rubric --markdown`` and embedded in the
README between markers (``scripts/gen_docs.py``), with a test that the two never drift."""

from __future__ import annotations

from aspira.rubric.model import Rubric

BEGIN, END = "<!-- rubric:begin -->", "<!-- rubric:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rubric_markdown(rubric: Rubric) -> str:
    lines = [
        f"**{rubric.title}** — `{rubric.ref}`",
        "",
        "| Dimension | Weight | 1 | 2 | 3 | 4 | 5 |",
        "|---|---|---|---|---|---|---|",
    ]
    total = sum(d.weight for d in rubric.dimensions)
    for d in rubric.dimensions:
        levels = " | ".join(_cell(d.levels[i]) for i in range(1, 6))
        lines.append(f"| `{d.id}` — {d.question} | {d.weight / total:.0%} | {levels} |")
    lines += [
        "",
        "| Flag | Severity | Penalty | Why it hurts | How to fix |",
        "|---|---|---|---|---|",
    ]
    for f in rubric.flags:
        context = " (needs company context)" if f.requires_company else ""
        lines.append(
            f"| `{f.id}`{context} | {f.severity} | {f.penalty:g} | {_cell(f.why)} | {_cell(f.fix)} |"
        )
    bands = ", ".join(f"`{b.id}` ≥ {b.min}" for b in rubric.bands)
    lines += [
        "",
        f"Bands: {bands}. A severe flag caps the overall score at {rubric.caps.severe}; a major "
        f"flag at {rubric.caps.major}.",
    ]
    return "\n".join(lines)


def embed_in(readme: str, rubric: Rubric) -> str:
    """The README with the generated block replaced."""
    head, _, rest = readme.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{rubric_markdown(rubric)}\n{END}{tail}"
