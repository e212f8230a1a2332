"""The last stage: records to JSON (one file per convenio) and Parquet tables.

Parquet is always rebuilt from the per-document JSON files, so a rerun or a
resumed batch never duplicates rows.  Every table has an explicit Arrow
schema (dates as date32, integers as int32, keys non-null) and carries the
schema and pipeline versions in its file metadata.

Tables, one row per item, keyed by the PDF's sha256 (and the item's numero):
convenios, partes, hallazgos, recomendaciones, responsables, advertencias.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from schemas import SCHEMA_VERSION, Convenio

_KEY = pa.field("sha256", pa.string(), nullable=False)


def _string(name: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, pa.string(), nullable=nullable)


def _int(name: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, pa.int32(), nullable=nullable)


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
        _int("orden", nullable=False),
        _string("rol", nullable=False),
        _string("dependencia"),
        _string("representante"),
        _string("cargo"),
        _string("domicilio"),
        _string("codigo_postal"),
    ]),
    "hallazgos": pa.schema([_KEY, _string("hallazgo"), *_COMMITMENT_FIELDS]),
    "recomendaciones": pa.schema([_KEY, _string("recomendacion"), *_COMMITMENT_FIELDS]),
    "responsables": pa.schema([
        _KEY,
        _int("orden", nullable=False),
        _string("nombre", nullable=False),
        _string("cargo"),
    ]),
    "advertencias": pa.schema([
        _KEY,
        _string("codigo", nullable=False),
        _string("mensaje", nullable=False),
        _string("campo"),
    ]),
}


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write through a temp file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def record_json(record: Convenio) -> str:
    return record.model_dump_json(indent=2) + "\n"


def write_json(record: Convenio, path: Path) -> None:
    atomic_write_bytes(path, record_json(record).encode("utf-8"))


def read_records(json_dir: Path) -> Iterator[Convenio]:
    """Every record under a folder of per-document JSON files, in file-name order."""
    for path in sorted(json_dir.rglob("*.json")):
        yield Convenio.model_validate_json(path.read_text(encoding="utf-8"))


def _commitment_row(record: Convenio, item, text_key: str) -> dict:
    confidences = [p.confianza for p in item.procedencia.values()]
    return {
        "sha256": record.documento.sha256,
        text_key: getattr(item, text_key),
        "numero": item.numero,
        "actividad_comprometida": item.actividad_comprometida,
        "fecha_comprometida": item.fecha_comprometida,
        "fecha_texto": item.fecha_texto,
        "precision_fecha": item.precision_fecha,
        "confianza_min": min(confidences) if confidences else None,
        "revisar": any(p.revisar for p in item.procedencia.values()) or item.fecha_comprometida is None,
    }


def sujeto_evaluado(record: Convenio) -> str | None:
    """The evaluated institution: the party whose alias names the evaluated subject, else the last party."""
    for parte in record.partes:
        if "EVALUAD" in parte.rol:
            return parte.dependencia
    return record.partes[-1].dependencia if record.partes else None


def table_rows(records: Iterable[Convenio]) -> dict[str, list[dict]]:
    """Flatten records into one list of rows per table."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLE_SCHEMAS}
    for record in records:
        key = record.documento.sha256
        evaluacion = record.evaluacion
        rows["convenios"].append({
            "sha256": key,
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
                "sha256": key, "orden": order, "rol": parte.rol, "dependencia": parte.dependencia,
                "representante": parte.representante, "cargo": parte.cargo,
                "domicilio": parte.domicilio, "codigo_postal": parte.codigo_postal,
            })
        rows["hallazgos"].extend(_commitment_row(record, h, "hallazgo") for h in record.hallazgos)
        rows["recomendaciones"].extend(_commitment_row(record, r, "recomendacion") for r in record.recomendaciones)
        for order, responsable in enumerate(record.responsables, start=1):
            rows["responsables"].append(
                {"sha256": key, "orden": order, "nombre": responsable.nombre, "cargo": responsable.cargo}
            )
        for advertencia in record.advertencias:
            rows["advertencias"].append({
                "sha256": key, "codigo": advertencia.codigo, "mensaje": advertencia.mensaje, "campo": advertencia.campo,
            })
    return rows


def write_table(rows: list[dict], schema: pa.Schema, path: Path, pipeline_version: str) -> None:
    table = pa.Table.from_pylist(rows, schema=schema).replace_schema_metadata({
        "convenios.schema_version": SCHEMA_VERSION,
        "convenios.pipeline_version": pipeline_version,
    })
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, temp)
    os.replace(temp, path)


def write_parquet(records: Iterable[Convenio], parquet_dir: Path, pipeline_version: str) -> dict[str, int]:
    """Write every table; returns the row count of each."""
    rows = table_rows(records)
    for name, schema in TABLE_SCHEMAS.items():
        write_table(rows[name], schema, parquet_dir / f"{name}.parquet", pipeline_version)
    return {name: len(table) for name, table in rows.items()}


def write_report(report: dict, path: Path) -> None:
    atomic_write_bytes(path, (json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8"))
