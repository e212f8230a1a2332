"""The accuracy yardstick: how predicted records are scored against expected ones.

Each test starts from one small expected record in the contract's shape,
spoils one thing in a copy of it, and shows how the score reacts.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from rich.console import Console

from rapidfuzz import fuzz

from extract.evaluate import (
    DEFAULT_THRESHOLD,
    FAMILIES,
    RecordPair,
    evaluate_paths,
    evaluate_records,
    normalize,
    render_report,
    values_agree,
)

REPO = Path(__file__).resolve().parents[1]
SHA = "3f" * 32

HALLAZGO_2 = (
    "La Matriz de Indicadores para Resultados del Fondo no permite medir su contribución a la reducción "
    "de la incidencia delictiva en el Estado. Los indicadores de gestión no tienen línea base ni metas "
    "anuales. No se cuenta con un diagnóstico actualizado de la prevención del delito."
)
ACTIVIDAD_1 = (
    "Llevar a cabo marchas exploratorias en los municipios con mayor incidencia delictiva, "
    "con la participación de la ciudadanía y de las autoridades municipales."
)


def expected_record() -> dict:
    """A small but complete record in the contract's shape (a fresh copy each call)."""
    return copy.deepcopy(
        {
            "schema_version": "1",
            "documento": {"archivo": "convenio_fasp_2019.pdf", "sha256": SHA, "paginas": 9, "origen": "digital"},
            "titulo": "CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES",
            "fecha_firma": "2019-06-03",
            "lugar_firma": "Toluca de Lerdo, Estado de México",
            "evaluacion": {
                "tipo": "Específica",
                "programa": "Fondo de Aportaciones para la Seguridad Pública",
                "siglas": "FASP",
                "pae": 2017,
            },
            "partes": [
                {
                    "rol": "LA SECRETARÍA",
                    "dependencia": "Secretaría de Finanzas",
                    "representante": "Roberto Inda González",
                    "cargo": "Subsecretario de Planeación y Presupuesto",
                    "domicilio": "calle Colorín, número 101, colonia Lomas Altas, Toluca de Lerdo, Estado de México. CP 50060",
                    "codigo_postal": "50060",
                },
                {
                    "rol": "LA CONTRALORÍA",
                    "dependencia": "Secretaría de la Contraloría",
                    "representante": "María de la Luz Hernández Ruiz",
                    "cargo": "Directora General de Control y Evaluación",
                    "domicilio": "Primero de Mayo número 1731, colonia Zona Industrial, Toluca, Estado de México. CP 50071",
                    "codigo_postal": "50071",
                },
                {
                    "rol": "EL SUJETO EVALUADO",
                    "dependencia": "Secretaría de Seguridad",
                    "representante": "José Gabriel Carreño Camacho",
                    "cargo": "Coordinador Administrativo",
                    "domicilio": None,
                    "codigo_postal": None,
                },
            ],
            "hallazgos": [
                {
                    "numero": 1,
                    "hallazgo": "Derivado de la Evaluación Específica se observó que el Fondo no cuenta con un programa de prevención del delito.",
                    "actividad_comprometida": ACTIVIDAD_1,
                    "fecha_comprometida": "2019-07-31",
                    "fecha_texto": "31 de Julio de 2019",
                    "precision_fecha": "dia",
                },
                {
                    "numero": 2,
                    "hallazgo": HALLAZGO_2,
                    "actividad_comprometida": "Elaborar la línea base y las metas anuales de los indicadores de gestión del Fondo.",
                    "fecha_comprometida": "2019-09-30",
                    "fecha_texto": "septiembre de 2019",
                    "precision_fecha": "mes",
                },
                {
                    "numero": 3,
                    "hallazgo": "El Fondo carece de mecanismos para documentar la entrega de bienes a los municipios.",
                    "actividad_comprometida": "Diseñar un formato de acta de entrega-recepción de bienes.",
                    "fecha_comprometida": "2019-12-15",
                    "fecha_texto": "15 de diciembre de 2019",
                    "precision_fecha": "dia",
                },
            ],
            "recomendaciones": [
                {
                    "numero": 1,
                    "recomendacion": "Derivado del resultado de la evaluación al Fondo, se recomienda integrar un padrón de beneficiarios.",
                    "actividad_comprometida": "Realizar las gestiones correspondientes para integrar el padrón de beneficiarios.",
                    "fecha_comprometida": "2019-07-31",
                    "fecha_texto": "Julio 2019",
                    "precision_fecha": "mes",
                },
                {
                    "numero": 2,
                    "recomendacion": "Publicar los resultados de la evaluación en la página de internet de la dependencia.",
                    "actividad_comprometida": "Publicar el informe final y el convenio en el portal de transparencia.",
                    "fecha_comprometida": "2019-08-30",
                    "fecha_texto": "30 de agosto de 2019",
                    "precision_fecha": "dia",
                },
            ],
            "responsables": [
                {"nombre": "Hugo Ayala Ramos", "cargo": "Director de Evaluación del Desempeño de la Secretaría de Finanzas"},
                {"nombre": "Ana Laura Gómez de la Torre", "cargo": "Jefa de la Unidad de Información, Planeación, Programación y Evaluación"},
            ],
            "prorroga_max_dias": 30,
        }
    )


def score(predicted: dict | None, expected: dict | None = None, **options):
    """Evaluate one predicted record against (by default) the standard expected one."""
    return evaluate_records([RecordPair("convenio_fasp_2019", predicted, expected or expected_record())], **options)


def write_json(path: Path, record: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# --- what a perfect prediction looks like ---------------------------------------


def test_the_expected_record_scored_against_itself_is_perfect_in_every_family():
    report = score(expected_record())

    for family in (*FAMILIES, "overall"):
        counts = report.score(family)
        assert counts.f1 == 1.0, family
        assert (counts.precision, counts.recall) == (1.0, 1.0), family
    assert report.mismatches == []


def test_values_null_on_both_sides_are_not_counted():
    # The third party's domicilio and codigo_postal are null: 3 partes x 6 fields - 2.
    assert score(expected_record()).score("partes").tp == 16


# --- what counts as wrong --------------------------------------------------------


def test_a_hallazgo_cut_short_costs_one_false_positive_and_one_false_negative():
    predicted = expected_record()
    last_sentence = "No se cuenta con un diagnóstico actualizado de la prevención del delito."
    predicted["hallazgos"][1]["hallazgo"] = HALLAZGO_2.removesuffix(last_sentence).strip()

    hallazgos = score(predicted).score("hallazgos")

    assert hallazgos.f1 < 1.0
    assert (hallazgos.fp, hallazgos.fn) == (1, 1)


def test_a_wrong_date_costs_one_false_positive_and_one_false_negative_and_says_where():
    predicted = expected_record()
    predicted["hallazgos"][2]["fecha_comprometida"] = "2019-12-16"

    report = score(predicted)

    hallazgos = report.score("hallazgos")
    assert hallazgos.f1 < 1.0
    assert (hallazgos.fp, hallazgos.fn) == (1, 1)
    [mismatch] = report.mismatches
    assert (mismatch.document, mismatch.family, mismatch.key) == (
        "convenio_fasp_2019",
        "hallazgos",
        "hallazgos[3].fecha_comprometida",
    )
    assert (mismatch.expected, mismatch.predicted) == ("2019-12-15", "2019-12-16")


def test_a_page_header_glued_to_an_actividad_fails_the_similarity_threshold():
    predicted = expected_record()
    predicted["hallazgos"][0]["actividad_comprometida"] = ACTIVIDAD_1 + " Secretaría de Finanzas Página 4 de 9"

    hallazgos = score(predicted).score("hallazgos")

    assert (hallazgos.fp, hallazgos.fn) == (1, 1)


def test_a_one_letter_ocr_slip_in_long_text_still_passes_the_threshold():
    predicted = expected_record()
    predicted["hallazgos"][0]["actividad_comprometida"] = ACTIVIDAD_1.replace("exploratorias", "expl0ratorias")

    assert score(predicted).score("hallazgos").f1 == 1.0


def test_the_threshold_is_configurable():
    predicted = expected_record()
    predicted["hallazgos"][0]["actividad_comprometida"] = ACTIVIDAD_1.replace("exploratorias", "expl0ratorias")

    assert score(predicted, threshold=1.0).score("hallazgos").fn == 1


def test_short_identifiers_must_match_exactly_and_case_matters():
    predicted = expected_record()
    predicted["evaluacion"]["siglas"] = "Fasp"

    meta = score(predicted).score("meta")

    assert (meta.fp, meta.fn) == (1, 1)


def test_a_missing_prediction_has_recall_zero_and_is_listed():
    report = score(None)

    for family in FAMILIES:
        assert report.score(family).recall == 0.0, family
    assert report.score().f1 == 0.0
    assert report.missing_predictions == ["convenio_fasp_2019"]


def test_an_extra_predicted_party_is_a_false_positive_for_each_of_its_fields():
    predicted = expected_record()
    predicted["partes"].append(
        {
            "rol": "LA TESORERÍA",
            "dependencia": "Tesorería Municipal",
            "representante": "Luis Pérez Soto",
            "cargo": "Tesorero Municipal",
            "domicilio": "Av. Hidalgo 1, Centro",
            "codigo_postal": "50000",
        }
    )

    partes = score(predicted).score("partes")

    assert (partes.fp, partes.fn) == (6, 0)  # rol and its five fields


def test_missing_rows_are_false_negatives_and_invented_rows_false_positives():
    predicted = expected_record()
    dropped = predicted["recomendaciones"].pop()  # 5 non-null values
    # The extractor read it into the wrong table, as an unknown hallazgo number 4.
    predicted["hallazgos"].append(dict(dropped, numero=4, hallazgo=dropped["recomendacion"]))

    report = score(predicted)

    assert (report.score("recomendaciones").fp, report.score("recomendaciones").fn) == (0, 5)
    assert (report.score("hallazgos").fp, report.score("hallazgos").fn) == (5, 0)


def test_responsables_are_paired_by_closest_name_whatever_their_order():
    predicted = expected_record()
    predicted["responsables"].reverse()
    predicted["responsables"][1]["nombre"] = "Hugo Ayala Ramoz"  # an OCR slip in a name is wrong...

    report = score(predicted)

    # ...but only the name: the cargo is still compared with the right person.
    assert [m.key for m in report.mismatches] == ["responsables[Hugo Ayala Ramos].nombre"]


# --- what does not count as wrong -------------------------------------------------


def test_whitespace_and_unicode_composition_differences_are_ignored():
    predicted = expected_record()
    secretaria = predicted["partes"][0]
    secretaria["rol"] = unicodedata.normalize("NFD", secretaria["rol"])  # "I" + combining accent
    secretaria["representante"] = "Roberto  Inda\nGonzález"
    secretaria["cargo"] = "  Subsecretario de\nPlaneación\u00a0y   Presupuesto "
    predicted["hallazgos"][1]["hallazgo"] = unicodedata.normalize("NFD", HALLAZGO_2).replace(". ", ".\n\n")

    # With threshold 1.0 no fuzzy tolerance is left: normalization alone makes them equal.
    report = score(predicted, threshold=1.0)

    assert report.score().f1 == 1.0
    assert report.mismatches == []


def test_unknown_keys_such_as_provenance_and_warnings_are_ignored():
    predicted = expected_record()
    predicted["procedencia"] = {"titulo": {"regiones": [], "confianza": 0.98, "metodo": "ocr"}}
    predicted["advertencias"] = [{"codigo": "fecha_ilegible", "mensaje": "…", "campo": None}]
    predicted["hallazgos"][0]["procedencia"] = {"hallazgo": {"confianza": 1.0}}

    assert score(predicted).score().f1 == 1.0


# --- digital and scanned documents are reported apart -------------------------------


def test_scores_are_kept_apart_by_origin_and_mixed_documents_count_as_scanned():
    digital = expected_record()
    scanned = expected_record()
    scanned["documento"]["origen"] = "mixto"
    spoiled_scan = copy.deepcopy(scanned)
    spoiled_scan["fecha_firma"] = None

    report = evaluate_records([("digital", digital, digital), ("scanned", spoiled_scan, scanned)])

    assert report.score(origin="digital").f1 == 1.0
    assert report.score("meta", origin="escaneado").fn == 1
    assert report.score("meta", origin="all").fn == 1
    assert report.document_origins == {"digital": "digital", "scanned": "escaneado"}


# --- files: pairing, reporting and the command line ---------------------------------


def test_files_pair_by_sha256_even_under_different_names(tmp_path):
    write_json(tmp_path / "gold" / "fasp" / "convenio_fasp_2019.expected.json", expected_record())
    write_json(tmp_path / "pred" / "json" / "renamed_upload.json", expected_record())

    report = evaluate_paths(tmp_path / "pred", tmp_path / "gold")

    assert report.score().f1 == 1.0
    assert report.document_origins == {"fasp/convenio_fasp_2019": "digital"}
    assert report.missing_predictions == report.unpaired_predictions == []


def test_files_without_a_digest_pair_by_file_stem_and_strays_are_listed(tmp_path):
    expected = expected_record()
    del expected["documento"]["sha256"]
    predicted = copy.deepcopy(expected)
    stray = expected_record()
    stray["documento"]["sha256"] = "ab" * 32
    write_json(tmp_path / "gold" / "convenio_fasp_2019.expected.json", expected)
    write_json(tmp_path / "pred" / "convenio_fasp_2019.json", predicted)
    write_json(tmp_path / "pred" / "otro_convenio.json", stray)

    report = evaluate_paths(tmp_path / "pred", tmp_path / "gold")

    assert report.score().f1 == 1.0
    assert report.unpaired_predictions == ["otro_convenio"]


def test_a_gold_record_without_a_prediction_file_counts_as_missed(tmp_path):
    write_json(tmp_path / "gold" / "convenio_fasp_2019.expected.json", expected_record())
    (tmp_path / "pred").mkdir()

    report = evaluate_paths(tmp_path / "pred", tmp_path / "gold")

    assert report.score().recall == 0.0
    assert report.missing_predictions == ["convenio_fasp_2019"]


def test_the_report_renders_as_a_table_and_serializes_to_json():
    predicted = expected_record()
    predicted["hallazgos"][2]["fecha_comprometida"] = "2019-12-16"
    predicted["hallazgos"][0]["actividad_comprometida"] = ACTIVIDAD_1 + " Página 4 de 9"
    report = score(predicted)
    console = Console(file=io.StringIO(), width=160)

    render_report(report, console)

    shown = console.file.getvalue()
    assert "escaneado" in shown
    assert "hallazgos[3].fecha_comprometida" in shown
    # Long texts are shown from where they start to differ, so the glued header is in view.
    assert "Página 4 de 9" in shown
    as_json = json.loads(json.dumps(report.to_dict()))
    assert as_json["scores"]["all"]["hallazgos"]["fp"] == 2
    assert as_json["scores"]["escaneado"]["overall"]["f1"] is None  # no scanned documents: no score
    assert as_json["mismatches"][-1]["key"] == "hallazgos[3].fecha_comprometida"


def run_module(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extract.evaluate", *arguments],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_the_module_runs_from_the_command_line(tmp_path):
    write_json(tmp_path / "samples" / "convenio_fasp_2019.expected.json", expected_record())
    write_json(tmp_path / "out" / "json" / "convenio_fasp_2019.json", expected_record())

    as_json = run_module(str(tmp_path / "out"), str(tmp_path / "samples"), "--json")
    as_table = run_module(str(tmp_path / "out"), str(tmp_path / "samples"))

    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["scores"]["all"]["overall"]["f1"] == 1.0
    assert as_table.returncode == 0, as_table.stderr
    assert "recomendaciones" in as_table.stdout


def test_the_command_line_explains_a_folder_without_expected_records(tmp_path):
    (tmp_path / "empty").mkdir()

    result = run_module(str(tmp_path / "empty"), str(tmp_path / "empty"))

    assert result.returncode != 0
    assert "no *.expected.json records" in result.stderr


# --- the committed samples --------------------------------------------------------------


def test_the_committed_expected_records_score_perfectly_against_themselves(tmp_path):
    committed = sorted((REPO / "samples").rglob("*.expected.json"))
    assert committed, "samples/**/*.expected.json should be committed"
    # Copied alone, so other JSON files under samples/ are not taken for predictions.
    gold = tmp_path / "gold"
    for path in committed:
        destination = gold / path.relative_to(REPO / "samples")
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, destination)

    report = evaluate_paths(gold, gold)

    assert report.mismatches == []
    assert report.missing_predictions == report.unpaired_predictions == []
    assert report.score().f1 == 1.0
    assert len(report.document_origins) == len(committed)
    for family in FAMILIES:
        counts = report.score(family)
        assert counts.fp == counts.fn == 0, family


def test_a_dropped_line_in_a_long_cell_still_counts_as_wrong():
    long_text = " ".join(f"Oración número {n} del hallazgo, con detalle suficiente." for n in range(25))
    dropped = long_text.replace("Oración número 7 del hallazgo, con detalle suficiente. ", "")
    assert fuzz.ratio(long_text, dropped) / 100 >= DEFAULT_THRESHOLD  # the ratio alone would forgive it
    assert not values_agree("hallazgo", normalize(long_text), normalize(dropped), DEFAULT_THRESHOLD)
