"""Render a `Documento` to a Word file with python-docx.

The output is meant to look like what government offices produce in Word:
a page header with the year motto on every page, justified body text,
ASM tables with real Word borders (so that a ruled grid, horizontal rules
only, or no rules reach the PDF as vector lines), the "repeat header row"
flag (``w:tblHeader``) where the document asks for it, and border-less
signature tables.  python-docx has no API for borders, header rows or page
fields, so those few pieces are written as raw WordprocessingML.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document as new_word_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .model import (
    PAPER_SIZES_CM,
    BloqueFirmas,
    Celda,
    Documento,
    Pagina,
    Parrafo,
    RecuadrosAnexo,
    SaltoPagina,
    Tabla,
)

_ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_BOLD_MARKUP = re.compile(r"\*\*(.+?)\*\*")
_BORDER_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def render_docx(documento: Documento, destino: Path) -> Path:
    """Write `documento` as a .docx file at `destino` and return the path."""
    word = new_word_document()
    _set_up_page(word, documento.pagina)
    for bloque in documento.bloques:
        if isinstance(bloque, Parrafo):
            _add_paragraph(word, bloque)
        elif isinstance(bloque, Tabla):
            _add_table(word, bloque, documento.pagina)
        elif isinstance(bloque, BloqueFirmas):
            _add_signatures(word, bloque)
        elif isinstance(bloque, RecuadrosAnexo):
            _add_annex_boxes(word, bloque)
        elif isinstance(bloque, SaltoPagina):
            _add_page_break(word)
        else:  # pragma: no cover - a new block type must be taught here
            raise TypeError(f"unknown block {type(bloque).__name__}")
    # Fixed core properties so that the .docx itself is reproducible.
    word.core_properties.author = "Gobierno del Estado de México"
    word.core_properties.title = "Convenio para la Mejora del Desempeño y Resultados Gubernamentales"
    destino.parent.mkdir(parents=True, exist_ok=True)
    word.save(str(destino))
    return destino


# --- page setup -------------------------------------------------------------


def _set_up_page(word, pagina: Pagina) -> None:
    ancho, alto = PAPER_SIZES_CM[pagina.papel]
    section = word.sections[0]
    section.page_width, section.page_height = Cm(ancho), Cm(alto)
    top, right, bottom, left = pagina.margen_cm
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)

    normal = word.styles["Normal"]
    normal.font.name = pagina.fuente
    normal.font.size = Pt(pagina.tamano_pt)
    # Word looks up East-Asian and complex-script fonts separately; set all so
    # LibreOffice does not fall back to its default for accented capitals.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), pagina.fuente)
    normal.paragraph_format.line_spacing = pagina.interlineado
    normal.paragraph_format.space_after = Pt(6)

    if pagina.encabezado:
        header_paragraph = section.header.paragraphs[0]
        header_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = header_paragraph.add_run(pagina.encabezado)
        run.italic = True
        run.font.size = Pt(max(7.5, pagina.tamano_pt - 2.5))
        run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    if pagina.pie == "pagina":
        footer_paragraph = section.footer.paragraphs[0]
        footer_paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _add_footer_text(footer_paragraph, "Página ", pagina)
        _add_field(footer_paragraph, "PAGE", pagina)
        _add_footer_text(footer_paragraph, " de ", pagina)
        _add_field(footer_paragraph, "NUMPAGES", pagina)
    elif pagina.pie == "direccion" and pagina.texto_pie:
        footer_paragraph = section.footer.paragraphs[0]
        footer_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_footer_text(footer_paragraph, pagina.texto_pie, pagina)


def _add_footer_text(paragraph, text: str, pagina: Pagina) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(max(7.0, pagina.tamano_pt - 3))


def _add_field(paragraph, instruction: str, pagina: Pagina) -> None:
    """Append a complex field (PAGE, NUMPAGES) that Word and LibreOffice update."""
    run = paragraph.add_run()
    run.font.size = Pt(max(7.0, pagina.tamano_pt - 3))
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, placeholder, end):
        run._r.append(element)


# --- paragraphs -------------------------------------------------------------


def _add_runs(paragraph, text: str, bold: bool, size_pt: float | None) -> None:
    """Add `text` as runs, turning ``**x**`` into bold runs."""
    position = 0
    for match in _BOLD_MARKUP.finditer(text):
        if match.start() > position:
            _add_run(paragraph, text[position : match.start()], bold, size_pt)
        _add_run(paragraph, match.group(1), True, size_pt)
        position = match.end()
    if position < len(text):
        _add_run(paragraph, text[position:], bold, size_pt)


def _add_run(paragraph, text: str, bold: bool, size_pt: float | None) -> None:
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size_pt:
        run.font.size = Pt(size_pt)


def _add_paragraph(word, bloque: Parrafo) -> None:
    paragraph = word.add_paragraph()
    _add_runs(paragraph, bloque.texto, bloque.negrita, bloque.tamano_pt)
    fmt = paragraph.paragraph_format
    paragraph.alignment = _ALIGNMENTS[bloque.alineacion]
    fmt.space_after = Pt(bloque.espacio_despues_pt)
    if bloque.sangria_cm:
        fmt.left_indent = Cm(bloque.sangria_cm)
    if bloque.primera_linea_cm:
        fmt.first_line_indent = Cm(bloque.primera_linea_cm)
    if bloque.mantener_con_siguiente:
        fmt.keep_with_next = True


def _add_page_break(word) -> None:
    paragraph = word.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.add_run().add_break(WD_BREAK.PAGE)


# --- tables -----------------------------------------------------------------


def _set_table_borders(table, reglas: str) -> None:
    """Write w:tblBorders: all edges, horizontal edges only, or none."""
    drawn = {
        "grid": set(_BORDER_EDGES),
        "horizontal": {"top", "bottom", "insideH"},
        "none": set(),
    }[reglas]
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in _BORDER_EDGES:
        element = OxmlElement(f"w:{edge}")
        if edge in drawn:
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), "6")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        else:
            element.set(qn("w:val"), "nil")
        borders.append(element)
    # Schema order matters to Word: tblBorders comes right after tblW / jc.
    anchor = tbl_pr.find(qn("w:jc"))
    if anchor is None:
        anchor = tbl_pr.find(qn("w:tblW"))
    anchor.addnext(borders)


def _set_fixed_layout(table, widths_cm: list[float]) -> None:
    """Fix column widths: w:tblGrid and w:tblW for LibreOffice, each w:tcW (set per cell) for Word."""
    table.autofit = False  # writes w:tblLayout type="fixed"
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    total = table._tbl.tblPr.find(qn("w:tblW"))
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(int(sum(Cm(w).twips for w in widths_cm))))


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _fill_cell(cell, celda: Celda, size_pt: float | None) -> None:
    first = True
    for text in celda.parrafos or [""]:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _add_runs(paragraph, text, celda.negrita, size_pt)
        paragraph.alignment = _ALIGNMENTS[celda.alineacion]
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(2)
        if text.startswith("• "):
            # Bullet items hang so that wrapped lines align after the glyph.
            fmt.left_indent = Cm(0.45)
            fmt.first_line_indent = Cm(-0.45)
    if celda.sombreado:
        _shade(cell, celda.sombreado)


def _add_table(word, tabla: Tabla, pagina: Pagina) -> None:
    columns = len(tabla.anchos_cm)
    table = word.add_table(rows=0, cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_table_borders(table, tabla.reglas)
    _set_fixed_layout(table, tabla.anchos_cm)
    size = tabla.tamano_pt or max(8.0, pagina.tamano_pt - 1)
    for fila in tabla.filas:
        row = table.add_row()
        if fila.es_encabezado and tabla.repetir_encabezado:
            header_flag = OxmlElement("w:tblHeader")
            header_flag.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(header_flag)
        column = 0
        for celda in fila.celdas:
            cell = row.cells[column]
            if celda.columnas > 1:
                cell = cell.merge(row.cells[column + celda.columnas - 1])
            _fill_cell(cell, celda, size)
            # A merged cell must declare the width of all the columns it spans,
            # or LibreOffice shrinks the grid to make the row add up.
            cell.width = Cm(sum(tabla.anchos_cm[column : column + celda.columnas]))
            column += celda.columnas
    # A short empty paragraph after the table, as Word always leaves one.
    spacer = word.add_paragraph()
    spacer.paragraph_format.space_after = Pt(4)


def _add_signatures(word, bloque: BloqueFirmas) -> None:
    columns = bloque.columnas
    table = word.add_table(rows=0, cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_table_borders(table, "none")
    slots = list(bloque.firmantes)
    for start in range(0, len(slots), columns):
        row = table.add_row()
        # A caption on one page and its signature on the next is never wanted.
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        row_slots = slots[start : start + columns]
        cells = list(row.cells)
        if len(row_slots) < columns:
            # A lone last signer is centred across the row, as offices do.
            cells = [cells[0].merge(cells[-1])]
        for cell, firmante in zip(cells, row_slots):
            paragraphs = []
            if firmante.leyenda:
                paragraphs.append((firmante.leyenda, True, 0))
            paragraphs.append(("", False, bloque.espacio_firma_pt))
            paragraphs.append(("_" * 34, False, 0))
            for index, line in enumerate(firmante.lineas):
                paragraphs.append((line, index == 0, 0))
            if firmante.nota:
                paragraphs.append((firmante.nota, False, 0))
            first = True
            for text, bold, space_before in paragraphs:
                paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                fmt = paragraph.paragraph_format
                fmt.space_after = Pt(0)
                if space_before:
                    fmt.space_before = Pt(space_before)
                is_note = firmante.nota is not None and text == firmante.nota
                _add_runs(paragraph, text, bold, 8.0 if is_note else None)
            cell.paragraphs[-1].paragraph_format.space_after = Pt(14)
    spacer = word.add_paragraph()
    spacer.paragraph_format.space_after = Pt(4)


def _add_annex_boxes(word, bloque: RecuadrosAnexo) -> None:
    table = word.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_table_borders(table, "grid")
    for start in range(0, len(bloque.pies), 2):
        box_row = table.add_row()
        height = OxmlElement("w:trHeight")
        height.set(qn("w:val"), str(int(bloque.alto_cm * 567)))
        height.set(qn("w:hRule"), "exact")
        box_row._tr.get_or_add_trPr().append(height)
        caption_row = table.add_row()
        for column, caption in enumerate(bloque.pies[start : start + 2]):
            _shade(box_row.cells[column], "EDEDED")
            box_row.cells[column].paragraphs[0].add_run("")
            paragraph = caption_row.cells[column].paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _add_run(paragraph, caption, False, 8.0)
    spacer = word.add_paragraph()
    spacer.paragraph_format.space_after = Pt(4)
