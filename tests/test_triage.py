"""Triage from hand-built pages: which text layers are usable, and the document's origin."""

import pytest

from extract.model import Page, Word
from extract.triage import assess_page, document_origin, needs_ocr

PROSE = (
    "PRIMERA. Objeto. El presente Convenio tiene por objeto establecer los compromisos "
    "de EL SUJETO EVALUADO que permitirán atender los Aspectos Susceptibles de Mejora "
    "fracciones XIV y XXIII, C.P. 50060, 31 de julio de 2019."
)


def page_of(text: str, origin: str = "text", number: int = 1) -> Page:
    words = [
        Word(token, (10.0 * i, 10.0, 10.0 * i + 8, 20.0), page=number, origin=origin)
        for i, token in enumerate(text.split())
    ]
    return Page(number=number, width=612.0, height=792.0, words=words, origin=origin)


@pytest.mark.parametrize(
    ("text", "needed", "reason_has"),
    [
        ("", True, "no text layer"),
        ("Página 3", True, "nearly empty"),
        (PROSE, False, "usable"),
        # A font without a Unicode map: the right number of glyphs, no letters.
        (" ".join(["\ufffd\ufffd\ufffd\ufffd"] * 20), True, "no Unicode mapping"),
        (" ".join(["\ue012\ue044\ue051"] * 20), True, "no Unicode mapping"),
        # A map pointing at the wrong characters.
        (" ".join(["#$%&", "()*+", "12;<"] * 10), True, "letters"),
        # UTF-8 read as Latin-1.
        ("La SecretarÃ\xada de Finanzas y la ContralorÃ\xada del Estado de MÃ©xico", True, "mojibake"),
        # The invisible layer of a bad earlier OCR over a scan.
        ("tHe sCrbbl fghtk lnrrt wqsd Mjkl pprst Cnvno de la Sctrr " * 3, True, "junk"),
        # Acronyms and roman numerals are not junk.
        ("fracciones XIV XXIII XVIII de la Ley del SNSP y la CJM con el FASP " * 2, False, "usable"),
    ],
)
def test_assess_page(text, needed, reason_has):
    verdict = assess_page(page_of(text))
    assert verdict.needs_ocr is needed
    assert reason_has in verdict.reason
    assert needs_ocr(page_of(text)) is needed


def test_an_ocr_page_is_never_read_again():
    assert not needs_ocr(page_of("", origin="ocr"))


def test_document_origin():
    digital, scanned, ocr_done = page_of(PROSE), page_of(""), page_of(PROSE, origin="ocr")
    assert document_origin([digital, digital]) == "digital"
    assert document_origin([scanned, scanned]) == "escaneado"
    assert document_origin([ocr_done, ocr_done]) == "escaneado"
    assert document_origin([digital, scanned]) == "mixto"
    assert document_origin([digital, ocr_done]) == "mixto"
    assert document_origin([]) == "digital"
    # A page the OCR stage found blank counts neither way.
    blank = Page(number=3, width=612.0, height=792.0, origin="ocr")
    assert document_origin([digital, digital, blank]) == "digital"
    assert document_origin([ocr_done, blank]) == "escaneado"
