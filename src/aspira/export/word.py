"""DOCX rendering with python-docx: Word styles, two tables, a page footer.

python-docx stamps the current time into the core properties and into every zip entry, so the
same plan would give different bytes on every run. We set the document dates from the caller's
date and rewrite the archive with fixed entry times, which keeps exports reproducible.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Any

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from aspira.export.layout import Block, Bullets, Document, Table

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
TEXT_WIDTH_CM = 17.0


def render_docx(doc: Document, stamp: datetime | None = None) -> bytes:
    """The document as DOCX bytes; ``stamp`` becomes the file's created/modified date."""
    word = new_document()
    _setup(word, doc, stamp or datetime(2000, 1, 1, tzinfo=UTC))
    word.add_heading(doc.title, level=0)
    word.add_paragraph(doc.subtitle, style="Subtitle")
    for label, value in doc.meta:
        para = word.add_paragraph()
        para.paragraph_format.space_after = Pt(0)
        para.add_run(f"{label}: ").bold = True
        para.add_run(value)
    for section in doc.sections:
        word.add_heading(section.title, level=1)
        for block in section.blocks:
            _block(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _setup(word: Any, doc: Document, stamp: datetime) -> None:
    section = word.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    footer = section.footer.paragraphs[0]
    footer.text = doc.footer
    footer.runs[0].font.size = Pt(8)
    normal = word.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    props = word.core_properties
    props.title = f"{doc.title}: {doc.subtitle}"
    props.author = props.last_modified_by = "Aspira"
    props.created = props.modified = stamp.replace(tzinfo=None)
    props.revision = 1


def _block(word: Any, block: Block) -> None:
    add = word.add_paragraph
    if isinstance(block, Table):
        _table(word, block)
    elif isinstance(block, Bullets):
        style = "List Number" if block.numbered else "List Bullet"
        for item in block.items:
            add(item, style=style)
    elif block.style == "subheading":
        word.add_heading(block.text, level=2)
    else:
        para = add()
        if block.label:
            para.add_run(f"{block.label}. ").bold = True
        run = para.add_run(block.text)
        run.italic = block.style == "note"


def _table(word: Any, table: Table) -> None:
    grid = word.add_table(rows=1, cols=len(table.headers))
    grid.style = "Light Grid Accent 1"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        cell.paragraphs[0].runs[0].font.size = Pt(9.5)
    _repeat_as_header(grid.rows[0])
    for row in table.rows:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)
    _set_widths(grid, [Cm(TEXT_WIDTH_CM * w / sum(table.widths)) for w in table.widths])
    word.add_paragraph()


def _set_widths(grid: Any, widths: list[Any]) -> None:
    """Word reads cell widths, LibreOffice the grid columns: set both, and plain first column."""
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    look = grid._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:  # keep the header row and no bands or bold first column
        look.set(qn("w:val"), "0420")
        look.set(qn("w:firstColumn"), "0")


def _repeat_as_header(row: Any) -> None:
    """Mark the first row as a header so it repeats when the table breaks across pages."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the archive with fixed entry times so equal documents give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
