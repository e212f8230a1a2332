"""Hostile inputs: the debris of a real archive, each with a clear outcome.

Every file is made here (see `documents.py`) and the whole set goes through
one real batch, with time limits tight enough to keep the suite quick.  A
file gets either one row of the errors table, with one of the project's own
error classes and a message that says what to do, or a record, with warnings
where something is missing.  A bare library exception in the errors table
would be a bug.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import extract.errors
from documents import (
    CONVENIO_TEXT,
    HTML_ERROR_PAGE,
    SEED_DIGITAL,
    blank_pdf,
    deeply_nested_pdf,
    encrypted,
    image_bomb_pdf,
    rotated,
    self_drawing_form_pdf,
    self_referencing_annotation_pdf,
    table_pdf,
    text_pdf,
    truncated,
    with_broken_xref,
    zero_page_pdf,
)
from extract.batch import run_batch
from extract.errors import ConveniosError
from extract.executors import Limits
from extract.pdf import read_pages
from schemas import Convenio

# Ten seconds a document and a hundredth of a second a page: ample for the
# digital files here (the seed takes a fraction of a second, 500 blank pages
# about one second), and it caps the 500-page blank file at 15 s.
HOSTILE_LIMITS = Limits(seconds_base=10, seconds_per_page=0.01, memory_mib=3072)

PROJECT_ERRORS = {
    name for name, cls in inspect.getmembers(extract.errors, inspect.isclass)
    if issubclass(cls, extract.errors.ConveniosError)
}


def convenio_without_tables() -> bytes:
    lines = CONVENIO_TEXT.splitlines()
    return text_pdf([lines[:25], lines[25:]])


def hostile_files() -> dict[str, bytes]:
    seed = SEED_DIGITAL.read_bytes()
    return {
        "vacio.pdf": b"",
        "bytes_al_azar.pdf": os.urandom(4096),
        "pagina_html.pdf": HTML_ERROR_PAGE,
        "descarga_truncada.pdf": truncated(seed, 0.4),
        "cifrado_con_contrasena.pdf": encrypted(seed, user_password="secreto"),
        "cifrado_sin_contrasena.pdf": encrypted(seed, user_password=""),
        "xref_roto.pdf": with_broken_xref(seed),
        "sin_paginas.pdf": zero_page_pdf(),
        "500_paginas_en_blanco.pdf": blank_pdf(500),
        "pagina_gigante.pdf": blank_pdf(1, page_size=(14400, 14400)),
        "bomba_de_imagen.pdf": image_bomb_pdf(35000),
        "forma_que_se_dibuja_a_si_misma.pdf": self_drawing_form_pdf(),
        "anotacion_circular.pdf": self_referencing_annotation_pdf(seed),
        "anidamiento_profundo.pdf": deeply_nested_pdf(seed, 100_000),
        "factura.pdf": text_pdf([[
            "FACTURA No. A-10492", "Cliente: Papelería del Centro, S.A. de C.V.", "RFC: PCE010101AB1",
            "Concepto: Tóner para impresora láser, 4 piezas", "Subtotal: $4,800.00", "IVA: $768.00",
            "Total: $5,568.00", "Fecha de emisión: 12 de marzo de 2021",
        ]]),
        "tabla_de_partidas.pdf": table_pdf(
            ["Partida", "Descripción", "Importe"],
            [["2111", "Materiales y útiles de oficina", "12,500.00"], ["2611", "Combustibles", "48,000.00"]],
        ),
        "convenio_sin_tablas.pdf": convenio_without_tables(),
        "convenio_con_paginas_giradas.pdf": rotated(seed, {0: 90, 3: 180, 5: 270}),
        "convenio_semilla.pdf": seed,
    }


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """One batch over every hostile file: errors by file name, and records by file name."""
    inbox = tmp_path_factory.mktemp("hostiles")
    for name, data in hostile_files().items():
        (inbox / name).write_bytes(data)
    out = tmp_path_factory.mktemp("out")
    report = run_batch([inbox], out, workers=2, limits=HOSTILE_LIMITS)
    errors = {Path(row["archivo"]).name: row for row in pq.read_table(out / "errors.parquet").to_pylist()}
    parsed = (Convenio.model_validate_json(path.read_bytes()) for path in (out / "json").glob("*.json"))
    records = {record.documento.archivo: record for record in parsed}
    return report, errors, records


@pytest.mark.parametrize(("file", "error_class", "words"), [
    ("vacio.pdf", "InputError", "the file is empty"),
    ("bytes_al_azar.pdf", "InputError", "not a PDF"),
    ("pagina_html.pdf", "InputError", "it starts with b'<!DOCTYP'"),
    ("descarga_truncada.pdf", "CorruptPdfError", "get a fresh copy"),
    ("cifrado_con_contrasena.pdf", "EncryptedPdfError", "password-protected"),
    ("sin_paginas.pdf", "CorruptPdfError", "damaged"),
    ("pagina_gigante.pdf", "OcrError", "200 x 200 in"),
    ("bomba_de_imagen.pdf", "OcrError", "decompression bomb"),
    ("forma_que_se_dibuja_a_si_misma.pdf", "NotAConvenioError", "does not look like a Convenio"),
    ("factura.pdf", "NotAConvenioError", "does not look like a Convenio"),
    ("tabla_de_partidas.pdf", "NotAConvenioError", "does not look like a Convenio"),
])
def test_unusable_file_is_one_error_row_that_says_why(outcomes, file, error_class, words):
    _, errors, records = outcomes
    assert file not in records
    assert errors[file]["clase"] == error_class
    assert words in errors[file]["mensaje"]


def test_errors_table_holds_only_the_projects_own_error_types(outcomes):
    _, errors, _ = outcomes
    assert {row["clase"] for row in errors.values()} <= PROJECT_ERRORS


def test_every_file_has_an_outcome(outcomes):
    report, errors, records = outcomes
    assert report.documents == len(hostile_files())
    assert len(errors) + len(records) == report.documents
    assert not set(errors) & set(records)


@pytest.mark.parametrize("file", [
    "cifrado_sin_contrasena.pdf", "xref_roto.pdf", "anotacion_circular.pdf", "anidamiento_profundo.pdf",
])
def test_readable_damage_gives_the_same_record_as_the_intact_file(outcomes, file):
    _, _, records = outcomes
    intact, damaged = records["convenio_semilla.pdf"], records[file]
    assert damaged.partes == intact.partes
    assert damaged.hallazgos == intact.hallazgos
    assert damaged.recomendaciones == intact.recomendaciones
    assert damaged.advertencias == intact.advertencias


def test_convenio_missing_its_tables_is_a_partial_record_with_a_warning(outcomes):
    _, _, records = outcomes
    record = records["convenio_sin_tablas.pdf"]
    assert [parte.rol for parte in record.partes] == ["LA TESORERÍA", "LA CONTRALORÍA", "EL SUJETO EVALUADO"]
    assert record.prorroga_max_dias == 30
    assert record.hallazgos == []
    assert "sin_hallazgos" in {advertencia.codigo for advertencia in record.advertencias}


def test_convenio_with_rotated_pages_reads_like_the_upright_one(outcomes):
    _, _, records = outcomes
    intact, turned = records["convenio_semilla.pdf"], records["convenio_con_paginas_giradas.pdf"]
    assert turned.partes == intact.partes
    assert turned.hallazgos == intact.hallazgos
    assert turned.advertencias == intact.advertencias


def test_500_blank_pages_are_found_not_to_be_a_convenio_within_their_time_limit(outcomes):
    _, errors, _ = outcomes
    assert errors["500_paginas_en_blanco.pdf"]["clase"] == "NotAConvenioError"


READ_ONE_FILE = """
import sys
from extract.errors import ConveniosError
from extract.pdf import read_pages
try:
    read_pages(sys.argv[1])
except ConveniosError as error:
    print(error.message)
"""


def message_in_a_fresh_process(path: Path) -> str:
    run = subprocess.run([sys.executable, "-c", READ_ONE_FILE, str(path)], capture_output=True, text=True, check=True)
    return run.stdout.strip()


def message_after_a_damaged_file(path: Path) -> str:
    for document in (b"%PDF-1.4 damaged", path.read_bytes()):
        try:
            read_pages(document)
        except ConveniosError as error:
            message = error.message
    return message


def test_a_files_error_message_does_not_depend_on_what_the_process_read_before(tmp_path):
    zero_pages = tmp_path / "sin_paginas.pdf"
    zero_pages.write_bytes(zero_page_pdf())
    assert message_in_a_fresh_process(zero_pages) == message_after_a_damaged_file(zero_pages)
