"""PDF rendering with fpdf2, using the built-in Helvetica so nothing has to be shipped.

The core PDF fonts only cover Latin-1. Rather than crash on a curly quote, an en dash or a
name like "Łukasz", every string passes through :func:`latin1`: typographic punctuation maps to
its plain equivalent, accented letters outside Latin-1 lose the accent, and anything still
unrepresentable becomes "?". Latin-1 letters such as "é" or "ø" are kept as they are. (Shipping
a Unicode TTF from a pip package would lift this limit for non-Latin scripts.)

The creation date comes from the caller, so the same plan and date give the same bytes.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from aspira.export.layout import Block, Bullets, Document, Paragraph, Table

ACCENT = (31, 56, 100)
GREY = (90, 90, 90)
HEAD_FILL = (222, 230, 242)
LINE = 5.0
PUNCTUATION = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "“": '"', "”": '"', "„": '"', "″": '"',
        "–": "-", "—": "-", "‒": "-", "−": "-", "‐": "-", "‑": "-",
        "…": "...", "•": "-", "·": "-", "→": "->", "←": "<-",
        "≥": ">=", "≤": "<=", "≠": "!=", "×": "x",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "", "\ufeff": "",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "œ": "oe", "Œ": "OE",
    }
)  # fmt: skip


def latin1(text: str) -> str:
    """Text the core fonts can show: punctuation simplified, foreign accents dropped."""
    text = text.translate(PUNCTUATION)
    if all(ord(ch) < 256 for ch in text):
        return text
    return "".join(_fold(ch) for ch in text)


def _fold(ch: str) -> str:
    if ord(ch) < 256:
        return ch
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if base and all(ord(c) < 256 for c in base) else "?"


class _PlanPDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("Helvetica", "", 7.5)
        self.set_text_color(*GREY)
        self.cell(self.epw - 25, 4, self.footer_text)
        self.cell(25, 4, f"Page {self.page_no()} of {{nb}}", align="R")


def render_pdf(doc: Document, stamp: datetime | None = None) -> bytes:
    """The document as A4 PDF bytes; ``stamp`` is the file's creation date."""
    pdf = _PlanPDF(format="A4")
    pdf.footer_text = latin1(doc.footer)
    pdf.set_creation_date(stamp or datetime(2000, 1, 1, tzinfo=UTC))
    pdf.set_title(latin1(f"{doc.title}: {doc.subtitle}"))
    pdf.set_author("Aspira")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    _title_block(pdf, doc)
    for section in doc.sections:
        _heading(pdf, section.title)
        for block in section.blocks:
            _block(pdf, block)
    return bytes(pdf.output())


def _title_block(pdf: Any, doc: Document) -> None:
    pdf.set_font("Helvetica", "B", 20)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 10, latin1(doc.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 7, latin1(doc.subtitle), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_text_color(0, 0, 0)
    for label, value in doc.meta:
        pdf.set_font("Helvetica", "B", 9.5)
        pdf.cell(32, LINE, latin1(label))
        pdf.set_font("Helvetica", "", 9.5)
        pdf.multi_cell(0, LINE, latin1(value), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _heading(pdf: Any, title: str) -> None:
    if pdf.get_y() > pdf.page_break_trigger - 30:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 13)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 8, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*ACCENT)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.ln(2)
    pdf.set_text_color(0, 0, 0)


def _block(pdf: Any, block: Block) -> None:
    if isinstance(block, Table):
        _table(pdf, block)
    elif isinstance(block, Bullets):
        _bullets(pdf, block)
    else:
        _paragraph(pdf, block)


def _paragraph(pdf: Any, block: Paragraph) -> None:
    if block.style == "subheading":
        pdf.ln(1)
        pdf.set_font("Helvetica", "B", 10.5)
        pdf.set_text_color(*ACCENT)
        pdf.multi_cell(0, 6, latin1(block.text), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        return
    style = "I" if block.style == "note" else ""
    if block.label:
        pdf.set_font("Helvetica", "B", 10)
        pdf.write(LINE, latin1(f"{block.label}. "))
    pdf.set_font("Helvetica", style, 10)
    pdf.write(LINE, latin1(block.text))
    pdf.ln(LINE + 1.5)


def _bullets(pdf: Any, block: Bullets) -> None:
    indent = 6
    for number, item in enumerate(block.items, 1):
        pdf.set_x(pdf.l_margin)
        if block.numbered:
            pdf.set_font("Helvetica", "B", 10)
            pdf.cell(indent, LINE, f"{number}.")
        else:
            pdf.set_font("ZapfDingbats", "", 5)
            pdf.cell(indent, LINE, "l", align="C")
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(
            pdf.epw - indent, LINE, latin1(item), align="L", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(0.8)
    pdf.ln(1)


def _table(pdf: Any, table: Table) -> None:
    pdf.set_font("Helvetica", "", 8.5)
    pdf.set_draw_color(170, 180, 195)
    heading = FontFace(emphasis="BOLD", color=ACCENT, fill_color=HEAD_FILL)
    with pdf.table(
        col_widths=table.widths,
        text_align="LEFT",
        line_height=4.2,
        padding=1.5,
        headings_style=heading,
        v_align="TOP",
    ) as grid:
        for cells in [list(table.headers), *table.rows]:
            row = grid.row()
            for text in cells:
                row.cell(latin1(text))
    pdf.ln(3)
