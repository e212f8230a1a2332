"""Property tests: the text-level field parsers survive mutated convenio text.

OCR noise, truncated pages and odd wordings reach the field extractors as
text.  Hypothesis takes a plausible convenio (and ASM tables, and dates) and
mutates it: slices cut out, random text spliced in, lines repeated or
swapped, case changed.  Whatever comes in, a parser returns its usual types,
with provenance that points at the document, or raises one of the project's
own errors; a bare library exception would stop a document for a bug.
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, given, settings, strategies as st

from builders import layout_from_text, table
from documents import CONVENIO_TEXT
from extract.errors import ConveniosError
from extract.fields.clausulas import extract_cierre, extract_evaluacion, extract_prorroga, extract_titulo
from extract.fields.common import Found
from extract.fields.compromisos import extract_compromisos
from extract.fields.dates import ParsedDate, parse_date
from extract.fields.partes import extract_partes, split_name_and_cargo
from extract.fields.responsables import extract_responsables

HALLAZGOS_HEADER = ["No.", "Hallazgo", "Actividad comprometida", "Fecha compromiso"]
HALLAZGOS_ROWS = [
    ["1", "El programa no cuenta con diagnóstico actualizado.", "Elaborar el diagnóstico.", "31 de julio de 2020"],
    ["2.", "La MIR no tiene supuestos.", "Revisar la MIR con la UIPPE.", "Septiembre 2020"],
    ["H-3", "No hay padrón de beneficiarios.", "Integrar el padrón.", "30/11/2020"],
    ["Fecha comprometida de cumplimiento:", "", "15-dic-2020", ""],
]

DATES = ["31 de julio de 2019", "martes, 3 de junio del 2019", "31/07/2019", "31-jul-2019", "Julio 2019",
         "a los tres días del mes de junio de dos mil diecinueve", "septiembre de 2020"]

# Text that OCR and bad PDFs put into documents: accents, quotes, digits, ligatures, control characters.
NOISE = st.text(
    alphabet=st.sampled_from(list("aeiouAEIOUáéíóúñÑ \n\t.,;:()\"“”'«»-/0123456789ﬁ\x00\x0c\u200b¿?€$%")),
    max_size=40,
)


@st.composite
def mutated(draw, text: str) -> str:
    """`text` after a few random edits of the kinds scans and broken PDFs produce."""
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["cut", "splice", "replace", "repeat_line", "swap_lines", "upper", "lower"]))
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 200)))
        if kind == "cut":
            text = text[:start] + text[end:]
        elif kind == "splice":
            text = text[:start] + draw(NOISE) + text[start:]
        elif kind == "replace":
            text = text[:start] + draw(NOISE) + text[end:]
        elif kind in ("repeat_line", "swap_lines"):
            lines = text.split("\n")
            first, second = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if kind == "repeat_line":
                lines.insert(second, lines[first])
            else:
                lines[first], lines[second] = lines[second], lines[first]
            text = "\n".join(lines)
        else:
            text = text[:start] + getattr(text[start:end], kind)() + text[end:]
    return text


# Generous per-example deadline: the parsers call spaCy and dateparser; a
# runaway regular expression would still blow far past it.  Local runs draw
# new examples each time (one found "sepiembre" breaking the month lookup);
# CI draws the same ones, so that its verdict is reproducible.
PROPERTY_SETTINGS = settings(max_examples=100, deadline=dt.timedelta(seconds=5), derandomize=bool(os.environ.get("CI")),
                             suppress_health_check=[HealthCheck.too_slow])


def parsed_or_project_error(parse, *args):
    """The parser's result, or None when it refused the input with one of our errors."""
    try:
        return parse(*args)
    except ConveniosError:
        return None


def assert_points_into(found: Found | None, layout) -> None:
    if found is None:
        return
    pages = {page.number for page in layout.pages}
    assert 0.0 <= found.provenance.confidence <= 1.0
    assert all(page in pages for page, _ in found.provenance.regions)


@PROPERTY_SETTINGS
@given(mutated(CONVENIO_TEXT))
def test_parties_from_mutated_preamble_are_well_formed(text):
    layout = layout_from_text(text)
    parties = parsed_or_project_error(extract_partes, layout) or []
    for party in parties:
        assert party.rol.value.strip()
        for found in (party.rol, party.dependencia, party.representante, party.cargo, party.domicilio):
            assert_points_into(found, layout)
        if party.codigo_postal is not None:
            assert party.codigo_postal.value.isdigit() and len(party.codigo_postal.value) == 5


@PROPERTY_SETTINGS
@given(mutated(CONVENIO_TEXT))
def test_clauses_from_mutated_text_are_well_formed(text):
    layout = layout_from_text(text)
    cierre = parsed_or_project_error(extract_cierre, layout)
    if cierre is not None and cierre.fecha_firma is not None:
        assert isinstance(cierre.fecha_firma.value, ParsedDate)
        assert_points_into(cierre.fecha_firma, layout)
    evaluacion = parsed_or_project_error(extract_evaluacion, layout)
    if evaluacion is not None and evaluacion.pae is not None:
        assert 1000 <= evaluacion.pae.value <= 9999
    prorroga = parsed_or_project_error(extract_prorroga, layout)
    if prorroga is not None:
        assert 0 <= prorroga.dias.value <= 999
        assert_points_into(prorroga.dias, layout)
    titulo = parsed_or_project_error(extract_titulo, layout)
    if titulo is not None:
        assert titulo.value.startswith("CONVENIO")


@PROPERTY_SETTINGS
@given(mutated(CONVENIO_TEXT))
def test_responsables_from_mutated_text_have_names(text):
    layout = layout_from_text(text)
    for responsable in parsed_or_project_error(extract_responsables, layout) or []:
        assert responsable.nombre.value.strip()
        assert_points_into(responsable.nombre, layout)


@PROPERTY_SETTINGS
@given(mutated(CONVENIO_TEXT), st.text(max_size=80))
def test_name_and_cargo_split_never_invents_text(text, representation):
    for piece in (text[:300], representation):
        name, cargo = parsed_or_project_error(split_name_and_cargo, piece) or (None, None)
        for clean_and_raw in (name, cargo):
            if clean_and_raw is not None:
                assert isinstance(clean_and_raw[0], str) and isinstance(clean_and_raw[1], str)


@st.composite
def mutated_table(draw):
    header = [draw(mutated(title)) for title in HALLAZGOS_HEADER]
    rows = [[draw(mutated(text)) for text in row] for row in HALLAZGOS_ROWS]
    rows = draw(st.permutations(rows))
    return table(header[: draw(st.integers(1, len(header)))], rows[: draw(st.integers(0, len(rows)))])


@PROPERTY_SETTINGS
@given(mutated(CONVENIO_TEXT), mutated_table())
def test_commitments_from_mutated_tables_are_numbered_items(text, hallazgos_table):
    layout = layout_from_text("De los hallazgos:\n" + text, tables=[hallazgos_table])
    found = parsed_or_project_error(extract_compromisos, layout)
    if found is None:
        return
    for item in found.hallazgos + found.recomendaciones:
        assert 0 <= item.numero.value <= 999
        if item.fecha is not None:
            assert isinstance(item.fecha.fecha, dt.date)
            assert item.fecha.precision in ("dia", "mes")
    assert all(isinstance(warning, str) for warning in found.warnings)


@PROPERTY_SETTINGS
@given(st.sampled_from(DATES).flatmap(mutated) | st.text(max_size=60))
def test_dates_parse_to_a_real_date_or_none(text):
    parsed = parsed_or_project_error(parse_date, text)
    if parsed is not None:
        assert 1900 <= parsed.fecha.year <= 2099
        assert parsed.precision in ("dia", "mes")
