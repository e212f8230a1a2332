"""Reading PDFs: words and rules in our coordinates, and every bad input as our error.

The small PDFs here are written with pikepdf from a few content-stream
operators, so each test states exactly what is on the page.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from extract import pdf as pdf_module
from extract.errors import CorruptPdfError, EncryptedPdfError, InputError
from extract.pdf import page_count, read_pages

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed" / "convenio_fasp_2019.pdf"


def make_pdf(*contents: bytes, size=(612, 792), rotate: int = 0, encryption=None) -> bytes:
    """A PDF with one page per content stream, Helvetica (WinAnsi) as /F1."""
    document = pikepdf.new()
    font = document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
    for content in contents:
        page = document.add_blank_page(page_size=size)
        page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.Contents = document.make_stream(content)
        if rotate:
            page.Rotate = rotate
    out = io.BytesIO()
    document.save(out, encryption=encryption, compress_streams=False)
    return out.getvalue()


def text_at(x: float, y: float, text: bytes, size: int = 12) -> bytes:
    """Text drawn with its baseline at (x, y) in PDF space (origin bottom-left)."""
    return b"BT /F1 %d Tf %g %g Td (%s) Tj ET\n" % (size, x, y, text)


# --- words --------------------------------------------------------------------


def test_words_come_in_points_from_the_top_left_corner():
    [page] = read_pages(make_pdf(text_at(72, 700, b"Secretar\xeda de Finanzas")))

    assert (page.number, page.width, page.height) == (1, 612, 792)
    assert [w.text for w in page.words] == ["Secretaría", "de", "Finanzas"]
    first = page.words[0]
    assert first.x0 == pytest.approx(72, abs=0.5)
    # Baseline 700 from the bottom is 92 from the top: the word stands just above it.
    assert 78 < first.top < 84 and 92 <= first.bottom < 96
    assert all(w.page == 1 and w.confidence == 1.0 and w.origin == "text" for w in page.words)
    assert page.words[0].x1 < page.words[1].x0 < page.words[2].x0


def test_a_word_hyphenated_at_a_line_end_stays_two_words_on_two_lines():
    content = b"BT /F1 12 Tf 72 700 Td (la pro-) Tj 0 -14 Td (gramaci\xf3n anual) Tj ET"

    [page] = read_pages(make_pdf(content))

    assert [w.text for w in page.words] == ["la", "pro-", "gramación", "anual"]
    assert page.words[2].top > page.words[1].bottom - 1


def test_symbol_font_bullets_and_ligatures_are_read_as_the_characters_they_show():
    assert pdf_module.fix_glyphs("\uf0b7 ﬁnanzas") == "• finanzas"


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_page_turned_for_display_still_reads_upright(rotation):
    [page] = read_pages(make_pdf(text_at(72, 700, b"Hola mundo"), rotate=rotation))

    assert (page.width, page.height) == (612, 792)
    hola, mundo = page.words
    assert hola.x0 == pytest.approx(72, abs=0.5) and hola.x1 < mundo.x0
    assert hola.top == pytest.approx(mundo.top)


@pytest.mark.parametrize("matrix, size", [(b"0 1 -1 0 300 100", (792, 612)), (b"-1 0 0 -1 500 700", (612, 792))])
def test_text_drawn_sideways_or_upside_down_reads_upright(matrix, size):
    content = b"BT /F1 12 Tf " + matrix + b" Tm (Hola mundo desde el costado) Tj ET"

    [page] = read_pages(make_pdf(content))

    assert (page.width, page.height) == size
    assert [w.text for w in sorted(page.words, key=lambda w: w.x0)] == ["Hola", "mundo", "desde", "el", "costado"]
    assert len({round(w.top) for w in page.words}) == 1
    assert all(w.x1 - w.x0 > w.bottom - w.top for w in page.words if len(w.text) > 3)


def test_a_scan_turned_for_display_comes_out_as_displayed():
    [page] = read_pages(make_pdf(b"0.9 g 0 0 612 792 re f", rotate=90))

    assert (page.width, page.height) == (792, 612)


def test_a_page_without_text_layer_has_no_words():
    scan_like = b"0.9 g 0 0 612 792 re f"  # a page-sized grey fill, as an image would be

    [page] = read_pages(make_pdf(scan_like))

    assert page.words == []
    assert page.rules == []


# --- rules ----------------------------------------------------------------------


def test_stroked_lines_and_thin_filled_rectangles_become_rules():
    content = (
        b"0.5 w 72 600 m 540 600 l S\n"  # a horizontal line
        b"300 500 m 300 300 l S\n"  # a vertical line
        b"72 200 468 0.75 re f\n"  # Word draws borders as thin filled rectangles
    )

    [page] = read_pages(make_pdf(content))

    boxes = sorted((tuple(round(v, 1) for v in r.bbox), r.is_horizontal) for r in page.rules)
    assert boxes == [
        ((72.0, 191.8, 540.0, 192.2), True),
        ((72.0, 591.2, 540.0, 592.0), True),
        ((299.8, 292.0, 300.2, 492.0), False),
    ]


def test_a_stroked_rectangle_gives_its_four_sides():
    [page] = read_pages(make_pdf(b"1 w 100 300 200 100 re S"))

    assert sorted(r.is_horizontal for r in page.rules) == [False, False, True, True]


def test_curves_white_lines_and_big_fills_are_not_rules():
    content = (
        b"72 600 m 100 650 200 650 300 600 c S\n"  # a curve (a logo, a signature)
        b"1 1 1 RG 72 400 m 540 400 l S\n"  # white on white
        b"0 0 0 rg 72 100 200 200 re f\n"  # a filled block
    )

    [page] = read_pages(make_pdf(content))

    assert page.rules == []


def test_rules_inside_a_form_xobject_are_placed_on_the_page():
    document = pikepdf.open(io.BytesIO(make_pdf(b"q 1 0 0 1 100 50 cm /Fm1 Do Q")))
    form = document.make_stream(b"0 0 m 200 0 l S")
    form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 300, 10]
    document.pages[0].Resources.XObject = pikepdf.Dictionary(Fm1=form)
    out = io.BytesIO()
    document.save(out)

    [page] = read_pages(out.getvalue())

    [rule] = page.rules
    assert rule.bbox[0] == pytest.approx(100) and rule.bbox[2] == pytest.approx(300)
    assert (rule.bbox[1] + rule.bbox[3]) / 2 == pytest.approx(792 - 50)


# --- the seed convenio ------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="the seed sample is generated by samples/generator")
def test_seed_convenio_reads_every_page_with_words_and_table_rules():
    pages = read_pages(SEED)

    assert len(pages) == page_count(SEED) == 9
    assert all(page.words for page in pages)
    assert any(len(page.rules) > 10 for page in pages), "the ASM tables are ruled grids"
    for page in pages:
        assert all(0 <= w.x0 <= w.x1 <= page.width and 0 <= w.top <= w.bottom <= page.height for w in page.words)
    assert pages[0].words[0].top < 100, "the first words of a page are at its top"


# --- bad inputs -------------------------------------------------------------------


def test_empty_input_says_the_file_is_empty():
    with pytest.raises(InputError, match="empty"):
        read_pages(b"")


def test_random_bytes_are_not_a_pdf():
    with pytest.raises(InputError, match="not a PDF"):
        read_pages(os.urandom(4096))


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(InputError, match="not found") as error:
        read_pages(tmp_path / "nada.pdf")
    assert error.value.path.endswith("nada.pdf")


def test_a_pdf_cut_before_its_pages_is_corrupt():
    whole = make_pdf(text_at(72, 700, b"Hola"), text_at(72, 700, b"Adios"))

    with pytest.raises(CorruptPdfError, match="damaged"):
        read_pages(whole[: whole.index(b"/Type /Page")])


def test_a_pdf_cut_after_its_first_page_gives_what_survives():
    whole = make_pdf(text_at(72, 700, b"Hola"), text_at(72, 700, b"Adios"))
    cut = whole.index(b"Adios")

    pages = read_pages(whole[:cut])

    assert [w.text for w in pages[0].words] == ["Hola"]


def test_a_pdf_without_pages_says_so_whatever_was_read_before():
    empty = io.BytesIO()
    pikepdf.new().save(empty)
    messages = []
    for before in (None, b"%PDF-1.4 damaged"):
        if before is not None:
            with pytest.raises(CorruptPdfError):
                read_pages(before)
        with pytest.raises(CorruptPdfError, match="no pages") as error:
            read_pages(empty.getvalue())
        messages.append(error.value.message)

    assert messages[0] == messages[1]


def test_a_password_protected_pdf_asks_for_the_password():
    locked = make_pdf(text_at(72, 700, b"Hola"), encryption=pikepdf.Encryption(owner="dueno", user="secreto"))

    with pytest.raises(EncryptedPdfError, match="password"):
        read_pages(locked)
    with pytest.raises(EncryptedPdfError):
        page_count(locked)


def test_a_pdf_with_only_an_owner_password_opens():
    restricted = make_pdf(text_at(72, 700, b"Hola"), encryption=pikepdf.Encryption(owner="dueno", user=""))

    assert [w.text for w in read_pages(restricted)[0].words] == ["Hola"]


def test_a_pdf_that_pdfium_refuses_is_repaired_with_qpdf_first(monkeypatch):
    original = make_pdf(text_at(72, 700, b"Hola"))
    real_document = pdfium.PdfDocument
    opened = []

    def refuse_unrepaired(data, *args, **kwargs):
        opened.append(data)
        if data == original:
            raise pdfium.PdfiumError("Failed to load document", err_code=pdfium.raw.FPDF_ERR_FORMAT)
        return real_document(data, *args, **kwargs)

    monkeypatch.setattr(pdf_module.pdfium, "PdfDocument", refuse_unrepaired)

    [page] = read_pages(original)

    assert [w.text for w in page.words] == ["Hola"]
    assert len(opened) == 2 and opened[1] != original, "the second attempt reads qpdf's rewrite"
