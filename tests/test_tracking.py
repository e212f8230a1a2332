"""ASM tracking: each commitment's deadline, extension limit and status on a date, and the reviewer's 'cumplido' mark."""

import datetime as dt
import json
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.corrections import CorrectionStore
from extract.errors import CorrectionError
from extract.tracking import (
    CUMPLIDO,
    EN_PLAZO_DE_PRORROGA,
    SIN_FECHA,
    TRACKING_SCHEMA,
    VENCIDO,
    VIGENTE,
    correction_conflicts,
    count_by_status,
    track,
    write_tracking,
)
from schemas import Convenio, Documento, Hallazgo, Recomendacion

SEED_PDF = Path(__file__).parent.parent / "samples" / "seed" / "convenio_fasp_2019.pdf"
SEED_EXPECTED = SEED_PDF.with_name("convenio_fasp_2019.expected.json")
JULY_31 = dt.date(2019, 7, 31)

# The seed's ten hallazgos and recomendaciones 1 and 3 were due 31 July 2019 and
# its Prórroga clause allows 30 days; recomendación 2 is due 30 September.
SEED_STATUSES_ON_2019_08_15 = {
    **{("hallazgo", n): EN_PLAZO_DE_PRORROGA for n in range(1, 11)},
    ("recomendacion", 1): EN_PLAZO_DE_PRORROGA,
    ("recomendacion", 2): VIGENTE,
    ("recomendacion", 3): EN_PLAZO_DE_PRORROGA,
}


def seed_record() -> Convenio:
    """The seed convenio as its expected record says (the contract shape, plus the version the model requires)."""
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    return Convenio.model_validate({**expected, "pipeline_version": "test"})


def one_commitment(fecha: dt.date | None, prorroga_max_dias: int | None) -> Convenio:
    return Convenio(
        pipeline_version="test",
        documento=Documento(archivo="x.pdf", sha256="e" * 64, paginas=1, origen="digital"),
        hallazgos=[Hallazgo(numero=1, fecha_comprometida=fecha, precision_fecha="dia" if fecha else None)],
        prorroga_max_dias=prorroga_max_dias,
    )


def status_on(as_of: dt.date, record: Convenio) -> str:
    [row] = track([record], as_of)
    return row.estatus


def corrections_log(folder: Path, sha256: str, *lines: dict) -> CorrectionStore:
    """A reviewers' log as `corrections/<sha256>.jsonl` holds it, one decision a line."""
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    (folder / f"{sha256}.jsonl").write_text(text, encoding="utf-8")
    return CorrectionStore(folder)


def mark(path: str, new: str | None, timestamp: str = "2019-08-10T09:00:00-06:00") -> dict:
    return {"op": "mark", "path": path, "old": None, "new": new, "reviewer": "Ana Pérez",
            "timestamp": timestamp, "reason": "oficio de cumplimiento"}


def test_seed_on_2019_08_15_ten_hallazgos_and_recomendaciones_1_and_3_are_in_extension_and_recomendacion_2_is_in_term():
    rows = track([seed_record()], dt.date(2019, 8, 15))

    assert len(rows) == 13
    statuses = {(row.tipo, row.numero): row.estatus for row in rows}
    assert statuses == SEED_STATUSES_ON_2019_08_15
    # 31 July plus the clause's 30 calendar days; recomendación 2 is due 30 September.
    assert {row.fecha_limite_prorroga for row in rows} == {dt.date(2019, 8, 30), dt.date(2019, 10, 30)}
    assert count_by_status(rows) == {VIGENTE: 1, EN_PLAZO_DE_PRORROGA: 12, VENCIDO: 0, SIN_FECHA: 0, CUMPLIDO: 0}


def test_rows_carry_what_a_tracking_team_filters_on():
    first = track([seed_record()], dt.date(2019, 8, 15))[0]

    assert (first.archivo, first.sujeto_evaluado, first.anio_firma) == (
        "convenio_fasp_2019.pdf", "Secretaría de Seguridad", 2019
    )
    assert (first.fecha_comprometida, first.precision_fecha, first.prorroga_max_dias) == (JULY_31, "dia", 30)
    assert first.fecha_corte == dt.date(2019, 8, 15)


def test_the_deadline_day_and_the_extension_limit_day_are_still_in_term():
    record = one_commitment(JULY_31, prorroga_max_dias=30)

    assert status_on(dt.date(2019, 7, 31), record) == VIGENTE
    assert status_on(dt.date(2019, 8, 1), record) == EN_PLAZO_DE_PRORROGA
    assert status_on(dt.date(2019, 8, 30), record) == EN_PLAZO_DE_PRORROGA
    assert status_on(dt.date(2019, 8, 31), record) == VENCIDO


def test_without_a_prorroga_clause_a_commitment_is_overdue_the_day_after_its_deadline():
    record = one_commitment(JULY_31, prorroga_max_dias=None)

    [row] = track([record], dt.date(2019, 8, 1))
    assert row.estatus == VENCIDO and row.fecha_limite_prorroga is None


def test_an_unreadable_deadline_is_sin_fecha_never_a_guess():
    assert status_on(dt.date(2019, 8, 15), one_commitment(None, prorroga_max_dias=30)) == SIN_FECHA


def test_a_reviewer_marks_a_commitment_cumplido_through_the_corrections_log(tmp_path):
    record = seed_record()
    store = corrections_log(tmp_path, record.documento.sha256, mark("recomendaciones[numero=3].estatus", CUMPLIDO))

    rows = track([record], dt.date(2019, 8, 15), store)

    [marked] = [row for row in rows if row.estatus == CUMPLIDO]
    assert (marked.tipo, marked.numero, marked.marcado_por) == ("recomendacion", 3, "Ana Pérez")
    assert marked.estatus_por_fecha == EN_PLAZO_DE_PRORROGA, "the date-based status stays visible"


def test_a_null_mark_later_in_the_log_withdraws_it(tmp_path):
    record = seed_record()
    path = "hallazgos[numero=1].estatus"
    store = corrections_log(tmp_path, record.documento.sha256,
                            mark(path, CUMPLIDO), mark(path, None, "2019-08-11T09:00:00-06:00"))

    assert count_by_status(track([record], dt.date(2019, 8, 15), store))[CUMPLIDO] == 0


def test_a_mark_recorded_after_the_cut_off_date_does_not_change_that_date_s_report(tmp_path):
    record = seed_record()
    store = corrections_log(tmp_path, record.documento.sha256,
                            mark("hallazgos[numero=1].estatus", CUMPLIDO, "2019-09-02T12:00:00-06:00"))

    assert count_by_status(track([record], dt.date(2019, 8, 15), store))[CUMPLIDO] == 0
    assert count_by_status(track([record], dt.date(2019, 9, 2), store))[CUMPLIDO] == 1


def test_a_deadline_a_reviewer_corrected_is_the_one_tracked(tmp_path):
    record = seed_record()
    store = corrections_log(tmp_path, record.documento.sha256, {
        "op": "set", "path": "hallazgos[numero=1].fecha_comprometida", "old": "2019-07-31", "new": "2019-08-31",
        "reviewer": "Ana Pérez", "timestamp": "2019-08-12T10:00:00-06:00", "reason": "la página dice 31 de agosto",
    })

    first = track([record], dt.date(2019, 8, 15), store)[0]

    assert (first.fecha_comprometida, first.fecha_limite_prorroga, first.estatus) == (
        dt.date(2019, 8, 31), dt.date(2019, 9, 30), VIGENTE
    )


def test_a_reviewer_can_only_mark_cumplido(tmp_path):
    record = seed_record()
    store = corrections_log(tmp_path, record.documento.sha256, mark("hallazgos[numero=1].estatus", VENCIDO))

    with pytest.raises(CorrectionError, match="only mark a commitment 'cumplido'"):
        track([record], dt.date(2019, 8, 15), store)


def test_a_mark_on_a_commitment_that_does_not_exist_is_reported_not_lost(tmp_path):
    record = seed_record()
    store = corrections_log(tmp_path, record.documento.sha256, mark("hallazgos[numero=11].estatus", CUMPLIDO))

    [conflict] = correction_conflicts([record], store)
    assert conflict.startswith("convenio_fasp_2019.pdf: hallazgos[numero=11].estatus")


def test_tracking_rows_are_written_as_typed_parquet_or_as_csv(tmp_path):
    rows = track([seed_record()], dt.date(2019, 8, 15))

    write_tracking(rows, tmp_path / "seguimiento.parquet", "9.9")
    write_tracking(rows, tmp_path / "seguimiento.csv", "9.9")

    stored = pq.read_table(tmp_path / "seguimiento.parquet")
    assert stored.schema.remove_metadata() == TRACKING_SCHEMA
    assert stored.schema.metadata[b"convenios.pipeline_version"] == b"9.9"
    assert stored.column("estatus").to_pylist().count(EN_PLAZO_DE_PRORROGA) == 12
    from_csv = pacsv.read_csv(tmp_path / "seguimiento.csv")
    assert from_csv.num_rows == 13
    assert from_csv.column("fecha_limite_prorroga").to_pylist()[0] == dt.date(2019, 8, 30)


def test_tracking_refuses_a_file_type_it_cannot_write(tmp_path):
    with pytest.raises(ValueError, match=r"\.parquet or \.csv"):
        write_tracking([], tmp_path / "seguimiento.xlsx", "9.9")


def test_convenios_track_applies_the_run_s_corrections_and_writes_parquet_and_csv(tmp_path):
    record = seed_record()
    (tmp_path / "run" / "json").mkdir(parents=True)
    (tmp_path / "run" / "json" / "convenio_fasp_2019.json").write_text(record.model_dump_json(), encoding="utf-8")
    corrections_log(tmp_path / "run" / "corrections", record.documento.sha256,
                    mark("recomendaciones[numero=2].estatus", CUMPLIDO))

    result = CliRunner().invoke(main, [
        "track", str(tmp_path / "run"), "--as-of", "2019-08-15",
        "--out", str(tmp_path / "seguimiento.parquet"), "--out", str(tmp_path / "seguimiento.csv"),
    ])

    assert result.exit_code == 0, result.output
    assert "en_plazo_de_prorroga: 12" in result.output and "cumplido: 1" in result.output
    assert pq.read_table(tmp_path / "seguimiento.parquet").num_rows == 13
    assert pacsv.read_csv(tmp_path / "seguimiento.csv").num_rows == 13


def test_convenios_track_on_the_extracted_seed_pdf_gives_each_of_its_13_commitments_its_status(tmp_path):
    runner = CliRunner()
    extracted = runner.invoke(main, ["extract", str(SEED_PDF), "--out", str(tmp_path / "run"), "--workers", "1", "--quiet"])
    assert extracted.exit_code == 0, extracted.output
    tracked = runner.invoke(main, ["track", str(tmp_path / "run"), "--as-of", "2019-08-15",
                                   "--out", str(tmp_path / "seguimiento.parquet")])
    assert tracked.exit_code == 0, tracked.output

    rows = pq.read_table(tmp_path / "seguimiento.parquet").to_pylist()
    assert {(row["tipo"], row["numero"]): row["estatus"] for row in rows} == SEED_STATUSES_ON_2019_08_15
