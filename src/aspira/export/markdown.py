"""Markdown rendering of the plan document: plain text a person can paste or keep in git."""

from __future__ import annotations

from aspira.export.layout import Block, Bullets, Document, Paragraph, Table


def render_markdown(doc: Document) -> str:
    """The document as GitHub-flavoured Markdown."""
    lines = [f"# {doc.title}", "", f"**{doc.subtitle}**", ""]
    lines += [f"- **{label}:** {_cell(value)}" for label, value in doc.meta]
    for section in doc.sections:
        lines += ["", f"## {section.title}", ""]
        for block in section.blocks:
            lines += [*_block(block), ""]
    lines += ["---", "", f"_{doc.footer}_", ""]
    return "\n".join(_squash_blank(lines))


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, Bullets):
        return [
            f"{i}. {item}" if block.numbered else f"- {item}"
            for i, item in enumerate(block.items, 1)
        ]
    return _table(block)


def _paragraph(block: Paragraph) -> list[str]:
    if block.style == "subheading":
        return [f"### {block.text}"]
    if block.style == "note":
        return [f"_{block.text}_"]
    return [f"**{block.label}.** {block.text}" if block.label else block.text]


def _table(table: Table) -> list[str]:
    rows = [
        "| " + " | ".join(table.headers) + " |",
        "|" + "|".join("---" for _ in table.headers) + "|",
    ]
    rows += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _squash_blank(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return out
