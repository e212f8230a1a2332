"""Tests of the sample corpus and of the generator's pure-Python parts (no LibreOffice).

The committed PDFs and their expected records are the ground truth every
golden test of the extractor relies on, so they are checked here for
consistency (hash, page count, shape, conventions).  The generator's
drawing, date wording and DOCX rendering are tested without soffice.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import json
import random
import re
import zipfile
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from samples.generator import seed as seed_module
from samples.generator.builder import CICLOS_DE_COBERTURA, cuotas_para, draw_convenio
from samples.generator.docx_render import render_docx
from samples.generator.fechas import (
    ESTILOS_DIA,
    ESTILOS_MES,
    escribir_fecha,
    fecha_en_letras,
    leer_fecha,
    numero_en_letras,
)
from samples.generator.model import BloqueFirmas, Parrafo, Tabla

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PDFS = sorted(p for p in SAMPLES.rglob("*.pdf") if "generator" not in p.parts)
EXPECTED = sorted(SAMPLES.rglob("*.expected.json"))

TOP_KEYS = ["schema_version", "documento", "titulo", "fecha_firma", "lugar_firma", "evaluacion", "partes",
            "hallazgos", "recomendaciones", "responsables", "prorroga_max_dias"]
DOCUMENTO_KEYS = {"archivo", "sha256", "paginas", "origen"}
EVALUACION_KEYS = {"tipo", "programa", "siglas", "pae"}
PARTE_KEYS = {"rol", "dependencia", "representante", "cargo", "domicilio", "codigo_postal"}
ASM_KEYS = {"numero", "actividad_comprometida", "fecha_comprometida", "fecha_texto", "precision_fecha"}
TIPOS = {"Diseño", "Consistencia y Resultados", "Procesos", "Específica", "Específica de Desempeño", "Impacto"}
# Words that stay lower case inside a title-cased name or cargo.
MINUSCULAS = {"de", "del", "la", "las", "los", "y", "e", "en", "a", "al", "para", "por", "el"}


def expected_for(pdf: Path) -> Path:
    return pdf.with_name(pdf.stem + ".expected.json")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def is_title_case(text: str) -> bool:
    """Every word capitalized except Spanish function words; acronyms allowed."""
    for word in re.split(r"[\s,]+", text.strip()):
        if not word or word in MINUSCULAS:
            continue
        if not word[0].isupper():
            return False
    return True


# --- the committed corpus ----------------------------------------------------


def test_corpus_is_there():
    assert (SAMPLES / "seed" / "convenio_fasp_2019.pdf").exists()
    assert (SAMPLES / "seed" / "convenio_fasp_2019_escaneado.pdf").exists()
    assert len(PDFS) >= 20


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: str(p.relative_to(SAMPLES)))
def test_pdf_matches_its_expected_record(pdf: Path):
    expected = expected_for(pdf)
    assert expected.exists(), f"{pdf.name} has no {expected.name}"
    record = load(expected)
    data = pdf.read_bytes()
    assert record["documento"]["archivo"] == pdf.name
    assert record["documento"]["sha256"] == hashlib.sha256(data).hexdigest()
    document = pdfium.PdfDocument(data)
    try:
        assert record["documento"]["paginas"] == len(document)
    finally:
        document.close()
    origen = "escaneado" if pdf.stem.endswith("_escaneado") else "mixto" if pdf.stem.endswith("_mixto") else "digital"
    assert record["documento"]["origen"] == origen


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: str(p.relative_to(SAMPLES)))
def test_every_expected_record_has_its_pdf(expected: Path):
    assert expected.with_name(expected.name.replace(".expected.json", ".pdf")).exists()


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: str(p.relative_to(SAMPLES)))
def test_expected_record_is_well_formed(expected: Path):
    record = load(expected)
    assert list(record) == TOP_KEYS
    assert record["schema_version"] == "1"
    assert set(record["documento"]) == DOCUMENTO_KEYS
    assert record["titulo"] == "CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES"
    assert date.fromisoformat(record["fecha_firma"])
    assert record["lugar_firma"] and not record["lugar_firma"].lower().startswith("la ciudad")

    evaluacion = record["evaluacion"]
    assert set(evaluacion) == EVALUACION_KEYS
    assert evaluacion["tipo"] in TIPOS
    assert 2016 <= evaluacion["pae"] < date.fromisoformat(record["fecha_firma"]).year + 1
    assert evaluacion["siglas"] is None or evaluacion["siglas"].isupper()

    partes = record["partes"]
    assert 3 <= len(partes) <= 4
    assert len({p["rol"] for p in partes}) == len(partes)
    for parte in partes:
        assert set(parte) == PARTE_KEYS
        assert parte["rol"] == parte["rol"].upper() and '"' not in parte["rol"]
        assert is_title_case(parte["representante"]), parte["representante"]
        assert parte["representante"] != parte["representante"].upper()
        assert is_title_case(parte["cargo"]), parte["cargo"]
        assert is_title_case(parte["dependencia"]), parte["dependencia"]
        if parte["domicilio"] is None:
            assert parte["codigo_postal"] is None
        else:
            assert re.fullmatch(r"\d{5}", parte["codigo_postal"])
            assert parte["domicilio"].endswith(parte["codigo_postal"])

    for clave, texto in (("hallazgos", "hallazgo"), ("recomendaciones", "recomendacion")):
        items = record[clave]
        assert [item["numero"] for item in items] == list(range(1, len(items) + 1))
        for item in items:
            assert set(item) == ASM_KEYS | {texto}
            assert item[texto].strip() and item["actividad_comprometida"].strip()
            fecha = date.fromisoformat(item["fecha_comprometida"])
            assert item["precision_fecha"] in ("dia", "mes")
            if item["precision_fecha"] == "mes":
                assert fecha.day == calendar.monthrange(fecha.year, fecha.month)[1]
            # The wording as written must mean the recorded date.
            leida = leer_fecha(item["fecha_texto"])
            assert (leida.iso, leida.precision) == (item["fecha_comprometida"], item["precision_fecha"])
    assert 1 <= len(record["hallazgos"]) <= 15
    assert len(record["recomendaciones"]) <= 6

    assert record["responsables"]
    for responsable in record["responsables"]:
        assert set(responsable) == {"nombre", "cargo"}
        assert is_title_case(responsable["nombre"]) and is_title_case(responsable["cargo"])
    assert record["prorroga_max_dias"] is None or record["prorroga_max_dias"] > 0


@pytest.mark.parametrize("pdf", [p for p in PDFS if p.stem.endswith("_escaneado")], ids=lambda p: p.name)
def test_scanned_pdf_has_no_text_layer(pdf: Path):
    document = pdfium.PdfDocument(str(pdf))
    try:
        for page in document:
            assert page.get_textpage().count_chars() == 0
    finally:
        document.close()


def _manifest_rows() -> dict[str, dict]:
    rows = {}
    for manifest in SAMPLES.glob("*/manifest.csv"):
        with manifest.open(encoding="utf-8") as handle:
            rows.update({row["archivo"]: row for row in csv.DictReader(handle)})
    return rows


@pytest.mark.parametrize("pdf", [p for p in PDFS if p.stem.endswith("_mixto")], ids=lambda p: p.name)
def test_mixed_pdf_has_text_except_on_its_scanned_pages(pdf: Path):
    scanned_pages = {int(n) for n in _manifest_rows()[pdf.name]["paginas_escaneadas"].split(";")}
    document = pdfium.PdfDocument(str(pdf))
    try:
        assert 1 not in scanned_pages and max(scanned_pages) == len(document)
        for number, page in enumerate(document, start=1):
            has_text = page.get_textpage().count_chars() > 0
            assert has_text == (number not in scanned_pages)
    finally:
        document.close()


@pytest.mark.parametrize("pdf", [p for p in PDFS if p.stem.endswith(("_escaneado", "_mixto"))], ids=lambda p: p.name)
def test_twin_differs_from_its_digital_record_only_in_documento(pdf: Path):
    twin = load(expected_for(pdf))
    digital_name = pdf.name.replace("_escaneado.pdf", ".pdf").replace("_mixto.pdf", ".pdf")
    digital_pdf = pdf.parent / digital_name
    if not digital_pdf.exists():
        digital_pdf = pdf.parent.parent / "digital" / digital_name
    digital = load(expected_for(digital_pdf))
    assert {k: v for k, v in twin.items() if k != "documento"} == {k: v for k, v in digital.items() if k != "documento"}
    assert twin["documento"]["paginas"] == digital["documento"]["paginas"]


@pytest.mark.parametrize("manifest", sorted(SAMPLES.glob("*/manifest.csv")), ids=lambda p: p.parent.name)
def test_manifest_lists_every_pdf_of_its_split(manifest: Path):
    with manifest.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    listed = {row["archivo"] for row in rows}
    present = {p.name for p in manifest.parent.rglob("*.pdf")}
    assert listed == present
    for row in rows:
        pdf = next(manifest.parent.rglob(row["archivo"]))
        assert int(row["paginas"]) == load(expected_for(pdf))["documento"]["paginas"]


def test_splits_have_the_agreed_size():
    for split, digital, scanned, mixed in (("dev", 12, 6, 2), ("heldout", 8, 4, 1)):
        if not (SAMPLES / split).exists():
            pytest.fail(f"samples/{split} is missing")
        assert len(list((SAMPLES / split / "digital").glob("*.pdf"))) == digital
        assert len(list((SAMPLES / split / "scanned").glob("*.pdf"))) == scanned
        assert len(list((SAMPLES / split / "mixed").glob("*.pdf"))) == mixed


def test_corpus_stays_small():
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert total < 25 * 1024 * 1024


# --- the seed ------------------------------------------------------------------


def test_seed_record_agrees_with_the_seed_text():
    """The hand-typed record and the hand-typed document must tell the same story."""
    record = load(SAMPLES / "seed" / "convenio_fasp_2019.expected.json")
    normal = lambda text: re.sub(r"\s+", " ", text).strip()  # noqa: E731
    for rows, clave, texto in ((seed_module.HALLAZGOS, "hallazgos", "hallazgo"),
                               (seed_module.RECOMENDACIONES, "recomendaciones", "recomendacion")):
        assert len(rows) == len(record[clave])
        for (numero, cell, actividad, fecha), item in zip(rows, record[clave]):
            assert int(numero) == item["numero"]
            assert normal("\n".join(cell)) == normal(item[texto])
            assert "\n".join(actividad) == item["actividad_comprometida"]
            assert fecha == item["fecha_texto"]
    for (nombre, cargo), responsable in zip(seed_module.RESPONSABLES_ESCRITOS, record["responsables"], strict=True):
        assert responsable["nombre"].upper() == nombre and responsable["cargo"].upper() == cargo
    declaraciones = " ".join(t for _, textos in seed_module.DECLARACIONES for t in textos)
    for parte in record["partes"]:
        assert f'"{parte["rol"]}"' in seed_module.PREAMBULO
        assert parte["representante"].upper() in seed_module.PREAMBULO
        assert parte["cargo"].upper() in seed_module.PREAMBULO
        assert parte["dependencia"].upper() in seed_module.PREAMBULO
        assert parte["domicilio"] + "." in declaraciones


def test_seed_record_key_facts():
    record = load(SAMPLES / "seed" / "convenio_fasp_2019.expected.json")
    assert record["documento"]["paginas"] == 9
    assert [h["fecha_comprometida"] for h in record["hallazgos"]] == ["2019-07-31"] * 10
    assert [(r["fecha_comprometida"], r["fecha_texto"]) for r in record["recomendaciones"]] == [
        ("2019-07-31", "Julio 2019"), ("2019-09-30", "Septiembre 2019"), ("2019-07-31", "Julio de 2019")]
    assert record["evaluacion"] == {"tipo": "Específica", "programa": "Fondo de Aportaciones para la Seguridad Pública",
                                    "siglas": "FASP", "pae": 2017}
    assert (record["fecha_firma"], record["lugar_firma"], record["prorroga_max_dias"]) == (
        "2019-06-03", "Toluca de Lerdo, Estado de México", 30)
    assert len(record["responsables"]) == 4


# --- date and number wording ---------------------------------------------------


@pytest.mark.parametrize("texto, iso, precision", [
    ("31 de Julio de 2019", "2019-07-31", "dia"),
    ("31 de julio del 2019", "2019-07-31", "dia"),
    ("martes, 31 de julio de 2019", "2019-07-31", "dia"),
    ("31/07/2019", "2019-07-31", "dia"),
    ("31-jul-2019", "2019-07-31", "dia"),
    ("Julio 2019", "2019-07-31", "mes"),
    ("septiembre de 2020", "2020-09-30", "mes"),
    ("Febrero de 2024", "2024-02-29", "mes"),
    ("febrero del 2023", "2023-02-28", "mes"),
    ("miércoles, 1 de enero de 2020", "2020-01-01", "dia"),
])
def test_date_wordings_read_as_the_right_iso_date(texto, iso, precision):
    leida = leer_fecha(texto)
    assert (leida.iso, leida.precision) == (iso, precision)


@pytest.mark.parametrize("estilo, esperado", {**ESTILOS_DIA, **ESTILOS_MES}.items())
def test_every_style_writes_its_documented_example(estilo, esperado):
    escrita = escribir_fecha(date(2019, 7, 31), estilo)
    assert escrita.texto == esperado
    assert escrita.iso == "2019-07-31"
    assert escrita.precision == ("mes" if estilo in ESTILOS_MES else "dia")


def test_month_style_means_the_last_day_whatever_day_was_drawn():
    assert escribir_fecha(date(2020, 2, 3), "Mes_anio").iso == "2020-02-29"


def test_unknown_wording_is_refused():
    with pytest.raises(ValueError):
        leer_fecha("a finales de julio")


@pytest.mark.parametrize("numero, letras", [
    (3, "tres"), (16, "dieciséis"), (21, "veintiuno"), (30, "treinta"), (31, "treinta y uno"),
    (2019, "dos mil diecinueve"), (2024, "dos mil veinticuatro"), (100, "cien"), (145, "ciento cuarenta y cinco"),
])
def test_numbers_in_words(numero, letras):
    assert numero_en_letras(numero) == letras


def test_signing_date_in_words():
    assert fecha_en_letras(date(2019, 6, 3)) == "a los tres días del mes de junio de dos mil diecinueve"
    assert fecha_en_letras(date(2021, 3, 21)) == "a los veintiún días del mes de marzo de dos mil veintiuno"
    assert fecha_en_letras(date(2022, 8, 1)) == "al primer día del mes de agosto de dos mil veintidós"


# --- the content builder -------------------------------------------------------


def _all_text(documento) -> str:
    pieces = []
    for bloque in documento.bloques:
        if isinstance(bloque, Parrafo):
            pieces.append(bloque.texto.replace("**", ""))
        elif isinstance(bloque, Tabla):
            pieces += ["\n".join(c.parrafos) for f in bloque.filas for c in f.celdas]
        elif isinstance(bloque, BloqueFirmas):
            pieces += [line for f in bloque.firmantes for line in f.lineas]
    return "\n".join(pieces)


def test_same_seed_same_content_and_different_seeds_differ():
    first = draw_convenio(random.Random("convenio:1:dev:1"), "a")
    again = draw_convenio(random.Random("convenio:1:dev:1"), "a")
    other = draw_convenio(random.Random("convenio:2:dev:1"), "a")
    assert first[1] == again[1] and _all_text(first[0]) == _all_text(again[0])
    assert first[1] != other[1]


@pytest.mark.parametrize("semilla", range(40))
def test_drawn_record_is_in_the_drawn_document(semilla):
    documento, registro = draw_convenio(random.Random(f"prueba:{semilla}"), f"t{semilla}")
    texto = _all_text(documento)
    preambulo = next(b.texto for b in documento.bloques if isinstance(b, Parrafo) and "QUE CELEBRAN" in b.texto)
    for parte in registro["partes"]:
        assert f'"{parte["rol"]}"' in preambulo
        assert parte["representante"].upper() in preambulo
        assert parte["cargo"].upper() in preambulo
        if parte["domicilio"]:
            assert f"el ubicado en {parte['domicilio']}." in texto
    celdas = {"\n".join(c.parrafos) for b in documento.bloques if isinstance(b, Tabla) for f in b.filas for c in f.celdas}
    for clave, campo in (("hallazgos", "hallazgo"), ("recomendaciones", "recomendacion")):
        for item in registro[clave]:
            assert item[campo] in celdas and item["actividad_comprometida"] in celdas
            assert item["fecha_texto"] in celdas
    for responsable in registro["responsables"]:
        assert responsable["nombre"].upper() in texto and responsable["cargo"].upper() in texto
    assert registro["lugar_firma"] in texto
    if registro["prorroga_max_dias"] is None:
        assert "Prórroga" not in texto and "PRÓRROGA" not in texto
    else:
        assert f"{registro['prorroga_max_dias']} días" in texto or f"({registro['prorroga_max_dias']}) días" in texto


def test_coverage_cycles_reach_every_value_in_a_dev_sized_split():
    desfases = {clave: 0 for clave in CICLOS_DE_COBERTURA}
    registros = [draw_convenio(random.Random(f"c:{i}"), f"c{i}", cuotas_para(i, desfases)) for i in range(12)]
    assert {r["evaluacion"]["tipo"] for _, r in registros} == TIPOS
    assert {d.rasgos["layout_hallazgos"] for d, _ in registros} == {"fila_fecha", "columna_fecha"}
    assert {d.rasgos["reglas"] for d, _ in registros} == {"grid", "horizontal", "none"}
    assert {d.pagina.papel for d, _ in registros} == {"carta", "oficio", "legal"}
    assert any(r["prorroga_max_dias"] is None for _, r in registros)
    assert any(not r["recomendaciones"] for _, r in registros)
    assert {len(r["partes"]) for _, r in registros} == {3, 4}


def test_docx_renderer_writes_repeated_header_rows_and_bullets(tmp_path):
    documento = seed_module.documento_semilla()
    path = render_docx(documento, tmp_path / "seed.docx")
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert xml.count("<w:tblHeader") == 2
    assert "• Implementar mecanismos de evaluación" in xml
    header = zipfile.ZipFile(path).read("word/header1.xml").decode("utf-8")
    assert "Emiliano Zapata Salazar" in header
