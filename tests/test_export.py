"""Records become one JSON file each and Parquet tables that load back with the right types."""

import datetime as dt

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from extract.export import TABLE_SCHEMAS, read_records, write_json, write_parquet
from schemas import Convenio, Documento, Hallazgo, Parte, Procedencia, Recomendacion, Region, Responsable


def _record(sha: str, n_hallazgos: int) -> Convenio:
    where = {"hallazgo": Procedencia(regiones=[Region(pagina=5, bbox=(70, 100, 300, 140))], confianza=0.6, metodo="ocr", revisar=True)}
    return Convenio(
        pipeline_version="9.9",
        documento=Documento(archivo=f"{sha[:4]}.pdf", sha256=sha, paginas=9, origen="digital"),
        fecha_firma=dt.date(2019, 6, 3),
        partes=[Parte(rol="LA SECRETARÍA", dependencia="Secretaría de Finanzas"), Parte(rol="EL SUJETO EVALUADO", dependencia="Secretaría de Seguridad")],
        hallazgos=[
            Hallazgo(numero=n, hallazgo=f"Hallazgo {n}", fecha_comprometida=dt.date(2019, 7, 31), precision_fecha="dia", procedencia=where)
            for n in range(1, n_hallazgos + 1)
        ],
        recomendaciones=[Recomendacion(numero=1, recomendacion="R", fecha_comprometida=dt.date(2019, 9, 30), precision_fecha="mes")],
        responsables=[Responsable(nombre="Hugo Ayala Ramos", cargo="Director")],
        prorroga_max_dias=30,
    )


def test_json_files_round_trip_and_parquet_tables_have_one_row_per_item(tmp_path):
    for sha, n in (("a" * 64, 10), ("b" * 64, 3)):
        write_json(_record(sha, n), tmp_path / "json" / f"{sha[:4]}.json")
    records = list(read_records(tmp_path / "json"))
    assert [len(r.hallazgos) for r in records] == [10, 3]

    counts = write_parquet(records, tmp_path / "parquet", "9.9")
    assert counts == {"convenios": 2, "partes": 4, "hallazgos": 13, "recomendaciones": 2, "responsables": 2, "advertencias": 0}

    hallazgos = pd.read_parquet(tmp_path / "parquet" / "hallazgos.parquet")
    assert len(hallazgos) == 13 and hallazgos["numero"].dtype == "int32"
    assert hallazgos["revisar"].all()
    per_doc = duckdb.sql(
        f"select sha256, count(*) n from '{tmp_path}/parquet/hallazgos.parquet' group by 1 order by 1"
    ).fetchall()
    assert [n for _, n in per_doc] == [10, 3]


def test_parquet_files_carry_the_explicit_schema_and_versions(tmp_path):
    write_parquet([_record("c" * 64, 2)], tmp_path, "9.9")
    for name, schema in TABLE_SCHEMAS.items():
        stored = pq.read_schema(tmp_path / f"{name}.parquet")
        assert stored.remove_metadata() == schema, name
        assert stored.metadata[b"convenios.pipeline_version"] == b"9.9"
        assert stored.metadata[b"convenios.schema_version"] == b"1"
    convenios = pq.read_table(tmp_path / "convenios.parquet").to_pylist()[0]
    assert convenios["fecha_firma"] == dt.date(2019, 6, 3)
    assert convenios["sujeto_evaluado"] == "Secretaría de Seguridad"
