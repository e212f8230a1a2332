"""Responsables come from the page after the signatures, one block per person, in any arrangement."""

from dataclasses import replace

import pytest
from builders import layout_from_lines, words_of

from extract.fields.responsables import extract_responsables
from extract.model import Line, Word

INTRO = [
    "De conformidad a la cláusula TERCERA del presente Convenio \"LAS PARTES\" designan como responsables",
    "para acudir a las sesiones de cumplimiento a los servidores públicos:",
]


def _line(text: str, x: float, top: float, page: int = 1) -> Line:
    return Line(tuple(Word(w.text, (w.x0 - 72 + x, w.top, w.x1 - 72 + x, w.bottom), page) for w in words_of(text, page, top)))


def _side_by_side(left: str, right: str, top: float) -> Line:
    """Two signature blocks on one baseline: the layout hands them over as one line."""
    return Line(_line(left, 90, top).words + _line(right, 330, top).words)


def test_blocks_one_under_the_other_separated_by_signature_space():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    lines += [
        _line("HUGO AYALA RAMOS", 200, 160),
        _line("DIRECTOR DE EVALUACIÓN DEL DESEMPEÑO DE LA SECRETARÍA DE FINANZAS", 90, 172),
        _line("MÁXIMO ALBERTO EVIA RAMÍREZ", 180, 260),
        _line("TITULAR DEL ÓRGANO INTERNO DE CONTROL DE LA", 120, 272),
        _line("SECRETARÍA DE SEGURIDAD PÚBLICA", 150, 284),
    ]
    found = extract_responsables(layout_from_lines(lines))
    assert [(r.nombre.value, r.cargo.value) for r in found] == [
        ("Hugo Ayala Ramos", "Director de Evaluación del Desempeño de la Secretaría de Finanzas"),
        ("Máximo Alberto Evia Ramírez", "Titular del Órgano Interno de Control de la Secretaría de Seguridad Pública"),
    ]


def test_side_by_side_blocks_are_read_left_then_right_row_by_row():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    lines += [
        _side_by_side("_______________", "_______________", 150),
        _side_by_side("MARTÍN GÓMEZ ESTRADA", "ÉDGAR SALINAS GUTIÉRREZ", 165),
        _side_by_side("JEFE DEL DEPARTAMENTO DE", "ENLACE DE PLANEACIÓN DE LA", 177),
        _side_by_side("EVALUACIÓN DE LA UIPPE", "DIRECCIÓN DE DESARROLLO", 189),
        _line("SOCIAL", 380, 201),
        _line("MIGUEL ÁNGEL SÁNCHEZ QUIROZ", 200, 300),
        _line("TITULAR DE LA UIPPE", 220, 312),
    ]
    found = extract_responsables(layout_from_lines(lines))
    assert [(r.nombre.value, r.cargo.value) for r in found] == [
        ("Martín Gómez Estrada", "Jefe del Departamento de Evaluación de la UIPPE"),
        ("Édgar Salinas Gutiérrez", "Enlace de Planeación de la Dirección de Desarrollo Social"),
        ("Miguel Ángel Sánchez Quiroz", "Titular de la UIPPE"),
    ]
    assert found[1].nombre.provenance.regions[0][1][0] >= 330  # the right-hand block's own box


def test_no_designation_sentence_means_no_responsables():
    assert extract_responsables(layout_from_lines([_line("HUGO AYALA RAMOS", 200, 160)])) == []


def test_a_long_name_wrapped_over_two_lines_stays_whole():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    lines += [
        _line("VÍCTOR MANUEL DEL CASTILLO", 190, 160),
        _line("VELÁZQUEZ", 240, 172),
        _line("DIRECTOR DE EVALUACIÓN DEL DESEMPEÑO", 150, 184),
    ]
    found = extract_responsables(layout_from_lines(lines))
    assert [(r.nombre.value, r.cargo.value) for r in found] == [
        ("Víctor Manuel del Castillo Velázquez", "Director de Evaluación del Desempeño"),
    ]


def test_scanned_names_split_by_a_signature_or_with_specks_are_mended():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    erika = Line((Word("ERIKA", (242, 500, 279, 501), 1, 0.0, "ocr"),))  # a degenerate box under the ink
    lines += [
        _line('"SALVADOR QUIROZ SOTELO', 200, 400),
        _line("JEFE DE LA UIPPE", 210, 412),
        Line(_line("TORRES MUÑOZ", 281, 499).words),
        erika,
        _line("ENCARGADA DE LA DIRECCIÓN GENERAL'DE PLANEACIÓN", 101, 515),
        _line("DEL SECRETARIADO | EJECUTIVO", 107, 530),
    ]
    found = extract_responsables(layout_from_lines(lines))
    assert [(r.nombre.value, r.cargo.value) for r in found] == [
        ("Salvador Quiroz Sotelo", "Jefe de la UIPPE"),
        ("Erika Torres Muñoz", "Encargada de la Dirección General de Planeación del Secretariado Ejecutivo"),
    ]


def _ocr_line(text: str, x: float, top: float, confidence: float = 0.96) -> Line:
    return Line(tuple(Word(w.text, w.bbox, w.page, confidence, "ocr") for w in _line(text, x, top).words))


def test_a_name_boxed_tall_by_a_signature_keeps_apart_from_the_cargo_piece_beside_it():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    lines += [
        Line(tuple(Word(w.text, (w.x0, 138, w.x1, 152), 1, 0.9, "ocr") for w in _line("YOLANDA GONZÁLEZ LÓPEZ", 234, 140).words)),
        _ocr_line("SUBDIRECTORA DE EVALUACIÓN DE PROGRAMAS", 79, 152),
        _ocr_line("DE LA SECRETARÍA DE FINANZAS", 340, 151),  # a word lost between the two pieces
    ]
    found = extract_responsables(layout_from_lines(lines))
    assert [r.nombre.value for r in found] == ["Yolanda González López"]
    assert found[0].cargo.value == "Subdirectora de Evaluación de Programas de la Secretaría de Finanzas"


def _boxed(text: str, x0: float, x1: float, top: float, bottom: float, confidence: float = 0.96) -> Line:
    """One OCR'd line of words spread evenly over a box (signature strokes make boxes tall and odd)."""
    words = text.split()
    step = (x1 - x0) / len(words)
    return Line(tuple(
        Word(word, (x0 + i * step, top, x0 + (i + 1) * step - 4, bottom), 1, confidence, "ocr") for i, word in enumerate(words)
    ))


def test_signature_strokes_read_as_text_above_or_before_a_scanned_name_are_not_the_name():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    lines += [
        _ocr_line("I", 214, 380, 0.85),  # strokes of the signature above the name
        _ocr_line("X", 215, 392, 0.65),
        _ocr_line("MARÍA DE LA LUZ ROMERO GUTIÉRREZ", 198, 404),
        _ocr_line("TITULAR DE LA UIPPE", 231, 417),
        _ocr_line("27 JOSÉ MARÍA ROMERO LÓPEZ", 196, 480),  # a stroke read as "27"
        _ocr_line("JEFE DE LA UIPPE", 162, 493),
        _ocr_line("LAURA“ROMERO BECERRIL", 225, 560),  # a speck between two words
        _ocr_line("JEFA DE LA UIPPE", 149, 573),
        _boxed("AJA", 224, 287, 600, 634, 0.85),  # a scribble read as a word, boxed three lines tall
        _ocr_line("——ANA LAURA LÓPEZ REYES", 220, 640),  # a stroke read as dashes joined to the name
        _ocr_line("TITULAR DE LA UIPPE", 248, 653),
        # A long name wrapped, a seal's ring read before its tail, the cargo's "EN" under the seal.
        _ocr_line("MARÍA DE LOS ÁNGELES ZÚÑIGA", 105, 717),
        Line((Word("Di)", (96, 730, 110, 744), 1, 0.27, "ocr"), *_ocr_line("LÓPEZ", 160, 730).words)),
        _ocr_line("CARGADA DE LA DIRECCIÓN DE SEGUIMIENTO", 118, 743),
        # A speck on a name's first word, read unsure: still the name.
        Line((Word("“ARTURO-ROMERO", (212, 800, 330, 814), 1, 0.36, "ocr"), *_ocr_line("RODRÍGUEZ", 335, 800).words)),
        _ocr_line("TITULAR DEL ÓRGANO INTERNO DE CONTROL", 106, 815),
        # A cargo's first word boxed apart under the signature, and its middle a little higher than the rest of its row's.
        _ocr_line("JOSÉ MARÍA CÁRDENAS QUIROZ", 107, 882),
        Line((Word("L", (160, 893, 162, 896), 1, 0.93, "ocr"),)),  # a speck between the name and the cargo
        Line((Word("ENCARGADO", (103, 897, 137, 904), 1, 0.96, "ocr"),)),
        Line(tuple(Word(w.text, (w.x0, 895, w.x1, 908), 1, 0.79, "ocr") for w in _line("DE LA DIRECCIÓN DE", 170, 895).words)),
        _ocr_line("SEGUIMIENTO Y EVALUACIÓN", 100, 911),
        _ocr_line("ÁNGEL MALDONADO ARCE:", 180, 980),  # a stroke's tail after the name read as a colon
        _ocr_line("DIRECTOR DE EVALUACIÓN", 160, 993),
    ]
    found = extract_responsables(layout_from_lines(lines))
    assert [(r.nombre.value, r.cargo.value) for r in found] == [
        ("María de la Luz Romero Gutiérrez", "Titular de la UIPPE"),
        ("José María Romero López", "Jefe de la UIPPE"),
        ("Laura Romero Becerril", "Jefa de la UIPPE"),
        ("Ana Laura López Reyes", "Titular de la UIPPE"),
        ("María de los Ángeles Zúñiga López", "Encargada de la Dirección de Seguimiento"),
        ("Arturo Romero Rodríguez", "Titular del Órgano Interno de Control"),
        ("José María Cárdenas Quiroz", "Encargado de la Dirección de Seguimiento y Evaluación"),
        ("Ángel Maldonado Arce", "Director de Evaluación"),
    ]


def test_strokes_read_surely_as_words_over_a_scanned_name_give_way_to_the_name_they_stand_over():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    lines += [
        _boxed("ALA A", 157, 272, 274, 302, 0.89),  # a signature's loops, boxed near three lines tall
        _ocr_line("PIN", 147, 305, 0.75),
        _ocr_line("JOSÉ ANTONIO ORIHUELA ARRIAGA", 81, 317),
        _ocr_line("JEFE DEL DEPARTAMENTO DE EVALUACIÓN", 99, 330),
        # A long name whose first line holds no listed name, read surely, keeps it.
        _ocr_line("XOCOYOTZIN CUAUHTLE", 81, 417),
        _ocr_line("GARCÍA LÓPEZ", 81, 430),
        _ocr_line("ENLACE DE PLANEACIÓN", 81, 443),
    ]
    found = extract_responsables(layout_from_lines(lines))
    assert [(r.nombre.value, r.cargo.value) for r in found] == [
        ("José Antonio Orihuela Arriaga", "Jefe del Departamento de Evaluación"),
        ("Xocoyotzin Cuauhtle García López", "Enlace de Planeación"),
    ]


def test_strokes_read_under_a_cargo_are_not_part_of_it_and_a_digit_read_for_a_capital_is_mended():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    lines += [
        _ocr_line("FRANCISCO JAVIER GARZA VEGA", 178, 250),
        _ocr_line("ENLACE DE PLANEACIÓN DE LA DIRECCIÓN DE SERVICIOS PÚBLICOS", 119, 263),
        _ocr_line("MEZAT", 295, 276, 0.0),  # a signature's tail under the cargo
        _ocr_line("SERGIÓ 1VÁN GÓMEZ GONZÁLEZ", 217, 340),
        _ocr_line("SUBCONTRALOR DE AUDITORÍA Y", 186, 353),
        _ocr_line("CONTROL", 290, 366),
        _ocr_line("ION", 357, 379, 0.37),
        # Lines read unsure that end a cargo: after a particle, or naming an office.
        _ocr_line("ARACELI ROMERO VELÁZQUEZ", 217, 440),
        _ocr_line("DIRECTORA DE EVALUACIÓN DE LA SECRETARÍA DE", 150, 453),
        _ocr_line("HACIENDA", 280, 466, 0.55),
        _ocr_line("XÓCHITL ORIHUELA HERNÁNDEZ", 217, 540),
        _ocr_line("DIRECTORA DE CONTROL DE LA SECRETARÍA DE LA", 150, 553),
        _ocr_line("CONTRALORÍA", 280, 566, 0.61),
        # A signature's ink read as short words before the end of a cargo.
        _ocr_line("PATRICIA RODRÍGUEZ QUIROZ", 217, 640),
        _ocr_line("JEFA DE LA UIPPE DEL COLEGIO DEL ESTADO DE", 150, 653),
        Line((*_ocr_line("NS", 226, 666, 0.35).words, *_ocr_line("IT", 245, 666, 0.06).words, *_ocr_line("MÉXICO", 262, 666, 0.06).words)),
        _ocr_line("JORGE RUIZ MORALES", 246, 700),
        # The end of the cargo's line boxed apart beside it, a hyphen read for the space after its "Y".
        Line((*_ocr_line("SUBCONTRALOR DE AUDITORÍA", 199, 713).words, *_ocr_line("Y-CONTROL", 344, 713, 0.6).words)),
        _ocr_line("MARTHA ELENA ROMERO MALDONADO", 189, 740),
        _ocr_line("DIRECTORA DE EVALUACIÓN DE LA SECRETARÍA DE", 99, 753),
        Line((*_ocr_line("FINANZAS", 277, 766, 0.95).words, *_ocr_line("000000", 322, 766, 0.46).words)),
    ]
    lines[-18] = Line(tuple(w if w.text != "1VÁN" else Word(w.text, w.bbox, w.page, 0.38, "ocr") for w in lines[-18].words))
    found = extract_responsables(layout_from_lines(lines))
    assert [(r.nombre.value, r.cargo.value) for r in found] == [
        ("Francisco Javier Garza Vega", "Enlace de Planeación de la Dirección de Servicios Públicos"),
        ("Sergio Iván Gómez González", "Subcontralor de Auditoría y Control"),
        ("Araceli Romero Velázquez", "Directora de Evaluación de la Secretaría de Hacienda"),
        ("Xóchitl Orihuela Hernández", "Directora de Control de la Secretaría de la Contraloría"),
        ("Patricia Rodríguez Quiroz", "Jefa de la UIPPE del Colegio del Estado de México"),
        ("Jorge Ruiz Morales", "Subcontralor de Auditoría y Control"),
        ("Martha Elena Romero Maldonado", "Directora de Evaluación de la Secretaría de Finanzas"),
    ]


def test_a_given_name_boxed_far_from_its_surnames_joins_them_not_the_name_before_it():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    # Side-by-side blocks; the right one's "LUCÍA", read "LUGÍA", boxed apart midway between the two names
    # (37 pt from each, over three line heights).
    lines += [
        Line((*_ocr_line("GUILLERMO MORALES FLORES", 163, 190).words, *_ocr_line("LUGÍA", 320, 190, 0.78).words,
              *_ocr_line("ARRIAGA PÉREZ", 382, 190).words)),
        Line((*_ocr_line("SUBCONTRALOR DE AUDITORÍA", 89, 204).words, *_ocr_line("TITULAR DE LA UIPPE", 360, 204).words)),
    ]
    found = extract_responsables(layout_from_lines(lines))
    assert [(r.nombre.value, r.cargo.value) for r in found] == [
        ("Guillermo Morales Flores", "Subcontralor de Auditoría"),
        ("Lucía Arriaga Pérez", "Titular de la UIPPE"),
    ]


def test_a_scanned_name_boxed_apart_on_its_row_is_one_name_beside_another_block():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    lines += [
        Line(_boxed("JUAN", 107, 130, 162, 174, 0.38).words + _boxed("GONZÁLEZ MUÑOZ", 152, 256, 162, 174).words
             + _boxed("ITZEL CÁRDENAS DEL VALLE", 344, 517, 162, 174).words),
        Line(_boxed("ENLACE DE PLANEACIÓN DEL SISTEMA", 66, 297, 176, 187).words
             + _boxed("COORDINADORA ADMINISTRATIVA DEL", 316, 545, 178, 187).words),
        Line(_boxed("MUNICIPAL PARA EL DESARROLLO", 80, 283, 192, 201).words
             + _boxed("SISTEMA MUNICIPAL PARA EL", 343, 518, 192, 201).words),
    ]
    found = extract_responsables(layout_from_lines(lines))
    assert [(r.nombre.value, r.cargo.value) for r in found] == [
        ("Juan González Muñoz", "Enlace de Planeación del Sistema Municipal para el Desarrollo"),
        ("Itzel Cárdenas del Valle", "Coordinadora Administrativa del Sistema Municipal para el"),
    ]


def test_a_cargo_whose_tall_box_overlaps_the_name_above_still_belongs_to_it():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    lines += [
        _boxed("LARISSA CARREÑO BERNAL", 103, 259, 264, 275),
        _boxed("ENLACE DE PLANEACIÓN DEL SISTEMA", 76, 288, 277, 287),
        _boxed("MUNICIPAL PARA EL DESARROLLO", 88, 275, 291, 299),
        _boxed("MARÍA DE LA LUZ CARBAJAL RUIZ", 211, 400, 379, 399),  # under the signature's strokes
        _boxed("SUBCONTRALORA DE AUDITORÍA Y CONTROL", 183, 430, 391, 410),
    ]
    found = extract_responsables(layout_from_lines(lines))
    assert [(r.nombre.value, r.cargo.value) for r in found] == [
        ("Larissa Carreño Bernal", "Enlace de Planeación del Sistema Municipal para el Desarrollo"),
        ("María de la Luz Carbajal Ruiz", "Subcontralora de Auditoría y Control"),
    ]


def _two_long_names_close_side_by_side(origin: str) -> list[Line]:
    def piece(text: str, x0: float, x1: float, top: float) -> Line:
        return Line(tuple(replace(w, origin=origin, confidence=0.96 if origin == "ocr" else 1.0) for w in _boxed(text, x0, x1, top, top + 12).words))

    return [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)] + [
        Line(piece("RODRIGO MALDONADO DE LA CRUZ", 81, 296, 376).words + piece("JUAN PABLO DOMÍNGUEZ ROMERO", 318, 530, 376).words),
        Line(piece("TITULAR DEL ÓRGANO INTERNO DE", 83, 294, 392).words + piece("DIRECTOR DE EVALUACIÓN DEL", 329, 519, 392).words),
        Line(piece("CONTROL", 150, 220, 408).words + piece("DESEMPEÑO", 380, 460, 408).words),
    ]


@pytest.mark.parametrize("origin", ["text", "ocr"])
def test_two_long_names_side_by_side_a_little_apart_stay_two_names(origin):
    found = extract_responsables(layout_from_lines(_two_long_names_close_side_by_side(origin)))
    assert [(r.nombre.value, r.cargo.value) for r in found] == [
        ("Rodrigo Maldonado de la Cruz", "Titular del Órgano Interno de Control"),
        ("Juan Pablo Domínguez Romero", "Director de Evaluación del Desempeño"),
    ]


def test_signature_strokes_read_as_letters_far_above_a_name_are_no_responsable():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    lines += [
        Line(_boxed("AN ZN", 125, 181, 152, 172, 0.86).words + _boxed("DA", 206, 239, 155, 169, 0.39).words),
        _ocr_line("EFRAÍN MUÑOZ SÁNCHEZ", 112, 200),
        _ocr_line("JEFE DE LA UIPPE", 130, 213),
    ]
    found = extract_responsables(layout_from_lines(lines))
    assert [(r.nombre.value, r.cargo.value) for r in found] == [("Efraín Muñoz Sánchez", "Jefe de la UIPPE")]


def test_a_name_and_its_cargo_read_as_one_line_through_a_tall_box_are_two_rows():
    lines = [_line(text, 72, 72 + 12 * i) for i, text in enumerate(INTRO)]
    # A signature made "SUBCONTRALORA" tall over both rows, so OCR's line took the name's words too.
    merged = [("SUBCONTRALORA", 172, 478, 279, 500, 0.9), ("¿MÓNICA", 214, 473, 263, 489, 0.82),
              ("DE", 283, 490, 299, 499, 0.97), ("VILLEGAS", 270, 473, 331, 489, 0.96),
              ("AUDITORÍA", 302, 488, 367, 499, 0.96), ("MENDOZA", 339, 473, 394, 489, 0.97),
              ("Y", 371, 490, 378, 498, 0.96), ("CONTROL", 383, 490, 441, 499, 0.96)]
    lines += [
        _ocr_line("RAMÓN SALINAS TALAVERA", 222, 274), _ocr_line("TITULAR DE LA UIPPE", 243, 290),
        _ocr_line("RODRIGO DE LOS SANTOS SOTELO", 201, 374), _ocr_line("SUBDIRECTOR DE EGRESOS", 132, 390),
        Line(tuple(Word(text, (x0, top, x1, bottom), 1, confidence, "ocr")
                   for text, x0, top, x1, bottom, confidence in sorted(merged, key=lambda m: m[1]))),
    ]
    found = extract_responsables(layout_from_lines(lines))
    assert [(r.nombre.value, r.cargo.value) for r in found][-1] == ("Mónica Villegas Mendoza", "Subcontralora de Auditoría y Control")
