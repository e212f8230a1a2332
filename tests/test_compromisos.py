"""Hallazgos and recomendaciones come from the ASM tables, whatever their layout."""

import datetime as dt
from dataclasses import replace

import pytest
from builders import layout_from_text, table, words_of

from extract.fields.compromisos import INFERRED_NUMBER_CONFIDENCE, extract_compromisos
from extract.model import Cell, Line

BODY = "CUARTA. De los Aspectos Susceptibles de Mejora.\na) De los hallazgos:\nb) De las recomendaciones:\n"


def test_date_row_under_each_item_gives_each_item_its_deadline():
    hallazgos = table(
        ["No.", "Hallazgo", "Actividad comprometida"],
        [
            ["1", "No existe una metodología.", "Diseñar una metodología."],
            ["Fecha comprometida de cumplimiento:", "", "31 de Julio de 2019"],
            ["2.", "Faltan indicadores.", "Construir indicadores:\n• de resultados\n• de impacto"],
            ["Fecha comprometida de cumplimiento:", "", "30/09/2019"],
        ],
    )
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.texto.value, i.fecha.fecha, i.fecha.precision) for i in found.hallazgos] == [
        (1, "No existe una metodología.", dt.date(2019, 7, 31), "dia"),
        (2, "Faltan indicadores.", dt.date(2019, 9, 30), "dia"),
    ]
    assert found.hallazgos[1].actividad.value == "Construir indicadores:\n• de resultados\n• de impacto"
    assert [i.date_rows for i in found.hallazgos] == [1, 1]
    assert found.recomendaciones == []


def test_date_column_with_month_only_dates():
    recomendaciones = table(
        ["Núm.", "Recomendación", "Actividad comprometida", "Fecha comprometida"],
        [["1)", "Fortalecer el subprograma.", "Gestionar presupuesto.", "Septiembre 2019"]],
    )
    found = extract_compromisos(layout_from_text(BODY, [recomendaciones]))
    item = found.recomendaciones[0]
    assert (item.numero.value, item.fecha_texto.value, item.fecha.fecha, item.fecha.precision) == (
        1, "Septiembre 2019", dt.date(2019, 9, 30), "mes",
    )


def test_table_without_telling_header_is_classified_by_the_heading_before_it():
    body = layout_from_text(BODY)
    anchor = body.text.index("b) De las recomendaciones:") + len("b) De las recomendaciones:")
    unnamed = table(["#", "Descripción", "Actividad", "Fecha"], [["1", "Texto.", "Acción.", "Julio 2020"]], anchor=anchor)
    found = extract_compromisos(layout_from_text(BODY, [unnamed]))
    assert len(found.recomendaciones) == 1 and found.hallazgos == []


def test_unreadable_date_keeps_the_text_and_no_date():
    hallazgos = table(
        ["No.", "Hallazgo", "Actividad comprometida"],
        [["1", "Texto.", "Acción."], ["Fecha comprometida de cumplimiento:", "", "pendiente"]],
    )
    item = extract_compromisos(layout_from_text(BODY, [hallazgos])).hallazgos[0]
    assert item.fecha_texto.value == "pendiente" and item.fecha is None


def test_rows_whose_numbers_were_lost_are_numbered_in_order_and_flagged():
    scanned = table(
        ["", "Recomendación", "Actividad comprometida", "Fecha comprometida"],
        [["", "Fortalecer el subprograma.", "Gestionar presupuesto.", "Julio 2019"],
         ["", "Asignar financiamiento.", "Realizar gestiones.", "Septiembre 2019"]],
    )
    found = extract_compromisos(layout_from_text(BODY, [scanned]))
    assert [(i.numero.value, i.fecha.fecha) for i in found.recomendaciones] == [
        (1, dt.date(2019, 7, 31)), (2, dt.date(2019, 9, 30)),
    ]
    assert all(i.numero.provenance.confidence <= 0.5 for i in found.recomendaciones)
    assert "no item numbers" in found.warnings[0]


def test_a_scan_with_the_date_label_broken_or_cut_short_and_a_comma_for_a_period():
    recomendaciones = table(
        ["No.", "Recomendación", "Actividades comprometidas"],
        [
            ["1", "Fortalecer los controles.", "Implementar un mecanismo."],
            ["Fecha compr ometid a de _cumpli_ miento", "", "07-dic-2018"],
            ["2,", "Revisar las metas.", "Establecer metas."],
            ["Fecha compr ometid a de cumplimiento", "", "16-sep-2018"],
            ["3)", "Publicar la evaluación.", "Publicar en internet."],
            ["Fech", "", "31 de diciembre de 2021"],  # the rest of the label lost under initials
        ],
    )
    found = extract_compromisos(layout_from_text(BODY.replace("a) De los hallazgos:\n", ""), [recomendaciones]))
    assert [(i.numero.value, i.fecha.fecha) for i in found.recomendaciones] == [
        (1, dt.date(2018, 12, 7)),
        (2, dt.date(2018, 9, 16)),
        (3, dt.date(2021, 12, 31)),
    ]


def ocr_cell(text: str, confidence: float) -> Cell:
    return Cell(lines=[Line(words_of(text, 1, 100.0, confidence=confidence, origin="ocr"))], text=text)


def test_a_first_row_whose_number_the_scan_lost_is_item_1_when_the_rows_below_are_numbered():
    hallazgos = table(
        ["Núm.", "Hallazgos", "Acción de mejora comprometida"],
        [
            ["", "No existe una metodología.", "Diseñar una metodología."],
            ["Fecha comprometida de cumplimiento:", "", "junio del 2019"],
            ["2.", "Faltan indicadores.", "Construir indicadores."],
            ["Fecha comprometida de cumplimiento:", "", "mayo del 2019"],
        ],
    )
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.texto.value, i.fecha_texto.value) for i in found.hallazgos] == [
        (1, "No existe una metodología.", "junio del 2019"), (2, "Faltan indicadores.", "mayo del 2019"),
    ]
    assert found.hallazgos[0].numero.provenance.confidence <= INFERRED_NUMBER_CONFIDENCE


def test_a_row_and_its_date_cut_by_a_page_break_with_a_speck_in_the_number_column_go_on():
    hallazgos = table(
        ["No.", "Hallazgo", "Acción de mejora comprometida", "Fecha de cumplimiento"],
        [
            ["9:", "No hay lineamientos.", "Elaborar lineamientos.", "6 de mayo del 2018"],
            ["10.", "Los documentos no se", "Publicar los documentos y", "12 de noviembre del"],
            ["", "encuentran publicados.", "el presente Convenio.", "2017"],
        ],
    )
    hallazgos.rows[2][0] = ocr_cell("Ím", 0.4)  # a speck on the new page
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.texto.value, i.fecha_texto.value, i.fecha.fecha) for i in found.hallazgos] == [
        (9, "No hay lineamientos.", "6 de mayo del 2018", dt.date(2018, 5, 6)),
        (10, "Los documentos no se\nencuentran publicados.", "12 de noviembre del 2017", dt.date(2017, 11, 12)),
    ]


def test_initials_read_after_a_dates_year_are_not_part_of_the_date():
    hallazgos = table(
        ["No.", "Hallazgo", "Actividad comprometida", "Fecha"],
        [["1.", "Faltan indicadores.", "Construir indicadores.", "Abril de 2023 Y"],
         ["2.", "No hay padrón.", "Integrar un padrón.", "Octubre de 2022 Y)"]],
    )
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.fecha_texto.value, i.fecha.fecha) for i in found.hallazgos] == [
        ("Abril de 2023", dt.date(2023, 4, 30)), ("Octubre de 2022", dt.date(2022, 10, 31)),
    ]


def test_a_stroke_read_beside_a_row_number_leaves_the_number():
    hallazgos = table(
        ["No.", "Hallazgo", "Actividad comprometida", "Fecha"],
        [["10", "Faltan indicadores.", "Construir indicadores.", "Agosto de 2025"],
         ["11 —", "No hay padrón.", "Integrar un padrón.", "Octubre de 2025"]],
    )
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.texto.value) for i in found.hallazgos] == [(10, "Faltan indicadores."), (11, "No hay padrón.")]


def test_an_initial_in_the_margin_read_before_a_row_number_leaves_the_number():
    recomendaciones = table(
        ["No.", "Recomendaciones", "Actividad comprometida", "Fecha compromiso"],
        [["3", "Capacitar al personal.", "Gestionar cursos.", "Noviembre 2020"],
         ["vy— 4", "Revisar la lógica vertical.", "Rediseñar la MIR.", "Julio 2020"]],
    )
    mark, number = words_of("vy— 4", 1, 100.0, origin="ocr")
    recomendaciones.rows[1][0] = Cell(lines=[Line((replace(mark, confidence=0.47), replace(number, confidence=0.94)))], text="vy— 4")
    found = extract_compromisos(layout_from_text(BODY, [recomendaciones]))
    assert [(i.numero.value, i.fecha_texto.value) for i in found.recomendaciones] == [(3, "Noviembre 2020"), (4, "Julio 2020")]


def test_a_row_whose_number_and_first_text_line_share_a_cell_keeps_both():
    # A stamp broke the rule between the number and the text columns on the row's first line.
    hallazgos = table(
        ["Núm.", "Hallazgo", "Actividad comprometida"],
        [["4)", "No hay padrón.", "Integrar un padrón."],
         ["Fecha compromiso:", "", "mayo del 2023"],
         ["5) De igual manera, se encontró que el personal", "que opera el programa no está capacitado.", "Capacitar al personal."],
         ["Fecha compromiso:", "", "diciembre del 2023"]],
    )
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.texto.value, i.actividad.value, i.fecha_texto.value) for i in found.hallazgos] == [
        (4, "No hay padrón.", "Integrar un padrón.", "mayo del 2023"),
        (5, "De igual manera, se encontró que el personal que opera el programa no está capacitado.",
         "Capacitar al personal.", "diciembre del 2023"),
    ]


def test_a_row_under_a_date_row_is_the_next_item_even_with_its_number_lost():
    hallazgos = table(
        ["No.", "Hallazgo", "Actividad comprometida"],
        [["4.", "No hay padrón.", "Integrar un padrón."],
         ["Fecha de cumplimiento:", "", "septiembre de 2017"],
         ["", "No existe un plan.", "Elaborar un plan."],
         ["Fecha de cumplimiento:", "", "marzo de 2018"],
         ["6.", "Faltan expedientes.", "Integrar expedientes."]],
    )
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.texto.value, i.fecha_texto and i.fecha_texto.value) for i in found.hallazgos] == [
        (4, "No hay padrón.", "septiembre de 2017"), (5, "No existe un plan.", "marzo de 2018"), (6, "Faltan expedientes.", None),
    ]
    assert found.hallazgos[1].numero.provenance.confidence == 0.5


def test_a_speck_read_inside_a_date_is_not_part_of_it():
    hallazgos = table(
        ["No.", "Hallazgo", "Actividad comprometida", "Fecha"],
        [["1.", "Faltan indicadores.", "Construir indicadores.", "16 de Septiembre ” de 2025"],
         ["2.", "No hay padrón.", "Integrar un padrón.", "27 - feb - 2021"],
         ["3.", "No hay manual.", "Elaborar un manual.", "miércoles, 17 de I enero de 2018"],
         ["4.", "No hay plan.", "Elaborar un plan.", "diciembre del a 2018"],
         ["5.", "No hay metas.", "Fijar metas.", "diciembre del 2018 0 0"]],
    )
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.fecha_texto.value, i.fecha.fecha) for i in found.hallazgos] == [
        ("16 de Septiembre de 2025", dt.date(2025, 9, 16)), ("27 - feb - 2021", dt.date(2021, 2, 27)),
        ("miércoles, 17 de enero de 2018", dt.date(2018, 1, 17)),
        ("diciembre del 2018", dt.date(2018, 12, 31)), ("diciembre del 2018", dt.date(2018, 12, 31)),
    ]


def test_a_first_row_number_ocr_could_not_read_is_taken_as_1_and_flagged():
    hallazgos = table(
        ["No.", "Hallazgo", "Actividad comprometida"],
        [
            ["", "No existe una metodología.", "Diseñar una metodología."],
            ["Fecha comprometida de cumplimiento:", "", "31 de Julio de 2019"],
            ["2.", "Faltan indicadores.", "Construir indicadores."],
        ],
    )
    hallazgos.rows[0][0] = ocr_cell("L", 0.32)  # what OCR made of "1."
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.texto.value) for i in found.hallazgos] == [
        (1, "No existe una metodología."), (2, "Faltan indicadores."),
    ]
    assert found.hallazgos[0].numero.provenance.confidence <= INFERRED_NUMBER_CONFIDENCE
    assert found.hallazgos[1].numero.provenance.confidence > INFERRED_NUMBER_CONFIDENCE
    assert any("item number 1 could not be read" in w for w in found.warnings)


def test_a_number_ocr_could_not_read_after_a_row_closed_by_its_date_follows_that_row():
    recomendaciones = table(
        ["No.", "Recomendaciones", "Actividad comprometida"],
        [
            ["1.", "Fortalecer los controles.", "Implementar un mecanismo."],
            ["Fecha comprometida de cumplimiento:", "", "02-feb-2026"],
            ["", "Publicar los resultados.", "Publicar en internet."],
            ["Fecha comprometida de cumplimiento:", "", "16-dic-2025"],
        ],
    )
    recomendaciones.rows[2][0] = ocr_cell("Ze", 0.46)  # what OCR made of "2."
    found = extract_compromisos(layout_from_text(BODY.replace("a) De los hallazgos:\n", ""), [recomendaciones]))
    assert [(i.numero.value, i.texto.value, i.fecha.fecha) for i in found.recomendaciones] == [
        (1, "Fortalecer los controles.", dt.date(2026, 2, 2)),
        (2, "Publicar los resultados.", dt.date(2025, 12, 16)),
    ]
    assert found.recomendaciones[1].numero.provenance.confidence <= INFERRED_NUMBER_CONFIDENCE
    assert any("item number 2 could not be read" in w for w in found.warnings)


@pytest.mark.parametrize(
    ("read", "numbered"),
    [
        (["2", "2", "3"], [1, 2, 3]),  # the first "1" read as "2"
        (["1", "7", "3", "4"], [1, 2, 3, 4]),
        (["1", "2", "3", "3"], [1, 2, 3, 4]),
        # Numbers in step, or a gap the neighbours do not settle, stay as read.
        (["1", "2", "3"], [1, 2, 3]),
        (["1", "2", "5", "6"], [1, 2, 5, 6]),
        (["4", "5"], [4, 5]),
    ],
)
def test_a_row_number_ocr_misread_is_taken_from_its_neighbours_and_flagged(read, numbered):
    hallazgos = table(
        ["No.", "Hallazgo", "Actividad comprometida"],
        [[number, f"Hallazgo {index}.", f"Actividad {index}."] for index, number in enumerate(read)],
    )
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [i.numero.value for i in found.hallazgos] == numbered
    assert [i.texto.value for i in found.hallazgos] == [f"Hallazgo {index}." for index in range(len(read))]
    mended = [i for i in found.hallazgos if i.numero.provenance.confidence <= INFERRED_NUMBER_CONFIDENCE]
    assert len(mended) == sum(a != str(b) for a, b in zip(read, numbered))
    assert len([w for w in found.warnings if "was read as another number" in w]) == len(mended)


@pytest.mark.parametrize(("confidence", "numbered"), [(0.31, 1), (0.96, 5)])
def test_a_tables_only_number_read_unsure_is_1(confidence, numbered):
    recomendaciones = table(["No", "Recomendaciones", "Acción de mejora comprometida"], [["5", "Implementar un sistema.", "Diseñar una encuesta."]])
    recomendaciones.rows[0][0] = ocr_cell("5", confidence)
    found = extract_compromisos(layout_from_text(BODY, [recomendaciones]))
    assert [i.numero.value for i in found.recomendaciones] == [numbered]


def test_a_stray_letter_further_down_the_number_column_is_no_row_number():
    hallazgos = table(
        ["No.", "Hallazgo", "Actividad comprometida"],
        [["1", "No existe una metodología.", "Diseñar."], ["", "Continúa el texto.", "Y la actividad."]],
    )
    hallazgos.rows[1][0] = ocr_cell("y", 0.30)  # a speck beside a continuation
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.texto.value) for i in found.hallazgos] == [(1, "No existe una metodología.\nContinúa el texto.")]


def test_with_a_date_column_a_row_with_a_deadline_of_its_own_is_the_next_item_and_one_without_goes_on():
    # A scan lost row 2's number and read a broken rule beside the rest of row 1 as a dash.
    hallazgos = table(
        ["No.", "Hallazgo", "Acción de mejora comprometida", "Fecha de cumplimiento"],
        [["1", "El personal no está capacitado en", "Gestionar cursos.", "Febrero 2023"],
         ["", "Presupuesto basado en Resultados.", "", ""],
         ["", "No existe un plan estratégico.", "Elaborar un plan.", "Febrero 2023"],
         ["3", "No hay padrón.", "Integrar un padrón.", "Abril 2023"]],
    )
    hallazgos.rows[1][0] = ocr_cell("—", 0.3)
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.texto.value) for i in found.hallazgos] == [
        (1, "El personal no está capacitado en\nPresupuesto basado en Resultados."),
        (2, "No existe un plan estratégico."),
        (3, "No hay padrón."),
    ]
    assert found.hallazgos[1].numero.provenance.confidence <= INFERRED_NUMBER_CONFIDENCE


def scanned_cell(*placed: tuple[str, int, float]) -> Cell:
    """A scanned cell of lines (text, page, top); empty texts leave no line."""
    lines = [Line(words_of(text, page, top, confidence=0.96, origin="ocr")) for text, page, top in placed if text]
    return Cell(lines=lines, text="\n".join(line.text for line in lines))


def on_two_pages(first: str, second: str) -> Cell:
    """A cell the table stage joined over a page break: a line at the foot of page 4, one at the top of page 5."""
    return scanned_cell((first, 4, 700.0), (second, 5, 80.0))


@pytest.mark.parametrize(
    ("hallazgo", "deadline", "items"),
    [
        # Row 6 ends page 4; row 7, its number lost in the scan, opens page 5 and was taken for the rest of row 6.
        (("Los expedientes están incompletos.", "No hay lineamientos de operación."), ("9 de enero de 2026", "9 de abril de 2026"),
         [(5, "Faltan indicadores.", dt.date(2025, 9, 11)), (6, "Los expedientes están incompletos.", dt.date(2026, 1, 9)),
          (7, "No hay lineamientos de operación.", dt.date(2026, 4, 9)), (8, "No hay padrón.", dt.date(2026, 4, 10))]),
        # Row 6 and its deadline cut by the page break: one item.
        (("Los documentos no se", "encuentran publicados."), ("12 de noviembre del", "2017"),
         [(5, "Faltan indicadores.", dt.date(2025, 9, 11)), (6, "Los documentos no se\nencuentran publicados.", dt.date(2017, 11, 12)),
          (8, "No hay padrón.", dt.date(2026, 4, 10))]),
    ],
)
def test_a_row_joined_over_a_page_break_is_two_items_where_each_page_holds_a_whole_deadline(hallazgo, deadline, items):
    hallazgos = table(
        ["No.", "Hallazgo", "Acción de mejora comprometida", "Fecha compromiso"],
        [["5", "Faltan indicadores.", "Construir indicadores.", "11 de septiembre de 2025"],
         ["6", "", "", ""],
         ["8", "No hay padrón.", "Integrar un padrón.", "10 de abril de 2026"]],
    )
    hallazgos.rows[1] = [on_two_pages("6", ""), on_two_pages(*hallazgo), on_two_pages("Actuar.", ""), on_two_pages(*deadline)]
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.texto.value, i.fecha.fecha) for i in found.hallazgos] == items


def test_a_row_number_with_a_broken_rule_read_between_it_and_the_text_keeps_both():
    recomendaciones = table(
        ["Núm.", "Recomendación", "Actividades comprometidas"],
        [["2,", "Se recomienda elaborar un diagnóstico.", "Elaborar un diagnóstico."],
         ["Fecha comprometida de cumplimiento:", "", "3 de enero del 2026"],
         ["3.__ I Asimismo, se recomienda diseñar los programas de", "prevención con base en diagnósticos.", "Llevar a cabo marchas."],
         ["Fecha comprometida de cumplimiento:", "", "28 de agosto del 2025"]],
    )
    found = extract_compromisos(layout_from_text(BODY.replace("a) De los hallazgos:\n", ""), [recomendaciones]))
    assert [(i.numero.value, i.texto.value, i.fecha_texto.value) for i in found.recomendaciones] == [
        (2, "Se recomienda elaborar un diagnóstico.", "3 de enero del 2026"),
        (3, "Asimismo, se recomienda diseñar los programas de prevención con base en diagnósticos.", "28 de agosto del 2025"),
    ]


@pytest.mark.parametrize("label", ["h\ncomprometida de cumplimiento", "compromiso:"])
def test_a_date_row_whose_fecha_a_stamp_took_is_still_the_date_row(label):
    hallazgos = table(
        ["No.", "Hallazgos", "Acción de mejora comprometida"],
        [["4)", "Se carece de un sistema.", "Desarrollar un sistema."],
         [label, "", "7 de Junio de 2023"],
         ["5)", "Faltan indicadores.", "Construir indicadores."],
         ["Fecha comprometida de cumplimiento", "", "21 de Mayo de 2023"]],
    )
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.actividad.value, i.fecha.fecha) for i in found.hallazgos] == [
        (4, "Desarrollar un sistema.", dt.date(2023, 6, 7)), (5, "Construir indicadores.", dt.date(2023, 5, 21)),
    ]


@pytest.mark.parametrize(("next_number", "items"), [("8", [5, 6, 7, 8]), ("7", [5, 6, 7])])
def test_a_scanned_row_holding_two_deadlines_one_under_the_other_is_two_items_where_a_number_is_missing(next_number, items):
    hallazgos = table(
        ["No.", "Hallazgo", "Acción de mejora comprometida", "Fecha compromiso"],
        [["5", "Faltan indicadores.", "Construir indicadores.", "11 de septiembre de 2025"],
         ["6", "", "", ""],
         [next_number, "No hay padrón.", "Integrar un padrón.", "10 de abril de 2026"]],
    )
    # Row 7's number lost mid-page: the table stage took its lines for more of row 6.
    hallazgos.rows[1] = [
        scanned_cell(("6", 4, 300.0)),
        scanned_cell(("Los expedientes están", 4, 300.0), ("incompletos.", 4, 312.0), ("No hay lineamientos.", 4, 340.0)),
        scanned_cell(("Integrar expedientes.", 4, 300.0), ("Elaborar los lineamientos.", 4, 340.0)),
        scanned_cell(("9 de enero del", 4, 300.0), ("2026", 4, 312.0), ("9 de abril del", 4, 340.0), ("2026", 4, 352.0)),
    ]
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [i.numero.value for i in found.hallazgos] == items
    if items == [5, 6, 7, 8]:
        assert [(i.texto.value, i.fecha.fecha) for i in found.hallazgos[1:3]] == [
            ("Los expedientes están incompletos.", dt.date(2026, 1, 9)),
            ("No hay lineamientos.", dt.date(2026, 4, 9)),
        ]


def test_a_stamps_ink_read_under_a_date_is_not_part_of_it():
    hallazgos = table(
        ["No.", "Hallazgo", "Actividades comprometidas"],
        [["2", "No hay lineamientos.", "Elaborar los lineamientos."],
         ["Fecha compromiso:", "", "Abril 2025\nladies et cena ii"]],
    )
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.fecha_texto.value, i.fecha.fecha) for i in found.hallazgos] == [("Abril 2025", dt.date(2025, 4, 30))]


def test_a_header_row_read_as_a_row_or_repeated_on_the_next_page_is_no_item():
    # The header's "No." read as "4" (so the table stage took it for a row), and repeated with it read "ES".
    hallazgos = table(
        ["", "", "", ""],
        [["4", "Hallazgos", "Actividad comprometida", "Fecha comprometida"],
         ["1.", "No hay padrón.", "Integrar un padrón.", "3 de julio de 2021"],
         ["ES", "Hallazgos", "Actividad comprometida", "Fecha comprometida"],
         ["2.", "Faltan indicadores.", "Construir indicadores.", "21 de mayo de 2021"]],
        anchor=BODY.index("b)"),  # under "a) De los hallazgos:"
    )
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.texto.value, i.fecha_texto.value) for i in found.hallazgos] == [
        (1, "No hay padrón.", "3 de julio de 2021"), (2, "Faltan indicadores.", "21 de mayo de 2021"),
    ]


def test_an_item_whose_number_the_scan_lost_run_into_the_date_row_above_is_the_next_item():
    hallazgos = table(
        ["No.", "Hallazgo", "Actividad comprometida"],
        [["1.", "Falta un padrón.", "Integrar un padrón."], ["", "", ""], ["3.", "No hay manual.", "Elaborar un manual."]],
    )
    # The label broken down the first column, the date beside its top, and under them row 2, its "2." lost.
    hallazgos.rows[1] = [
        scanned_cell(("Fecha", 1, 200), ("comprometida", 1, 212), ("de cumplimiento:", 1, 224)),
        scanned_cell(("No existe un plan estratégico.", 1, 240)),
        scanned_cell(("23 de mayo del 2024", 1, 200), ("Elaborar un plan.", 1, 240)),
    ]
    found = extract_compromisos(layout_from_text(BODY, [hallazgos]))
    assert [(i.numero.value, i.texto.value, i.actividad.value) for i in found.hallazgos] == [
        (1, "Falta un padrón.", "Integrar un padrón."),
        (2, "No existe un plan estratégico.", "Elaborar un plan."),
        (3, "No hay manual.", "Elaborar un manual."),
    ]
    assert found.hallazgos[0].fecha_texto.value == "23 de mayo del 2024"
    assert found.hallazgos[1].numero.provenance.confidence <= INFERRED_NUMBER_CONFIDENCE
