"""PDF files made inside the tests: text pages, blank pages, tables, and the debris an archive holds.

Everything is built with pikepdf (qpdf) from a few lines of PDF content
stream, so the tests download nothing and each file is exactly what its
name says.  Text uses the standard Helvetica font in WinAnsi encoding, which
covers Spanish accents.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

LETTER = (612.0, 792.0)
SEED_DIGITAL = Path(__file__).resolve().parent.parent / "samples" / "seed" / "convenio_fasp_2019.pdf"

# A municipal convenio, preamble to responsables, without its ASM tables.
CONVENIO_TEXT = """\
CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES, QUE CELEBRAN POR UNA PARTE
LA TESORERÍA MUNICIPAL REPRESENTADA EN ESTE ACTO POR LA C. MARÍA ELENA OCAMPO RUIZ, TESORERA
MUNICIPAL; LA CONTRALORÍA INTERNA MUNICIPAL REPRESENTADA POR EL LIC. JULIÁN ESTRADA PEÑA,
CONTRALOR INTERNO; Y POR LA OTRA PARTE LA DIRECCIÓN DE DESARROLLO SOCIAL REPRESENTADA POR
EL MTRO. ARTURO VILCHIS DÍAZ, DIRECTOR DE DESARROLLO SOCIAL; A QUIENES EN LO SUCESIVO SE LES
DENOMINARÁ "LA TESORERÍA", "LA CONTRALORÍA" Y "EL SUJETO EVALUADO", Y EN CONJUNTO "LAS PARTES",
AL TENOR DE LOS SIGUIENTES:
ANTECEDENTES
El Programa Anual de Evaluación para el ejercicio fiscal 2020 establece la Evaluación de Diseño
Programático al Programa presupuestario Apoyo a los adultos mayores (PAAM), correspondiente al PAE 2020.
DECLARACIONES
I. DE "LA TESORERÍA"
I.1. Que señala como domicilio el ubicado en Plaza Juárez número 1, colonia Centro, Metepec,
Estado de México, C.P. 52140.
II. DE "EL SUJETO EVALUADO"
II.1. Que para efectos del presente señala como domicilio el ubicado en Avenida Estado de México
número 1500, colonia La Providencia, Metepec, México, C.P. 52177.
CLÁUSULAS
PRIMERA. Objeto. Atender los Aspectos Susceptibles de Mejora de la Evaluación de Diseño
Programático al Programa presupuestario Apoyo a los adultos mayores (PAAM).
SÉPTIMA. Prórroga. El plazo de prórroga no deberá ser mayor a treinta (30) días naturales.
Leído que fue el presente Convenio, lo firman de conformidad en Metepec, México, a los tres días
del mes de junio de dos mil veinte.
"LAS PARTES" designan como responsables para acudir a las sesiones a los servidores públicos:
ANA LAURA GÓMEZ SALAS
JEFA DEL DEPARTAMENTO DE EVALUACIÓN
ROBERTO CÁRDENAS LUNA
SUBDIRECTOR DE PROGRAMAS SOCIALES
"""

_LINE_HEIGHT = 14.0
_MARGIN = 72.0


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _text_stream(lines: list[str], height: float) -> bytes:
    parts = [b"BT /F1 10 Tf"]
    for index, line in enumerate(lines):
        y = height - _MARGIN - index * _LINE_HEIGHT
        parts.append(b"1 0 0 1 %.1f %.1f Tm %s Tj" % (_MARGIN, y, _pdf_string(line)))
    parts.append(b"ET")
    return b"\n".join(parts)


def _grid_stream(columns: list[float], rows: int, top: float, row_height: float) -> bytes:
    """Ruled lines of a table: one vertical per column edge, one horizontal per row edge."""
    bottom = top - rows * row_height
    strokes = [b"0.8 w"]
    for x in columns:
        strokes.append(b"%.1f %.1f m %.1f %.1f l S" % (x, top, x, bottom))
    for row in range(rows + 1):
        y = top - row * row_height
        strokes.append(b"%.1f %.1f m %.1f %.1f l S" % (columns[0], y, columns[-1], y))
    return b"\n".join(strokes)


def _save(pdf: pikepdf.Pdf, **options) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer, **options)
    return buffer.getvalue()


def text_pdf(pages: list[list[str]], *, page_size: tuple[float, float] = LETTER) -> bytes:
    """One page per list of lines, set top-down in 10 pt Helvetica."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
        BaseFont=pikepdf.Name.Helvetica, Encoding=pikepdf.Name.WinAnsiEncoding,
    ))
    for lines in pages:
        page = pdf.add_blank_page(page_size=page_size)
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(_text_stream(lines, page_size[1]))
    return _save(pdf)


def table_pdf(header: list[str], rows: list[list[str]]) -> bytes:
    """One page holding a fully ruled table, and nothing else."""
    width = (LETTER[0] - 2 * _MARGIN) / len(header)
    columns = [_MARGIN + i * width for i in range(len(header) + 1)]
    top, row_height = LETTER[1] - _MARGIN, 20.0
    pdf = pikepdf.Pdf.open(io.BytesIO(text_pdf([[]])))
    cells = [b"BT /F1 9 Tf"]
    for row_index, row in enumerate([header, *rows]):
        y = top - row_index * row_height - 14
        for column, text in enumerate(row):
            cells.append(b"1 0 0 1 %.1f %.1f Tm %s Tj" % (columns[column] + 4, y, _pdf_string(text)))
    cells.append(b"ET")
    grid = _grid_stream(columns, len(rows) + 1, top, row_height)
    pdf.pages[0].obj.Contents = pdf.make_stream(b"\n".join(cells) + b"\n" + grid)
    return _save(pdf)


def blank_pdf(pages: int, *, page_size: tuple[float, float] = LETTER) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=page_size)
    return _save(pdf)


def zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    return _save(pikepdf.new())


def encrypted(data: bytes, *, user_password: str) -> bytes:
    """The same PDF, AES-encrypted; an empty user password opens without asking."""
    with pikepdf.Pdf.open(io.BytesIO(data)) as pdf:
        return _save(pdf, encryption=pikepdf.Encryption(user=user_password, owner="propietario", R=6))


def rotated(data: bytes, degrees_by_page: dict[int, int]) -> bytes:
    """The same PDF with some pages turned (0-based page index -> degrees clockwise)."""
    with pikepdf.Pdf.open(io.BytesIO(data)) as pdf:
        for index, degrees in degrees_by_page.items():
            pdf.pages[index].rotate(degrees, relative=True)
        return _save(pdf)


def with_broken_xref(data: bytes) -> bytes:
    """Every cross-reference offset points to the wrong byte, as after a careless edit."""
    with pikepdf.Pdf.open(io.BytesIO(data)) as pdf:
        plain = _save(pdf, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=True)
    start = plain.rindex(b"\nxref") + 1
    end = plain.index(b"trailer", start)
    table = plain[start:end].replace(b"0000", b"0001")
    return plain[:start] + table + plain[end:]


def truncated(data: bytes, fraction: float) -> bytes:
    """The first part of the file only: a download that stopped."""
    return data[: int(len(data) * fraction)]


def with_unique_tail(data: bytes, tag: str) -> bytes:
    """Different bytes (and sha256), same document: a comment after the end marker."""
    return data + b"\n% copy " + tag.encode("ascii") + b"\n"


def image_bomb_pdf(side: int) -> bytes:
    """One page showing a 1-bit image `side` pixels square that compresses to almost nothing."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=LETTER)
    row = bytes((side + 7) // 8)
    image = pdf.make_stream(row * side)  # all black; qpdf deflates it on save
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = side, side, 1
    image.ColorSpace = pikepdf.Name.DeviceGray
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.obj.Contents = pdf.make_stream(b"q 612 0 0 792 0 0 cm /Im0 Do Q")
    return _save(pdf)


def self_drawing_form_pdf() -> bytes:
    """A page whose form XObject draws itself: an endless recursion for a naive reader."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=LETTER)
    form = pdf.make_stream(b"0 0 m 100 0 l S /Fx Do")
    form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
    form.BBox = [0, 0, 612, 792]
    form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fx=form))
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fx=form))
    page.obj.Contents = pdf.make_stream(b"/Fx Do")
    return _save(pdf)


HTML_ERROR_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
    b"<body><h1>Not Found</h1><p>The requested URL /transparencia/convenio_2019.pdf was not found.</p></body></html>\n"
)


def self_referencing_annotation_pdf(data: bytes) -> bytes:
    """The same PDF with a first-page annotation that is its own parent and popup."""
    with pikepdf.Pdf.open(io.BytesIO(data)) as pdf:
        note = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[10, 10, 30, 30], Contents=pikepdf.String("nota"),
        ))
        note.Parent = note
        note.Popup = note
        note.IRT = note
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([note]))
        return _save(pdf)


def deeply_nested_pdf(data: bytes, depth: int) -> bytes:
    """The same PDF with an array nested `depth` deep in its first page's dictionary (offsets shift: the xref is stale)."""
    with pikepdf.Pdf.open(io.BytesIO(data)) as pdf:
        plain = _save(pdf, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    marker = b"/Type /Page "
    assert marker in plain
    return plain.replace(marker, marker + b"/Nested " + b"[" * depth + b"]" * depth + b" ", 1)
