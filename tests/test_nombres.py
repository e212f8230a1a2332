"""Names read by OCR under signatures, repaired from the list of names people carry."""

from __future__ import annotations

import pytest

from extract.fields.nombres import repair_cargo, repair_name
from extract.fields.responsables import extract_responsables
from tests.builders import layout_from_text


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        # Signature ink taken for an accent, or an accent lost.
        ("MARCÓ ANTONIO CARREÑO MENDOZA", "MARCO ANTONIO CARREÑO MENDOZA"),
        ("MARÍA FERÑANDA CARREÑO CÁRDENAS", "MARÍA FERNANDA CARREÑO CÁRDENAS"),
        ("FELIPE DÉ JESÚS TALAVERA ARCE", "FELIPE DE JESÚS TALAVERA ARCE"),
        ("ERNESTO GONZALEZ GARDUÑO", "ERNESTO GONZÁLEZ GARDUÑO"),
        ("EDGAR REYES PEÑA", "ÉDGAR REYES PEÑA"),  # a llana word ending in r takes its accent
        # Words run together, or joined by a stroke read as a hyphen.
        ("ERIKATORRES MUÑOZ", "ERIKA TORRES MUÑOZ"),
        ("MARÍA DE LALUZ CARBAJAL RUIZ", "MARÍA DE LA LUZ CARBAJAL RUIZ"),
        ("MIGUEL ÁNGEL-MORALES VELÁZQUEZ", "MIGUEL ÁNGEL MORALES VELÁZQUEZ"),
        # A stroke read as a mark at a word's edge, or cutting a word in two.
        ("LARISSA- CARREÑO ÁLVAREZ", "LARISSA CARREÑO ÁLVAREZ"),
        ("JOSÉ AÑTONIO- QUIROZ GONZÁLEZ", "JOSÉ ANTONIO QUIROZ GONZÁLEZ"),
        ("ERNESTO RAMÍREZ PÉREZ.", "ERNESTO RAMÍREZ PÉREZ"),
        ("EFRAÍN MERCADO IB T ÁÑEZ", "EFRAÍN MERCADO IBÁÑEZ"),
        ("MA. GUADALUPE PÉREZ", "MA. GUADALUPE PÉREZ"),
        # A compound surname's particles run together.
        ("HUGO DELLA GARZA MENDOZA", "HUGO DE LA GARZA MENDOZA"),
        ("MARÍADELA LUZ PEÑA OLVERA", "MARÍA DE LA LUZ PEÑA OLVERA"),
        # The case it was read in is kept.
        ("Ángél Estrada Pérez", "Ángel Estrada Pérez"),
        # Names not on the list are left as read: a name is never guessed.
        ("XÓCHITL QUETZALLI ANDRADE", "XÓCHITL QUETZALLI ANDRADE"),
        ("LÓPEZ-PORTILLO", "LÓPEZ-PORTILLO"),
        ("LIC. ROSA ICELA", "LIC. ROSA ICELA"),
    ],
)
def test_repair_name(read, repaired):
    assert repair_name(read) == repaired


@pytest.mark.parametrize(("origin", "nombre"), [("ocr", "Marco de la Garza"), ("text", "Marcó Della Garza")])
def test_only_names_read_by_ocr_are_repaired(origin, nombre):
    text = (
        'De conformidad con la cláusula TERCERA "LAS PARTES" designan como responsables '
        "a los servidores públicos:\nMARCÓ DELLA GARZA\nDIRECTOR DE EVALUACIÓN\n"
    )
    found = extract_responsables(layout_from_text(text, origin=origin))
    assert [r.nombre.value for r in found] == [nombre]


@pytest.mark.parametrize(
    ("read", "unsure", "repaired"),
    [
        ("VÍCTAR MANUEL RUIZ", {"VÍCTAR"}, "VÍCTOR MANUEL RUIZ"),
        ("XIMENAÁ ORTIZ", {"XIMENAÁ"}, "XIMENA ORTIZ"),
        # Read with confidence: as read.
        ("VÍCTAR MANUEL RUIZ", set(), "VÍCTAR MANUEL RUIZ"),
        # A mark a stroke left at the word's edge does not hide it.
        ("PAUCIÑA- DEL MORAL", {"PAUCIÑA-"}, "PAULINA DEL MORAL"),
        # Short words are too close to too many names; three-letter particles are not.
        ("ANA NAVAS", {"NAVAS"}, "ANA NAVAS"),
        ("MARÍA DEB UARMEN CARREÑO", {"DEB", "UARMEN"}, "MARÍA DEL CARMEN CARREÑO"),
        ("LUZ GIL", {"LUZ", "GIL"}, "LUZ GIL"),
        # Two names run together, the space read as a letter.
        ("ARACELTROMERO VELÁZQUEZ", {"ARACELTROMERO"}, "ARACELI ROMERO VELÁZQUEZ"),
        # A first letter a stroke ate, where only one name ends so.
        ("TZEL VELÁZQUEZ", {"TZEL"}, "ITZEL VELÁZQUEZ"),
        ("TZEL VELÁZQUEZ", set(), "TZEL VELÁZQUEZ"),
        ("JOSÉ EÚIS CARREÑO", {"EÚIS"}, "JOSÉ LUIS CARREÑO"),
        # A stroke read as a hyphen between two names, one of them a letter off.
        ("ROBEÉTO-ALBARRÁN GARCÍA", {"ROBEÉTO-ALBARRÁN"}, "ROBERTO ALBARRÁN GARCÍA"),
        # ... or between a name that is not listed and one that is; read surely, the hyphen stays.
        ("MARTHA ELENA DEL MORAL-FLORES", {"MORAL-FLORES"}, "MARTHA ELENA DEL MORAL FLORES"),
        ("JOSÉ LÓPEZ-PORTILLO", set(), "JOSÉ LÓPEZ-PORTILLO"),
        # ... or between names run into their particles ("DE DIOS", "ESTRADA DE").
        ("JUAN DEDIOS-ESTRADADE LOS REYES", {"DEDIOS-ESTRADADE"}, "JUAN DE DIOS ESTRADA DE LOS REYES"),
        ("JUAN DEDIOS-ESTRADADE LOS REYES", set(), "JUAN DE DIOS ESTRADA DE LOS REYES"),
        # The "LA" after "DE" misread, alone or run into the name after it; not where read surely.
        ("ÁNGEL DE tA CRUZ MUÑOZ", {"tA"}, "ÁNGEL DE la CRUZ MUÑOZ"),
        ("MARÍA DE DALUZ ÁLVAREZ", {"DALUZ"}, "MARÍA DE LA LUZ ÁLVAREZ"),
        ("MARÍA DE DALUZ ÁLVAREZ", set(), "MARÍA DE DALUZ ÁLVAREZ"),
        ("JUAN DE DIOS PÉREZ", {"DIOS"}, "JUAN DE DIOS PÉREZ"),
        # Two narrow letters read as one wide one; not where read surely.
        ("JUAN CARLOS GUMÉRREZ MUÑOZ", {"GUMÉRREZ"}, "JUAN CARLOS GUTIÉRREZ MUÑOZ"),
        ("JUAN CARLOS GUMÉRREZ MUÑOZ", set(), "JUAN CARLOS GUMÉRREZ MUÑOZ"),
        ("FEMPE DE JESÚS VÁZQUEZ", {"FEMPE"}, "FELIPE DE JESÚS VÁZQUEZ"),
        ("FEÚPE DE JESÚS CHÁVEZ", {"FEÚPE"}, "FELIPE DE JESÚS CHÁVEZ"),
        ("FRANCISCO JAMER DE LA CRUZ", {"JAMER"}, "FRANCISCO JAVIER DE LA CRUZ"),
        # Three letters left of a four-letter name whose first letter a stroke ate.
        ("SERGIO VÁN GARDUÑO", {"VÁN"}, "SERGIO IVÁN GARDUÑO"),
        ("SERGIO VÁN GARDUÑO", set(), "SERGIO VÁN GARDUÑO"),
        # A letter off several names: the one far more borne, where only one of them is.
        ("JUAN MERNÁNDEZ GARCÍA", {"MERNÁNDEZ"}, "JUAN HERNÁNDEZ GARCÍA"),
        ("IRÍA IBÁÑEZ", {"IRÍA"}, "IRÍA IBÁÑEZ"),
        # ... or the one whose letter print confuses with the one read (B for D: Darío, not Mario).
        ("RUBÉN BÁRÍO CARREÑO", {"BÁRÍO"}, "RUBÉN DARÍO CARREÑO"),
        # The first word two letters off one given name, when nothing else mends it.
        ("MIGUBE ÁNGEL FLORES", {"MIGUBE"}, "MIGUEL ÁNGEL FLORES"),
        ("ITZPÉ PÉREZ DE LA ROSA", {"ITZPÉ"}, "ITZEL PÉREZ DE LA ROSA"),
        ("YOLANDADE JESÚS HERNÁNDEZ", {"YOLANDADE"}, "YOLANDA DE JESÚS HERNÁNDEZ"),
        ("ÁNGEL MIGUBE FLORES", {"MIGUBE"}, "ÁNGEL MIGUBE FLORES"),
        # A name a letter off run into the particles after it.
        ("JESÚS BERNAEDE LA GARZA", {"BERNAEDE"}, "JESÚS BERNAL DE LA GARZA"),
        ("IRMA CARBAJAEDELÁ VEGA", {"CARBAJAEDELÁ"}, "IRMA CARBAJAL DE LA VEGA"),
        # A particle one letter off both "DEL" and "DELA": the name after it says which.
        ("SALVADOR DEA ROSA DÍAZ", {"DEA", "ROSA"}, "SALVADOR DE LA ROSA DÍAZ"),
        # "DELA" a letter off, and "DELIA" too: before a name written after "de la", the particles.
        ("ELEÑA DELTA ROSA DE LOS SANTOS", {"ELEÑA", "DELTA"}, "ELENA DE LA ROSA DE LOS SANTOS"),
        # The particles run into the name after them, its first letter misread.
        ("MARÍA DÉÉOURDES REYES CARBAJAL", {"DÉÉOURDES"}, "MARÍA DE LOURDES REYES CARBAJAL"),
        ("MARÍA DELTA GARCÍA LÓPEZ", {"DELTA"}, "MARÍA DELIA GARCÍA LÓPEZ"),
        ("JUAN DEA CASTILLO", {"DEA"}, "JUAN DEL CASTILLO"),
        # After "DE", a name read unsure is still mended.
        ("MARÍA DE EOURDES CRUZ", {"DE", "EOURDES"}, "MARÍA DE LOURDES CRUZ"),
    ],
)
def test_a_word_read_unsure_may_be_one_letter_off_a_listed_name(read, unsure, repaired):
    assert repair_name(read, frozenset(unsure)) == repaired


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("SUBCONTRALORA-DE AUDITORÍA Y CONTROL", "SUBCONTRALORA DE AUDITORÍA Y CONTROL"),
        ("JEFE DE LA UIPPE DÉLA SECRETARÍA DE EDUCACIÓN", "JEFE DE LA UIPPE DE LA SECRETARÍA DE EDUCACIÓN"),
        ("SUBDIRECTOR DE EGRESOS DE LA: TESORERÍA MUNICIPAL", "SUBDIRECTOR DE EGRESOS DE LA TESORERÍA MUNICIPAL"),
        ("JEFE DEL DEPARTAMENTO DÉ EVALUACIÓN", "JEFE DEL DEPARTAMENTO DE EVALUACIÓN"),
        ("RESPONSABLE DE LA ENTREGA-RECEPCIÓN", "RESPONSABLE DE LA ENTREGA-RECEPCIÓN"),
    ],
)
def test_repair_cargo_sets_particles_apart(read, repaired):
    assert repair_cargo(read) == repaired


@pytest.mark.parametrize(
    ("read", "unsure", "repaired"),
    [
        # A stroke over the cargo's first word, and its mark before it.
        ("——THFULAR DE LA UIPPE", {"——THFULAR"}, "TITULAR DE LA UIPPE"),
        ("ENCARGADA DE LA DIRECCIÓN DE/ SEGUIMIENTO", set(), "ENCARGADA DE LA DIRECCIÓN DE SEGUIMIENTO"),
        ("DIRECTQR GENERAL DE PLANEACIÓN", {"DIRECTQR"}, "DIRECTOR GENERAL DE PLANEACIÓN"),
        # A cargo head read well, or a word read with confidence, stays as read.
        ("DIRECTORA GENERAL", {"DIRECTORA"}, "DIRECTORA GENERAL"),
        ("THFULAR DE LA UIPPE", set(), "THFULAR DE LA UIPPE"),
        # A head whose first letters a stamp took, however sure the rest: only one head ends so.
        ("CARGADA DE LA DIRECCIÓN", set(), "ENCARGADA DE LA DIRECCIÓN"),
        ("RECTOR DE LA UNIVERSIDAD", set(), "RECTOR DE LA UNIVERSIDAD"),
        # An acronym one letter off, punctuation kept.
        ("JEFE DE LA UVIPPE, DEL MUNICIPIO", {"UVIPPE,"}, "JEFE DE LA UIPPE, DEL MUNICIPIO"),
        # Short acronyms are too close to too many words.
        ("JEFE DEL DIFF", {"DIFF"}, "JEFE DEL DIFF"),
        # A long word of the genre a letter off; a word of it read right, or read surely, stays.
        ("JEFA DEL COLEGIO DE EDUGACIÓN PROFESIONAL", {"EDUGACIÓN"}, "JEFA DEL COLEGIO DE EDUCACIÓN PROFESIONAL"),
        ("SUBDIRECTOR DE PROGRAMAS SOCIALES", {"PROGRAMAS"}, "SUBDIRECTOR DE PROGRAMAS SOCIALES"),
        ("JEFA DEL COLEGIO DE EDUGACIÓN", set(), "JEFA DEL COLEGIO DE EDUGACIÓN"),
        ("SUBDIRECTOR DE EGRESOS Y TESORERA", {"TESORERA"}, "SUBDIRECTOR DE EGRESOS Y TESORERA"),
        # A particle hyphened to a word of the genre a seal gave an accent.
        ("SUBCONTRALOR DE AUDITORÍA Y-CÓNTROL", {"Y-CÓNTROL"}, "SUBCONTRALOR DE AUDITORÍA Y CONTROL"),
        # A stroke read as a bracket before a particle; an acronym in brackets keeps them.
        ("JEFA DEL DEPARTAMENTO DE EVALUACIÓN (DELA UIPPE", set(), "JEFA DEL DEPARTAMENTO DE EVALUACIÓN DE LA UIPPE"),
        ("JEFE DE LA UNIDAD DE EVALUACIÓN (UIPPE)", set(), "JEFE DE LA UNIDAD DE EVALUACIÓN (UIPPE)"),
    ],
)
def test_repair_cargo_takes_unsure_words_to_the_nearest_cargo_head_or_acronym(read, unsure, repaired):
    assert repair_cargo(read, frozenset(unsure), frozenset({"UIPPE", "DIF"})) == repaired
