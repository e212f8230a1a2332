"""Reviewer corrections: saved apart from machine output, checked against the schema, kept across re-extractions."""

import datetime as dt
import json
import shutil

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from extract.corrections import (
    CORRECTIONS_SCHEMA,
    Correction,
    CorrectionStore,
    FieldPath,
    accept_machine_value,
    add_item,
    apply_corrections,
    correct,
    delete_item,
    export_corrected,
    keep_reviewer_value,
    mark,
)
from extract.batch import run_batch
from extract.cli import main
from extract.errors import CorrectionError
from extract.export import read_records
from extract.pipeline import StageTimes, extract_bytes
from schemas import Convenio
from tests.review_fixtures import SEED_PDF, changed, machine_record, write_run

MONDAY = dt.datetime(2024, 5, 6, 9, 30, tzinfo=dt.timezone.utc)
REVIEWER = {"reviewer": "ana.perez", "now": MONDAY}


def reextracted(record: Convenio, family: str, numero: int, **fields) -> Convenio:
    """`record` as a newer pipeline reads it: one item's fields changed (None for `drop=True` removes the item)."""
    data = record.model_dump(mode="json")
    data["pipeline_version"] = "2.0"
    items = data[family]
    index = next(i for i, item in enumerate(items) if item["numero"] == numero)
    if fields.pop("drop", False):
        del items[index]
    else:
        items[index].update(fields)
    return Convenio.model_validate(data)


@pytest.fixture
def store(tmp_path):
    return CorrectionStore(tmp_path / "corrections")


@pytest.fixture
def record():
    return machine_record()


# Paths


@pytest.mark.parametrize("text", [
    "fecha_firma",
    "evaluacion.pae",
    "hallazgos[numero=3].fecha_comprometida",
    "hallazgos[numero=3#2]",
    "partes[rol=LA UIPPE].cargo",
    "responsables[nombre=Hugo Ayala Ramos]",
])
def test_a_path_reads_back_as_written(text):
    assert str(FieldPath.parse(text)) == text


def test_spaces_inside_brackets_do_not_make_another_path():
    assert FieldPath.parse(" hallazgos[ numero = 3 ].fecha_texto ") == FieldPath.parse("hallazgos[numero=3].fecha_texto")


@pytest.mark.parametrize("text, says", [
    ("hallazgos[3].fecha_comprometida", r"hallazgos items are named by numero, not by position, as in hallazgos\[numero=...\]"),
    ("hallazgos[numero=tres]", "numero must be a whole number"),
    ("anexos[numero=1]", "no list named 'anexos'"),
    ("documento.sha256", "'documento' is not something a reviewer corrects"),
    ("hallazgos[numero=1", "cannot read the path"),
])
def test_a_malformed_path_is_refused_with_what_to_write(text, says):
    with pytest.raises(CorrectionError, match=says):
        FieldPath.parse(text)


# Saving a value


def test_a_correction_is_one_line_of_the_documents_log_and_the_machine_record_is_untouched(store, record):
    corrected = correct(
        store, record, {"hallazgos[numero=1].fecha_comprometida": "2019-08-31"}, reason="the page says agosto", **REVIEWER
    )

    lines = store.file(record.documento.sha256).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [{
        "op": "set",
        "path": "hallazgos[numero=1].fecha_comprometida",
        "old": "2019-07-31",
        "new": "2019-08-31",
        "reviewer": "ana.perez",
        "timestamp": "2024-05-06T09:30:00Z",
        "reason": "the page says agosto",
    }]
    assert corrected.record.hallazgos[0].fecha_comprometida == dt.date(2019, 8, 31)
    assert record.hallazgos[0].fecha_comprometida == dt.date(2019, 7, 31)


def test_a_corrected_value_says_a_person_set_it_and_keeps_where_it_was_read(store, record):
    corrected = correct(store, record, {"hallazgos[numero=1].fecha_comprometida": "2019-08-31"}, **REVIEWER)

    procedencia = corrected.record.hallazgos[0].procedencia["fecha_comprometida"]
    assert procedencia.corregido and not procedencia.revisar
    assert (procedencia.metodo, procedencia.confianza) == ("revisor", 1.0)
    assert procedencia.regiones == record.hallazgos[0].procedencia["fecha_comprometida"].regiones


def test_form_text_becomes_the_fields_type_and_blank_text_means_null(store, record):
    corrected = correct(store, record, {"prorroga_max_dias": " 45 ", "lugar_firma": ""}, **REVIEWER)

    assert corrected.record.prorroga_max_dias == 45
    assert corrected.record.lugar_firma is None
    assert [c.new for c in store.read(record.documento.sha256)] == [45, None]


def test_confirming_a_value_as_it_is_records_that_a_person_checked_it(store, record):
    corrected = correct(store, record, {"fecha_firma": "2019-06-03"}, reason="checked on page 8", **REVIEWER)

    (confirmation,) = store.read(record.documento.sha256)
    assert (confirmation.old, confirmation.new) == ("2019-06-03", "2019-06-03")
    assert corrected.record.procedencia["fecha_firma"].corregido and not corrected.record.procedencia["fecha_firma"].revisar


def test_an_impossible_date_is_refused_with_a_clear_message_and_nothing_is_saved(store, record):
    with pytest.raises(CorrectionError) as refused:
        correct(store, record, {"hallazgos[numero=1].fecha_comprometida": "2019-02-30"}, **REVIEWER)

    assert str(refused.value) == (
        "hallazgos[numero=1].fecha_comprometida: '2019-02-30' is refused: Input should be a valid date or datetime, "
        "day value is outside expected range (dates are written YYYY-MM-DD)"
    )
    assert not store.file(record.documento.sha256).exists()


def test_the_records_own_rules_apply_to_the_values_saved_together(store, record):
    month_end_rule = {"recomendaciones[numero=1].fecha_comprometida": "2019-09-15"}
    with pytest.raises(CorrectionError, match="a month-precision date must be the month's last day, got 2019-09-15"):
        correct(store, record, month_end_rule, **REVIEWER)

    corrected = correct(store, record, {**month_end_rule, "recomendaciones[numero=1].precision_fecha": "dia"}, **REVIEWER)
    assert corrected.record.recomendaciones[0].fecha_comprometida == dt.date(2019, 9, 15)


def test_a_value_that_breaks_the_record_refuses_the_whole_save(store, record):
    with pytest.raises(CorrectionError, match=r"nothing saved: partes: two parties share the alias \['LA CONTRALORÍA'\]"):
        correct(store, record, {"partes[rol=LA SECRETARÍA].rol": "LA CONTRALORÍA", "titulo": "Convenio"}, **REVIEWER)

    assert store.read(record.documento.sha256) == []


@pytest.mark.parametrize("path, says", [
    ("schema_version", "'schema_version' is not a value a reviewer can set on the record"),
    ("hallazgos[numero=1].procedencia", "'procedencia' is not a value a reviewer can set on a hallazgos item"),
    ("hallazgos[numero=1]", "set needs a field"),
    ("hallazgos[numero=99].fecha_texto", r"hallazgos\[numero=99\]: this record has no such item"),
])
def test_only_extracted_values_of_existing_items_can_be_set(store, record, path, says):
    with pytest.raises(CorrectionError, match=says):
        correct(store, record, {path: "x"}, **REVIEWER)


def test_items_are_named_by_rol_and_nombre_and_a_renamed_item_by_its_new_name(store, record):
    correct(store, record, {"partes[rol=LA SECRETARÍA].rol": "LA SECRETARÍA DE FINANZAS"}, **REVIEWER)
    corrected = correct(
        store, record,
        {"partes[rol=LA SECRETARÍA DE FINANZAS].cargo": "Subsecretario", "responsables[nombre=Hugo Ayala Ramos].cargo": "Director"},
        **REVIEWER,
    )

    assert (corrected.record.partes[0].rol, corrected.record.partes[0].cargo) == ("LA SECRETARÍA DE FINANZAS", "Subsecretario")
    assert corrected.record.responsables[0].cargo == "Director"


def test_a_repeated_printed_number_is_told_apart_by_its_occurrence(store, record):
    correct(store, record, {"hallazgos[numero=5].numero": 4}, **REVIEWER)  # two items now print 4
    corrected = correct(store, record, {"hallazgos[numero=4#2].numero": 5}, **REVIEWER)

    assert [h.numero for h in corrected.record.hallazgos] == list(range(1, 11))


# Adding and deleting items


def test_a_missed_hallazgo_can_be_added_and_lands_in_number_order(store, record):
    without_seven = reextracted(record, "hallazgos", 7, drop=True)
    corrected = add_item(
        store, without_seven, "hallazgos",
        {"numero": "7", "hallazgo": "Falta un padrón de beneficiarios.", "fecha_comprometida": "2019-12-31", "precision_fecha": "mes"},
        reason="row missed on page 6", **REVIEWER,
    )

    added = corrected.record.hallazgos[6]
    assert [h.numero for h in corrected.record.hallazgos] == list(range(1, 11))
    assert (added.hallazgo, added.fecha_comprometida) == ("Falta un padrón de beneficiarios.", dt.date(2019, 12, 31))
    assert added.procedencia["hallazgo"].corregido and added.procedencia["hallazgo"].regiones == []
    assert "actividad_comprometida" not in added.procedencia  # nobody set it


def test_an_added_item_is_checked_like_any_other(store, record):
    with pytest.raises(CorrectionError, match="new hallazgos item is refused: fecha_comprometida: Input should be a valid date"):
        add_item(store, record, "hallazgos", {"numero": 11, "fecha_comprometida": "2019-13-01", "precision_fecha": "dia"}, **REVIEWER)
    with pytest.raises(CorrectionError, match=r"hallazgos\[numero=3\] already exists: correct its fields instead"):
        add_item(store, record, "hallazgos", {"numero": 3}, **REVIEWER)


def test_a_spurious_item_can_be_deleted_and_the_log_keeps_what_it_said(store, record):
    corrected = delete_item(store, record, "responsables[nombre=Erika Torres Muñoz]", reason="not a responsable", **REVIEWER)

    assert [r.nombre for r in corrected.record.responsables] == [r.nombre for r in record.responsables[:3]]
    (deletion,) = store.read(record.documento.sha256)
    assert deletion.op == "delete" and deletion.old["cargo"].startswith("Encargada de la Dirección General")


# Marks (ASM status, read by extract.tracking)


def test_a_mark_is_a_note_on_an_item_that_tracking_reads_and_a_null_mark_withdraws_it(store, record):
    marked = mark(store, record, "hallazgos[numero=2].estatus", "cumplido", reason="oficio 203/2019", **REVIEWER)

    assert marked.marks["hallazgos[numero=2].estatus"].new == "cumplido"
    assert marked.record == apply_corrections(record, []).record  # a mark changes no value of the record

    withdrawn = mark(store, record, "hallazgos[numero=2].estatus", None, **REVIEWER)
    assert withdrawn.marks == {}
    assert [c.old for c in store.read(record.documento.sha256)] == [None, "cumplido"]


def test_a_mark_follows_its_item_when_a_reviewer_renumbers_it(store, record):
    mark(store, record, "hallazgos[numero=5].estatus", "cumplido", **REVIEWER)

    corrected = correct(store, record, {"hallazgos[numero=5].numero": 50}, **REVIEWER)

    assert list(corrected.marks) == ["hallazgos[numero=50].estatus"]


def test_a_field_of_the_record_cannot_be_used_as_a_mark(store, record):
    with pytest.raises(CorrectionError, match="'fecha_comprometida' is a field of the record; correct it with set"):
        mark(store, record, "hallazgos[numero=2].fecha_comprometida", "2019-01-01", **REVIEWER)


# The log file


def test_a_damaged_log_line_is_reported_with_its_line_number(store, record):
    correct(store, record, {"titulo": "Convenio"}, **REVIEWER)
    with store.file(record.documento.sha256).open("a", encoding="utf-8") as log:
        log.write('{"op": "set", "path": "fecha_firma", "new": "2019-06-31", "reviewer": "x", "timestamp": "2024-05-06T09:30:00Z"}\n')

    with pytest.raises(CorrectionError, match=r"\.jsonl: line 2: .*fecha_firma: '2019-06-31' is refused"):
        store.read(record.documento.sha256)


def test_a_timestamp_needs_a_time_zone():
    with pytest.raises(ValueError, match="timezone"):
        Correction(op="set", path="titulo", new="x", reviewer="ana", timestamp=dt.datetime(2024, 5, 6, 9, 30))


def test_a_hand_edited_log_without_a_final_newline_still_gets_whole_lines(store, record):
    file = store.file(record.documento.sha256)
    file.parent.mkdir(parents=True)
    line = Correction(op="set", path="titulo", old=record.titulo, new="Convenio", reviewer="ana", timestamp=MONDAY)
    file.write_text(line.model_dump_json(), encoding="utf-8")

    correct(store, record, {"lugar_firma": "Toluca"}, **REVIEWER)
    assert [c.path for c in store.read(record.documento.sha256)] == ["titulo", "lugar_firma"]


# Re-extraction


def test_a_changed_machine_value_under_a_correction_is_a_conflict_and_the_reviewers_value_stays(store, record):
    correct(store, record, {"hallazgos[numero=1].fecha_comprometida": "2019-08-31"}, **REVIEWER)
    newer = reextracted(record, "hallazgos", 1, fecha_comprometida="2019-07-30")

    corrected = apply_corrections(newer, store.read(record.documento.sha256))

    (conflict,) = corrected.conflicts
    assert (conflict.kind, conflict.found) == ("changed", "2019-07-30")
    assert "the extraction now reads '2019-07-30' where you saw '2019-07-31'" in conflict.message
    assert corrected.record.hallazgos[0].fecha_comprometida == dt.date(2019, 8, 31)
    assert corrected.record.hallazgos[0].procedencia["fecha_comprometida"].revisar


def test_a_newer_extraction_that_agrees_with_the_reviewer_is_no_conflict(store, record):
    correct(store, record, {"hallazgos[numero=1].fecha_comprometida": "2019-08-31"}, **REVIEWER)
    newer = reextracted(record, "hallazgos", 1, fecha_comprometida="2019-08-31")

    assert apply_corrections(newer, store.read(record.documento.sha256)).conflicts == []


def test_a_correction_whose_item_is_gone_is_kept_but_not_applied(store, record):
    correct(store, record, {"hallazgos[numero=2].fecha_texto": "Julio 2019"}, **REVIEWER)
    newer = reextracted(record, "hallazgos", 2, drop=True)

    corrected = apply_corrections(newer, store.read(record.documento.sha256))

    (outcome,) = corrected.outcomes
    assert not outcome.applied and outcome.conflict.kind == "missing"
    assert len(store.read(record.documento.sha256)) == 1


def test_an_added_item_that_the_extraction_now_finds_is_a_conflict_only_where_they_differ(store, record):
    without_seven = reextracted(record, "hallazgos", 7, drop=True)
    seven = record.hallazgos[6].model_dump(mode="json", exclude={"procedencia"})
    add_item(store, without_seven, "hallazgos", {**seven, "fecha_texto": "fin de 2019"}, **REVIEWER)

    corrected = apply_corrections(record, store.read(record.documento.sha256))

    (conflict,) = corrected.conflicts
    assert conflict.kind == "exists" and "other values for fecha_texto" in conflict.message
    assert corrected.record.hallazgos[6].fecha_texto == "fin de 2019"


def test_a_correction_that_no_longer_validates_is_set_aside_and_listed(store, record):
    correct(store, record, {"hallazgos[numero=1].fecha_comprometida": "2019-07-15"}, **REVIEWER)
    newer = reextracted(record, "hallazgos", 1, fecha_comprometida="2019-07-31", precision_fecha="mes", fecha_texto="Julio 2019")

    corrected = apply_corrections(newer, store.read(record.documento.sha256))

    (conflict,) = corrected.conflicts
    assert conflict.kind == "invalid"
    assert conflict.message == "hallazgos[numero=1]: a month-precision date must be the month's last day, got 2019-07-15"
    assert corrected.record.hallazgos[0].fecha_comprometida == dt.date(2019, 7, 31)


def test_a_conflict_resolved_for_the_reviewer_stays_resolved(store, record):
    correct(store, record, {"hallazgos[numero=1].fecha_comprometida": "2019-08-31"}, **REVIEWER)
    newer = reextracted(record, "hallazgos", 1, fecha_comprometida="2019-07-30")
    (conflict,) = apply_corrections(newer, store.read(record.documento.sha256)).conflicts

    resolved = keep_reviewer_value(store, newer, conflict, reason="checked the page again", **REVIEWER)

    assert resolved.conflicts == []
    assert resolved.record.hallazgos[0].fecha_comprometida == dt.date(2019, 8, 31)
    assert not resolved.record.hallazgos[0].procedencia["fecha_comprometida"].revisar


def test_a_conflict_resolved_for_the_extraction_returns_the_machine_value(store, record):
    correct(store, record, {"hallazgos[numero=1].fecha_comprometida": "2019-08-31"}, **REVIEWER)
    newer = reextracted(record, "hallazgos", 1, fecha_comprometida="2019-07-30")
    (conflict,) = apply_corrections(newer, store.read(record.documento.sha256)).conflicts

    resolved = accept_machine_value(store, newer, conflict, **REVIEWER)

    assert resolved.conflicts == [] and resolved.outcomes == []
    assert resolved.record == newer


def test_an_item_that_is_gone_cannot_be_kept_by_the_reviewer(store, record):
    delete_item(store, record, "hallazgos[numero=2]", **REVIEWER)
    newer = reextracted(record, "hallazgos", 2, drop=True)
    (conflict,) = apply_corrections(newer, store.read(record.documento.sha256)).conflicts

    with pytest.raises(CorrectionError, match="cannot keep this correction"):
        keep_reviewer_value(store, newer, conflict, **REVIEWER)


# The round trip through a run folder


def test_round_trip_extract_correct_export_reextract_export(tmp_path):
    run = write_run(tmp_path / "run", [machine_record("1.0")])
    sha256 = machine_record().documento.sha256
    store = CorrectionStore(run / "corrections")
    (machine,) = read_records(run / "json")

    correct(store, machine, {"hallazgos[numero=1].fecha_comprometida": "2019-08-31", "fecha_firma": "2019-06-04"}, **REVIEWER)
    add_item(store, machine, "recomendaciones", {"numero": 4, "recomendacion": "Publicar los indicadores."}, **REVIEWER)
    delete_item(store, machine, "responsables[nombre=Erika Torres Muñoz]", **REVIEWER)
    first = export_corrected(read_records(run / "json"), run, "1.0")

    assert first.conflicts == [] and first.corrections == 4
    corrected = Convenio.model_validate_json((run / "corrected" / f"{sha256}.json").read_text(encoding="utf-8"))
    assert corrected.procedencia["fecha_firma"].corregido and corrected.fecha_firma == dt.date(2019, 6, 4)
    assert not corrected.procedencia["titulo"].corregido
    hallazgos = pq.read_table(run / "parquet" / "hallazgos").to_pylist()
    assert hallazgos[0]["fecha_comprometida"] == dt.date(2019, 8, 31)
    assert len(pq.read_table(run / "parquet" / "recomendaciones")) == 4
    assert len(pq.read_table(run / "parquet" / "responsables")) == 3

    # A newer pipeline rewrites the machine JSON: it now reads another date under the reviewer's.
    newer = reextracted(changed(machine_record("1.0"), lugar_firma="Toluca"), "hallazgos", 1, fecha_comprometida="2019-07-30")
    write_run(run, [newer])
    second = export_corrected(read_records(run / "json"), run, "2.0")

    assert len(store.read(sha256)) == 4
    ((archivo, conflict),) = second.conflicts
    assert (archivo, conflict.correction.path, conflict.found) == ("convenio_fasp_2019.pdf", "hallazgos[numero=1].fecha_comprometida", "2019-07-30")
    (corrected,) = read_records(run / "corrected")
    assert (corrected.pipeline_version, corrected.lugar_firma) == ("2.0", "Toluca")
    assert corrected.hallazgos[0].fecha_comprometida == dt.date(2019, 8, 31)
    assert len(corrected.recomendaciones) == 4 and len(corrected.responsables) == 3

    flags = pq.read_table(run / "correcciones.parquet")
    assert flags.schema.remove_metadata() == CORRECTIONS_SCHEMA
    by_path = {row["campo"]: row for row in flags.to_pylist()}
    assert by_path["hallazgos[numero=1].fecha_comprometida"] | {"fecha_hora": None} == {
        "sha256": sha256, "archivo": "convenio_fasp_2019.pdf", "secuencia": 1, "operacion": "set",
        "campo": "hallazgos[numero=1].fecha_comprometida", "tabla": "hallazgos", "orden": 1,
        "valor_anterior": '"2019-07-31"', "valor_nuevo": '"2019-08-31"', "revisor": "ana.perez", "fecha_hora": None,
        "motivo": None, "aplicada": True, "conflicto": "changed", "mensaje_conflicto": conflict.message,
    }
    assert (by_path["recomendaciones[numero=4]"]["orden"], by_path["recomendaciones[numero=4]"]["conflicto"]) == (4, None)
    assert by_path["responsables[nombre=Erika Torres Muñoz]"]["orden"] is None


def test_the_corrected_folder_mirrors_the_run(tmp_path):
    stale = tmp_path / "corrected" / f"{'e' * 64}.json"
    stale.parent.mkdir()
    stale.write_text("{}", encoding="utf-8")

    export_corrected([machine_record(), machine_record()], tmp_path, "1.0")

    assert [p.stem for p in (tmp_path / "corrected").glob("*.json")] == [machine_record().documento.sha256]


def newer_pipeline(data: bytes, name: str, *, times: StageTimes) -> Convenio:
    """Tomorrow's pipeline (version 2.0): it reads the first deadline one day earlier."""
    return reextracted(extract_bytes(data, name, times=times), "hallazgos", 1, fecha_comprometida="2019-07-30")


def test_round_trip_through_the_batch_extract_correct_reextract(tmp_path, monkeypatch):
    pdfs, out = tmp_path / "pdfs", tmp_path / "run"
    pdfs.mkdir()
    shutil.copy(SEED_PDF, pdfs)
    run_batch([pdfs], out, workers=1)
    (machine,) = read_records(out / "json")
    store = CorrectionStore(out / "corrections")
    correct(store, machine, {"hallazgos[numero=1].fecha_comprometida": "2019-08-31"}, **REVIEWER)
    delete_item(store, machine, "hallazgos[numero=10]", reason="a page footer read as a row", **REVIEWER)
    export_corrected(read_records(out / "json"), out, machine.pipeline_version)
    assert len(pq.read_table(out / "parquet" / "hallazgos")) == 9

    monkeypatch.setattr("extract.batch.pipeline_version", lambda: "2.0")
    report = run_batch([pdfs], out, workers=1, extractor=newer_pipeline)

    (reextracted_record,) = read_records(out / "json")
    assert report.extracted and reextracted_record.hallazgos[0].fecha_comprometida == dt.date(2019, 7, 30)
    assert len(store.read(machine.documento.sha256)) == 2
    hallazgos = pq.read_table(out / "parquet" / "hallazgos").to_pylist()
    assert len(hallazgos) == 9 and hallazgos[0]["fecha_comprometida"] == dt.date(2019, 8, 31)
    flags = pq.read_table(out / "correcciones.parquet").to_pylist()
    assert [(row["campo"], row["conflicto"]) for row in flags] == [
        ("hallazgos[numero=1].fecha_comprometida", "changed"),
        ("hallazgos[numero=10]", None),
    ]


def test_the_export_command_writes_the_corrected_run_and_lists_conflicts_on_stderr(tmp_path):
    run = write_run(tmp_path, [machine_record()])
    correct(CorrectionStore(run / "corrections"), machine_record(), {"lugar_firma": "Toluca de Lerdo"}, **REVIEWER)
    write_run(run, [changed(machine_record(), lugar_firma="Toluca")])

    result = CliRunner().invoke(main, ["export", str(run)])

    assert result.exit_code == 0, result.output
    assert result.stdout == f"1 documents, 1 corrections, 1 conflicts -> {run}\n"
    assert result.stderr.startswith("conflict: convenio_fasp_2019.pdf: lugar_firma: the extraction now reads 'Toluca'")
    assert (run / "corrected" / f"{machine_record().documento.sha256}.json").exists()


def test_the_export_command_names_a_damaged_log(tmp_path):
    run = write_run(tmp_path, [machine_record()])
    log = CorrectionStore(run / "corrections").file(machine_record().documento.sha256)
    log.parent.mkdir()
    log.write_text("not json\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["export", str(run)])

    assert result.exit_code == 1
    assert f"{log}: line 1: Invalid JSON" in result.output
