"""The last stage: records to JSON (one file per convenio, or JSON Lines) and Parquet tables.

Parquet is always rebuilt from the per-document JSON files, so a rerun or a
resumed batch never duplicates rows.  Every table has an explicit Arrow
schema (dates as date32, integers as int32, keys non-null) and carries the
schema and pipeline versions in its file metadata.  `schemas/parquet_schema.json`
is the committed snapshot of these schemas (`python -m extract.export`
rewrites it; a test fails when it is stale), so any change shows in review.

Tables, one row per item, keyed by the PDF's sha256 (and the item's position
`orden` in the document): convenios, partes, hallazgos, recomendaciones,
responsables, advertencias.  Each table is partitioned by signing year:

    parquet/<table>/<anio_firma>/<table>-<anio_firma>.parquet    (sin_anio when fecha_firma is null)

Folder names are plain years, not Hive `key=value`: the year is a typed int32
column inside every file, and Hive-style names would make pandas and pyarrow
read it back as a dictionary (or fail on a null year).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from schemas import SCHEMA_VERSION, Convenio

EXPECTED_SCHEMA_PATH = Path(schemas.__file__).with_name("parquet_schema.json")
SCHEMA_VERSION_KEY = "convenios.schema_version"
PIPELINE_VERSION_KEY = "convenios.pipeline_version"
PARTITION_COLUMN = "anio_firma"
NO_YEAR_PARTITION = "sin_anio"

_KEY = pa.field("sha256", pa.string(), nullable=False)


def _string(name: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, pa.string(), nullable=nullable)


def _int(name: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, pa.int32(), nullable=nullable)


_PARTITION = _int(PARTITION_COLUMN)
_ORDER = _int("orden", nullable=False)

_COMMITMENT_FIELDS = [
    _int("numero", nullable=False),
    _string("actividad_comprometida"),
    pa.field("fecha_comprometida", pa.date32()),
    _string("fecha_texto"),
    _string("precision_fecha"),
    pa.field("confianza_min", pa.float32()),
    pa.field("revisar", pa.bool_(), nullable=False),
]

TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "convenios": pa.schema([
        _KEY,
        _PARTITION,
        _string("archivo", nullable=False),
        _int("paginas", nullable=False),
        _string("origen", nullable=False),
        _string("titulo"),
        pa.field("fecha_firma", pa.date32()),
        _string("lugar_firma"),
        _string("sujeto_evaluado"),
        _string("evaluacion_tipo"),
        _string("evaluacion_programa"),
        _string("evaluacion_siglas"),
        _int("evaluacion_pae"),
        _int("prorroga_max_dias"),
        _int("n_hallazgos", nullable=False),
        _int("n_recomendaciones", nullable=False),
        _int("n_advertencias", nullable=False),
        _string("schema_version", nullable=False),
        _string("pipeline_version", nullable=False),
    ]),
    "partes": pa.schema([
        _KEY,
        _PARTITION,
        _ORDER,
        _string("rol", nullable=False),
        _string("dependencia"),
        _string("representante"),
        _string("cargo"),
        _string("domicilio"),
        _string("codigo_postal"),
    ]),
    "hallazgos": pa.schema([_KEY, _PARTITION, _ORDER, _string("hallazgo"), *_COMMITMENT_FIELDS]),
    "recomendaciones": pa.schema([_KEY, _PARTITION, _ORDER, _string("recomendacion"), *_COMMITMENT_FIELDS]),
    "responsables": pa.schema([
        _KEY,
        _PARTITION,
        _ORDER,
        _string("nombre", nullable=False),
        _string("cargo"),
    ]),
    "advertencias": pa.schema([
        _KEY,
        _PARTITION,
        _ORDER,
        _string("codigo", nullable=False),
        _string("mensaje", nullable=False),
        _string("campo"),
    ]),
}

# Printed numbers can repeat or skip (the record warns about it), so child rows
# are keyed by their position in the document, which is always unique.
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    name: ("sha256",) if name == "convenios" else ("sha256", "orden") for name in TABLE_SCHEMAS
}


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary file that appears at `path` only once fully written, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_output(path) as stream:
        stream.write(data)


def record_json(record: Convenio) -> str:
    return record.model_dump_json(indent=2) + "\n"


def write_json(record: Convenio, path: Path) -> None:
    atomic_write_bytes(path, record_json(record).encode("utf-8"))


def read_records(json_dir: Path) -> Iterator[Convenio]:
    """Every record under a folder of per-document JSON files, in file-name order."""
    for path in sorted(json_dir.rglob("*.json")):
        yield Convenio.model_validate_json(path.read_text(encoding="utf-8"))


def unique_records(records: Iterable[Convenio]) -> Iterator[Convenio]:
    """Each PDF once: a record whose sha256 was already seen is skipped.

    The same bytes can sit under two JSON names (a PDF renamed between runs
    leaves its old JSON behind); keys must stay unique, and the file-name order
    of `read_records` makes the choice repeatable.
    """
    seen: set[str] = set()
    for record in records:
        if record.documento.sha256 not in seen:
            seen.add(record.documento.sha256)
            yield record


def write_jsonl(records: Iterable[Convenio], path: Path) -> int:
    """One compact record per line, for loaders that stream; returns the number of lines."""
    lines = 0
    with atomic_output(path) as stream:
        for record in unique_records(records):
            stream.write(record.model_dump_json().encode("utf-8") + b"\n")
            lines += 1
    return lines


def _commitment_row(record: Convenio, order: int, item, text_key: str) -> dict:
    confidences = [p.confianza for p in item.procedencia.values()]
    return {
        "sha256": record.documento.sha256,
        PARTITION_COLUMN: signing_year(record),
        "orden": order,
        text_key: getattr(item, text_key),
        "numero": item.numero,
        "actividad_comprometida": item.actividad_comprometida,
        "fecha_comprometida": item.fecha_comprometida,
        "fecha_texto": item.fecha_texto,
        "precision_fecha": item.precision_fecha,
        "confianza_min": min(confidences) if confidences else None,
        "revisar": any(p.revisar for p in item.procedencia.values()) or item.fecha_comprometida is None,
    }


def signing_year(record: Convenio) -> int | None:
    """The partition key: the year of fecha_firma."""
    return record.fecha_firma.year if record.fecha_firma else None


def sujeto_evaluado(record: Convenio) -> str | None:
    """The evaluated institution: the party whose alias names the evaluated subject, else the last party."""
    for parte in record.partes:
        if "EVALUAD" in parte.rol:
            return parte.dependencia
    return record.partes[-1].dependencia if record.partes else None


def table_rows(records: Iterable[Convenio]) -> dict[str, list[dict]]:
    """Flatten records into one list of rows per table, each sorted by its key."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLE_SCHEMAS}
    for record in unique_records(records):
        key = {"sha256": record.documento.sha256, PARTITION_COLUMN: signing_year(record)}
        evaluacion = record.evaluacion
        rows["convenios"].append({
            **key,
            "archivo": record.documento.archivo,
            "paginas": record.documento.paginas,
            "origen": record.documento.origen,
            "titulo": record.titulo,
            "fecha_firma": record.fecha_firma,
            "lugar_firma": record.lugar_firma,
            "sujeto_evaluado": sujeto_evaluado(record),
            "evaluacion_tipo": evaluacion.tipo,
            "evaluacion_programa": evaluacion.programa,
            "evaluacion_siglas": evaluacion.siglas,
            "evaluacion_pae": evaluacion.pae,
            "prorroga_max_dias": record.prorroga_max_dias,
            "n_hallazgos": len(record.hallazgos),
            "n_recomendaciones": len(record.recomendaciones),
            "n_advertencias": len(record.advertencias),
            "schema_version": record.schema_version,
            "pipeline_version": record.pipeline_version,
        })
        for order, parte in enumerate(record.partes, start=1):
            rows["partes"].append({
                **key, "orden": order, "rol": parte.rol, "dependencia": parte.dependencia,
                "representante": parte.representante, "cargo": parte.cargo,
                "domicilio": parte.domicilio, "codigo_postal": parte.codigo_postal,
            })
        rows["hallazgos"].extend(
            _commitment_row(record, order, h, "hallazgo") for order, h in enumerate(record.hallazgos, start=1)
        )
        rows["recomendaciones"].extend(
            _commitment_row(record, order, r, "recomendacion") for order, r in enumerate(record.recomendaciones, start=1)
        )
        for order, responsable in enumerate(record.responsables, start=1):
            rows["responsables"].append({**key, "orden": order, "nombre": responsable.nombre, "cargo": responsable.cargo})
        for order, advertencia in enumerate(record.advertencias, start=1):
            rows["advertencias"].append({
                **key, "orden": order, "codigo": advertencia.codigo, "mensaje": advertencia.mensaje,
                "campo": advertencia.campo,
            })
    for name, table in rows.items():
        table.sort(key=lambda row: tuple(row[column] for column in TABLE_KEYS[name]))
    return rows


def write_table(rows: list[dict], schema: pa.Schema, path: Path, pipeline_version: str) -> None:
    """One Parquet file with the explicit schema and the versions in its metadata."""
    table = pa.Table.from_pylist(rows, schema=schema).replace_schema_metadata({
        SCHEMA_VERSION_KEY: SCHEMA_VERSION,
        PIPELINE_VERSION_KEY: pipeline_version,
    })
    with atomic_output(path) as stream:
        pq.write_table(table, stream)


def partition_name(year: int | None) -> str:
    return NO_YEAR_PARTITION if year is None else str(year)


def write_parquet(records: Iterable[Convenio], parquet_dir: Path, pipeline_version: str) -> dict[str, int]:
    """Rebuild every partitioned table under `parquet_dir`; returns the row count of each table.

    Every table gets a file for every signing year present in `convenios`
    (empty if need be), so the same glob works on any table.  The folder is
    built aside and swapped in whole: readers never see two runs mixed, and
    rows of a convenio whose year changed never linger in the old partition.
    """
    rows = table_rows(records)
    years = sorted({row[PARTITION_COLUMN] for row in rows["convenios"]}, key=partition_name)
    parquet_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_interrupted_builds(parquet_dir)
    staging = Path(tempfile.mkdtemp(dir=parquet_dir.parent, prefix=f".{parquet_dir.name}.new-"))
    try:
        for name, schema in TABLE_SCHEMAS.items():
            rows_by_year: dict[int | None, list[dict]] = defaultdict(list)
            for row in rows[name]:
                rows_by_year[row[PARTITION_COLUMN]].append(row)
            for year in years:
                part = partition_name(year)
                write_table(rows_by_year[year], schema, staging / name / part / f"{name}-{part}.parquet", pipeline_version)
        _swap_folder(staging, parquet_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return {name: len(table) for name, table in rows.items()}


def _retired(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.old")


def _swap_folder(new: Path, target: Path) -> None:
    """Put `new` at `target`; the previous folder is deleted only once the new one is in place."""
    if target.exists():
        os.replace(target, _retired(target))
    os.replace(new, target)
    shutil.rmtree(_retired(target), ignore_errors=True)


def _remove_interrupted_builds(parquet_dir: Path) -> None:
    """Staging and retired folders that a killed run left next to `parquet_dir`."""
    for leftover in [*parquet_dir.parent.glob(f".{parquet_dir.name}.new-*"), _retired(parquet_dir)]:
        shutil.rmtree(leftover, ignore_errors=True)


def describe_columns(schema: pa.Schema) -> dict[str, str]:
    """An Arrow schema as plain data, in column order: name -> type, with ' not null' where nulls are refused."""
    return {field.name: str(field.type) + ("" if field.nullable else " not null") for field in schema}


def describe_parquet_layout() -> dict:
    """What `schemas/parquet_schema.json` commits to: tables, keys, columns, partitioning, file metadata."""
    return {
        "schema_version": SCHEMA_VERSION,
        "partitioning": {
            "column": PARTITION_COLUMN,
            "path": f"<table>/<{PARTITION_COLUMN}>/<table>-<{PARTITION_COLUMN}>.parquet",
            "null_partition": NO_YEAR_PARTITION,
        },
        "file_metadata": [SCHEMA_VERSION_KEY, PIPELINE_VERSION_KEY],
        "tables": {
            name: {"key": list(TABLE_KEYS[name]), "columns": describe_columns(schema)}
            for name, schema in TABLE_SCHEMAS.items()
        },
    }


def parquet_layout_json() -> str:
    """The Parquet layout, as the text we check in."""
    return json.dumps(describe_parquet_layout(), ensure_ascii=False, indent=2) + "\n"


def write_report(report: dict, path: Path) -> None:
    atomic_write_bytes(path, (json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8"))


if __name__ == "__main__":
    EXPECTED_SCHEMA_PATH.write_text(parquet_layout_json(), encoding="utf-8")
    print(f"wrote {EXPECTED_SCHEMA_PATH}")
