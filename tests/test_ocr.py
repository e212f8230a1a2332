"""OCR stage: from small drawn images to a scanned sample, with real Tesseract.

Tesseract is a hard requirement here (CI installs it): a missing Tesseract
fails these tests with the install hint instead of skipping them.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.errors import CorruptPdfError, OcrError
from extract.model import Page, Word
from extract.ocr import (
    NullEngine,
    OcrWord,
    TesseractEngine,
    _as_wide_as_their_text,
    _drop_debris,
    _keep,
    _left_out_pieces,
    estimate_skew,
    flatten_background,
    lies_sideways,
    Crops,
    Reading,
    ocr_images,
    ocr_pages,
    print_lines_under,
    read_crops,
    reread_signature_names,
    second_look,
    _with_names_reread,
    _within_neighbours,
)
from extract.raster import MIN_DPI, PIXEL_BUDGET, open_document, page_image

DPI = 300
SCANNED_SEED = Path(__file__).resolve().parents[1] / "samples" / "seed" / "convenio_fasp_2019_escaneado.pdf"

LINES = [
    "CONVENIO PARA LA MEJORA DEL DESEMPEÑO",
    "La Secretaría de Finanzas y la Contraloría",
    "Fecha comprometida de cumplimiento",
    "31 de julio de 2019, en Toluca de Lerdo",
    "Hallazgo y Actividad comprometida",
    "El presente Convenio se firma por triplicado",
]


def font(size_pt: float) -> ImageFont.FreeTypeFont:
    size = round(size_pt * DPI / 72)
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:  # no DejaVu: Pillow's own scalable font
        return ImageFont.load_default(size)


def drawn_page(lines: list[str], width_pt: float = 400, height_pt: float = 200, size_pt: float = 12):
    """A white page image with `lines` of text; returns it and each word's box in points."""
    scale = DPI / 72
    image = Image.new("L", (round(width_pt * scale), round(height_pt * scale)), 255)
    draw = ImageDraw.Draw(image)
    face = font(size_pt)
    boxes: dict[str, tuple[float, float, float, float]] = {}
    y = 20 * scale
    for line in lines:
        x = 20 * scale
        for word in line.split():
            left, top, right, bottom = draw.textbbox((x, y), word, font=face)
            draw.text((x, y), word, font=face, fill=0)
            boxes[word] = (left / scale, top / scale, right / scale, bottom / scale)
            x = right + draw.textlength(" ", font=face)
        y += size_pt * 1.6 * scale
    return np.asarray(image), boxes


@pytest.fixture(scope="module")
def tesseract() -> TesseractEngine:
    try:
        return TesseractEngine()
    except OcrError as error:
        pytest.fail(f"these tests need Tesseract with Spanish data: {error}")


def test_tesseract_reads_words_with_tight_boxes_in_points(tesseract):
    pixels, drawn = drawn_page(LINES[:3])
    page = ocr_images([pixels], [Page(4, 400, 200)], tesseract)[0]
    assert (page.number, page.width, page.height, page.origin, page.rotation) == (4, 400, 200, "ocr", 0)
    read = {w.text: w for w in page.words}
    for text in ("CONVENIO", "DESEMPEÑO", "Secretaría", "Contraloría", "comprometida", "cumplimiento"):
        assert text in read, f"{text!r} not read; got {sorted(read)}"
        word = read[text]
        assert word.origin == "ocr" and word.page == 4 and 0.5 < word.confidence <= 1.0
        # Each word's own box, within a point and a half of where it was drawn.
        assert max(abs(a - b) for a, b in zip(word.bbox, drawn[text])) < 1.5, (text, word.bbox, drawn[text])


def test_tesseract_reads_several_images_in_one_run_and_keeps_their_words_apart(tesseract):
    first, _ = drawn_page(LINES[:1])
    second, _ = drawn_page(LINES[1:2])
    both = tesseract.recognize([first, second], DPI)
    assert [[w.text for w in words] for words in both] == [
        [w.text for w in tesseract.recognize([first], DPI)[0]],
        [w.text for w in tesseract.recognize([second], DPI)[0]],
    ]
    assert all(words for words in both) and tesseract.recognize([], DPI) == []


@pytest.mark.parametrize("turned", [90, 180, 270])
def test_a_page_fed_turned_is_read_upright(tesseract, turned):
    pixels, drawn = drawn_page(LINES, width_pt=400, height_pt=220)
    fed = np.ascontiguousarray(np.rot90(pixels, k=turned // 90))  # turned counter-clockwise as fed
    width, height = (220, 400) if turned in (90, 270) else (400, 220)
    page = ocr_images([fed], [Page(1, width, height)], tesseract)[0]
    assert page.rotation == turned  # clockwise degrees that set it upright
    assert (page.width, page.height) == (400, 220)
    read = {w.text: w for w in page.words}
    assert {"Secretaría", "comprometida", "triplicado"} <= set(read)
    assert max(abs(a - b) for a, b in zip(read["triplicado"].bbox, drawn["triplicado"])) < 2


def test_a_page_fed_upside_down_is_read_upright_when_osd_cannot_tell(tesseract, monkeypatch):
    pixels, _ = drawn_page(LINES, width_pt=400, height_pt=220)
    monkeypatch.setattr(tesseract, "detect_rotation", lambda pixels, dpi: None)
    page = ocr_images([np.ascontiguousarray(np.rot90(pixels, k=2))], [Page(1, 400, 220)], tesseract)[0]
    assert page.rotation == 180
    assert {"Secretaría", "comprometida", "triplicado"} <= {w.text for w in page.words}


def test_a_page_on_its_side_is_told_from_an_upright_one_by_its_ink():
    pixels, _ = drawn_page(LINES, width_pt=400, height_pt=220)
    assert not lies_sideways(pixels)
    assert not lies_sideways(np.ascontiguousarray(np.rot90(pixels, k=2)))
    assert lies_sideways(np.ascontiguousarray(np.rot90(pixels, k=1)))
    assert lies_sideways(np.ascontiguousarray(np.rot90(pixels, k=3)))


@pytest.mark.parametrize("angle", [-1.5, -0.6, 0.8, 1.5])
def test_skew_is_measured(angle):
    pixels, _ = drawn_page(LINES, width_pt=400, height_pt=220)
    skewed = np.asarray(Image.fromarray(pixels).rotate(angle, resample=Image.BILINEAR, fillcolor=255))
    # PIL turns counter-clockwise for a positive angle, OpenCV too: the fix is the opposite.
    assert estimate_skew(skewed) == pytest.approx(-angle, abs=0.15)


def test_a_shaded_header_cell_is_lifted_to_the_paper_and_its_print_kept():
    page = np.full((600, 1200), 242, dtype=np.uint8)
    page[100:200, 100:1100] = 178  # grey header band
    page[130:170, 300:310] = 30  # a stroke of print on it
    page[400:440, 300:310] = 30  # and one on plain paper
    flat = flatten_background(page, DPI)
    assert flat[150, 600] > 232  # band now paper
    assert flat[150, 305] < 80  # print on it still dark
    assert (flat[300:, :] == page[300:, :]).all()  # plain paper left alone


def grid_image(columns_pt, rows_pt, width_pt=400, height_pt=300, line_pt=1.0):
    scale = DPI / 72
    image = Image.new("L", (round(width_pt * scale), round(height_pt * scale)), 255)
    draw = ImageDraw.Draw(image)
    thickness = max(1, round(line_pt * scale))
    x0, x1, y0, y1 = columns_pt[0], columns_pt[-1], rows_pt[0], rows_pt[-1]
    for y in rows_pt:
        draw.line([(x0 * scale, y * scale), (x1 * scale, y * scale)], fill=0, width=thickness)
    for x in columns_pt:
        draw.line([(x * scale, y0 * scale), (x * scale, y1 * scale)], fill=0, width=thickness)
    return image


def test_table_borders_become_rules_in_points():
    columns, rows = [40, 80, 240, 360], [50, 70, 130, 150, 250]
    image = grid_image(columns, rows)
    draw = ImageDraw.Draw(image)
    # A handwritten-looking lone stroke in the margin is not a border.
    draw.line([(380 * DPI / 72, 60 * DPI / 72), (380 * DPI / 72, 120 * DPI / 72)], fill=0, width=4)
    page = ocr_images([np.asarray(image)], [Page(2, 400, 300)], NullEngine())[0]
    horizontal = sorted((r for r in page.rules if r.is_horizontal), key=lambda r: r.bbox[1])
    vertical = sorted((r for r in page.rules if not r.is_horizontal), key=lambda r: r.bbox[0])
    assert len(horizontal) == len(rows) and len(vertical) == len(columns)
    for rule, y in zip(horizontal, rows):
        x0, top, x1, bottom = rule.bbox
        assert abs((top + bottom) / 2 - y) < 1.5 and abs(x0 - 40) < 2 and abs(x1 - 360) < 2
    for rule, x in zip(vertical, columns):
        x0, top, x1, bottom = rule.bbox
        assert abs((x0 + x1) / 2 - x) < 1.5 and abs(top - 50) < 2 and abs(bottom - 250) < 2
    assert all(rule.page == 2 for rule in page.rules)


def test_a_row_border_with_text_sitting_on_it_is_still_a_rule():
    columns, rows = [40, 80, 360], [50, 70, 150]
    image = grid_image(columns, rows)
    draw = ImageDraw.Draw(image)
    scale = DPI / 72
    # The row's last line touches its bottom border, as a scan of a table cut
    # by the end of the page shows it; an underline under text with no
    # borders standing on it stays out.
    for y_pt in (150, 200):
        draw.text((42 * scale, (y_pt - 8) * scale), "5", font=font(10), fill=0)
        draw.text((82 * scale, (y_pt - 8) * scale), "documentar los comprobables de todas y cada", font=font(10), fill=0)
    draw.line([(40 * scale, 200 * scale), (360 * scale, 200 * scale)], fill=0, width=max(1, round(scale)))
    page = ocr_images([np.asarray(image)], [Page(1, 400, 300)], NullEngine())[0]
    levels = sorted(round((r.bbox[1] + r.bbox[3]) / 2) for r in page.rules if r.is_horizontal)
    assert levels == rows


def test_skewed_table_borders_come_out_straight():
    image = grid_image([40, 200, 360], [50, 150, 250]).rotate(1.2, resample=Image.BILINEAR, fillcolor=255)
    page = ocr_images([np.asarray(image)], [Page(1, 400, 300)], NullEngine())[0]
    horizontal = [r for r in page.rules if r.is_horizontal]
    assert len(horizontal) == 3
    assert all(r.bbox[3] - r.bbox[1] < 3 for r in horizontal)  # level, not a slanted band


def test_second_look_reads_what_the_page_reading_left_out(tesseract):
    pixels, boxes = drawn_page(["H-4   En materia administrativa", "H-5   Con relación a la operación"])
    image = Image.fromarray(pixels)
    draw = ImageDraw.Draw(image)
    scale = DPI / 72
    draw.ellipse([(300 * scale, 100 * scale), (302 * scale, 102 * scale)], fill=0)  # a speck
    draw.line([(250 * scale, 120 * scale), (390 * scale, 190 * scale)], fill=0, width=6)  # a scribble
    pixels = np.asarray(image)

    def pixel_box(text):
        x0, top, x1, bottom = boxes[text]
        return (round(x0 * scale), round(top * scale), round(x1 * scale), round(bottom * scale))

    # The page's reading has every word but the first line's label.
    read = [OcrWord(text, pixel_box(text), 0.95) for text in boxes if text != "H-4"]
    found = second_look([Reading(pixels, read, [])], DPI, tesseract)[0].words[len(read) :]
    assert [w.text for w in found] == ["H-4"]
    expected = pixel_box("H-4")
    assert all(abs(a - b) <= 6 for a, b in zip(found[0].box, expected))


def blank_sheet(width_pt: float, height_pt: float):
    """A white page of that size in points, at `DPI`, and a pen to draw on it."""
    image = Image.new("L", (round(width_pt * DPI / 72), round(height_pt * DPI / 72)), 255)
    return image, ImageDraw.Draw(image)


def drawn_and_read(draw, text: str, xy: tuple[float, float], face) -> OcrWord:
    """Draw `text` at `xy` and return it as the page's reading would: one word over its box."""
    draw.text(xy, text, font=face, fill=0)
    x0, y0, x1, y1 = draw.textbbox(xy, text, font=face)
    return OcrWord(text, (round(x0), round(y0), round(x1), round(y1)), 0.96)


def test_second_look_reads_a_label_broken_down_a_narrow_column_and_the_number_under_it(tesseract):
    scale = DPI / 72
    image, draw = blank_sheet(400, 200)
    face = font(12)
    read = []
    # The page's reading has the wide column's text...
    for row, text in enumerate(["Con relación a la operación", "se advierte que los documentos"]):
        read.append(drawn_and_read(draw, text, (120 * scale, (20 + 15 * (row + 5)) * scale), face))
    # ...but not the label stacked in the narrow first column, nor the row's number.
    for row, text in enumerate(["comp", "rome", "tida", "nto:", "", "3"]):
        draw.text((30 * scale, (20 + 15 * row) * scale), text, font=face, fill=0)
    found = second_look([Reading(np.asarray(image), read, [])], DPI, tesseract)[0].words[len(read) :]
    assert [w.text for w in found] == ["comp", "rome", "tida", "nto:", "3"]


def test_second_look_reads_row_numbers_left_out_beside_initials_in_the_margin_read_unsure(tesseract):
    scale = DPI / 72
    image, draw = blank_sheet(420, 260)
    face = font(10)
    read = []
    for row, text in enumerate(["Es necesario capacitar al personal", "Derivado del resultado de la evaluación"]):
        top = (30 + 60 * row) * scale
        draw.text((30 * scale, top), str(row + 1), font=face, fill=0)  # the row's number, left out
        read.append(drawn_and_read(draw, text, (60 * scale, top), face))
    # Initials in the margin, three lines tall, read as a short word unsure.
    loops = [(370 + 8 * (i % 2), 40 + 5 * i) for i in range(8)]
    draw.line([(x * scale, y * scale) for x, y in loops], fill=0, width=round(1.5 * scale))
    read.append(OcrWord("vn", (round(368 * scale), round(38 * scale), round(380 * scale), round(77 * scale)), 0.18))
    found = second_look([Reading(np.asarray(image), read, [])], DPI, tesseract)[0].words[len(read) :]
    assert [w.text for w in found] == ["1", "2"]


def test_the_rest_of_a_word_whose_box_tesseract_cut_short_is_not_left_out_ink():
    pixels, boxes = drawn_page(["ENCARGADO DE LA DIRECCIÓN GENERAL Y PLANEACIÓN"], size_pt=8)
    scale = DPI / 72
    read = []
    for text, (x0, top, x1, bottom) in boxes.items():
        if text == "ENCARGADO":
            x1 = x0 + (x1 - x0) * 0.55  # the box ends after "ENCAR"
        read.append(OcrWord(text, (round(x0 * scale), round(top * scale), round(x1 * scale), round(bottom * scale)), 0.96))
    typical = read[0].box[3] - read[0].box[1]
    assert _left_out_pieces(pixels, read, [], typical) == []
    widened = _as_wide_as_their_text(read)
    encargado, de = widened[0].box, widened[1].box
    assert boxes["ENCARGADO"][2] * scale <= encargado[2] <= de[0]
    assert widened[1:] == read[1:]


def test_second_look_reads_a_short_word_read_unsure_again(tesseract):
    pixels, boxes = drawn_page(["2.   Asimismo, se identificó"])
    scale = DPI / 72
    read = [OcrWord("Le" if text == "2." else text, tuple(round(v * scale) for v in box), 0.54 if text == "2." else 0.95) for text, box in boxes.items()]
    again = second_look([Reading(pixels, read, [])], DPI, tesseract)[0].words
    assert [w.text for w in again] == ["2.", "Asimismo,", "se", "identificó"]
    assert again[0].box == read[0].box and again[0].confidence > 0.54


class RecordingLines(NullEngine):
    """Reads one word at the top of each canvas of lines it is shown, remembering each run's canvases."""

    def __init__(self):
        self.runs = []

    def recognize_lines(self, images, dpi):
        self.runs.append([image.shape for image in images])
        return [[OcrWord("x", (0, 0, 5, 5), 0.9)] for _ in images]


def test_pieces_too_many_for_one_image_are_set_on_several_read_in_one_run(monkeypatch):
    monkeypatch.setattr("extract.ocr._MAX_CANVAS_HEIGHT", 1000)
    pixels = np.full((3000, 500), 255, dtype=np.uint8)
    pieces = [(10, top, 110, top + 30) for top in range(0, 2900, 100)]  # 29 pieces, 90 px each on the canvas
    engine = RecordingLines()
    [read] = read_crops([Crops.cut(pixels, pieces, margin=30)], DPI, engine)
    assert len(read) == len(pieces)
    [canvases] = engine.runs
    assert all(height <= 1000 for height, _ in canvases) and len(canvases) == 3
    # Each canvas's word goes back to the first piece of its canvas, where it was cut from.
    assert [len(r) for r in read].count(1) == 3
    assert read[0][0].box == (10 - 30, 0 - 30, 15 - 30, 5 - 30)


def test_the_crops_of_several_pages_are_read_in_one_run_and_go_back_to_their_pages():
    pixels = np.full((1000, 500), 255, dtype=np.uint8)
    engine = RecordingLines()
    first, empty, third = read_crops(
        [Crops.cut(pixels, [(0, 100, 50, 130)], 10), Crops.cut(pixels, [], 10), Crops.cut(pixels, [(200, 400, 260, 430)] * 2, 10)],
        DPI,
        engine,
    )
    assert len(engine.runs) == 1 and len(engine.runs[0]) == 2  # a canvas for each page with crops
    assert [len(words) for words in first] == [1] and empty == [] and [len(words) for words in third] == [1, 0]
    assert first[0][0].box[:2] == (0 - 10, 100 - 10) and third[0][0].box[:2] == (200 - 10, 400 - 10)


def test_second_look_has_nothing_to_read_on_a_page_read_whole(tesseract):
    pixels, boxes = drawn_page(["CONVENIO PARA LA MEJORA", "Secretaría de Finanzas y Contraloría", "Fecha comprometida: 31/07/2019"])
    scale = DPI / 72
    read = [OcrWord(text, tuple(round(v * scale) for v in box), 0.95) for text, box in boxes.items()]
    assert second_look([Reading(pixels, read, [])], DPI, tesseract)[0].words == read


def signature_block(scale: float = DPI / 72):
    """A signature line, the name printed just under it and a scribble across both."""
    image = Image.new("L", (round(400 * scale), round(200 * scale)), 255)
    draw = ImageDraw.Draw(image)
    draw.line([(100 * scale, 100 * scale), (310 * scale, 100 * scale)], fill=0, width=max(1, round(scale)))
    draw.text((110 * scale, 102 * scale), "MARÍA DEL CARMEN LÓPEZ GÓMEZ", font=font(10), fill=0)
    draw.text((110 * scale, 120 * scale), "SUBDIRECTORA DE EVALUACIÓN", font=font(10), fill=0)
    return image


@pytest.mark.parametrize("loop_read_as_text", [False, True])
def test_the_name_under_a_signature_line_is_read_again_when_the_page_reading_lost_it(tesseract, loop_read_as_text):
    pixels = np.asarray(signature_block())
    page_reading = tesseract.recognize([pixels], DPI)[0]
    cargo = [w for w in page_reading if w.box[1] > 115 * DPI / 72]
    # The page's reading kept the cargo and two letters of the name.
    lost = cargo + [OcrWord("M", (round(110 * DPI / 72), round(103 * DPI / 72), round(117 * DPI / 72), round(111 * DPI / 72)), 0.9)]
    if loop_read_as_text:  # a signature's loop above the line read as a short word, not unsure enough to be debris
        lost.append(OcrWord("ÓN", (round(200 * DPI / 72), round(85 * DPI / 72), round(215 * DPI / 72), round(97 * DPI / 72)), 0.53))
    reread = reread_signature_names([Reading(pixels, lost, [])], DPI, tesseract)[0].words
    name = [w.text for w in sorted(reread, key=lambda w: w.box[0]) if 100 * DPI / 72 < w.box[1] < 115 * DPI / 72]
    # Read whole, with OCR's usual slips in letters ("DEl", "LÓPE7") that
    # the names' repair downstream deals with.
    assert len(name) == 5 and {"MARÍA", "CARMEN", "GÓMEZ"} <= set(name)
    assert [w.text for w in reread if w.box[1] > 115 * DPI / 72] == [w.text for w in cargo]


def test_a_name_read_again_is_not_kept_twice_where_the_page_boxed_it_tall_over_the_signature(tesseract):
    pixels = np.asarray(signature_block())
    page_reading = tesseract.recognize([pixels], DPI)[0]
    scale = DPI / 72
    cargo = [w for w in page_reading if w.box[1] > 115 * scale]
    # Read through the signature: each name word unsure, boxed from well above the line to under the name.
    tall = [
        OcrWord(w.text, (w.box[0], round(86 * scale), w.box[2], round(114 * scale)), 0.2)
        for w in page_reading if 100 * scale < w.box[1] < 115 * scale
    ]
    reread = reread_signature_names([Reading(pixels, cargo + tall, [])], DPI, tesseract)[0].words
    name = [w for w in reread if w.box[3] <= 115 * scale]
    assert len(name) == 5 and all(w.confidence > 0.5 for w in name)


def test_a_cargo_line_running_past_its_signature_lines_ends_is_read_again_whole(tesseract):
    scale = DPI / 72
    image, draw = blank_sheet(500, 200)
    draw.line([(200 * scale, 100 * scale), (330 * scale, 100 * scale)], fill=0, width=max(1, round(scale)))
    draw.text((210 * scale, 102 * scale), "JUAN RAMÍREZ ORTIZ", font=font(10), fill=0)
    draw.text((60 * scale, 116 * scale), "JEFE DEL DEPARTAMENTO DE EVALUACIÓN DE LA UNIDAD DE PLANEACIÓN", font=font(10), fill=0)
    draw.text((60 * scale, 30 * scale), "El presente Convenio se firma por triplicado.", font=font(10), fill=0)
    pixels = np.asarray(image)
    # The page's reading kept the sentence but lost the whole block (a seal over it made it a picture).
    sentence = [w for w in tesseract.recognize([pixels], DPI)[0] if w.box[3] < 60 * scale]
    reread = reread_signature_names([Reading(pixels, sentence, [])], DPI, tesseract)[0].words
    cargo = [w.text for w in sorted(reread, key=lambda w: w.box[0]) if w.box[1] > 114 * scale]
    assert cargo[:3] == ["JEFE", "DEL", "DEPARTAMENTO"] and cargo[-1] == "PLANEACIÓN"


def test_a_word_in_a_name_band_beyond_what_the_band_read_again_stays(tesseract):
    pixels = np.asarray(signature_block())
    page_reading = tesseract.recognize([pixels], DPI)[0]
    cargo = [w for w in page_reading if w.box[1] > 115 * DPI / 72]
    lost = cargo + [OcrWord("M", (round(110 * DPI / 72), round(103 * DPI / 72), round(117 * DPI / 72), round(111 * DPI / 72)), 0.9)]
    # A word of the next block, boxed by the page's reading far from its print, inside this band.
    neighbour = OcrWord("LUGÍA", (round(296 * DPI / 72), round(103 * DPI / 72), round(309 * DPI / 72), round(111 * DPI / 72)), 0.78)
    reread = reread_signature_names([Reading(pixels, lost + [neighbour], [])], DPI, tesseract)[0].words
    assert neighbour in reread and "CARMEN" in [w.text for w in reread]


def test_a_name_read_whole_is_left_as_the_page_read_it(tesseract):
    pixels = np.asarray(signature_block())
    page_reading = tesseract.recognize([pixels], DPI)[0]
    assert reread_signature_names([Reading(pixels, page_reading, [])], DPI, tesseract)[0].words == page_reading


def gapped_signature_block(scale: float = DPI / 72):
    """A signature line with the name a line's height under it, and a light blue scribble (its brightest channel ~140) across the name."""
    image = Image.new("L", (round(400 * scale), round(200 * scale)), 255)
    draw = ImageDraw.Draw(image)
    loops = [(100 + 12 * i, 125 if i % 2 else 80) for i in range(18)]
    draw.line([(x * scale, y * scale) for x, y in loops], fill=140, width=round(2.5 * scale))
    # Print drawn over the ink: where they cross the paper shows the darker of the two.
    draw.line([(100 * scale, 100 * scale), (310 * scale, 100 * scale)], fill=0, width=max(1, round(scale)))
    draw.text((110 * scale, 112 * scale), "ROSA MARÍA OLVERA PEÑA", font=font(10), fill=0)
    draw.text((110 * scale, 126 * scale), "DIRECTORA DE CONTROL Y EVALUACIÓN", font=font(10), fill=0)
    return image


def test_the_lines_under_a_signature_line_are_found_however_far_below_it():
    pixels = np.asarray(gapped_signature_block())
    scale = DPI / 72
    line = (round(100 * scale), round(99 * scale), round(310 * scale), round(101 * scale))
    (left, top, right, bottom), cargo = print_lines_under(pixels, line, typical=10 * scale)
    # The whole name (drawn from 112 pt, ~10 pt tall) and nothing of the cargo under it (from 126 pt) ...
    assert top <= 113 * scale and 121 * scale <= bottom < 127 * scale
    assert left < 110 * scale and right > 240 * scale
    # ... then the cargo's line.
    assert 121 * scale < cargo[1] <= 127 * scale and 135 * scale <= cargo[3]


def test_a_cargo_line_of_one_short_word_under_long_ones_is_a_line_of_print_too():
    scale = DPI / 72
    image, draw = blank_sheet(400, 200)
    draw.line([(100 * scale, 100 * scale), (310 * scale, 100 * scale)], fill=0, width=max(1, round(scale)))
    draw.text((110 * scale, 104 * scale), "MARÍA GUADALUPE HERNÁNDEZ CASTAÑEDA", font=font(10), fill=0)
    draw.text((100 * scale, 117 * scale), "DIRECTORA DE EVALUACIÓN DEL DESARROLLO", font=font(10), fill=0)
    draw.text((170 * scale, 130 * scale), "MUNICIPAL", font=font(10), fill=0)
    line = (round(100 * scale), round(99 * scale), round(310 * scale), round(101 * scale))
    bands = print_lines_under(np.asarray(image), line, typical=10 * scale)
    assert len(bands) == 3
    assert 127 * scale < bands[2][1] <= 131 * scale and bands[2][3] >= 139 * scale


def test_a_band_read_as_print_only_keeps_the_accents_the_page_read():
    page = [OcrWord("DIRECCIÓN", (110, 10, 200, 30), 0.97), OcrWord("PÚBLICA", (210, 10, 280, 30), 0.96)]
    as_scanned = [OcrWord("CONTROL", (20, 10, 90, 30), 0.0), *page]
    # Print only, the stamp over "CONTROL" is gone, and so are the accents' light pixels.
    as_printed = [OcrWord("CONTROL", (20, 10, 90, 30), 0.96), OcrWord("DIRECCION", (110, 10, 200, 30), 0.93),
                  OcrWord("PUBLICA", (210, 10, 280, 30), 0.96)]
    words = _with_names_reread(page, [(5, 5, 300, 35)], [as_scanned, as_printed])
    assert sorted(w.text for w in words) == ["CONTROL", "DIRECCIÓN", "PÚBLICA"]


def test_a_name_crossed_by_light_ink_is_read_from_its_print(tesseract):
    pixels = np.asarray(gapped_signature_block())
    cargo = [w for w in tesseract.recognize([pixels], DPI)[0] if w.box[1] > 124 * DPI / 72]
    reread = reread_signature_names([Reading(pixels, cargo, [])], DPI, tesseract)[0].words
    name = [w.text for w in sorted(reread, key=lambda w: w.box[0]) if w.box[1] < 124 * DPI / 72]
    assert name == ["ROSA", "MARÍA", "OLVERA", "PEÑA"]


def test_a_reread_word_whose_box_runs_over_its_neighbours_is_cut_back_between_them():
    line = [
        OcrWord("MARÍA", (0, 0, 50, 20), 0.9),
        OcrWord("DEL", (60, 0, 80, 20), 0.9),
        OcrWord("CARMEN", (10, 0, 200, 20), 0.9),  # spans DEL and LÓPEZ
        OcrWord("LÓPEZ", (150, 0, 190, 20), 0.9),
    ]
    assert [w.box[0] for w in sorted(_within_neighbours(line), key=lambda w: w.box[0])] == [0, 60, 81, 150]
    assert _within_neighbours(line)[2].box == (81, 0, 149, 20)


@pytest.mark.parametrize(
    ("line", "fitted"),
    [
        # Boxed back over the word before: "CARBAJAL" from where "MARÍA" starts.
        ([("DULCE", 211, 248), ("MARÍA", 255, 288), ("CARBAJAL", 252, 378), ("DEL", 354, 374)],
         [("DULCE", 211, 248), ("MARÍA", 255, 288), ("CARBAJAL", 289, 353), ("DEL", 354, 374)]),
        # Boxed over the words after: the wide box is cut, not the right one.
        ([("de", 369, 378), ("Indicadores", 383, 449), ("para", 432, 451)],
         [("de", 369, 378), ("Indicadores", 383, 431), ("para", 432, 451)]),
    ],
)
def test_of_two_overlapping_boxes_on_a_tesseract_line_the_one_too_wide_for_its_letters_is_cut(line, fitted):
    words = [OcrWord(text, (x0, 0, x1, 20), 0.9) for text, x0, x1 in line]
    assert [(w.text, w.box[0], w.box[2]) for w in _within_neighbours(words)] == fitted


def test_a_word_tesseract_boxed_as_a_speck_gets_the_room_between_its_neighbours():
    line = [
        OcrWord("VERÓNICA", (241, 149, 294, 160), 0.96),
        OcrWord("ORTIZ", (307, 161, 309, 162), 0.94),  # read right under a signature, boxed as a speck
        OcrWord("SOTELO", (329, 151, 371, 161), 0.97),
    ]
    reboxed = _within_neighbours(line)[1]
    assert reboxed.text == "ORTIZ" and 294 < reboxed.box[0] < reboxed.box[2] < 329
    assert reboxed.box[1] <= 151 and reboxed.box[3] >= 160
    # A bullet is small and stays where Tesseract saw it.
    bullet = [OcrWord("identifique,", (228, 294, 276, 303), 0.96), OcrWord("•", (313, 297, 318, 300), 0.9),
              OcrWord("Elaborar", (329, 296, 366, 304), 0.96)]
    assert _within_neighbours(bullet) == bullet


def test_debris_from_signatures_is_dropped_and_names_under_them_kept():
    typical = 40.0

    def word(text, confidence, height=40):
        return OcrWord(text, (0, 0, 100, height), confidence)

    assert not _keep(word("~", 0.4), typical)  # speck
    assert _keep(word("+", 0.46), typical)  # a list bullet, read unsurely
    assert not _keep(word("ff", 0.1), typical)  # scribble, no vowel
    assert not _keep(word("Wav", 0.0, height=180), typical)  # tall: a signature
    assert _keep(word("GONZÁLEZ", 0.0, height=76), typical)  # a name with ink over it
    assert _keep(word("CONVENIO", 0.95, height=120), typical)  # a big title read surely
    assert _keep(word("2019", 0.9), typical)


def test_a_line_tesseract_read_twice_is_kept_once_in_its_surer_reading():
    # Once in a block with the signature over it (tall boxes), once on its own.
    tall = [("FELIPE", 210, 0.78), ("DE", 252, 0.95), ("JESÚS", 270, 0.59), ("VÁZQUEZ", 305, 0.96), ("LEÓN", 372, 0.77)]
    short = [("DE", 252, 0.97), ("JESUS", 268, 0.96), ("VÁZQUEZ", 303, 0.96), ("LE", 371, 0.97)]
    widths = {"FELIPE": 38, "DE": 12, "JESÚS": 28, "JESUS": 32, "VÁZQUEZ": 45, "LEÓN": 30, "LE": 12}
    words = [OcrWord(t, (x, 336, x + widths[t], 354), c) for t, x, c in tall]
    words += [OcrWord(t, (x, 344, x + widths[t], 352), c) for t, x, c in short]
    kept = sorted(_drop_debris(words), key=lambda w: w.box[0])
    assert [w.text for w in kept] == ["FELIPE", "DE", "JESUS", "VÁZQUEZ", "LEÓN"]


def test_a_day_tesseract_was_unsure_of_is_kept_before_de_and_a_month():
    # The whole date read at 0.0: the day alone does not look like a word.
    date = [("4", 460, 463, 0.0), ("de", 464, 473, 0.0), ("febrero", 475, 505, 0.27), ("del", 506, 517, 0.97)]
    speck = [("4", 300, 303, 0.0), ("para", 306, 322, 0.95), ("el", 325, 332, 0.95)]
    words = [OcrWord(t, (x0, 582, x1, 592), c) for t, x0, x1, c in date + speck]
    assert [w.text for w in _drop_debris(words)] == ["4", "de", "febrero", "del", "para", "el"]


def test_words_under_a_box_running_over_their_line_are_not_read_twice():
    words = [OcrWord("Convenio,", (286, 729, 429, 737), 0.96), OcrWord("conforme", (328, 728, 359, 739), 0.97)]
    assert _drop_debris(words) == words


def typed_page(number: int, width: float, height: float) -> Page:
    text = "El presente Convenio tiene por objeto establecer los compromisos del sujeto evaluado"
    words = [Word(t, (10.0 + 30 * i, 10.0, 38.0 + 30 * i, 20.0), page=number) for i, t in enumerate(text.split())]
    return Page(number, width, height, words)


def image_pdf(images: list[Image.Image]) -> bytes:
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=DPI)
    return out.getvalue()


class CountingEngine(NullEngine):
    """The do-nothing engine, remembering how many page images it was shown, in how many runs."""

    def __init__(self):
        self.images = self.runs = 0

    def recognize(self, images, dpi):
        self.images += len(images)
        self.runs += 1
        return [[] for _ in images]


def test_only_pages_that_need_ocr_are_rendered_and_replaced():
    printed = Image.fromarray(drawn_page(LINES, width_pt=306, height_pt=396)[0])
    pdf = image_pdf([printed, printed, printed])
    typed = typed_page(1, 306.0, 396.0)
    scanned_2, scanned_3 = Page(2, 306.0, 396.0), Page(3, 306.0, 396.0)
    engine = CountingEngine()
    pages = ocr_pages(pdf, [typed, scanned_2, scanned_3], engine)
    assert pages[0] is typed
    assert [p.origin for p in pages] == ["text", "ocr", "ocr"]
    assert [p.number for p in pages] == [1, 2, 3]
    assert engine.images == 2


@pytest.mark.parametrize(("per_run", "runs"), [(8, 1), (2, 3)])
def test_a_documents_scanned_pages_are_read_a_batch_at_a_time(monkeypatch, per_run, runs):
    monkeypatch.setattr("extract.ocr._PAGES_PER_RUN", per_run)
    printed = Image.fromarray(drawn_page(LINES, width_pt=306, height_pt=396)[0])
    scanned = [Page(n, 306.0, 396.0) for n in range(1, 6)]
    engine = CountingEngine()
    pages = ocr_pages(image_pdf([printed] * 5), scanned, engine)
    assert [(p.number, p.origin) for p in pages] == [(n, "ocr") for n in range(1, 6)]
    assert (engine.images, engine.runs) == (5, runs)


def test_an_engine_failure_names_the_pages_it_was_reading():
    class Failing(NullEngine):
        def recognize(self, images, dpi):
            raise OcrError("Tesseract failed to read the page (exit 1: no message)")

    printed = Image.fromarray(drawn_page(LINES, width_pt=306, height_pt=396)[0])
    pages = [typed_page(1, 306.0, 396.0), Page(2, 306.0, 396.0), Page(3, 306.0, 396.0)]
    with pytest.raises(OcrError, match=r"^pages 2, 3: Tesseract failed to read the page"):
        ocr_pages(image_pdf([printed] * 3), pages, Failing())


@pytest.mark.parametrize(("lines", "reads"), [([], 0), (LINES[:1], 1)])
def test_a_blank_page_is_not_read_but_one_line_of_small_print_is(lines, reads):
    printed, _ = drawn_page(lines, width_pt=612, height_pt=792, size_pt=8)
    engine = CountingEngine()
    [page] = ocr_pages(image_pdf([Image.fromarray(printed)]), [Page(1, 612.0, 792.0)], engine)
    assert (page.origin, page.width) == ("ocr", 612.0)
    assert engine.images == reads


def test_a_blank_page_without_images_is_not_read():
    engine = CountingEngine()
    [page] = ocr_pages(blank_pdf(612, 792), [Page(1, 612.0, 792.0)], engine)
    assert (page.origin, page.words, engine.images) == ("ocr", [], 0)


def test_nothing_to_ocr_needs_no_engine_and_no_pdf():
    typed = typed_page(1, 612.0, 792.0)
    assert ocr_pages(b"not even a PDF", [typed]) == [typed]


def test_a_missing_tesseract_is_an_ocr_error_that_says_how_to_fix_it():
    with pytest.raises(OcrError, match="apt-get install tesseract-ocr"):
        TesseractEngine(executable="/nonexistent/tesseract")


def test_scanned_sample_page_reads_as_text_and_a_table(tesseract):
    """The seed's scanned twin, page 5: prose, then the findings table (real OCR)."""
    with open_document(SCANNED_SEED) as document:
        width, height = document[4].get_size()
    [page] = ocr_pages(SCANNED_SEED, [Page(5, width, height)], tesseract)
    text = " ".join(w.text for w in page.words)
    for phrase in ("Aspectos Susceptibles de Mejora", "Hallazgo", "Actividad comprometida",
                   "Fecha comprometida de cumplimiento:", "31 de Julio de 2019"):
        assert phrase in text
    assert page.rotation == 0 and page.origin == "ocr"
    horizontal = [r for r in page.rules if r.is_horizontal]
    vertical = [r for r in page.rules if not r.is_horizontal]
    assert len(horizontal) >= 8 and len(vertical) >= 3
    assert not any(w.text in {"|", "l", "I"} for w in page.words)  # borders were not read as letters
    # Every word sits inside the page, in points.
    assert all(0 <= w.x0 < w.x1 <= width and 0 <= w.top < w.bottom <= height for w in page.words)


# --- raster -------------------------------------------------------------------


def blank_pdf(width_pt: float, height_pt: float) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(width_pt, height_pt))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_pdf_beyond_repair_is_a_corrupt_pdf_error():
    with pytest.raises(CorruptPdfError, match="damaged"), open_document(b"%PDF-1.4 not really"):
        pass


def test_a_large_page_is_rendered_at_a_lower_dpi_within_the_budget():
    with open_document(blank_pdf(40 * 72, 40 * 72)) as document:
        image = page_image(document, 1)
    width, height = image.size
    assert width * height <= PIXEL_BUDGET * 1.01
    assert MIN_DPI <= image.dpi < 300


def test_a_giant_page_is_refused():
    with open_document(blank_pdf(14400, 14400)) as document, pytest.raises(OcrError, match="page 1 is 200 x 200 in"):
        page_image(document, 1)


def test_an_image_declaring_a_bomb_of_pixels_is_refused_before_decoding():
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    bomb = pikepdf.Stream(pdf, b"\x00" * 16)
    bomb.Type, bomb.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    bomb.Width, bomb.Height, bomb.BitsPerComponent = 30000, 30000, 8
    bomb.ColorSpace = pikepdf.Name.DeviceGray
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=bomb))
    page.Contents = pdf.make_stream(b"q 612 0 0 792 0 0 cm /Im0 Do Q")
    out = io.BytesIO()
    pdf.save(out)
    with open_document(out.getvalue()) as document, pytest.raises(OcrError, match="decompression bomb"):
        page_image(document, 1)


def test_blue_ink_is_dropped_and_black_print_kept():
    image = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([100, 100, 300, 200], fill=(0, 0, 0))  # print
    draw.rectangle([400, 100, 600, 200], fill=(30, 50, 170))  # ballpoint blue
    with open_document(image_pdf([image])) as document:
        grey = page_image(document, 1, dpi=DPI).pixels  # the image's own pixels
    assert grey[150, 200] < 60
    assert grey[150, 500] > 150
