"""The signature page repeats each representative's name and cargo: where a stamp garbled the preamble of a scan, the surer reading stands."""

import pytest
from builders import layout_from_lines, words_of

from extract.fields.firmas import (
    check_against_signatures,
    complete_from_signature_note,
    extract_firmas,
    institutions_in_signature_note,
)
from extract.fields.partes import extract_partes
from extract.model import Layout, Line, Word

PREAMBLE = [
    "CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES, QUE CELEBRAN POR UNA PARTE LA",
    "SECRETARÍA DE FINANZAS REPRESENTADA POR {secretaria}; Y POR LA OTRA PARTE, LA",
    "SECRETARÍA DE SEGURIDAD REPRESENTADA POR VÍCTOR MANUEL AGUILAR TALAVERA, SECRETARIO EJECUTIVO DEL",
    'SISTEMA ESTATAL DE SEGURIDAD; A QUIENES EN LO SUCESIVO SE LES DENOMINARÁ "LA SECRETARÍA" Y "EL SUJETO',
    'EVALUADO", AL TENOR DE LOS SIGUIENTES:',
    "CLÁUSULAS",
    "PRIMERA. Objeto.",
    "El presente Convenio se firma por triplicado en la ciudad de Toluca de Lerdo, el 3 de junio de 2019.",
]
CLEAN = {"secretaria": "ROBERTO TALAVERA DE LOS SANTOS, DIRECTOR GENERAL DE PLANEACIÓN Y GASTO PÚBLICO"}
# A stamp over the preamble: the name's end lost, and the comma with it.
STAMPED = {"secretaria": "ROBER! id DIRECTOR GENERAL DE PLANEACIÓN Y GASTO PÚBLICO"}
# A letter misread in the cargo, the same words otherwise.
MISREAD = {"secretaria": "ROBERTO TALAVERA DE LOS SANTOS, DIRECTOR GENERAL DE PLANEACIÓN Y GASTO PÚBLIGO"}
SIGNATURES = [
    ('POR "LA SECRETARÍA"', 200, 300),
    ("ROBERTO TALAVERA DE LOS SANTOS", 190, 360),
    ("DIRECTOR GENERAL DE PLANEACIÓN Y GASTO PÚBLICO", 130, 372),
    ('POR "EL SUJETO EVALUADO"', 200, 430),
    ("VÍCTOR MANUEL AGUILAR TALAVERA", 190, 490),
    ("SECRETARIO EJECUTIVO DEL SISTEMA ESTATAL DE SEGURIDAD", 110, 502),
]


def _line(text: str, x: float, top: float, confidence: float, origin: str) -> Line:
    return Line(
        tuple(Word(w.text, (w.x0 - 72 + x, w.top, w.x1 - 72 + x, w.bottom), 1, confidence, origin) for w in words_of(text, 1, top))
    )


def _convenio(names: dict[str, str], preamble_confidence: float, origin: str) -> Layout:
    lines = [_line(text.format(**names), 72, 72 + 12 * i, preamble_confidence, origin) for i, text in enumerate(PREAMBLE)]
    lines += [_line(text, x, top, 0.96 if origin == "ocr" else 1.0, origin) for text, x, top in SIGNATURES]
    return layout_from_lines(lines)


def _convenio_with(layout: Layout, old: str, new: str) -> Layout:
    """The same convenio with one preamble line's text replaced, its words as sure as before."""
    lines = [
        _line(line.text.replace(old, new), line.bbox[0], line.bbox[1], line.words[0].confidence, line.words[0].origin)
        if old in line.text else line
        for line in layout.lines
    ]
    return layout_from_lines(lines)


def _checked(layout: Layout):
    parties = extract_partes(layout)
    check_against_signatures(parties, extract_firmas(layout))
    return parties


def test_the_signature_page_gives_each_signers_name_and_cargo():
    signers = extract_firmas(_convenio(CLEAN, 1.0, "text"))
    assert [(s.nombre.value, s.cargo.value) for s in signers] == [
        ("Roberto Talavera de los Santos", "Director General de Planeación y Gasto Público"),
        ("Víctor Manuel Aguilar Talavera", "Secretario Ejecutivo del Sistema Estatal de Seguridad"),
    ]


def test_a_stamped_preamble_takes_the_name_and_cargo_its_signer_signed_over():
    secretaria, sujeto = _checked(_convenio(STAMPED, 0.6, "ocr"))
    assert (secretaria.representante.value, secretaria.cargo.value) == (
        "Roberto Talavera de los Santos", "Director General de Planeación y Gasto Público",
    )
    assert secretaria.representante.provenance.method == "firmas"
    assert any("signature page" in warning for warning in secretaria.warnings)
    # The other party's preamble read as well as its signature block: left as read.
    assert sujeto.representante.provenance.method == "preambulo" and not sujeto.warnings


def test_a_letter_misread_in_the_preamble_is_mended_from_a_surer_signature_but_a_shorter_cargo_is_not_taken():
    secretaria, sujeto = _checked(_convenio(MISREAD, 0.6, "ocr"))
    assert secretaria.cargo.value == "Director General de Planeación y Gasto Público"
    # The signature page leaves "DEL ESTADO DE MÉXICO" out of a cargo: the preamble's longer one stays.
    layout = _convenio(CLEAN, 0.6, "ocr")
    long_cargo = "SISTEMA ESTATAL DE SEGURIDAD DEL ESTADO DE MÉXICO; A QUIENES"
    layout = _convenio_with(layout, "SISTEMA ESTATAL DE SEGURIDAD; A QUIENES", long_cargo)
    assert _checked(layout)[1].cargo.value == "Secretario Ejecutivo del Sistema Estatal de Seguridad del Estado de México"


@pytest.mark.parametrize(
    ("secretaria", "confidence"),
    [
        # A speck in the name, a mark in the cargo.
        ("ROBERTO C TALAVERA DE LOS SANTOS, DIRECTOR GENERAL DE P' YSGASTO PÚBLICO", 0.6),
        # Cargo before the name, the comma between them lost: the cargo ran on into the name.
        ("EL DIRECTOR GENERAL DE PLANEACIÓN Y GASTO PÚBLICO ROBERTO TALAVERA DE LOS SANTOS", 0.9),
    ],
)
def test_a_garbled_preamble_gives_way_to_the_signature(secretaria, confidence):
    found, _ = _checked(_convenio({"secretaria": secretaria}, confidence, "ocr"))
    assert (found.representante.value, found.cargo.value) == (
        "Roberto Talavera de los Santos", "Director General de Planeación y Gasto Público",
    )


def test_a_long_name_with_particles_and_a_title_is_taken_without_the_title():
    long_name = {"secretaria": "LA DIRECTORA GENERAL DE PLANEACIÓN Y GASTO BEÍ60? C.P. MARÍA DEL CARMEN DE LA CRUZ DE LA VEGA"}
    layout = _convenio(long_name, 0.6, "ocr")
    layout = _convenio_with(layout, "ROBERTO TALAVERA DE LOS SANTOS", "C.P. MARÍA DEL CARMEN DE LA CRUZ DE LA VEGA")
    layout = _convenio_with(layout, "DIRECTOR GENERAL DE PLANEACIÓN Y GASTO PÚBLICO", "DIRECTORA GENERAL DE PLANEACIÓN Y GASTO PÚBLICO")
    secretaria, _ = _checked(layout)
    assert (secretaria.representante.value, secretaria.cargo.value) == (
        "María del Carmen de la Cruz de la Vega", "Directora General de Planeación y Gasto Público",
    )


def test_an_initial_in_the_signed_name_is_no_speck():
    layout = _convenio(STAMPED, 0.6, "ocr")
    layout = _convenio_with(layout, "ROBERTO TALAVERA DE LOS SANTOS", "ROBERTO C. TALAVERA SANTOS")
    secretaria, _ = _checked(layout)
    assert secretaria.representante.value == "Roberto C. Talavera Santos"


def test_a_text_layer_preamble_is_never_overruled():
    secretaria, _ = _checked(_convenio(STAMPED, 1.0, "text"))
    assert secretaria.representante.value != "Roberto Talavera de los Santos"
    assert secretaria.representante.provenance.method == "preambulo"


def test_a_name_a_stamp_took_words_from_is_taken_whole_from_the_signature():
    shortened = {"secretaria": "ROBERTO SANTOS, DIRECTOR GENERAL DE PLANEACIÓN Y GASTO PÚBLICO"}
    secretaria, _ = _checked(_convenio(shortened, 0.9, "ocr"))
    assert secretaria.representante.value == "Roberto Talavera de los Santos"
    # Words in another order are another reading, not words lost.
    swapped = {"secretaria": "SANTOS ROBERTO, DIRECTOR GENERAL DE PLANEACIÓN Y GASTO PÚBLICO"}
    assert _checked(_convenio(swapped, 0.9, "ocr"))[0].representante.value == "Santos Roberto"


def test_a_signed_name_with_a_title_read_without_its_stop_or_a_word_read_twice_is_no_fuller_name():
    shortened = {"secretaria": "ROBERTO SANTOS, DIRECTOR GENERAL DE PLANEACIÓN Y GASTO PÚBLICO"}
    for signed in ("MTRA ROBERTO TALAVERA DE LOS SANTOS", "ROBERTO SANTOS SANTOS"):
        layout = _convenio_with(_convenio(shortened, 0.9, "ocr"), "ROBERTO TALAVERA DE LOS SANTOS", signed)
        assert _checked(layout)[0].representante.value == "Roberto Santos"


NOTE = (
    "La presente hoja de firmas corresponde al Convenio, celebrado entre la Secretaría de Finanzas y la "
    "Secretaría de Seguridad, el 3 de junio de 2019."
)


def _with_note(layout: Layout) -> Layout:
    last = layout.lines[-1]
    return layout_from_lines([*layout.lines, _line(NOTE, 72, last.bbox[3] + 40, last.words[0].confidence, last.words[0].origin)])


def _completed(layout: Layout):
    parties = extract_partes(layout)
    complete_from_signature_note(parties, institutions_in_signature_note(layout))
    return parties


def test_the_closing_note_names_the_parties_institutions_in_order():
    named = institutions_in_signature_note(_with_note(_convenio(CLEAN, 1.0, "text")))
    assert [n.value for n in named] == ["Secretaría de Finanzas", "Secretaría de Seguridad"]


def test_an_institution_a_stamp_cut_short_is_completed_from_the_closing_note():
    for stamped in (
        "DE FINANZAS REPRESENTADA", "FINANZAS REPRESENTADA", "SECRETARÍA DE FIN REPRESENTADA", "PÁ CRETARÍA DE FINANZAS REPRESENTADA",
        "SECRETARÍA DE FINANSAS REPRESENTADA",  # the note read surer (0.96 on the signature page, 0.9 here)
        "SECRETARÍA DE FINANZ Pp REPRESENTADA",  # cut, and a speck after it
    ):
        layout = _with_note(_convenio_with(_convenio(CLEAN, 0.9, "ocr"), "SECRETARÍA DE FINANZAS REPRESENTADA", stamped))
        secretaria = _completed(layout)[0]
        assert secretaria.dependencia.value == "Secretaría de Finanzas", stamped
    # An institution read whole and shorter than the note's is the preamble's own ("Secretaría de Seguridad"
    # against a note naming "... de Seguridad Pública"), and a text layer says what it says.
    longer = layout_from_lines([*_with_note(_convenio(CLEAN, 0.9, "ocr")).lines])
    longer = _convenio_with(longer, "la Secretaría de Seguridad, el", "la Secretaría de Seguridad Pública, el")
    assert _completed(longer)[1].dependencia.value == "Secretaría de Seguridad"
    # An institution the note names as read stays, however like another the note names it is.
    both = _convenio_with(longer, "la Secretaría de Seguridad Pública, el", "la Subsecretaría de Seguridad y la Secretaría de Seguridad, el")
    assert _completed(both)[1].dependencia.value == "Secretaría de Seguridad"
    text_layer = _with_note(_convenio_with(_convenio(CLEAN, 1.0, "text"), "SECRETARÍA DE FINANZAS REPRESENTADA", "DE FINANZAS REPRESENTADA"))
    assert _completed(text_layer)[0].dependencia.value != "Secretaría de Finanzas"


def test_a_name_each_reading_kept_part_of_is_joined_where_they_overlap():
    stamped = {"secretaria": "TALAVERA DE LOS SANTOS, DIRECTOR GENERAL DE PLANEACIÓN Y GASTO PÚBLICO"}
    layout = _convenio_with(_convenio(stamped, 0.9, "ocr"), "ROBERTO TALAVERA DE LOS SANTOS", "ROBERTO TALAVERA")
    assert _checked(layout)[0].representante.value == "Roberto Talavera de los Santos"
    # Halves that do not overlap are not joined.
    layout = _convenio_with(_convenio(stamped, 0.9, "ocr"), "ROBERTO TALAVERA DE LOS SANTOS", "ROBERTO GÓMEZ")
    assert _checked(layout)[0].representante.value == "Talavera de los Santos"
