"""A sample run loads into DuckDB and pandas with the committed types, and sql/asm_tracking.sql answers the tracking questions.

The sample run is what `convenios extract` leaves for the export stage: the
seed convenio's expected record, plus a municipal convenio of another year
with no Prórroga clause and an unreadable date, in OUT/json; the Parquet
folder is rebuilt from them exactly as the batch does.
"""

import datetime as dt
import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.export import EXPECTED_SCHEMA_PATH, TABLE_SCHEMAS, describe_columns, read_records, write_json, write_parquet
from extract.tracking import track
from schemas import Convenio, Documento, Hallazgo, Parte
from schemas.jsonschema import SCHEMA_PATH

REPO = Path(__file__).parent.parent
SEED_EXPECTED = REPO / "samples" / "seed" / "convenio_fasp_2019.expected.json"
TRACKING_SQL = REPO / "sql" / "asm_tracking.sql"

ARROW_TO_DUCKDB = {"string": "VARCHAR", "int32": "INTEGER", "date32[day]": "DATE", "float": "FLOAT", "bool": "BOOLEAN"}


def seed_record() -> Convenio:
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    return Convenio.model_validate({**expected, "pipeline_version": "test"})


def municipal_record() -> Convenio:
    """Another agency and year, without a Prórroga clause, with one deadline nobody could read."""
    return Convenio(
        pipeline_version="test",
        documento=Documento(archivo="convenio_obras_2020.pdf", sha256="f" * 64, paginas=6, origen="escaneado"),
        fecha_firma=dt.date(2020, 2, 10),
        partes=[Parte(rol="LA TESORERÍA", dependencia="Tesorería Municipal"),
                Parte(rol="EL SUJETO EVALUADO", dependencia="Dirección de Obras Públicas")],
        hallazgos=[
            Hallazgo(numero=1, hallazgo="Sin padrón de obras.", fecha_comprometida=dt.date(2020, 3, 31), precision_fecha="mes"),
            Hallazgo(numero=2, hallazgo="Sin bitácora."),
        ],
    )


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run")
    write_json(seed_record(), out / "json" / "convenio_fasp_2019.json")
    write_json(municipal_record(), out / "json" / "convenio_obras_2020.json")
    write_parquet(read_records(out / "json"), out / "parquet", "test")
    return out


@pytest.fixture(scope="module")
def warehouse(sample_run) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute(f"SET VARIABLE parquet_dir = '{sample_run / 'parquet'}'")
    connection.execute(TRACKING_SQL.read_text(encoding="utf-8"))
    return connection


def committed_layout() -> dict:
    return json.loads(EXPECTED_SCHEMA_PATH.read_text(encoding="utf-8"))


def test_every_parquet_file_of_the_run_has_the_committed_schema_and_versions(sample_run):
    layout = committed_layout()
    assert sorted(path.name for path in (sample_run / "parquet").iterdir()) == sorted(layout["tables"])
    for name, table in layout["tables"].items():
        files = sorted((sample_run / "parquet" / name).glob("*/*.parquet"))
        assert [f.parent.name for f in files] == ["2019", "2020"], name
        for file in files:
            stored = pq.read_schema(file)
            assert describe_columns(stored) == table["columns"], file
            assert set(layout["file_metadata"]) <= {key.decode() for key in stored.metadata}


def test_convenios_schema_prints_the_committed_json_schema_of_the_record():
    result = CliRunner().invoke(main, ["schema"])

    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_pandas_reads_each_table_folder_with_its_arrow_types(sample_run):
    for name, schema in TABLE_SCHEMAS.items():
        frame = pd.read_parquet(sample_run / "parquet" / name, dtype_backend="pyarrow")
        assert list(frame.columns) == schema.names, name
        assert {c: frame[c].dtype.pyarrow_dtype for c in frame} == {f.name: f.type for f in schema}, name
    convenios = pd.read_parquet(sample_run / "parquet" / "convenios", dtype_backend="pyarrow")
    # A null prorroga stays a missing int32, not a float NaN.
    assert convenios["prorroga_max_dias"].tolist() == [30, pd.NA]


def test_duckdb_views_have_the_committed_types(warehouse):
    for name, table in committed_layout()["tables"].items():
        columns = warehouse.execute(f"DESCRIBE {name}").fetchall()
        described = {column: column_type for column, column_type, *_ in columns}
        expected = {column: ARROW_TO_DUCKDB[arrow.removesuffix(" not null")] for column, arrow in table["columns"].items()}
        assert described == expected, name


def test_keys_are_unique_in_every_table(warehouse):
    for name, table in committed_layout()["tables"].items():
        key = ", ".join(table["key"])
        rows, keys = warehouse.execute(f"SELECT count(*), count(DISTINCT ({key})) FROM {name}").fetchone()
        assert rows == keys, name


def test_commitments_per_agency_and_signing_year(warehouse):
    assert warehouse.execute("FROM compromisos_por_dependencia_y_anio").fetchall() == [
        ("Dirección de Obras Públicas", 2020, 2, 0, 2),
        ("Secretaría de Seguridad", 2019, 10, 3, 13),
    ]


def test_commitments_due_in_a_month(warehouse):
    due_july_2019 = warehouse.execute("SELECT tipo, numero FROM compromisos_que_vencen_en(2019, 7)").fetchall()
    assert due_july_2019 == [("hallazgo", n) for n in range(1, 11)] + [("recomendacion", 1), ("recomendacion", 3)]
    assert warehouse.execute("SELECT archivo FROM compromisos_que_vencen_en(2020, 3)").fetchall() == [
        ("convenio_obras_2020.pdf",)
    ]


def test_overdue_commitments_on_a_date(warehouse):
    # On 15 August 2019 the seed's July commitments are within their 30-day extension.
    assert warehouse.execute("SELECT count(*) FROM compromisos_vencidos(DATE '2019-08-15')").fetchone() == (0,)
    overdue = warehouse.execute("SELECT tipo, numero FROM compromisos_vencidos(DATE '2019-09-15')").fetchall()
    assert sorted(overdue) == sorted([("hallazgo", n) for n in range(1, 11)] + [("recomendacion", 1), ("recomendacion", 3)])
    # Without a Prórroga clause, the municipal hallazgo is overdue the day after its deadline.
    assert ("convenio_obras_2020.pdf", 1) in warehouse.execute(
        "SELECT archivo, numero FROM compromisos_vencidos(DATE '2020-04-01')"
    ).fetchall()


@pytest.mark.parametrize("as_of", ["2019-07-31", "2019-08-01", "2019-08-30", "2019-08-31", "2019-10-30", "2019-10-31", "2020-04-01"])
def test_sql_and_convenios_track_give_the_same_status(warehouse, sample_run, as_of):
    by_sql = warehouse.execute(
        "SELECT sha256, tipo, orden, estatus_por_fecha, fecha_limite_prorroga FROM seguimiento(?::DATE)", [as_of]
    ).fetchall()
    by_python = [
        (row.sha256, row.tipo, row.orden, row.estatus_por_fecha, row.fecha_limite_prorroga)
        for row in track(read_records(sample_run / "json"), dt.date.fromisoformat(as_of))
    ]
    assert sorted(by_sql, key=repr) == sorted(by_python, key=repr)
