"""The layout stage: running headers out, tables anchored, body in reading order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.layout import build_layout
from extract.model import Page, Rule, Word
from extract.pdf import read_pages
from extract.tables import is_item_number

CHAR = 5.0
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MOTTO = '"2019. Año del Centésimo Aniversario Luctuoso de Emiliano Zapata Salazar, El Caudillo del Sur"'


def line_of(text: str, x: float, top: float, page: int = 1) -> list[Word]:
    """One line of words starting at `x`, 5 pt per character."""
    words = []
    for token in text.split():
        words.append(Word(token, (x, top, x + CHAR * len(token), top + 10), page))
        x += CHAR * (len(token) + 1)
    return words


def page_of(number: int, *lines: tuple[str, float, float], rules: list[Rule] | None = None) -> Page:
    """A letter page with `(text, x, top)` lines."""
    words = [w for text, x, top in lines for w in line_of(text, x, top, number)]
    return Page(number=number, width=612, height=792, words=words, rules=rules or [])


def convenio_pages(count: int) -> list[Page]:
    """Pages with the year motto on top, page numbers and an address at the bottom."""
    return [
        page_of(
            n,
            (MOTTO, 80, 36),
            (f"Cláusula número {n} del convenio.", 72, 120 + 30 * n),
            ("Texto del cuerpo que cambia en cada página.", 72, 300 + 20 * n),
            ("Av. Primero de Mayo 1731, Toluca de Lerdo, Estado de México.", 110, 740),
            (f"Página {n} de {count}", 260, 755),
        )
        for n in range(1, count + 1)
    ]


# --- running headers and footers --------------------------------------------------


def test_running_header_footer_and_page_numbers_leave_the_body():
    layout = build_layout(convenio_pages(3))

    assert "Año del Centésimo" not in layout.text
    assert "Primero de Mayo" not in layout.text
    assert "Página" not in layout.text
    assert layout.text.splitlines() == [
        "Cláusula número 1 del convenio.",
        "Texto del cuerpo que cambia en cada página.",
        "Cláusula número 2 del convenio.",
        "Texto del cuerpo que cambia en cada página.",
        "Cláusula número 3 del convenio.",
        "Texto del cuerpo que cambia en cada página.",
    ]
    removed = [line.text for line in layout.removed_lines]
    assert removed.count(MOTTO) == 3 and "Página 2 de 3" in removed


def test_text_repeated_at_other_heights_is_body():
    pages = [
        page_of(n, (MOTTO, 80, 36), ('De "LA SECRETARÍA"', 72, 100 + 40 * n), ("Otro texto.", 72, 300))
        for n in (1, 2, 3)
    ]

    layout = build_layout(pages)

    assert layout.text.count('De "LA SECRETARÍA"') == 3
    assert [line.text for line in layout.removed_lines] == [MOTTO] * 3


def test_a_line_back_at_the_same_height_on_a_few_pages_only_is_body():
    pages = [page_of(n, (MOTTO, 80, 36), (f"Texto {n}.", 72, 300)) for n in range(1, 6)]
    for n in (2, 4):  # a table's header line at the top of two pages out of five
        pages[n - 1].words += line_of("No. Hallazgo Actividad comprometida", 72, 72, n)

    layout = build_layout(pages)

    assert layout.text.count("No. Hallazgo Actividad comprometida") == 2


def test_a_lone_page_loses_only_its_page_number():
    layout = build_layout([page_of(1, ("CONVENIO PARA LA MEJORA DEL DESEMPEÑO", 72, 40), ("- 1 -", 300, 760))])

    assert layout.text == "CONVENIO PARA LA MEJORA DEL DESEMPEÑO"
    assert [line.text for line in layout.removed_lines] == ["- 1 -"]


def test_an_item_number_alone_on_its_line_near_the_foot_is_not_a_page_number():
    page = page_of(
        1,
        ("Texto del cuerpo.", 72, 100),
        ("3", 80, 707),  # a number cell centred lower than its row
        ("Hallazgo de la fila tres.", 120, 696),
        ("Actividad de la fila tres.", 330, 696),
        ("Página 1 de 1", 260, 755),
    )

    layout = build_layout([page])

    assert [line.text for line in layout.removed_lines] == ["Página 1 de 1"]
    assert "3" in layout.text.split()


def _grid_rules(page: int, xs: list[float], ys: list[float]) -> list[Rule]:
    horizontal = [Rule((xs[0], y - 0.25, xs[-1], y + 0.25), page) for y in ys]
    vertical = [Rule((x - 0.25, ys[0], x + 0.25, ys[-1]), page) for x in xs]
    return horizontal + vertical


def test_a_table_header_repeated_at_the_top_of_each_page_is_not_a_running_header():
    xs = [72, 110, 320, 540]

    def table_page(n: int, top: float, rows: list[tuple[str, str, str]]) -> Page:
        lines = [(MOTTO, 80, 36)]
        for index, row in enumerate([("No.", "Hallazgo", "Actividad"), *rows]):
            lines += [(text, x + 4, top + 4 + 60 * index) for text, x in zip(row, xs)]
        return page_of(n, *lines, rules=_grid_rules(n, xs, [top + 60 * i for i in range(len(rows) + 2)]))

    # Each page holds one tall row, so the header row stands at the very same place on all pages.
    pages = [table_page(n, 72, [(str(n), f"Hallazgo número {n}.", f"Actividad {n}.")]) for n in (1, 2, 3)]

    layout = build_layout(pages)

    [table] = layout.tables
    assert table.header == ["No.", "Hallazgo", "Actividad"]
    assert [row[0].text for row in table.rows] == ["1", "2", "3"]


# --- body and anchors --------------------------------------------------------------


def test_each_table_is_anchored_right_after_the_heading_that_introduces_it():
    xs = [72, 110, 320, 540]
    cells = [("No.", "Hallazgo", "Actividad comprometida"), ("1", "No hay metodología.", "Diseñarla.")]
    lines = [("CUARTA. De los Aspectos Susceptibles de Mejora.", 72, 80), ("a) De los hallazgos:", 72, 100)]
    lines += [(text, x + 4, 124 + 20 * row) for row, texts in enumerate(cells) for text, x in zip(texts, xs)]
    lines += [("b) De las recomendaciones:", 72, 180)]
    page = page_of(1, *lines, rules=_grid_rules(1, xs, [120, 140, 160]))

    layout = build_layout([page])

    [table] = layout.tables
    assert layout.text[: table.anchor].endswith("a) De los hallazgos:\n")
    assert layout.text[table.anchor :].startswith("b) De las recomendaciones:")
    assert "Diseñarla" not in layout.text


def test_side_by_side_signature_blocks_are_read_one_column_after_the_other():
    page = page_of(
        1,
        ("El presente Convenio se firma por triplicado.", 72, 80),
        ("ROBERTO INDA GONZÁLEZ", 72, 200),
        ("JOSÉ GABRIEL CARREÑO CAMACHO", 330, 200),
        ("SUBSECRETARIO DE PLANEACIÓN", 72, 212),
        ("SUBSECRETARIO DE CONTROL", 330, 212),
        ("Y PRESUPUESTO", 72, 224),
        ("Y EVALUACIÓN", 330, 224),
    )

    layout = build_layout([page])

    assert layout.text.splitlines() == [
        "El presente Convenio se firma por triplicado.",
        "ROBERTO INDA GONZÁLEZ",
        "SUBSECRETARIO DE PLANEACIÓN",
        "Y PRESUPUESTO",
        "JOSÉ GABRIEL CARREÑO CAMACHO",
        "SUBSECRETARIO DE CONTROL",
        "Y EVALUACIÓN",
    ]


def test_a_lettered_list_with_a_hanging_indent_stays_in_line_order():
    page = page_of(
        1,
        ("a) Promover la integración de la evaluación", 72, 100),
        ("y de los resultados al sistema;", 100, 112),
        ("b) Vigilar que los aspectos se articulen", 72, 124),
        ("a la planeación;", 100, 136),
    )

    layout = build_layout([page])

    assert layout.text.splitlines()[0].startswith("a) Promover")
    assert layout.text.splitlines()[2].startswith("b) Vigilar")


def test_a_span_of_the_body_maps_back_to_its_words():
    layout = build_layout(convenio_pages(2))
    start = layout.text.index("número 2")

    words = layout.words_in_span(start, start + len("número 2"))

    assert [w.text for w in words] == ["número", "2"]
    assert {w.page for w in words} == {2}


def test_pages_without_words_give_an_empty_body():
    layout = build_layout([Page(1, 612, 792), Page(2, 612, 792)])

    assert (layout.text, layout.lines, layout.tables, layout.removed_lines) == ("", [], [], [])


# --- sample PDFs -------------------------------------------------------------------


def _digital_samples() -> list[Path]:
    pdfs = sorted(SAMPLES.glob("seed/*.pdf")) + sorted(SAMPLES.glob("dev/digital/*.pdf"))
    return [
        pdf
        for pdf in pdfs
        if pdf.with_suffix(".expected.json").exists()
        and json.loads(pdf.with_suffix(".expected.json").read_text())["documento"]["origen"] == "digital"
    ]


@pytest.mark.parametrize("pdf", _digital_samples(), ids=lambda p: p.name)
def test_sample_body_has_no_running_header_and_tables_follow_their_headings(pdf):
    layout = build_layout(read_pages(pdf))

    page_count = len(layout.pages)
    for line in layout.removed_lines:
        assert line.text not in layout.text.splitlines()
    assert not any(f"de {page_count}" == line.text[-len(f'de {page_count}'):] and "Página" in line.text
                   for line in layout.lines)
    asm_tables = [t for t in layout.tables if any(is_item_number(row[0].text) for row in t.rows)]
    assert asm_tables
    for table in asm_tables:
        before = layout.text[max(0, table.anchor - 200) : table.anchor].lower()
        assert "hallazgos" in before or "recomendaciones" in before


@pytest.mark.skipif(not (SAMPLES / "seed" / "convenio_fasp_2019.pdf").exists(), reason="seed sample missing")
def test_a_word_a_stamp_stretched_over_two_lines_does_not_merge_them():
    from extract.text import group_lines

    upper = [Word(t, (x, 115, x + 40, 124), 1, 0.96, "ocr") for t, x in (("METEPEC,", 57), ("ESTADO", 127), ("PARTE", 337))]
    lower = [Word(t, (x, 129, x + 40, 138), 1, 0.96, "ocr") for t, x in (("REPRESENTADA", 57), ("XÓCHITL", 191), ("ESCOBAR", 248))]
    stamped = Word("MUNICIPAL", (385, 115, 451, 138), 1, 0.9, "ocr")  # its box reaches into the line below
    texts = [[w.text for w in line.words] for line in group_lines(upper + lower + [stamped])]
    assert ["METEPEC,", "ESTADO", "PARTE"] in texts and ["REPRESENTADA", "XÓCHITL", "ESCOBAR"] in texts
