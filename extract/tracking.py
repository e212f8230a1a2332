"""ASM tracking: every commitment of every convenio, with its deadline, extension limit and status on a date.

Downstream of export: it reads validated records (and reviewer marks) and
answers "what is due, what is overdue".  A commitment is one row of the
hallazgos or recomendaciones table.  Its status on the cut-off date `as_of`:

    vigente               as_of <= fecha_comprometida
    en_plazo_de_prorroga  fecha_comprometida < as_of <= fecha_limite_prorroga
    vencido               past both; past the deadline alone when the convenio has no Prórroga clause
    sin_fecha             the deadline could not be read: a person must look
    cumplido              a reviewer marked it done, on or before as_of

The boundary day is still in term: a commitment due on 31 July is vigente all
of 31 July and past its deadline from 1 August; likewise the extension limit.
fecha_limite_prorroga is fecha_comprometida plus prorroga_max_dias calendar
days, the way the Prórroga clause counts them.

Each record is tracked with its reviewer corrections applied
(`extract.corrections`), so a deadline a reviewer corrected is the one that
counts.  A reviewer marks a commitment done with a `mark` on the path
`hallazgos[numero=N].estatus` or `recomendaciones[numero=N].estatus` and the
value "cumplido" (null withdraws it).  A corrected value counts whatever its
date, since it fixes a misreading, but a mark counts only from the day it was
recorded: a report for a past date stays what it was on that date.
`sql/asm_tracking.sql` applies the same date rules for warehouse users.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.csv as pacsv
from rich import box
from rich.console import Console
from rich.table import Table

from extract.corrections import Corrected, Correction, CorrectionStore, apply_corrections, path_of_item
from extract.errors import CorrectionError
from extract.export import atomic_write_bytes, signing_year, sujeto_evaluado, write_table
from schemas import Convenio

VIGENTE = "vigente"
EN_PLAZO_DE_PRORROGA = "en_plazo_de_prorroga"
VENCIDO = "vencido"
SIN_FECHA = "sin_fecha"
CUMPLIDO = "cumplido"
STATUSES = (VIGENTE, EN_PLAZO_DE_PRORROGA, VENCIDO, SIN_FECHA, CUMPLIDO)

STATUS_FIELD = "estatus"
FAMILIES = {"hallazgos": "hallazgo", "recomendaciones": "recomendacion"}

TRACKING_SCHEMA = pa.schema([
    pa.field("sha256", pa.string(), nullable=False),
    pa.field("archivo", pa.string(), nullable=False),
    pa.field("sujeto_evaluado", pa.string()),
    pa.field("anio_firma", pa.int32()),
    pa.field("tipo", pa.string(), nullable=False),
    pa.field("orden", pa.int32(), nullable=False),
    pa.field("numero", pa.int32(), nullable=False),
    pa.field("actividad_comprometida", pa.string()),
    pa.field("fecha_comprometida", pa.date32()),
    pa.field("precision_fecha", pa.string()),
    pa.field("prorroga_max_dias", pa.int32()),
    pa.field("fecha_limite_prorroga", pa.date32()),
    pa.field("fecha_corte", pa.date32(), nullable=False),
    pa.field("estatus_por_fecha", pa.string(), nullable=False),
    pa.field("estatus", pa.string(), nullable=False),
    pa.field("marcado_por", pa.string()),
    pa.field("motivo_marca", pa.string()),
])


@dataclass(frozen=True, slots=True)
class Seguimiento:
    """One commitment as of a cut-off date; the fields are the columns of TRACKING_SCHEMA."""

    sha256: str
    archivo: str
    sujeto_evaluado: str | None
    anio_firma: int | None
    tipo: str
    orden: int
    numero: int
    actividad_comprometida: str | None
    fecha_comprometida: dt.date | None
    precision_fecha: str | None
    prorroga_max_dias: int | None
    fecha_limite_prorroga: dt.date | None
    fecha_corte: dt.date
    estatus_por_fecha: str
    estatus: str
    marcado_por: str | None
    motivo_marca: str | None


def extension_limit(fecha: dt.date | None, prorroga_max_dias: int | None) -> dt.date | None:
    """The last day the longest allowed extension reaches; None without a deadline or a Prórroga clause."""
    if fecha is None or prorroga_max_dias is None:
        return None
    return fecha + dt.timedelta(days=prorroga_max_dias)


def status_by_date(as_of: dt.date, fecha: dt.date | None, limite: dt.date | None) -> str:
    """The status the dates alone give (see the module docstring; boundary days are in term)."""
    if fecha is None:
        return SIN_FECHA
    if as_of <= fecha:
        return VIGENTE
    if limite is not None and as_of <= limite:
        return EN_PLAZO_DE_PRORROGA
    return VENCIDO


def _reviewed(record: Convenio, store: CorrectionStore | None) -> Corrected:
    """The record with its corrections log applied (the machine record itself when there is none)."""
    log = store.read(record.documento.sha256) if store else []
    return apply_corrections(record, log) if log else Corrected(record, outcomes=[], marks={})


def _cumplido_mark(mark: Correction | None, as_of: dt.date, sha256: str) -> Correction | None:
    """The mark if it stands on as_of; refuses any value but 'cumplido', the one status a person decides."""
    if mark is None or mark.timestamp.date() > as_of:
        return None
    if mark.new != CUMPLIDO:
        raise CorrectionError(
            f"{mark.path}: a reviewer can only mark a commitment {CUMPLIDO!r} (or null to withdraw the mark), "
            f"got {mark.new!r}",
            path=f"corrections/{sha256}.jsonl",
        )
    return mark


def track(records: Iterable[Convenio], as_of: dt.date, store: CorrectionStore | None = None) -> list[Seguimiento]:
    """One row per commitment, in record order, hallazgos before recomendaciones, each in document order.

    `store` holds the reviewers' corrections logs; without it the machine records are tracked as they are.
    """
    rows = []
    for machine in records:
        reviewed = _reviewed(machine, store)
        record, sha256 = reviewed.record, machine.documento.sha256
        for family, tipo in FAMILIES.items():
            items = getattr(record, family)
            numbers = [{"numero": item.numero} for item in items]
            for index, item in enumerate(items):
                limite = extension_limit(item.fecha_comprometida, record.prorroga_max_dias)
                by_date = status_by_date(as_of, item.fecha_comprometida, limite)
                status_path = str(path_of_item(numbers, index, family).child(STATUS_FIELD))
                mark = _cumplido_mark(reviewed.marks.get(status_path), as_of, sha256)
                rows.append(Seguimiento(
                    sha256=sha256,
                    archivo=record.documento.archivo,
                    sujeto_evaluado=sujeto_evaluado(record),
                    anio_firma=signing_year(record),
                    tipo=tipo,
                    orden=index + 1,
                    numero=item.numero,
                    actividad_comprometida=item.actividad_comprometida,
                    fecha_comprometida=item.fecha_comprometida,
                    precision_fecha=item.precision_fecha,
                    prorroga_max_dias=record.prorroga_max_dias,
                    fecha_limite_prorroga=limite,
                    fecha_corte=as_of,
                    estatus_por_fecha=by_date,
                    estatus=CUMPLIDO if mark else by_date,
                    marcado_por=mark.reviewer if mark else None,
                    motivo_marca=mark.reason if mark else None,
                ))
    return rows


def correction_conflicts(records: Iterable[Convenio], store: CorrectionStore) -> list[str]:
    """'<archivo>: <message>' for each correction that no longer fits its record, e.g. a mark whose
    commitment a re-extraction lost: tracking cannot use them, and a person should see them, not lose them.
    """
    return [
        f"{record.documento.archivo}: {conflict.message}"
        for record in records
        for conflict in _reviewed(record, store).conflicts
    ]


def count_by_status(rows: Iterable[Seguimiento]) -> dict[str, int]:
    """How many commitments are in each status, every status listed (zero included)."""
    counts = Counter(row.estatus for row in rows)
    return {status: counts[status] for status in STATUSES}


def tracking_table(rows: Iterable[Seguimiento]) -> pa.Table:
    return pa.Table.from_pylist([asdict(row) for row in rows], schema=TRACKING_SCHEMA)


def write_tracking(rows: list[Seguimiento], path: Path, pipeline_version: str) -> None:
    """Write the rows as Parquet (explicit schema, versions in the metadata) or CSV, by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        write_table([asdict(row) for row in rows], TRACKING_SCHEMA, path, pipeline_version)
    elif suffix == ".csv":
        buffer = io.BytesIO()
        pacsv.write_csv(tracking_table(rows), buffer)
        atomic_write_bytes(path, buffer.getvalue())
    else:
        raise ValueError(f"cannot write tracking rows to {path.name}: use a .parquet or .csv file name")


_STATUS_STYLES = {VIGENTE: "green", EN_PLAZO_DE_PRORROGA: "yellow", VENCIDO: "bold red", SIN_FECHA: "magenta", CUMPLIDO: "blue"}


def render_tracking(rows: list[Seguimiento], as_of: dt.date, console: Console) -> None:
    """The rows as a table for a person, one section per convenio, then the count per status."""
    table = Table(title=f"Compromisos al {as_of.isoformat()}", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("convenio", overflow="fold", min_width=12)
    # The commitment, its dates and its status are what a reader scans down the table: never wrapped.
    for column in ("compromiso", "fecha", "límite", "estatus"):
        table.add_column(column, no_wrap=True)
    previous = None
    for row in rows:
        first_of_convenio = row.sha256 != previous
        if first_of_convenio and previous is not None:
            table.add_section()
        previous = row.sha256
        table.add_row(
            f"{row.archivo}\n{row.sujeto_evaluado or ''}" if first_of_convenio else "",
            f"{row.tipo} {row.numero}",
            row.fecha_comprometida.isoformat() if row.fecha_comprometida else "",
            row.fecha_limite_prorroga.isoformat() if row.fecha_limite_prorroga else "",
            f"[{_STATUS_STYLES[row.estatus]}]{row.estatus}[/]" + (f" ({row.marcado_por})" if row.marcado_por else ""),
        )
    console.print(table)
    console.print(", ".join(f"{status}: {n}" for status, n in count_by_status(rows).items()), highlight=False)
