"""The plan as a neutral document: a title block and sections made of four kinds of block.

Markdown, DOCX and PDF all render this one structure, so the three formats always hold the same
words in the same order and only typography differs. Adding a section means adding it here,
once. The date is a parameter: the core never reads the clock, so the same plan and date give
the same document. Control characters, which no document format can hold, are dropped here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from aspira.plan import Action, DevelopmentPlan, Gap

GAP_HEADERS = ("Competency", "Growth dimension", "Self-rating", "Expected", "Gap")
ACTION_HEADERS = ("#", "Action", "Measurable outcome", "When", "Who helps")
SECTION_TITLES = (
    "1. Direction",
    "2. Questions for my manager",
    "3. The gap",
    "4. Actions for the next 12 months",
    "At the next review",
)
DIMENSION_LABEL = {"scope": "Scope", "impact": "Impact", "influence": "Influence"}
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
KIND_LABEL = {
    "aspiration": "Aspiration (long term)",
    "goal": "Goal (3–5 years)",
    "objective": "Objective (this year)",
}


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str | None = None  # a short bold lead-in, e.g. "Scope"
    style: str = "body"  # "body", "subheading" or "note"


@dataclass(frozen=True)
class Bullets:
    items: list[str]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: list[list[str]]
    widths: tuple[int, ...]  # relative column widths (sum 100)


Block = Paragraph | Bullets | Table


@dataclass(frozen=True)
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    meta: list[tuple[str, str]]
    sections: list[Section]
    footer: str


def plan_document(plan: DevelopmentPlan, date: str | None = None) -> Document:
    """Lay the plan out as a document; ``date`` is printed in the title block when given."""
    plan = DevelopmentPlan.model_validate(_printable(plan.model_dump()))
    subject = plan.person or plan.current_role
    return Document(
        title="Development plan",
        subtitle=f"{subject}: toward {plan.target_name}",
        meta=_meta(plan, date),
        sections=[
            Section(SECTION_TITLES[0], _direction_blocks(plan)),
            Section(SECTION_TITLES[1], [Bullets(plan.questions, numbered=True)]),
            Section(SECTION_TITLES[2], _gap_blocks(plan)),
            Section(SECTION_TITLES[3], _action_blocks(plan)),
            Section(SECTION_TITLES[4], _review_blocks(plan)),
        ],
        footer=f"Development plan: {subject}. Prepared with Aspira ({plan.family_name} track).",
    )


def _printable(value: Any) -> Any:
    """Drop control characters, which no document format can hold, from every string."""
    if isinstance(value, str):
        return NOT_TEXT.sub("", value)
    if isinstance(value, list):
        return [_printable(v) for v in value]
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    return value


def _meta(plan: DevelopmentPlan, date: str | None) -> list[tuple[str, str]]:
    rows = [("Name", plan.person or "-"), ("Current role", plan.current_role)]
    if plan.current_name:
        rows.append(("Current stage", plan.current_name))
    rows += [
        ("Target stage", plan.target_name),
        ("Track", f"{plan.family_name}: {plan.branch}"),
        ("Horizon", plan.horizon),
    ]
    if date:
        rows.append(("Date", date))
    return rows


def _direction_blocks(plan: DevelopmentPlan) -> list[Block]:
    blocks: list[Block] = [
        Paragraph(plan.direction_statement),
        Paragraph("What the target stage involves", style="subheading"),
        Paragraph(plan.target_scope, label="Scope"),
        Paragraph(plan.target_impact, label="Impact"),
        Paragraph(plan.target_influence, label="Influence"),
    ]
    if plan.growth_path:
        blocks.append(Paragraph("What growth looks like", style="subheading"))
        blocks.append(
            Bullets([f"{s.from_stage} to {s.to_stage}: {s.text}" for s in plan.growth_path])
        )
    blocks.append(Paragraph("Aspiration, goal and this year's objectives", style="subheading"))
    blocks.append(Bullets(_chain_items(plan)))
    return blocks


def _chain_items(plan: DevelopmentPlan) -> list[str]:
    items = []
    for statement, missing in ((plan.chain.aspiration, "aspiration"), (plan.chain.goal, "goal")):
        if statement is None:
            items.append(f"No {missing} in the profile yet.")
            continue
        text = f"{KIND_LABEL[statement.kind]}: {statement.text}"
        items.append(f"{text} ({statement.note})" if statement.note else text)
    items.append(f"{KIND_LABEL['objective']}: " + "; ".join(plan.chain.objectives) + ".")
    return items


def _gap_blocks(plan: DevelopmentPlan) -> list[Block]:
    return [
        Paragraph(
            f"My self-ratings (1-5) against what {plan.target_name} expects, biggest gaps first. "
            "They are my own view: my manager's view is the point of the conversation, and rows "
            "marked 'not rated' are for it.",
            style="note",
        ),
        Table(GAP_HEADERS, [gap_row(g) for g in plan.gaps], (40, 18, 14, 14, 14)),
    ]


def gap_row(gap: Gap) -> list[str]:
    rating = "not rated" if gap.self_rating is None else str(gap.self_rating)
    return [gap.name, DIMENSION_LABEL[gap.growth_dimension], rating, str(gap.expected), _size(gap)]


def _size(gap: Gap) -> str:
    if gap.gap is None:
        return "?"
    return f"+{gap.gap}" if gap.gap > 0 else "met"


def _action_blocks(plan: DevelopmentPlan) -> list[Block]:
    return [
        Paragraph(
            "Each action closes one of the top gaps; 'When' is the start and the due quarter.",
            style="note",
        ),
        Table(
            ACTION_HEADERS,
            [action_row(i, a) for i, a in enumerate(plan.actions, 1)],
            (4, 40, 28, 11, 17),
        ),
    ]


def action_row(number: int, action: Action) -> list[str]:
    return [
        str(number),
        action.text,
        action.outcome,
        f"{action.quarter} to {action.due}",
        action.who_helps,
    ]


def _review_blocks(plan: DevelopmentPlan) -> list[Block]:
    blocks: list[Block] = [Bullets(plan.review_signals)]
    if plan.notes:
        blocks.append(Paragraph("Notes", style="subheading"))
        blocks.append(Bullets(plan.notes))
    return blocks
