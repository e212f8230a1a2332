"""Records become one JSON file each, JSON Lines, and partitioned Parquet tables that load back with the right types."""

import datetime as dt
import json

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from extract.export import (
    EXPECTED_SCHEMA_PATH,
    TABLE_SCHEMAS,
    parquet_layout_json,
    read_records,
    write_json,
    write_jsonl,
    write_parquet,
)
from schemas import Advertencia, Convenio, Documento, Hallazgo, Parte, Procedencia, Recomendacion, Region, Responsable


def _record(sha: str, n_hallazgos: int, fecha_firma: dt.date | None = dt.date(2019, 6, 3)) -> Convenio:
    where = {"hallazgo": Procedencia(regiones=[Region(pagina=5, bbox=(70, 100, 300, 140))], confianza=0.6, metodo="ocr", revisar=True)}
    return Convenio(
        pipeline_version="9.9",
        documento=Documento(archivo=f"{sha[:4]}.pdf", sha256=sha, paginas=9, origen="digital"),
        fecha_firma=fecha_firma,
        partes=[Parte(rol="LA SECRETARÍA", dependencia="Secretaría de Finanzas"), Parte(rol="EL SUJETO EVALUADO", dependencia="Secretaría de Seguridad")],
        hallazgos=[
            Hallazgo(numero=n, hallazgo=f"Hallazgo {n}", fecha_comprometida=dt.date(2019, 7, 31), precision_fecha="dia", procedencia=where)
            for n in range(1, n_hallazgos + 1)
        ],
        recomendaciones=[Recomendacion(numero=1, recomendacion="R", fecha_comprometida=dt.date(2019, 9, 30), precision_fecha="mes")],
        responsables=[Responsable(nombre="Hugo Ayala Ramos", cargo="Director")],
        prorroga_max_dias=30,
        advertencias=[Advertencia(codigo="numeracion", mensaje="hallazgos are numbered [1, 3]", campo="hallazgos")],
    )


def _files(folder) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_json_files_round_trip_and_parquet_tables_have_one_row_per_item(tmp_path):
    for sha, n in (("a" * 64, 10), ("b" * 64, 3)):
        write_json(_record(sha, n), tmp_path / "json" / f"{sha[:4]}.json")
    records = list(read_records(tmp_path / "json"))
    assert [len(r.hallazgos) for r in records] == [10, 3]

    counts = write_parquet(records, tmp_path / "parquet", "9.9")
    assert counts == {"convenios": 2, "partes": 4, "hallazgos": 13, "recomendaciones": 2, "responsables": 2, "advertencias": 2}

    hallazgos = pd.read_parquet(tmp_path / "parquet" / "hallazgos")
    assert len(hallazgos) == 13 and hallazgos["numero"].dtype == "int32"
    assert hallazgos["revisar"].all()
    per_doc = duckdb.sql(
        f"select sha256, count(*) n from '{tmp_path}/parquet/hallazgos/*/*.parquet' group by 1 order by 1"
    ).fetchall()
    assert [n for _, n in per_doc] == [10, 3]


def test_tables_are_partitioned_by_signing_year_with_the_year_as_a_typed_column(tmp_path):
    records = [_record("a" * 64, 2, dt.date(2019, 6, 3)), _record("b" * 64, 1, dt.date(2020, 5, 4)), _record("c" * 64, 1, None)]

    write_parquet(records, tmp_path, "9.9")

    assert sorted(path.name for path in (tmp_path / "hallazgos").iterdir()) == ["2019", "2020", "sin_anio"]
    assert (tmp_path / "hallazgos" / "2020" / "hallazgos-2020.parquet").is_file()
    assert pq.read_table(tmp_path / "hallazgos" / "2019").column("anio_firma").to_pylist() == [2019, 2019]
    assert pq.read_table(tmp_path / "hallazgos" / "sin_anio").column("anio_firma").to_pylist() == [None]


def test_every_file_carries_the_explicit_schema_and_versions(tmp_path):
    write_parquet([_record("c" * 64, 2)], tmp_path, "9.9")
    for name, schema in TABLE_SCHEMAS.items():
        stored = pq.read_schema(tmp_path / name / "2019" / f"{name}-2019.parquet")
        assert stored.remove_metadata() == schema, name
        assert stored.metadata[b"convenios.pipeline_version"] == b"9.9"
        assert stored.metadata[b"convenios.schema_version"] == b"1"
    convenios = pq.read_table(tmp_path / "convenios").to_pylist()[0]
    assert convenios["fecha_firma"] == dt.date(2019, 6, 3)
    assert convenios["sujeto_evaluado"] == "Secretaría de Seguridad"


def test_a_rerun_writes_the_same_bytes_and_leaves_nothing_of_the_previous_layout(tmp_path):
    records = [_record("a" * 64, 2), _record("b" * 64, 1)]
    write_parquet(records, tmp_path / "parquet", "9.9")
    first = _files(tmp_path / "parquet")

    write_parquet(list(reversed(records)), tmp_path / "parquet", "9.9")
    assert _files(tmp_path / "parquet") == first, "input order must not change the output"

    moved = [_record("a" * 64, 2, dt.date(2020, 1, 15)), _record("b" * 64, 1)]
    write_parquet(moved, tmp_path / "parquet", "9.9")
    in_2019 = pq.read_table(tmp_path / "parquet" / "hallazgos" / "2019").column("sha256").to_pylist()
    assert in_2019 == ["b" * 64], "a convenio whose signing year changed leaves its old partition"
    assert [path.name for path in tmp_path.iterdir()] == ["parquet"], "no staging or retired folder remains"


def test_the_same_pdf_under_two_json_names_gives_its_rows_once(tmp_path):
    for name in ("old-name", "new-name"):
        write_json(_record("a" * 64, 3), tmp_path / "json" / f"{name}.json")

    counts = write_parquet(read_records(tmp_path / "json"), tmp_path / "parquet", "9.9")

    assert counts["convenios"] == 1 and counts["hallazgos"] == 3


def test_json_lines_hold_one_full_record_a_line(tmp_path):
    records = [_record("a" * 64, 2), _record("b" * 64, 1), _record("a" * 64, 2)]

    assert write_jsonl(records, tmp_path / "convenios.jsonl") == 2

    lines = (tmp_path / "convenios.jsonl").read_text(encoding="utf-8").splitlines()
    assert [Convenio.model_validate_json(line) for line in lines] == records[:2]
    assert json.loads(lines[0])["hallazgos"][0]["procedencia"]["hallazgo"]["confianza"] == 0.6


def test_checked_in_parquet_schema_matches_the_code():
    assert EXPECTED_SCHEMA_PATH.read_text(encoding="utf-8") == parquet_layout_json(), (
        "schemas/parquet_schema.json differs from TABLE_SCHEMAS: if the change is intended, follow the schema "
        "policy in docs/warehouse.md and run `python -m extract.export`"
    )
