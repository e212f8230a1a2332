"""The table finder, from hand-drawn pages up to the sample PDFs.

The drawings below lay words out the way a word processor does (5 pt per
character, 12 pt per line, 4 pt of padding inside a cell) and draw the rules
a table style asks for, so each test reads like the page it describes.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from extract.layout import build_layout
from extract.model import Line, Page, Rule, Word
from extract.pdf import read_pages
from extract.tables import TableSettings, _far_below, find_tables, is_item_number

CHAR = 5.0
PITCH = 12.0
PADDING = 4.0
PARAGRAPH_SPACE = 4.0
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


# --- drawing ------------------------------------------------------------------


def line_of(text: str, x: float, top: float, page: int = 1, confidence: float = 1.0) -> list[Word]:
    """One line of words starting at `x`."""
    words = []
    for token in text.split():
        width = CHAR * len(token)
        origin = "text" if confidence == 1.0 else "ocr"
        words.append(Word(token, (x, top, x + width, top + 10), page, confidence, origin))
        x += width + CHAR
    return words


def paragraphs_in(text, x0: float, x1: float, top: float, page: int = 1, center: bool = False):
    """Wrap `text` between x0 and x1; "\\n" starts a paragraph, a bullet hangs.

    A tuple of strings is taken as lines already broken by the writer.
    Returns the words and where the text ends.
    """
    if isinstance(text, tuple):
        words = [w for i, line in enumerate(text) for w in line_of(line, x0, top + i * PITCH, page)]
        return words, top + len(text) * PITCH
    words: list[Word] = []
    y = top
    for paragraph in text.split("\n"):
        indent = 0.0
        line: list[str] = []
        for token in paragraph.split():
            if line and x0 + indent + CHAR * (len(" ".join(line)) + 1 + len(token)) > x1:
                words += _placed(line, x0 + indent, x1, y, page, center)
                y += PITCH
                indent = 2 * CHAR if paragraph.startswith("• ") else 0.0
                line = []
            line.append(token)
        words += _placed(line, x0 + indent, x1, y, page, center)
        y += PITCH + PARAGRAPH_SPACE
    return words, y - PARAGRAPH_SPACE


def _placed(tokens, x0, x1, top, page, center):
    text = " ".join(tokens)
    x = (x0 + x1 - CHAR * len(text)) / 2 if center else x0
    return line_of(text, x, top, page)


def hrule(x0: float, x1: float, y: float, page: int = 1) -> Rule:
    return Rule((x0, y - 0.25, x1, y + 0.25), page)


def vrule(x: float, top: float, bottom: float, page: int = 1) -> Rule:
    return Rule((x - 0.25, top, x + 0.25, bottom), page)


def draw_table(rows, edges, top, page=1, rules="grid", center_first_row=False, centered_columns=()):
    """Words and rules of a table; a None cell is covered by the cell on its left.

    ``rules`` is "grid", "horizontal" or "none", as a Word table style;
    the header row and the ``centered_columns`` may be set centred.
    Returns (words, rules, bottom).
    """
    words: list[Word] = []
    drawn: list[Rule] = []
    y = top
    for index, row in enumerate(rows):
        bottom = y + PITCH
        starts = [i for i, cell in enumerate(row) if cell is not None]
        for position, column in enumerate(starts):
            right_column = starts[position + 1] if position + 1 < len(starts) else len(row)
            cell_words, cell_bottom = paragraphs_in(
                row[column],
                edges[column] + PADDING,
                edges[right_column] - PADDING,
                y + PADDING,
                page,
                center=(center_first_row and index == 0) or column in centered_columns,
            )
            words += cell_words
            bottom = max(bottom, cell_bottom + PADDING)
        if rules != "none":
            drawn.append(hrule(edges[0], edges[-1], y, page))
        if rules == "grid":
            drawn += [vrule(edges[i], y, bottom, page) for i in starts] + [vrule(edges[-1], y, bottom, page)]
        y = bottom
    if rules != "none":
        drawn.append(hrule(edges[0], edges[-1], y, page))
    return words, drawn, y


def page_with(number: int, *parts) -> Page:
    words = [w for part in parts for w in part[0]]
    rules = [r for part in parts for r in part[1]]
    return Page(number=number, width=612, height=792, words=words, rules=rules)


def texts(table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


THREE_COLUMNS = [72, 110, 320, 540]
FOUR_COLUMNS = [72, 110, 260, 430, 540]
HEADER = ["No.", "Hallazgo", "Actividad comprometida"]
DATE_ROW = ["Fecha comprometida de cumplimiento:", None, "31 de Julio de 2019"]


# --- ruled grids --------------------------------------------------------------


def test_ruled_grid_gives_header_rows_and_the_date_row_as_an_ordinary_row():
    hallazgo = "No existe una metodología para diseñar programas de prevención del delito en el Estado."
    actividad = "Llevar a cabo marchas exploratorias o barridos ciudadanos en los territorios a intervenir."
    drawing = draw_table([HEADER, ["1", hallazgo, actividad], DATE_ROW], THREE_COLUMNS, top=100)

    [table] = find_tables([page_with(1, drawing)])

    assert table.header == HEADER
    assert texts(table) == [["1", hallazgo, actividad], ["Fecha comprometida de cumplimiento:", "", "31 de Julio de 2019"]]
    assert table.method == "rules"
    assert table.pages == [1]
    assert len(table.rows[0][1].lines) > 1, "the drawing must wrap the cell for this test to mean anything"


def test_cell_text_keeps_bullets_and_paragraphs_on_their_own_lines():
    actividad = (
        "Establecer una estrategia que alinee a los Centros, para lo siguiente:\n"
        "• Implementar mecanismos de evaluación a Ministerios Públicos en cada uno de los centros.\n"
        "• Integrar Juzgados en Materia de lo Familiar."
    )
    drawing = draw_table([HEADER, ["7", "Los Centros no están alineados.", actividad]], THREE_COLUMNS, top=100)

    [table] = find_tables([page_with(1, drawing)])

    assert table.rows[0][2].text == actividad


@pytest.mark.parametrize("glyph", ["\uf0b7", "▪", "·", "-", "•"])
def test_every_bullet_glyph_becomes_the_same_bullet(glyph):
    drawing = draw_table(
        [HEADER, ["1", "Texto.", f"Hacer lo siguiente:\n{glyph} primero\n{glyph} segundo"]], THREE_COLUMNS, top=100
    )

    [table] = find_tables([page_with(1, drawing)])

    assert table.rows[0][2].text == "Hacer lo siguiente:\n• primero\n• segundo"


def test_a_hyphen_at_a_line_end_is_mended_only_for_a_word_the_document_writes_whole():
    lines = (
        "Se observa que la ejecución de la pro-",
        "gramación del gasto en el ámbito socio-",
        "económico del periodo fiscal 2019-",
        "2020 y de las actas de entrega-",
        "recepción de la programación anual.",
    )
    drawing = draw_table([HEADER, ["1", lines, "Actividad."]], THREE_COLUMNS, top=100)

    [table] = find_tables([page_with(1, drawing)])

    # "programación" is written whole in the last line; "socio-económico" and
    # "entrega-recepción" are compounds that merely broke at their hyphen.
    assert table.rows[0][1].text == (
        "Se observa que la ejecución de la programación del gasto en el ámbito socio-económico "
        "del periodo fiscal 2019-2020 y de las actas de entrega-recepción de la programación anual."
    )


def test_a_soft_hyphen_always_mends_its_word():
    drawing = draw_table([HEADER, ["1", ("Se observa que la ejecución de la pro\u00ad", "gramación."), "Actividad."]],
                         THREE_COLUMNS, top=100)

    [table] = find_tables([page_with(1, drawing)])

    assert table.rows[0][1].text == "Se observa que la ejecución de la programación."


def test_a_grid_without_rules_between_rows_still_has_one_row_per_item():
    words, rules, bottom = draw_table([RECOMENDACIONES_HEADER, *RECOMENDACIONES], FOUR_COLUMNS, top=100)
    header_bottom = min(w.top for w in words if w.text == "1)") - PADDING
    # Only the frame, the column rules and the rule under the header.
    frame = [hrule(72, 540, 100), hrule(72, 540, header_bottom), hrule(72, 540, bottom)]
    frame += [vrule(x, 100, bottom) for x in FOUR_COLUMNS]

    [table] = find_tables([Page(1, 612, 792, words=words, rules=frame)])

    assert texts(table) == RECOMENDACIONES


def test_a_whole_word_as_wide_as_its_column_keeps_its_space():
    drawing = draw_table([RECOMENDACIONES_HEADER, ["1", "Texto.", "Actividad.", ("Septiembre", "de 2019")]],
                         [72, 110, 260, 430, 482], top=100)

    [table] = find_tables([page_with(1, drawing)])

    assert table.rows[0][3].text == "Septiembre de 2019"


def test_a_word_too_long_for_a_narrow_column_is_put_back_together():
    # Word processors cut "Fecha" and "compromiso:" letter-wise in a 30 pt column.
    label = ("Fech", "a", "comp", "romi", "so:")
    drawing = draw_table([HEADER, ["1", "Hallazgo.", "Actividad."], [label, "", "31 de julio de 2019"]],
                         [72, 102, 320, 540], top=100)

    # The convenio writes the words whole elsewhere: that is how the pieces are known to be one.
    clause = (line_of("se fija una fecha compromiso para cada hallazgo.", 72, 80), [])

    [table] = find_tables([page_with(1, clause, drawing)])

    assert table.rows[1][0].text == "Fecha compromiso:"


def test_a_framed_paragraph_is_not_a_table():
    words, _ = paragraphs_in("Texto dentro de un recuadro, sin columnas.", 80, 530, 104)
    box = [hrule(72, 540, 100), hrule(72, 540, 130), vrule(72, 100, 130), vrule(540, 100, 130)]

    assert find_tables([Page(1, 612, 792, words=words, rules=box)]) == []


# --- across pages -------------------------------------------------------------


def test_table_continued_with_its_header_repeated_is_merged_and_the_header_dropped():
    first = draw_table([HEADER, ["1", "Primer hallazgo.", "Primera actividad."], DATE_ROW], THREE_COLUMNS, top=600)
    second = draw_table([HEADER, ["2", "Segundo hallazgo.", "Segunda actividad."], DATE_ROW], THREE_COLUMNS, top=72, page=2)

    [table] = find_tables([page_with(1, first), page_with(2, second)])

    assert table.pages == [1, 2]
    assert [row[0].text for row in table.rows] == ["1", DATE_ROW[0], "2", DATE_ROW[0]]
    assert [page for page, _ in table.regions] == [1, 2]


def test_table_continued_without_header_is_merged_by_its_columns():
    first = draw_table([HEADER, ["1", "Primer hallazgo.", "Primera actividad."]], THREE_COLUMNS, top=600)
    second = draw_table([["2", "Segundo hallazgo.", "Segunda actividad."]], THREE_COLUMNS, top=72, page=2)

    [table] = find_tables([page_with(1, first), page_with(2, second)])

    assert texts(table) == [["1", "Primer hallazgo.", "Primera actividad."], ["2", "Segundo hallazgo.", "Segunda actividad."]]


def test_row_cut_by_the_page_break_is_merged_into_the_row_it_continues():
    hallazgo = ("Derivado de la evaluación se observa que", "no existe una metodología para diseñar", "los programas de prevención del delito.")
    actividad = ("Llevar a cabo marchas exploratorias o barridos", "ciudadanos en los territorios a intervenir.")
    first = draw_table([HEADER, ["1", hallazgo[:2], actividad[:1]]], THREE_COLUMNS, top=650)
    second = draw_table([["", hallazgo[2:], actividad[1:]], DATE_ROW], THREE_COLUMNS, top=72, page=2)

    [table] = find_tables([page_with(1, first), page_with(2, second)])

    assert texts(table) == [
        ["1", " ".join(hallazgo), " ".join(actividad)],
        ["Fecha comprometida de cumplimiento:", "", "31 de Julio de 2019"],
    ]
    assert {w.page for w in table.rows[0][1].words} == {1, 2}


def test_a_ruled_date_row_alone_on_the_next_page_goes_on_in_the_table_under_its_columns():
    first = draw_table([HEADER, ["1", "Primer hallazgo que ocupa dos líneas de la celda.", "Primera actividad."]], THREE_COLUMNS, top=650)
    second = draw_table([DATE_ROW], THREE_COLUMNS, top=72, page=2)  # its label merged over two columns

    [table] = find_tables([page_with(1, first), page_with(2, second)])

    assert texts(table) == [
        ["1", "Primer hallazgo que ocupa dos líneas de la celda.", "Primera actividad."],
        ["Fecha comprometida de cumplimiento:", "", "31 de Julio de 2019"],
    ]
    assert table.pages == [1, 2]


def test_a_date_row_opening_the_next_page_is_its_own_row_even_if_a_scan_boxes_a_later_word_higher():
    first = draw_table([HEADER, ["1", "Primer hallazgo.", "Primera actividad."]], THREE_COLUMNS, top=650)
    second_row = ["2", "Segundo hallazgo.", "Segunda actividad."]
    words, rules, bottom = draw_table([DATE_ROW, second_row], THREE_COLUMNS, top=72, page=2)
    # OCR gave the label's "de" a taller box than "Fecha".
    words = [Word(w.text, (w.x0, w.top - 1, w.x1, w.bottom + 1), 2, 0.97, "ocr") if w.text == "de" else w for w in words]

    [table] = find_tables([page_with(1, first), page_with(2, (words, rules, bottom))])

    date_row = [DATE_ROW[0], "", DATE_ROW[2]]
    assert texts(table) == [["1", "Primer hallazgo.", "Primera actividad."], date_row, second_row]


@pytest.mark.parametrize("style", ["grid", "none"])
def test_a_header_left_alone_at_the_foot_of_a_page_heads_the_rows_on_the_next(style):
    first = draw_table([HEADER], THREE_COLUMNS, top=700, rules=style)
    second = draw_table(
        [["1", "Primer hallazgo.", "Primera actividad."], ["2", "Segundo hallazgo.", "Segunda actividad."]],
        THREE_COLUMNS, top=72, page=2, rules=style,
    )

    [table] = find_tables([page_with(1, first), page_with(2, second)])

    assert table.header == HEADER
    assert [row[0].text for row in table.rows] == ["1", "2"]
    assert table.pages == [1, 2]


def test_a_label_cut_by_the_page_break_goes_on_in_the_row_it_started():
    # A 20 pt wide first column: the label is cut letter-wise, and by the page.
    columns = [72, 100, 320, 540]
    first = draw_table([HEADER, ["1", "Hallazgo.", "Actividad."], [("Fech", "a de", "cump"), "", "31 de julio de 2019"]],
                       columns, top=650)
    second = draw_table([[("limi", "ento"), "", ""], ["2", "Otro hallazgo.", "Otra actividad."]],
                        columns, top=72, page=2)

    clause = (line_of("la fecha de cumplimiento de cada hallazgo.", 72, 600), [])

    [table] = find_tables([page_with(1, clause, first), page_with(2, second)])

    assert [row[0].text for row in table.rows] == ["1", "Fecha de cumplimiento", "2"]


def test_a_header_cut_by_the_page_break_is_put_back_together():
    header = ["No.", "Hallazgo", "Actividad", "Fecha"]
    first = draw_table([header], FOUR_COLUMNS, top=720, rules="horizontal", center_first_row=True)
    # "Fecha compromiso": the title's second line went to the next page.
    rest = (line_of("compromiso", 460, 60, page=2), [])
    second = draw_table([["1", "Hallazgo.", "Actividad.", "Julio 2019"]], FOUR_COLUMNS, top=76, page=2, rules="horizontal")

    [table] = find_tables([page_with(1, first), page_with(2, rest, second)])

    assert table.header == ["No.", "Hallazgo", "Actividad", "Fecha compromiso"]
    assert texts(table) == [["1", "Hallazgo.", "Actividad.", "Julio 2019"]]


def test_a_grid_whose_first_row_is_a_numbered_item_has_no_header_row():
    # The scan lost the shaded header row; its place says which table this is.
    rows = [["1", "El personal no ha recibido capacitación en la materia.", "Gestionar cursos."],
            ["2", "No existe un plan estratégico del programa.", "Elaborar un plan."]]
    [table] = find_tables([page_with(1, draw_table(rows, THREE_COLUMNS, top=100))])
    assert table.header == ["", "", ""]
    assert texts(table) == rows


def test_a_ruled_header_row_cut_by_the_page_break_is_put_back_together():
    header = ["No.", "Recomendación", "Actividad comprometida", "Fecha de"]
    first = draw_table([header], FOUR_COLUMNS, top=720)
    # Word drew the header row's second line as a row of its own at the top of the next page.
    second = draw_table([["", "", "", "cumplimiento"], ["1", "Recomendación.", "Actividad.", "23 de octubre de 2019"]],
                        FOUR_COLUMNS, top=72, page=2)

    [table] = find_tables([page_with(1, first), page_with(2, second)])

    assert table.header == ["No.", "Recomendación", "Actividad comprometida", "Fecha de cumplimiento"]
    assert texts(table) == [["1", "Recomendación.", "Actividad.", "23 de octubre de 2019"]]


def test_text_between_two_tables_keeps_them_apart():
    first = draw_table([HEADER, ["1", "Hallazgo.", "Actividad."]], THREE_COLUMNS, top=600)
    heading = (line_of("b) De las recomendaciones:", 72, 72, page=2), [])
    second = draw_table(
        [["No.", "Recomendación", "Actividad comprometida"], ["1", "Recomendación.", "Actividad."]],
        THREE_COLUMNS,
        top=100,
        page=2,
    )

    tables = find_tables([page_with(1, first), page_with(2, heading, second)])

    assert [t.header[1] for t in tables] == ["Hallazgo", "Recomendación"]


# --- tables without vertical rules ---------------------------------------------


RECOMENDACIONES_HEADER = ["No.", "Recomendación", "Actividad comprometida", "Fecha comprometida"]
RECOMENDACIONES = [
    ["1)", "Fortalecer el Subprograma de Sistemas de Videovigilancia.", "Realizar las gestiones para la asignación de presupuesto.", "Julio 2019"],
    ["2)", "Fortalecer las evaluaciones para la Certificación Única Policial.", "Implementar mejoras a las evaluaciones.", "Septiembre de 2019"],
]


@pytest.mark.parametrize("style, method", [("none", "header-alignment"), ("horizontal", "horizontal-rules")])
def test_table_without_vertical_rules_takes_its_columns_from_the_header(style, method):
    intro = (line_of("b) De las recomendaciones:", 72, 80), [])
    drawing = draw_table([RECOMENDACIONES_HEADER, *RECOMENDACIONES], FOUR_COLUMNS, top=100, rules=style, center_first_row=True)
    after = (line_of("QUINTA. Cumplimiento. LA SECRETARÍA y LA CONTRALORÍA determinarán si las acciones cumplen.", 72, drawing[2] + 20), [])

    [table] = find_tables([page_with(1, intro, drawing, after)])

    assert table.method == method
    assert table.header == RECOMENDACIONES_HEADER
    assert texts(table) == RECOMENDACIONES


def test_an_initial_in_the_margin_beside_a_headers_second_line_does_not_cut_the_header_short():
    header = ["No.", "Recomendación", "Actividad comprometida", ("Fecha de", "cumplimiento")]
    words, rules, bottom = draw_table([header, *RECOMENDACIONES], FOUR_COLUMNS, top=100, rules="horizontal")
    second_line = next(w for w in words if w.text == "cumplimiento")
    initial = Word("0)", (36, second_line.top - 4, 48, second_line.bottom + 6), 1, 0.62, "ocr")

    [table] = find_tables([page_with(1, (words + [initial], rules, bottom))])

    assert table.header == ["No.", "Recomendación", "Actividad comprometida", "Fecha de cumplimiento"]
    assert texts(table) == RECOMENDACIONES


@pytest.mark.parametrize(
    ("first_title", "confidence", "is_table"),
    [("Tema", 0.32, True), ("Tema", 0.97, False), ("No.", 0.97, True), ("Núm.", 0.97, True)],
)
def test_a_first_row_whose_number_ocr_could_not_read_still_opens_the_table(first_title, confidence, is_table):
    intro = (line_of("b) De las recomendaciones:", 72, 80), [])
    header = [first_title, *RECOMENDACIONES_HEADER[1:]]
    words, rules, bottom = draw_table([header, *RECOMENDACIONES], FOUR_COLUMNS, top=100, rules="none", center_first_row=True)
    # OCR read the first row's "1." as a letter, unsure of it; sure of it,
    # it is a letter, and only a title that says the column holds numbers
    # ("No.", "Núm.") vouches for the header.
    first_number = next(w for w in words if is_item_number(w.text))
    words = [Word("L", first_number.bbox, 1, confidence, "ocr") if w is first_number else w for w in words]
    tables = find_tables([page_with(1, intro, (words, rules, bottom))])
    assert bool(tables) == is_table
    if is_table:
        assert tables[0].header == header and tables[0].rows[0][0].text == "L"


def test_a_first_row_whose_number_the_scan_lost_altogether_opens_a_table_titled_by_number():
    intro = (line_of("a) De los hallazgos:", 72, 80), [])
    words, rules, bottom = draw_table([RECOMENDACIONES_HEADER, *RECOMENDACIONES], FOUR_COLUMNS, top=100, rules="none", center_first_row=True)
    first_number = next(w for w in words if is_item_number(w.text))
    words = [w for w in words if w is not first_number]
    [table] = find_tables([page_with(1, intro, (words, rules, bottom))])
    assert table.header == RECOMENDACIONES_HEADER
    assert [row[0].text for row in table.rows] == ["", "2)"]


@pytest.mark.parametrize("style", ["none", "horizontal"])
def test_a_number_column_whose_title_the_scan_lost_is_still_a_column(style):
    intro = (line_of("b) De las recomendaciones:", 72, 80), [])
    words, rules, bottom = draw_table([RECOMENDACIONES_HEADER, *RECOMENDACIONES], FOUR_COLUMNS, top=100, rules=style, center_first_row=True)
    lost_title = next(w for w in words if w.text == "No.")
    first_number = next(w for w in words if is_item_number(w.text))
    # A shaded header lost its "No."; the first row's "1)" was read as a letter.
    words = [Word("£", w.bbox, 1, 0.86, "ocr") if w is first_number else w for w in words if w is not lost_title]
    [table] = find_tables([page_with(1, intro, (words, rules, bottom))])
    assert table.header == ["", *RECOMENDACIONES_HEADER[1:]]
    assert texts(table) == [["£", *RECOMENDACIONES[0][1:]], RECOMENDACIONES[1]]


def test_a_first_row_whose_number_the_scan_lost_under_a_header_that_lost_its_number_title_opens_the_table():
    rows = [["1)", "Se recomienda medir la satisfacción.", "Aplicar una encuesta.", "Agosto 2025"], RECOMENDACIONES[1]]
    words, rules, bottom = draw_table([RECOMENDACIONES_HEADER, *rows], FOUR_COLUMNS, top=100, rules="horizontal", center_first_row=True)
    lost = {next(w for w in words if w.text == "No."), next(w for w in words if w.text == "1)")}
    # What is left is OCR's: the first row's text opens with a short word read unsure, boxed a little apart.
    scanned = [
        Word(w.text, (w.x0 - 4, w.top, w.x1 - 4, w.bottom), 1, 0.9, "ocr") if w.text == "Se" else Word(w.text, w.bbox, 1, 0.96, "ocr")
        for w in words if w not in lost
    ]

    [table] = find_tables([page_with(1, (scanned, rules, bottom))])

    assert table.header == ["", *RECOMENDACIONES_HEADER[1:]]
    assert texts(table) == [["", *rows[0][1:]], rows[1]]


def test_a_header_of_two_genre_titles_over_rows_with_a_number_column_is_a_three_column_table():
    # The shaded header lost its "No.", and the only row's "1." was read as a letter.
    rows = [HEADER, ["1.", "Primer hallazgo que ocupa su columna.", "Primera actividad comprometida."], DATE_ROW]
    words, rules, bottom = draw_table(rows, THREE_COLUMNS, top=100, rules="horizontal", center_first_row=True)
    lost_title = next(w for w in words if w.text == "No.")
    first_number = next(w for w in words if w.text == "1.")
    words = [Word("E", w.bbox, 1, 0.75, "ocr") if w is first_number else w for w in words if w is not lost_title]
    [table] = find_tables([page_with(1, (words, rules, bottom))])
    assert table.header == ["", *HEADER[1:]]
    assert [row[0].text for row in table.rows] == ["E", DATE_ROW[0]]


def test_a_first_row_number_ocr_read_with_a_comma_still_opens_the_table():
    intro = (line_of("b) De las recomendaciones:", 72, 80), [])
    words, rules, bottom = draw_table([RECOMENDACIONES_HEADER, *RECOMENDACIONES], FOUR_COLUMNS, top=100, rules="none", center_first_row=True)
    first_number = next(w for w in words if is_item_number(w.text))
    words = [Word("1,", first_number.bbox, 1, 0.9, "ocr") if w is first_number else w for w in words]
    tables = find_tables([page_with(1, intro, (words, rules, bottom))])
    assert tables[0].header == RECOMENDACIONES_HEADER and tables[0].rows[0][0].text == "1,"


def test_a_gappy_justified_line_after_a_short_table_is_prose():
    drawing = draw_table([RECOMENDACIONES_HEADER, RECOMENDACIONES[0]], FOUR_COLUMNS, top=100, rules="none",
                         center_first_row=True)
    # The clause after the table, justified with wide gaps, one of them right
    # where a column starts.
    below = drawing[2] + 26
    prose = line_of("QUINTA.", 72, below) + line_of("Cumplimiento.", 130, below) + line_of("LA", 215, below)
    prose += line_of("SECRETARÍA", FOUR_COLUMNS[2] - 6, below) + line_of("determinará.", 360, below)

    [table] = find_tables([page_with(1, drawing, (prose, []))])

    assert texts(table) == [RECOMENDACIONES[0]]


def test_white_under_a_short_boxed_piece_of_a_wrapped_label_is_measured_in_the_typical_lines_height():
    def scanned_line(text, x, top, bottom):
        return Line(tuple(Word(w.text, (w.x0, top, w.x1, bottom), 1, 0.96, "ocr") for w in line_of(text, x, top)))

    # "Fecha compromiso" wrapped in a narrow column: its last piece boxed 8 pt tall, 19 pt above the next row.
    label_end = scanned_line("miso", 77, 198, 206)
    next_row = scanned_line("2) Es necesario implementar un sistema", 85, 225, 236)
    assert not _far_below(label_end, next_row, typical_height=11)
    # Two heights of white between full lines still part a table from what follows it,
    # however tall a stamp makes the line below.
    assert _far_below(next_row, scanned_line("QUINTA. Cumplimiento.", 72, 260, 290), typical_height=11)


def test_rule_less_table_with_date_rows_and_its_continuation_on_the_next_page():
    rows = [HEADER, ["1", "Primer hallazgo que ocupa más de una línea en su columna.", "Primera actividad."], DATE_ROW]
    first = draw_table(rows, THREE_COLUMNS, top=640, rules="none")
    second = draw_table([["2", "Segundo hallazgo.", "Segunda actividad."], DATE_ROW], THREE_COLUMNS, top=72, page=2, rules="none")
    closing = (line_of("b) De las recomendaciones:", 72, second[2] + 24, page=2), [])

    [table] = find_tables([page_with(1, first), page_with(2, second, closing)])

    assert table.method == "header-alignment"
    assert table.pages == [1, 2]
    assert [row[0].text for row in table.rows] == ["1", DATE_ROW[0], "2", DATE_ROW[0]]
    assert table.rows[1][2].text == "31 de Julio de 2019"


@pytest.mark.parametrize("style", ["none", "horizontal"])
def test_a_row_number_ocr_could_not_read_under_a_date_row_still_opens_its_row(style):
    rows = [HEADER, ["1", "Primer hallazgo.", "Primera actividad."], DATE_ROW,
            ["2", "Segundo hallazgo.", "Segunda actividad."], DATE_ROW]
    words, rules, bottom = draw_table(rows, THREE_COLUMNS, top=100, rules=style)
    second = next(w for w in words if w.text == "2")
    words = [Word("F", second.bbox, 1, 0.59, "ocr") if w is second else w for w in words]  # "2" read as "F"
    [table] = find_tables([page_with(1, (words, rules, bottom))])
    assert [row[0].text for row in table.rows] == ["1", DATE_ROW[0], "F", DATE_ROW[0]]
    assert table.rows[2][1].text == "Segundo hallazgo."


def test_centred_dates_of_any_length_stay_in_their_column():
    rows = [RECOMENDACIONES_HEADER, *RECOMENDACIONES, ["3)", "Tercera.", "Actividad.", "30 de septiembre de 2019"]]
    drawing = draw_table(rows, [72, 110, 260, 400, 540], top=100, rules="none", center_first_row=True,
                         centered_columns={3})

    [table] = find_tables([page_with(1, drawing)])

    assert [row[3].text for row in table.rows] == ["Julio 2019", "Septiembre de 2019", "30 de septiembre de 2019"]


def test_a_gappy_first_line_on_the_next_page_is_the_row_going_on_not_a_repeated_header():
    first = draw_table([HEADER, ["1", "Se recomienda establecer mecanismos", "Identificar los programas"]],
                       THREE_COLUMNS, top=680, rules="none")
    # Justified lines with one word per gap: three "titles" at a glance.
    gappy = line_of("formales", 114, 72, page=2) + line_of("de", 230, 72, page=2)
    gappy += line_of("complementarios", 324, 72, page=2)
    second = draw_table([["2", "Segundo hallazgo.", "Segunda actividad."]], THREE_COLUMNS, top=90, page=2, rules="none")

    [table] = find_tables([page_with(1, first), page_with(2, (gappy, []), second)])

    assert texts(table) == [
        ["1", "Se recomienda establecer mecanismos formales de", "Identificar los programas complementarios"],
        ["2", "Segundo hallazgo.", "Segunda actividad."],
    ]


def test_the_clause_after_a_table_ending_at_the_foot_of_a_page_is_not_its_continuation():
    first = draw_table([HEADER, ["1", "Hallazgo.", "Actividad."], DATE_ROW], THREE_COLUMNS, top=680, rules="none")
    # The next page starts with a justified line: every space stretched alike.
    words, x = [], 72.0
    for token in 'QUINTA. Cumplimiento. "LA SECRETARÍA" y "LA CONTRALORÍA" determinarán si las'.split():
        words += line_of(token, x, 72, page=2)
        x += CHAR * len(token) + 9.0
    clause = (words + line_of("acciones cumplen con lo solicitado.", 72, 84, page=2), [])

    [table] = find_tables([page_with(1, first), page_with(2, clause)])

    assert table.pages == [1]
    assert len(table.rows) == 2


@pytest.mark.parametrize("heading", [("CLÁUSULA", 'QUINTA. CUMPLIMIENTO. "LA'), ("QUINTA.-", 'CUMPLIMIENTO. "LA')])
def test_a_clause_heading_right_under_the_last_row_is_not_part_of_it(heading):
    words, rules, bottom = draw_table([HEADER, ["1", "Hallazgo.", "Actividad."], ["2", "Otro hallazgo.", "Otra actividad."]],
                                      THREE_COLUMNS, top=100, rules="none")
    # Its words fall in the table's columns, with no more white above it than between two rows.
    clause = (line_of(heading[0], 72, bottom + 2) + line_of(heading[1], 140, bottom + 2)
              + line_of('SECRETARÍA" y "LA CONTRALORÍA"', 330, bottom + 2), [])

    [table] = find_tables([page_with(1, (words, rules, bottom), clause)])

    assert texts(table) == [["1", "Hallazgo.", "Actividad."], ["2", "Otro hallazgo.", "Otra actividad."]]


def test_a_repeated_header_does_not_swallow_the_rest_of_a_cut_label():
    columns = [72, 150, 320, 540]
    label = ("Fecha de", "cumplimiento:")
    first = draw_table([HEADER, ["1", "Hallazgo.", "Actividad."], [label[:1], "", "31 de julio de 2019"]],
                       columns, top=680, rules="none")
    # The header comes back on the next page, and right under it, set just
    # like a wrapped title, the rest of the label.
    second = draw_table([HEADER, [label[1:], "", ""], ["2", "Otro hallazgo.", "Otra actividad."]],
                        columns, top=72, page=2, rules="none")

    [table] = find_tables([page_with(1, first), page_with(2, second)])

    assert [row[0].text for row in table.rows] == ["1", "Fecha de cumplimiento:", "2"]


def test_a_table_whose_header_the_scan_lost_is_found_by_its_numbered_rows():
    rows = [["1", "Primer hallazgo.", "Primera actividad."], DATE_ROW, ["2", "Segundo hallazgo.", "Segunda actividad."]]
    words, rules, _ = draw_table(rows, THREE_COLUMNS, top=100, rules="horizontal")
    scanned = [Word(w.text, w.bbox, w.page, 0.9, "ocr") for w in words]

    [table] = find_tables([Page(1, 612, 792, words=scanned, rules=rules, origin="ocr")])

    assert table.header == ["", "", ""]
    assert [row[0].text for row in table.rows] == ["1", DATE_ROW[0], "2"]


def test_a_single_numbered_line_without_header_is_not_a_table():
    words = line_of("1", 76, 100) + line_of("Texto suelto.", 114, 100) + line_of("Otro texto.", 324, 100)

    assert find_tables([Page(1, 612, 792, words=words)]) == []


def test_an_initial_in_the_margin_stays_out_of_a_rule_less_table():
    drawing = draw_table([RECOMENDACIONES_HEADER, *RECOMENDACIONES], FOUR_COLUMNS, top=100, rules="none",
                         center_first_row=True)
    initial = (line_of("Yw", 575, 140), [])

    [table] = find_tables([page_with(1, drawing, initial)])

    assert texts(table) == RECOMENDACIONES


def test_justified_line_with_wide_gaps_is_not_a_header():
    gappy = line_of("delito", 72, 100) + line_of("indicadores", 160, 100) + line_of("municipal", 300, 100)
    gappy += line_of("humanos", 420, 100)
    prose, _ = paragraphs_in("1. Que es una Dependencia de la Administración Pública del Estado de México.", 72, 540, 112)

    assert find_tables([Page(1, 612, 792, words=gappy + prose)]) == []


def test_a_gappy_justified_line_at_the_foot_of_a_page_is_not_a_header_left_alone():
    gappy = line_of("evaluación", 72, 740) + line_of("implementados", 200, 740) + line_of("estatal", 330, 740)
    gappy += line_of("recursos", 470, 740)
    next_page = line_of("humanos del programa.", 72, 72, page=2)

    assert find_tables([Page(1, 612, 792, words=gappy), Page(2, 612, 792, words=next_page)]) == []


def test_ocr_words_take_the_same_path_and_keep_their_confidence():
    words, rules, _ = draw_table([HEADER, ["1", "Hallazgo leído por OCR.", "Actividad."]], THREE_COLUMNS, top=100)
    scanned = [Word(w.text, w.bbox, w.page, 0.8, "ocr") for w in words]

    [table] = find_tables([Page(1, 612, 792, words=scanned, rules=rules, origin="ocr")])

    assert table.rows[0][1].text == "Hallazgo leído por OCR."
    assert table.rows[0][1].provenance("tabla").confidence == pytest.approx(0.8)


@pytest.mark.parametrize("read_bullet", ["»", "."])
def test_ocr_bullet_lookalikes_and_lost_bullets_become_bullets(read_bullet):
    placeholder = ("x",) * 5
    words, rules, _ = draw_table([HEADER, ["1", "Hallazgo.", placeholder]], THREE_COLUMNS, top=100)
    tops = sorted(w.top for w in words if w.text == "x")
    text_x, indent_x = THREE_COLUMNS[2] + PADDING, THREE_COLUMNS[2] + PADDING + 10
    # The scan read the first bullet as "»" or "." and lost the second one; the
    # items' text hangs 10 pt in.
    activity = [
        ("Realizar las siguientes acciones:", text_x),
        (f"{read_bullet} Implementar mecanismos de evaluación a", text_x),
        ("los Ministerios Públicos.", indent_x),
        ("Concretar la creación de la Policía de", indent_x),
        ("Género en coordinación con Seguridad.", indent_x),
    ]
    words = [w for w in words if w.text != "x"]
    words += [w for (text, x), top in zip(activity, tops) for w in line_of(text, x, top)]
    scanned = [Word(w.text, w.bbox, w.page, 0.9, "ocr") for w in words]

    [table] = find_tables([Page(1, 612, 792, words=scanned, rules=rules, origin="ocr")])

    assert table.rows[0][2].text == (
        "Realizar las siguientes acciones:\n• Implementar mecanismos de evaluación a los Ministerios Públicos.\n"
        "• Concretar la creación de la Policía de Género en coordinación con Seguridad."
    )


# --- pieces ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1", "1.", "1)", "10.-", "H1", "ASM-3", "11 —", "4_"])
def test_item_numbers_as_the_genre_writes_them(text):
    assert is_item_number(text)


@pytest.mark.parametrize("text", ["Fecha comprometida de cumplimiento:", "No.", "2019. Año", ""])
def test_other_cell_texts_are_not_item_numbers(text):
    assert not is_item_number(text)


def test_settings_are_checked_when_made():
    with pytest.raises(ValueError, match="snap_tolerance"):
        TableSettings(snap_tolerance=-1)
    with pytest.raises(ValueError, match="min_columns"):
        TableSettings(min_columns=1)


# --- sample PDFs ----------------------------------------------------------------


def _digital_samples() -> list[Path]:
    pdfs = sorted(SAMPLES.glob("seed/*.pdf")) + sorted(SAMPLES.glob("dev/digital/*.pdf"))
    return [
        pdf
        for pdf in pdfs
        if pdf.with_suffix(".expected.json").exists()
        and json.loads(pdf.with_suffix(".expected.json").read_text())["documento"]["origen"] == "digital"
    ]


def _normalized(text: str) -> str:
    return " ".join(text.split())


def _fold(text: str) -> str:
    return text.lower().translate(str.maketrans("áéíóú", "aeiou"))


@pytest.mark.parametrize("pdf", _digital_samples(), ids=lambda p: p.name)
def test_sample_tables_match_the_expected_record(pdf):
    expected = json.loads(pdf.with_suffix(".expected.json").read_text())
    layout = build_layout(read_pages(pdf))
    for family, title in (("hallazgos", "hallazgo"), ("recomendaciones", "recomendacion")):
        items = expected[family]
        tables = [t for t in layout.tables if any(title in _fold(h) for h in t.header)]
        if not items:
            assert not tables
            continue
        [table] = tables
        numbered = [row for row in table.rows if is_item_number(row[0].text)]
        assert len(numbered) == len(items)
        for row, item in zip(numbered, items):
            assert _normalized(row[1].text) == _normalized(item[title])
            assert _normalized(row[2].text) == _normalized(item["actividad_comprometida"])


@pytest.mark.parametrize("pdf", _digital_samples(), ids=lambda p: p.name)
def test_no_running_header_leaks_into_cells(pdf):
    layout = build_layout(read_pages(pdf))
    running = {_normalized(line.text) for line in layout.removed_lines if len(line.text) > 12}
    for table in layout.tables:
        for row in table.rows:
            for cell in row:
                assert not any(header in _normalized(cell.text) for header in running)


def test_samples_are_there():
    """Without samples the PDF tests above would silently test nothing."""
    assert _digital_samples(), "samples/seed/convenio_fasp_2019.pdf and its expected record are missing"



def test_an_item_row_whose_number_border_a_scan_lost_keeps_its_number_and_text_apart():
    hallazgo = "También, se observó que se carece de un sistema de seguimiento."
    words, rules, _ = draw_table(
        [HEADER, ["7", "Texto del hallazgo siete.", "Actividad siete."], DATE_ROW, ["8", hallazgo, "Actividad ocho."], DATE_ROW],
        THREE_COLUMNS, top=100,
    )
    # The border between "No." and the text is missing in the last item row (the scan lost it there).
    last_item_top = max(w.top for w in words if w.text == "8")
    rules = [r for r in rules if not (r.bbox[0] < 110 < r.bbox[2] and r.bbox[1] <= last_item_top <= r.bbox[3])]

    [table] = find_tables([page_with(1, (words, rules))])

    assert [row[0].text for row in table.rows] == ["7", DATE_ROW[0], "8", DATE_ROW[0]]
    assert table.rows[2][1].text == hallazgo


def test_a_word_ocr_boxed_over_the_next_cells_bullet_does_not_end_the_table():
    intro = (line_of("b) De las recomendaciones:", 72, 80), [])
    rows = [
        RECOMENDACIONES_HEADER,
        RECOMENDACIONES[0],
        ["2)", ("Fortalecer las pruebas de", "la Certificación Única Policial."), "• Implementar mejoras.", "Septiembre de 2019"],
    ]
    words, rules, bottom = draw_table(rows, FOUR_COLUMNS, top=100, rules="horizontal", center_first_row=True)
    words = [replace(w, confidence=0.96, origin="ocr") for w in words]
    [as_drawn] = find_tables([page_with(1, intro, (words, rules, bottom))])
    # OCR boxed the row's "de" on over the column edge, up to the next cell's text (its bullet read into it).
    row_top = next(w.top for w in words if w.text == "2)")
    last = next(w for w in words if w.text == "de" and w.top == row_top and w.x1 < FOUR_COLUMNS[2])
    bullet = next(w for w in words if w.text == "•")
    widened = replace(last, bbox=(last.x0, last.top, bullet.x0 - 2, last.bottom))
    assert widened.x1 > FOUR_COLUMNS[2]
    words = [widened if w is last else w for w in words]

    [table] = find_tables([page_with(1, intro, (words, rules, bottom))])

    assert texts(table) == texts(as_drawn) and len(table.rows) == 2
    assert widened in table.rows[1][1].words  # the word keeps the box it was read with


def test_a_scanned_line_boxed_short_does_not_make_the_white_under_it_the_end_of_the_table():
    hallazgo = "No existe una metodología para diseñar programas de prevención del delito en el Estado."
    rows = [HEADER, ["1", hallazgo, "Diseñar una metodología."], DATE_ROW, ["2", "Faltan indicadores.", "Construir indicadores."]]
    words, _, bottom = draw_table(rows, THREE_COLUMNS, top=100, rules="none")
    words = [replace(w, confidence=0.96, origin="ocr") for w in words]
    # OCR boxed the row's last line 4 pt tall, 10 pt above the date row: over two of its heights, under two lines'.
    date_top = min(w.top for w in words if w.text == "Fecha")
    last_top = max(w.top for w in words if w.top < date_top)
    words = [replace(w, bbox=(w.x0, w.top + 6, w.x1, w.bottom)) if w.top == last_top else w for w in words]
    assert 2 * 4 < date_top - (last_top + 10) < 2 * 10

    [table] = find_tables([page_with(1, (words, [], bottom))])

    assert [row[0].text for row in table.rows] == ["1", "Fecha comprometida de cumplimiento:", "2"]


def test_a_stroke_read_as_a_dash_between_two_cells_does_not_end_the_table():
    intro = (line_of("b) De las recomendaciones:", 72, 80), [])
    rows = [
        RECOMENDACIONES_HEADER,
        ["1)", ("Fortalecer las pruebas de la", "Certificación Policial."), "Implementar mejoras.", "Septiembre de 2019"],
        RECOMENDACIONES[1],
    ]
    words, rules, bottom = draw_table(rows, FOUR_COLUMNS, top=100, rules="horizontal", center_first_row=True)
    words = [replace(w, confidence=0.96, origin="ocr") for w in words]
    [as_drawn] = find_tables([page_with(1, intro, (words, rules, bottom))])
    # A stroke in the gutter, read as a dash a letter wide, closer to the text either side of it than a gutter.
    la = next(w for w in words if w.text == "la" and w.top == next(v.top for v in words if v.text == "1)"))
    dash = Word("—", (la.x1 + 3, la.top, la.x1 + 8, la.bottom), 1, 0.7, "ocr")
    assert next(w.x0 for w in words if w.text == "Implementar") - dash.x1 < TableSettings().column_gutter

    [table] = find_tables([page_with(1, intro, (words + [dash], rules, bottom))])

    assert len(table.rows) == len(as_drawn.rows) == 2
    assert [row[0].text for row in table.rows] == ["1)", "2)"]
    assert [row[1].text for row in table.rows] == [row[1].text for row in as_drawn.rows]
    # The dash goes to the cell it stands in (here read as the activity's bullet): nothing lost, nothing moved.
    assert [row[2].text.lstrip("• ") for row in table.rows] == [row[2].text for row in as_drawn.rows]
    assert dash in [w for row in table.rows for cell in row for w in cell.words]  # nothing lost
