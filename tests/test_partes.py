"""Parties come from the preamble's clauses and quoted aliases, addresses from the declarations."""

import pytest
from builders import layout_from_text

from extract.fields.common import section_heading
from extract.fields.partes import extract_partes, split_name_and_cargo

STATE_PREAMBLE = """CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES, QUE CELEBRAN POR UNA PARTE LA
SECRETARÍA DE FINANZAS REPRESENTADA POR ROBERTO INDA GONZÁLEZ, SUBSECRETARIO DE PLANEACIÓN Y PRESUPUESTO Y LA
SECRETARÍA DE LA CONTRALORÍA REPRESENTADA POR JOSÉ GABRIEL CARREÑO CAMACHO, SUBSECRETARIO DE CONTROL Y EVALUACIÓN; Y
POR LA OTRA PARTE, LA SECRETARÍA DE SEGURIDAD REPRESENTADA POR VÍCTOR MANUEL AGUILAR TALAVERA, SECRETARIO EJECUTIVO
DEL SISTEMA ESTATAL DE SEGURIDAD PÚBLICA DEL ESTADO DE MÉXICO; A QUIENES EN LO SUCESIVO SE LES DENOMINARÁ "LA
SECRETARÍA", "LA CONTRALORÍA" Y "EL SUJETO EVALUADO", Y ACTUANDO EN CONJUNTO COMO "LAS PARTES" AL TENOR DE LOS SIGUIENTES:
ANTECEDENTES
Texto de antecedentes.
DECLARACIONES
1. DE "LA SECRETARÍA"
1.1. Que es una Dependencia.
1.2. Que para efectos del presente instrumento señala como domicilio el ubicado en calle Colorín, número 101,
colonia Lomas Altas, Toluca de Lerdo, Estado de México. CP 50060.
2. DE "LA CONTRALORÍA"
2.1. Que señala como domicilio el ubicado en Av. Primero de Mayo, número 1731, Toluca de Lerdo, Estado de México. C.P. 50071.
3. DE "EL SUJETO EVALUADO"
3.1. Que es una Dependencia sin domicilio declarado.
CLÁUSULAS
PRIMERA. Objeto.
"""

MUNICIPAL_PREAMBLE = """CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES QUE CELEBRAN, POR UNA PARTE,
LA TESORERÍA MUNICIPAL DE METEPEC, REPRESENTADA EN ESTE ACTO POR LA C. MARÍA DE LA LUZ PÉREZ DEL VALLE, TESORERA
MUNICIPAL; LA CONTRALORÍA INTERNA MUNICIPAL, REPRESENTADA EN ESTE ACTO POR EL CONTRALOR INTERNO MUNICIPAL, LIC. JUAN
CARLOS DE LOS SANTOS RUIZ; LA UNIDAD DE INFORMACIÓN, PLANEACIÓN, PROGRAMACIÓN Y EVALUACIÓN (UIPPE), REPRESENTADA POR
SU TITULAR, JOSÉ DE JESÚS MARTÍNEZ; Y POR LA OTRA PARTE LA DIRECCIÓN DE DESARROLLO SOCIAL, REPRESENTADA POR ANA
SOFÍA GÓMEZ, DIRECTORA DE DESARROLLO SOCIAL; A QUIENES EN LO SUCESIVO SE LES DENOMINARÁ "LA TESORERÍA", "LA
CONTRALORÍA", "LA UIPPE" Y "EL SUJETO EVALUADO" RESPECTIVAMENTE, AL TENOR DE LAS SIGUIENTES:
"""


def _summary(parties):
    return [
        (p.rol.value, p.dependencia and p.dependencia.value, p.representante and p.representante.value,
         p.cargo and p.cargo.value)
        for p in parties
    ]


def test_state_preamble_gives_three_parties_with_alias_institution_person_and_cargo():
    parties = extract_partes(layout_from_text(STATE_PREAMBLE))
    assert _summary(parties) == [
        ("LA SECRETARÍA", "Secretaría de Finanzas", "Roberto Inda González", "Subsecretario de Planeación y Presupuesto"),
        ("LA CONTRALORÍA", "Secretaría de la Contraloría", "José Gabriel Carreño Camacho", "Subsecretario de Control y Evaluación"),
        ("EL SUJETO EVALUADO", "Secretaría de Seguridad", "Víctor Manuel Aguilar Talavera",
         "Secretario Ejecutivo del Sistema Estatal de Seguridad Pública del Estado de México"),
    ]


def test_addresses_come_from_each_partys_declarations():
    parties = {p.rol.value: p for p in extract_partes(layout_from_text(STATE_PREAMBLE))}
    secretaria = parties["LA SECRETARÍA"]
    assert secretaria.domicilio.value == (
        "calle Colorín, número 101, colonia Lomas Altas, Toluca de Lerdo, Estado de México. CP 50060"
    )
    assert secretaria.codigo_postal.value == "50060"
    assert parties["LA CONTRALORÍA"].codigo_postal.value == "50071"
    assert parties["EL SUJETO EVALUADO"].domicilio is None


def test_municipal_preamble_with_four_parties_cargo_first_and_honorifics():
    parties = extract_partes(layout_from_text(MUNICIPAL_PREAMBLE))
    assert _summary(parties) == [
        ("LA TESORERÍA", "Tesorería Municipal de Metepec", "María de la Luz Pérez del Valle", "Tesorera Municipal"),
        ("LA CONTRALORÍA", "Contraloría Interna Municipal", "Juan Carlos de los Santos Ruiz", "Contralor Interno Municipal"),
        ("LA UIPPE", "Unidad de Información, Planeación, Programación y Evaluación (UIPPE)", "José de Jesús Martínez", "Titular"),
        ("EL SUJETO EVALUADO", "Dirección de Desarrollo Social", "Ana Sofía Gómez", "Directora de Desarrollo Social"),
    ]


def test_values_carry_their_page_and_box():
    party = extract_partes(layout_from_text(STATE_PREAMBLE))[0]
    page, bbox = party.representante.provenance.regions[0]
    assert page == 1 and bbox[2] > bbox[0]
    assert party.representante.provenance.method == "preambulo"


def test_name_and_cargo_split_in_either_order():
    assert split_name_and_cargo("EL DIRECTOR GENERAL DE PLANEACIÓN, SEGUIMIENTO Y EVALUACIÓN, ING. PEDRO LÓPEZ")[0][0] == "PEDRO LÓPEZ"
    name, cargo = split_name_and_cargo("LUCÍA RAMOS, EN SU CARÁCTER DE JEFA DE LA UIPPE")
    assert (name[0], cargo[0]) == ("LUCÍA RAMOS", "JEFA DE LA UIPPE")


INLINE_ALIASES = """CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES QUE CELEBRAN POR UNA PARTE LA SECRETARÍA DE
FINANZAS, EN LO SUCESIVO "LA SECRETARÍA", REPRESENTADA POR LA DIRECTORA GENERAL DE PLANEACIÓN Y GASTO PÚBLICO, DIANA GÓMEZ
PÉREZ; Y POR LA OTRA, EL SISTEMA PARA EL DESARROLLO INTEGRAL DE LA FAMILIA DEL ESTADO DE MÉXICO, EN LO SUCESIVO "EL
SUJETO EVALUADO", REPRESENTADO POR C.P. HÉCTOR PÉREZ DEL RÍO, DIRECTOR DE ADMINISTRACIÓN Y FINANZAS DEL DIFEM; QUIENES
ACTUANDO EN CONJUNTO SE DENOMINARÁN "LAS PARTES", AL TENOR DE LOS SIGUIENTES:
"""


def test_aliases_given_inline_after_each_institution_even_across_a_line_break():
    assert _summary(extract_partes(layout_from_text(INLINE_ALIASES))) == [
        ("LA SECRETARÍA", "Secretaría de Finanzas", "Diana Gómez Pérez", "Directora General de Planeación y Gasto Público"),
        ("EL SUJETO EVALUADO", "Sistema para el Desarrollo Integral de la Familia del Estado de México",
         "Héctor Pérez del Río", "Director de Administración y Finanzas del DIFEM"),
    ]


@pytest.mark.parametrize("stamped", ['FINANZAS; [EÑ! CESIVO "LA SECRETARÍA"', 'FINANZAS, EN LO \'SÚCESIVO "LA SECRETARÍA"'])
def test_an_inline_alias_whose_announcing_words_a_stamp_hid_is_still_found_before_its_representative(stamped):
    scanned = INLINE_ALIASES.replace('FINANZAS, EN LO SUCESIVO "LA SECRETARÍA"', stamped)
    assert _summary(extract_partes(layout_from_text(scanned))) == _summary(extract_partes(layout_from_text(INLINE_ALIASES)))
    assert _summary(extract_partes(layout_from_text(scanned)))[0][:2] == ("LA SECRETARÍA", "Secretaría de Finanzas")


@pytest.mark.parametrize("stamped", ["REPRE DA POR", "REPRESEN ADA POR", "REPRESENTA|DA POR", "REF ENTADA POR"])
def test_a_representada_a_stamp_cut_through_still_introduces_the_representative(stamped):
    scanned = STATE_PREAMBLE.replace("SECRETARÍA DE FINANZAS REPRESENTADA POR", f"SECRETARÍA DE FINANZAS {stamped}")
    assert _summary(extract_partes(layout_from_text(scanned))) == _summary(extract_partes(layout_from_text(STATE_PREAMBLE)))


def test_a_cargo_ending_in_a_just_before_quienes_keeps_its_a():
    # A scan lost the ", " (and the "I" of "ZONA I") between the cargo and "QUIENES".
    text = MUNICIPAL_PREAMBLE.replace("DIRECTORA DE DESARROLLO SOCIAL; A QUIENES", "DIRECTORA DE LA ZONA QUIENES")
    assert extract_partes(layout_from_text(text))[-1].cargo.value == "Directora de la Zona"


@pytest.mark.parametrize(
    ("preamble", "clean", "stamped"),
    [
        # "EN" of "EN ESTE ACTO" misread.
        ("municipal", "REPRESENTADA EN ESTE ACTO POR LA C. MARÍA", "REPRESENTADA BEN ESTE ACTO POR LA C. MARÍA"),
        # "ACTO" misread and run into "POR".
        ("municipal", "REPRESENTADA EN ESTE ACTO POR LA C. MARÍA", "REPRESENTADA EN ESTE ACTÓO'POR LA C. MARÍA"),
        # "POR" misread with marks around it.
        ("state", "CONTRALORÍA REPRESENTADA POR JOSÉ", "CONTRALORÍA REPRESENTADA /PÓRS JOSÉ"),
        # The "A" of "A QUIENES" misread.
        ("municipal", "DESARROLLO SOCIAL; A QUIENES", "DESARROLLO SOCIAL; AN QUIENES"),
        # "REPRESENTADA" gone altogether: the "POR" before the name is left.
        ("state", "CONTRALORÍA REPRESENTADA POR JOSÉ", "CONTRALORÍA POR JOSÉ"),
        # "POR" gone and "REPRESENTADA" cut short, a mark of the stamp after it.
        ("state", "CONTRALORÍA REPRESENTADA POR JOSÉ", "CONTRALORÍA REPRESEN (0)\nJOSÉ"),
        # The separator before the next party gone, a speck in its place.
        ("state", "PRESUPUESTO Y LA\nSECRETARÍA DE LA CONTRALORÍA", "PRESUPUESTO ea LA\nSECRETARÍA DE LA CONTRALORÍA"),
        # "EN LO SUCESIVO" and its comma gone before an inline alias.
        ("inline", 'FINANZAS, EN LO SUCESIVO "LA SECRETARÍA", REPRESENTADA', 'FINANZAS "LA SECRETARÍA", REPRESENTADA'),
    ],
)
def test_a_preamble_a_stamp_went_over_gives_the_same_parties(preamble, clean, stamped):
    text = {"state": STATE_PREAMBLE, "municipal": MUNICIPAL_PREAMBLE, "inline": INLINE_ALIASES}[preamble]
    assert clean in text
    scanned = text.replace(clean, stamped)
    assert _summary(extract_partes(layout_from_text(scanned))) == _summary(extract_partes(layout_from_text(text)))


@pytest.mark.parametrize(
    "left",
    [
        "CELEBRAN POR UNA PARTE DE FINANZAS",
        "CELEBRAN POR UNA PARTE LA\nSECRETARÍA DE FI",
        "CELEBRAN, EN EL ÁMBITO DEL H. AYUNTAMIENTO DE METEPEC, POR UNA PARTE UA SECRETAR FINANZAS",
    ],
)
def test_an_institution_a_stamp_cut_short_is_completed_from_an_alias_that_names_it(left):
    text = STATE_PREAMBLE.replace('"LA\nSECRETARÍA", "LA CONTRALORÍA"', '"LA\nSECRETARÍA DE FINANZAS", "LA CONTRALORÍA"')
    scanned = text.replace("CELEBRAN POR UNA PARTE LA\nSECRETARÍA DE FINANZAS", left)
    first = extract_partes(layout_from_text(scanned, origin="ocr", confidence=0.9))[0]
    assert (first.rol.value, first.dependencia.value) == ("LA SECRETARÍA DE FINANZAS", "Secretaría de Finanzas")
    # A text layer says what it says.
    assert extract_partes(layout_from_text(scanned))[0].dependencia.value != "Secretaría de Finanzas"


def test_an_institutions_first_word_a_stamp_cut_short_is_completed_from_its_alias():
    text = MUNICIPAL_PREAMBLE.replace("LA TESORERÍA MUNICIPAL DE METEPEC, REPRESENTADA", "LA TESO! A MUNICIPAL DE METEPEC, REPRESENTADA")
    scanned = layout_from_text(text, origin="ocr", confidence=0.9)
    assert extract_partes(scanned)[0].dependencia.value == "Tesorería Municipal de Metepec"


def test_a_word_of_an_alias_quoted_across_a_line_break_is_no_acronym():
    # Prose after the preamble quotes an alias broken over two lines: its second line's "FINANZAS" is a word.
    text = STATE_PREAMBLE.replace(
        "CLÁUSULAS",
        'La interpretación corresponde a "LA SECRETARÍA\nDE FINANZAS" y a "LA CONTRALORÍA", en el ámbito de su competencia.\nCLÁUSULAS',
    )
    assert extract_partes(layout_from_text(text))[0].dependencia.value == "Secretaría de Finanzas"


def test_a_quote_a_scan_left_open_does_not_make_a_later_aliass_words_acronyms():
    text = STATE_PREAMBLE.replace("LA SECRETARÍA DE SEGURIDAD REPRESENTADA", "EL INSTITUTO DE SALUD REPRESENTADA").replace(
        "CLÁUSULAS",
        'Texto con una cita "abierta que el escaneo no cerró en esta línea.\n'
        "Otra línea de la prosa, sin comillas en ella.\n"
        'La interpretación corresponde a "EL INSTITUTO" y a "LA CONTRALORÍA" en su ámbito de competencia.\nCLÁUSULAS',
    )
    assert extract_partes(layout_from_text(text))[2].dependencia.value == "Instituto de Salud"


def test_an_alias_without_article_is_still_an_alias():
    text = MUNICIPAL_PREAMBLE.replace('"EL SUJETO EVALUADO"', '"SEIEM"')
    assert [p.rol.value for p in extract_partes(layout_from_text(text))][-1] == "SEIEM"


def test_declaration_headings_are_found_as_ocr_reads_them():
    ocr_text = STATE_PREAMBLE.replace('2. DE "LA CONTRALORÍA"', "2. DE “LA CONTRALORIA")
    parties = {p.rol.value: p for p in extract_partes(layout_from_text(ocr_text))}
    assert parties["LA CONTRALORÍA"].codigo_postal.value == "50071"
    assert parties["LA SECRETARÍA"].codigo_postal.value == "50060"


def test_a_declaration_heading_with_a_mark_after_it_or_its_numeral_misread_is_found():
    ocr_text = STATE_PREAMBLE.replace('1. DE "LA SECRETARÍA"', '1. DE "LA SECRETARÍA" UN').replace(
        '2. DE "LA CONTRALORÍA"', '1I, DE "LA CONTRALORÍA"'
    )
    parties = {p.rol.value: p for p in extract_partes(layout_from_text(ocr_text))}
    assert parties["LA SECRETARÍA"].codigo_postal.value == "50060"
    assert parties["LA CONTRALORÍA"].codigo_postal.value == "50071"


def test_a_y_a_scan_ran_into_the_next_partys_article_still_parts_them():
    scanned = STATE_PREAMBLE.replace("PRESUPUESTO Y LA\nSECRETARÍA DE LA CONTRALORÍA", "PRESUPUESTO YLA\nSECRETARÍA DE LA CONTRALORÍA")
    assert scanned != STATE_PREAMBLE
    assert _summary(extract_partes(layout_from_text(scanned))) == _summary(extract_partes(layout_from_text(STATE_PREAMBLE)))


def test_a_deputys_title_opens_a_cargo():
    name, cargo = split_name_and_cargo("LA SUBCONTRALORA DE AUDITORÍA Y CONTROL, MARÍA DE LA LUZ CARBAJAL RUIZ")
    assert (name[0], cargo[0]) == ("MARÍA DE LA LUZ CARBAJAL RUIZ", "SUBCONTRALORA DE AUDITORÍA Y CONTROL")


def test_marks_a_scan_adds_to_the_declarations_do_not_hide_an_address():
    scanned = STATE_PREAMBLE.replace(
        "señala como domicilio el ubicado en calle Colorín", "señala como domicilio el 7\n•\nubicado en calle Colorín"
    ).replace("CP 50060", "C.P. W-\n50060").replace('2. DE "LA CONTRALORÍA"', 'y 2. DE "LA CONTRALORÍA"')
    parties = {p.rol.value: p for p in extract_partes(layout_from_text(scanned))}
    assert parties["LA SECRETARÍA"].domicilio.value == (
        "calle Colorín, número 101, colonia Lomas Altas, Toluca de Lerdo, Estado de México. C.P. 50060"
    )
    assert parties["LA SECRETARÍA"].codigo_postal.value == "50060"
    assert parties["LA CONTRALORÍA"].codigo_postal.value == "50071"


@pytest.mark.parametrize("stamped", ["REPRESENTADA OH", "REP SENTADA Le"])
def test_a_por_a_scan_garbled_still_introduces_the_representative(stamped):
    scanned = INLINE_ALIASES.replace('"LA SECRETARÍA", REPRESENTADA POR LA DIRECTORA', f'"LA SECRETARÍA", {stamped} LA DIRECTORA')
    assert _summary(extract_partes(layout_from_text(scanned))) == _summary(extract_partes(layout_from_text(INLINE_ALIASES)))


def test_a_speck_read_as_a_word_in_a_scanned_alias_gives_way_to_how_the_document_quotes_it_elsewhere():
    text = STATE_PREAMBLE + 'QUINTA. "LA SECRETARÍA" y "LA CONTRALORÍA" determinarán el cumplimiento.\n'
    specked = text.replace('"LA CONTRALORÍA" Y "EL SUJETO', '"LA YN CONTRALORÍA" Y "EL SUJETO', 1)
    roles = [p.rol.value for p in extract_partes(layout_from_text(specked, origin="ocr", confidence=0.9))]
    assert roles == ["LA SECRETARÍA", "LA CONTRALORÍA", "EL SUJETO EVALUADO"]
    # A text layer says what it says.
    assert extract_partes(layout_from_text(specked))[1].rol.value == "LA YN CONTRALORÍA"


def test_a_title_a_scan_ran_into_the_representatives_name_is_dropped():
    stamped = MUNICIPAL_PREAMBLE.replace("LA C. MARÍA DE LA LUZ", "DRMARÍA DE LA LUZ")
    parties = extract_partes(layout_from_text(stamped, origin="ocr", confidence=0.9))
    assert parties[0].representante.value == "María de la Luz Pérez del Valle"
    # A name that only starts like a title keeps its letters.
    named = MUNICIPAL_PREAMBLE.replace("LA C. MARÍA DE LA LUZ", "INGRID")
    assert extract_partes(layout_from_text(named))[0].representante.value == "Ingrid Pérez del Valle"


def test_a_stamps_ink_read_as_short_words_before_a_scanned_institution_is_not_part_of_it():
    stamped = MUNICIPAL_PREAMBLE.replace("LA TESORERÍA MUNICIPAL DE METEPEC", "LA PA FE A TESORERÍA MUNICIPAL DE METEPEC")
    parties = extract_partes(layout_from_text(stamped, origin="ocr", confidence=0.9))
    assert parties[0].dependencia.value == "Tesorería Municipal de Metepec"


def test_a_speck_before_the_declarations_heading_does_not_hide_the_addresses():
    scanned = STATE_PREAMBLE.replace("\nDECLARACIONES\n", "\nYun. DECLARACIONES\n")
    assert scanned != STATE_PREAMBLE
    parties = {p.rol.value: p for p in extract_partes(layout_from_text(scanned))}
    assert parties["LA SECRETARÍA"].codigo_postal.value == "50060"
    assert parties["LA CONTRALORÍA"].codigo_postal.value == "50071"


def test_prose_opening_with_a_short_word_and_a_section_title_is_no_heading():
    assert section_heading("texto\nlas DECLARACIONES que anteceden\nDECLARACIONES\n", "DECLARACIONES").start() == 37
    assert section_heading("texto\nYun. DECLARACIONES\n", "DECLARACIONES").start() == 5
