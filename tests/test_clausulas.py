"""Signing date and place, the evaluation and the extension clause come from the body's sentences."""

import datetime as dt

import pytest
from builders import layout_from_text

from extract.fields.clausulas import extract_cierre, extract_evaluacion, extract_prorroga, extract_titulo


@pytest.mark.parametrize(
    "sentence, place, date",
    [
        ("El presente Convenio se firma por triplicado en la ciudad de Toluca de Lerdo, Estado de México, el 3 de junio de 2019.",
         "Toluca de Lerdo, Estado de México", dt.date(2019, 6, 3)),
        ("Leído que fue el presente Convenio y enteradas las partes de su contenido y alcance legal, lo firman por "
         "triplicado en Metepec, Estado de México, a los tres días del mes de junio de dos mil diecinueve.",
         "Metepec, Estado de México", dt.date(2019, 6, 3)),
        ("El presente Convenio se firma en el municipio de Zinacantepec, México, el día 21 de agosto del 2020.",
         "Zinacantepec, México", dt.date(2020, 8, 21)),
        # A stamp took the sentence's start: "(se firma por cua)druplicado en ...".
        ("druplicado en Toluca de Lerdo, Estado de México, el 3 de mayo de 2020.",
         "Toluca de Lerdo, Estado de México", dt.date(2020, 5, 3)),
        # A speck before "los".
        ("lo firman de conformidad por cuadruplicado en Tlalnepantla de Baz, México, a t los veintitrés días del mes de "
         "febrero de dos mil veinte.", "Tlalnepantla de Baz, México", dt.date(2020, 2, 23)),
    ],
)
def test_closing_sentence_gives_place_and_date(sentence, place, date):
    cierre = extract_cierre(layout_from_text("CLÁUSULAS\nDÉCIMA. Vigencia.\n" + sentence))
    assert (cierre.lugar_firma.value, cierre.fecha_firma.value.fecha) == (place, date)


def test_evaluation_type_program_acronym_and_pae_year():
    text = (
        "PRIMERA. Objeto. El presente Convenio tiene por objeto establecer los compromisos que se derivan de la\n"
        "Evaluación Específica al Fondo de Aportaciones para la Seguridad Pública (FASP), correspondiente al PAE 2017.\n"
    )
    evaluacion = extract_evaluacion(layout_from_text(text))
    assert (evaluacion.tipo.value, evaluacion.programa.value, evaluacion.siglas.value, evaluacion.pae.value) == (
        "Específica", "Fondo de Aportaciones para la Seguridad Pública", "FASP", 2017,
    )


OCR_MISREAD_ACRONYM = (
    "PRIMERA. Objeto. Derivados de la Evaluación de Procesos al Programa de Cultura Física (PCEP), del PAE 2021.\n"
    "SEGUNDA. Los hallazgos del PCEF se atienden.\nTERCERA. Las recomendaciones al PCEF.\nCUARTA. El PCEF informará.\n"
)


@pytest.mark.parametrize(("origin", "siglas"), [("ocr", "PCEF"), ("text", "PCEP")])
def test_an_acronym_misread_by_ocr_where_defined_takes_the_documents_usual_spelling(origin, siglas):
    evaluacion = extract_evaluacion(layout_from_text(OCR_MISREAD_ACRONYM, origin=origin))
    assert evaluacion.siglas.value == siglas


def test_an_acronym_the_document_uses_as_defined_is_kept():
    text = OCR_MISREAD_ACRONYM.replace("CUARTA. El PCEF informará.", "CUARTA. El PCEP informará. El PCEP publica.")
    text = text.replace("Cultura Física", "Cultura y Esparcimiento Popular")
    assert extract_evaluacion(layout_from_text(text, origin="ocr")).siglas.value == "PCEP"


@pytest.mark.parametrize(("origin", "siglas"), [("ocr", "PCEF"), ("text", "PCEP")])
def test_an_acronym_ends_on_the_initial_of_its_names_last_word_when_ocr_read_a_lookalike(origin, siglas):
    text = "Derivado de la Evaluación de Procesos al Programa de Concurrencia con las Entidades Federativas (PCEP), del PAE 2021.\n"
    assert extract_evaluacion(layout_from_text(text, origin=origin)).siglas.value == siglas


def test_an_acronym_read_differently_at_each_use_takes_the_reading_made_of_its_names_initials():
    name = "Fondo de Aportaciones para la Infraestructura Social Municipal y de las Demarcaciones Territoriales del Distrito Federal"
    text = (f"PRIMERA. Derivado de la Evaluación de Diseño al {name} (FISMDEF), del PAE 2019.\n"
            f"SEGUNDA. Las recomendaciones al {name} (FISMDE).\nTERCERA. Del {name} (FISMDF).\n")
    assert extract_evaluacion(layout_from_text(text, origin="ocr")).siglas.value == "FISMDF"
    assert extract_evaluacion(layout_from_text(text)).siglas.value == "FISMDEF"  # a text layer says what it says


def test_an_acronym_ending_otherwise_than_its_name_is_kept_when_the_letters_do_not_look_alike():
    text = "Derivado de la Evaluación de Diseño al Programa de Agua Potable, Drenaje y Tratamiento (PROAGUA), del PAE 2021.\n"
    assert extract_evaluacion(layout_from_text(text, origin="ocr")).siglas.value == "PROAGUA"


def test_longer_type_names_win_over_their_prefix():
    text = "derivados de la Evaluación de Consistencia y Resultados del Programa presupuestario Protección Civil, del PAE 2021."
    evaluacion = extract_evaluacion(layout_from_text(text))
    assert (evaluacion.tipo.value, evaluacion.programa.value, evaluacion.siglas, evaluacion.pae.value) == (
        "Consistencia y Resultados", "Protección Civil", None, 2021,
    )


@pytest.mark.parametrize(
    "clause, days",
    [
        ("SÉPTIMA. Prórroga. El sujeto podrá solicitar una prórroga, misma que no deberá ser mayor a 30 días naturales.", 30),
        ("OCTAVA. Prórroga. Se podrá otorgar una prórroga de hasta quince (15) días naturales.", 15),
        ("SÉPTIMA. Prórroga. Podrá solicitar prórroga por un plazo no mayor a sesenta días hábiles.", 60),
        # A scan lost the figure's last digit and its bracket: the number in words says it whole.
        ("SÉPTIMA. Prórroga. Misma que no deberá ser mayor a sesenta (6 días naturales.", 60),
        ("SÉPTIMA. Prórroga. Misma que no deberá ser mayor a sesenta (60) días naturales.", 60),
    ],
)
def test_extension_days_in_digits_or_words(clause, days):
    assert extract_prorroga(layout_from_text(clause)).dias.value == days


def test_extension_in_working_days_is_flagged():
    clause = "SÉPTIMA. Prórroga. Podrá solicitar una prórroga de treinta (30) días hábiles."
    prorroga = extract_prorroga(layout_from_text(clause))
    assert (prorroga.dias.value, prorroga.habiles) == (30, True)


def test_no_extension_clause_means_none():
    assert extract_prorroga(layout_from_text("SÉPTIMA. Publicidad. El instrumento es público.")) is None


def test_title_is_found_in_the_preamble():
    titulo = extract_titulo(layout_from_text("Convenio para la mejora del desempeño y resultados gubernamentales, que celebran"))
    assert titulo.value == "CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES"


def test_program_names_may_hold_commas_up_to_their_acronym():
    text = "de la Evaluación de Diseño al Programa de Agua Potable, Drenaje y Tratamiento (PROAGUA), correspondiente al PAE 2020."
    evaluacion = extract_evaluacion(layout_from_text(text))
    assert (evaluacion.programa.value, evaluacion.siglas.value) == ("Programa de Agua Potable, Drenaje y Tratamiento", "PROAGUA")


def test_a_speck_read_as_a_dash_before_the_program_is_not_part_of_its_name():
    text = 'El PAE 2018 establece el tipo de Evaluación Específica de Desempeño al\n-\nPrograma presupuestario "Protección Civil".'
    assert extract_evaluacion(layout_from_text(text)).programa.value == "Protección Civil"
