"""OCR repair: text in, text out, from the genre's vocabulary."""

import pytest

from extract.model import Word
from extract.ocr_repair import VOCABULARY, _fold, repair_text, repair_words

CASES = [
    # Dates: digits misread as letters inside digit runs, month names garbled.
    ("3l de Julio de 2O19", "31 de Julio de 2019"),
    ("3l/O7/2019", "31/07/2019"),
    ("3O de JuIio de 2019.", "30 de Julio de 2019."),
    ("15 de jun1o del 2Ol9", "15 de junio del 2019"),
    ("(3l de rnayo de 2019)", "(31 de mayo de 2019)"),
    # Postal codes and numbers.
    ("C.P. 5OO6O", "C.P. 50060"),
    ("número l203", "número 1203"),
    ("3O días naturales", "30 días naturales"),
    # Accents of the fixed vocabulary, in the word's own case.
    ("la Secretaría de la Contraloria", "la Secretaría de la Contraloría"),
    ("CLAUSULAS", "CLÁUSULAS"),
    ("Evaluacion Especifica", "Evaluación Específica"),
    ("Seguridad Publica del Estado de Mexico", "Seguridad Pública del Estado de México"),
    ("SEPTIMA. Prorroga.", "SÉPTIMA. Prórroga."),
    ("30 dias", "30 días"),
    ("Recomendacion", "Recomendación"),
    ("DE PROGRÁMAS SOCIALES", "DE PROGRAMAS SOCIALES"),
    # Particles run into a vocabulary word; words that only start like them are left whole.
    ("EVALUACIÓN DEPROGRAMAS", "EVALUACIÓN DE PROGRAMAS"),
    ("Secretaría delaContraloria", "Secretaría de la Contraloría"),
    ("DESARROLLO DESEMPEÑO DELEGACIÓN", "DESARROLLO DESEMPEÑO DELEGACIÓN"),
    # Structural labels with OCR's letter confusions.
    ("Fecha cornprometida de curnplimiento:", "Fecha comprometida de cumplimiento:"),
    ("DECLARACI0NES", "DECLARACIONES"),
    ("HaIlazgo", "Hallazgo"),
    ("Activldad comprometida", "Actividad comprometida"),
    # List bullets inside cells.
    ("+ Implementar mecanismos", "• Implementar mecanismos"),
    ("» Impartición de cursos", "• Impartición de cursos"),
    ("+» Elaborar y publicar", "• Elaborar y publicar"),
    # Abbreviated dates with specks in the month.
    ("28-j¡un-2020", "28-jun-2020"),
    ("27-feb-2020", "27-feb-2020"),
    ("27-1eb-2021", "27-feb-2021"),
    ("3-0ct-2021", "3-oct-2021"),
    ("3-0CT-2021", "3-OCT-2021"),
    ("3-F3b-2021", "3-Feb-2021"),
    ("5-ju1-2021", "5-ju1-2021"),  # June or July: left for a reviewer
    # A day, "de" and the month run together.
    ("5denoviembre de 2023", "5 de noviembre de 2023"),
    ("31deJulio de 2019", "31 de Julio de 2019"),
    ("5de noviembre", "5 de noviembre"),
    ("enero del2021", "enero del 2021"),
    ("Enero de2021.", "Enero de 2021."),
    ("modelo2021", "modelo2021"),
    ("6 de enerode2026", "6 de enero de 2026"),
    ("Mayode2017", "Mayo de 2017"),
    ("cabode2017", "cabode2017"),
    ("12delmes", "12delmes"),
    # Roman numerals of fracciones and declarations.
    ("fracciones Il, XIl y XXIIl", "fracciones II, XII y XXIII"),
    ("fracción 1Il del artículo", "fracción III del artículo"),
    ("fracciones ll y lll", "fracciones II y III"),
    ("Il.1 Que", "II.1 Que"),
    ("1V.2", "IV.2"),
    ("I.1 Que es", "I.1 Que es"),
    ("1.1. Que es", "1.1. Que es"),
    # Left alone: ordinals, roman numerals, words that are only number-like,
    # unaccented homographs that are other Spanish words in lower case.
    ("artículo 1o. fracción II", "artículo 1o. fracción II"),
    ("fracciones I, XII y XXIII", "fracciones I, XII y XXIII"),
    ("los 11 hallazgos y el punto 1", "los 11 hallazgos y el punto 1"),
    ("la l", "la l"),
    ("1os servidores", "1os servidores"),
    ("1OS SERVIDORES", "1OS SERVIDORES"),
    ("LA SUBSECRETARIA DE PLANEACIÓN", "LA SUBSECRETARIA DE PLANEACIÓN"),  # a woman's cargo
    ("la Secretaria de Finanzas", "la Secretaria de Finanzas"),
    ("se publica en la Gaceta", "se publica en la Gaceta"),
    ("la prorroga el plazo", "la prorroga el plazo"),
    ("Oficio 20704000000000L/0980/2019", "Oficio 20704000000000L/0980/2019"),
]


@pytest.mark.parametrize(("ocr_text", "repaired"), CASES)
def test_repair_text(ocr_text, repaired):
    assert repair_text(ocr_text) == repaired


def test_vocabulary_words_do_not_collide_once_confusions_are_folded():
    folds: dict[str, str] = {}
    for word in VOCABULARY:
        assert folds.setdefault(_fold(word), word) == word, f"{word!r} folds like {folds[_fold(word)]!r}"


def test_vocabulary_is_lower_case_and_unique():
    assert all(word == word.lower() for word in VOCABULARY)
    assert len(set(VOCABULARY)) == len(VOCABULARY)


def test_only_ocr_words_are_repaired():
    box = (0.0, 0.0, 10.0, 10.0)
    text_word = Word("Contraloria", box, page=1, origin="text")
    ocr_word = Word("Contraloria", box, page=1, confidence=0.8, origin="ocr")
    repaired = repair_words([text_word, ocr_word])
    assert repaired[0] is text_word
    assert repaired[1].text == "Contraloría"
    assert repaired[1].confidence == 0.8 and repaired[1].bbox == box


def test_a_run_together_date_is_split_into_words_sharing_its_box():
    word = Word(text="5denoviembre", bbox=(100.0, 50.0, 160.0, 60.0), page=3, confidence=0.66, origin="ocr")
    day, de, month = repair_words([word])
    assert (day.text, de.text, month.text) == ("5", "de", "noviembre")
    assert day.bbox == (100.0, 50.0, 105.0, 60.0) and month.bbox[2] == 160.0
    assert all(part.page == 3 and part.confidence == 0.66 for part in (day, de, month))


@pytest.mark.parametrize(
    ("read", "box", "words"),
    [
        # A stroke read as underscores between two words: each keeps where its letters stand.
        ("la___Se", (261.0, 295.0), [("la", 261.0, 270.71), ("Se", 285.29, 295.0)]),
        # ... or after a row's number.
        ("R-1__", (69.0, 82.0), [("R-1", 69.0, 76.8)]),
        ("____", (0.0, 40.0), [("____", 0.0, 40.0)]),
    ],
)
def test_underscores_a_stroke_left_in_a_token_are_not_part_of_its_words(read, box, words):
    word = Word(text=read, bbox=(box[0], 10.0, box[1], 20.0), page=1, confidence=0.78, origin="ocr")
    assert [(w.text, round(w.x0, 2), round(w.x1, 2)) for w in repair_words([word])] == words
