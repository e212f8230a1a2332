"""The output contract: one validated record per convenio (contract version 1).

These Pydantic models are the source of truth for the record's shape; the
JSON Schema in `convenio.schema.json` is generated from them (a test keeps it
current).  Domain keys are the documents' own Spanish terms, ASCII
snake_case; values keep the document's accents.

Every value the pipeline reads carries a `Procedencia` (page, box,
confidence, method) in the `procedencia` map of the object that holds it,
keyed by the field's name, so the contract's keys stay plain values.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1"

Origen = Literal["digital", "escaneado", "mixto"]
PrecisionFecha = Literal["dia", "mes"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Region(_Model):
    """A box on one page: where (part of) a value was read."""

    pagina: int = Field(ge=1, description="1-based page number.")
    bbox: tuple[float, float, float, float] = Field(
        description="(x0, top, x1, bottom) in PDF points, origin at the page's top-left corner."
    )


class Procedencia(_Model):
    """Where a value came from and how much to trust it."""

    regiones: list[Region] = Field(description="The boxes the value was read from, one per page it spans.")
    confianza: float = Field(ge=0.0, le=1.0, description="0..1; the weakest word's confidence (1.0 for a text layer).")
    metodo: str = Field(description="How the value was found, e.g. 'tabla:rules', 'preambulo:matcher', 'ocr'.")
    revisar: bool = Field(
        default=False, description="True when confianza is below the review threshold: a person should look."
    )
    corregido: bool = Field(default=False, description="True when a reviewer set this value by hand.")


ProcedenciaMap = Annotated[
    dict[str, Procedencia],
    Field(default_factory=dict, description="Provenance of each field of this object, keyed by field name."),
]


class Advertencia(_Model):
    """Something a reviewer should know about the record: data, not a log line."""

    codigo: str = Field(description="Stable machine-readable code, e.g. 'fecha_ilegible', 'numeracion_con_huecos'.")
    mensaje: str = Field(description="What was seen, in plain words.")
    campo: str | None = Field(default=None, description="Path of the field concerned, e.g. 'hallazgos[3].fecha_comprometida'.")


class Documento(_Model):
    archivo: str = Field(description="File name of the PDF.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="Hex digest of the PDF bytes: the record's stable id.")
    paginas: int = Field(ge=1, description="Number of pages.")
    origen: Origen = Field(description="digital (text layer), escaneado (every page needed OCR) or mixto.")


class Evaluacion(_Model):
    tipo: str | None = Field(default=None, description="Evaluation type, e.g. 'Específica', 'Consistencia y Resultados'.")
    programa: str | None = Field(default=None, description="Evaluated program or fund, without its acronym.")
    siglas: str | None = Field(default=None, description="The program's acronym, e.g. 'FASP'.")
    pae: int | None = Field(default=None, ge=2000, le=2100, description="Year of the Programa Anual de Evaluación.")
    procedencia: ProcedenciaMap


class Parte(_Model):
    """A party defined in the preamble with a quoted alias."""

    rol: str = Field(min_length=1, description="The alias as written, upper case with accents: 'LA SECRETARÍA'.")
    dependencia: str | None = Field(default=None, description="The institution the party is.")
    representante: str | None = Field(default=None, description="Who signs for it, title case.")
    cargo: str | None = Field(default=None, description="The representative's position as the preamble states it.")
    domicilio: str | None = Field(default=None, description="Address from the party's declarations.")
    codigo_postal: str | None = Field(default=None, pattern=r"^\d{5}$", description="Five-digit postal code of the address.")
    procedencia: ProcedenciaMap


class _Compromiso(_Model):
    """What a table row commits to, and by when."""

    numero: int = Field(ge=1, description="Item number as printed in the table.")
    actividad_comprometida: str | None = Field(default=None, description="The committed activity, full cell text.")
    fecha_comprometida: dt.date | None = Field(
        default=None, description="Deadline (ISO). Month-only dates are the month's last day. Null when unreadable."
    )
    fecha_texto: str | None = Field(default=None, description="The deadline as written.")
    precision_fecha: PrecisionFecha | None = Field(default=None, description="'dia' for a full date, 'mes' for month and year.")
    procedencia: ProcedenciaMap

    @model_validator(mode="after")
    def _month_precision_is_month_end(self):
        fecha, precision = self.fecha_comprometida, self.precision_fecha
        if fecha is None:
            if precision is not None:
                raise ValueError("precision_fecha is set but fecha_comprometida is null")
            return self
        if precision is None:
            raise ValueError("fecha_comprometida needs precision_fecha ('dia' or 'mes')")
        if precision == "mes" and fecha.day != calendar.monthrange(fecha.year, fecha.month)[1]:
            raise ValueError(f"a month-precision date must be the month's last day, got {fecha.isoformat()}")
        return self


class Hallazgo(_Compromiso):
    hallazgo: str | None = Field(default=None, description="The finding, full cell text.")


class Recomendacion(_Compromiso):
    recomendacion: str | None = Field(default=None, description="The recommendation, full cell text.")


class Responsable(_Model):
    """A public servant designated to attend the compliance sessions."""

    nombre: str = Field(min_length=1, description="Full name, title case.")
    cargo: str | None = Field(default=None, description="Position as written on the responsables page.")
    procedencia: ProcedenciaMap


class Convenio(_Model):
    """One convenio para la mejora del desempeño y resultados gubernamentales."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    pipeline_version: str = Field(description="Version of the extractor that made this record.")
    documento: Documento
    titulo: str | None = None
    fecha_firma: dt.date | None = Field(default=None, description="Signing date, from the closing sentence.")
    lugar_firma: str | None = Field(default=None, description="Signing place, from the closing sentence.")
    evaluacion: Evaluacion = Field(default_factory=Evaluacion)
    partes: list[Parte] = Field(default_factory=list)
    hallazgos: list[Hallazgo] = Field(default_factory=list)
    recomendaciones: list[Recomendacion] = Field(default_factory=list)
    responsables: list[Responsable] = Field(default_factory=list)
    prorroga_max_dias: int | None = Field(default=None, ge=0, description="Longest extension in calendar days; null without a Prórroga clause.")
    procedencia: ProcedenciaMap
    advertencias: list[Advertencia] = Field(default_factory=list, description="What a reviewer should know.")

    @field_validator("partes")
    @classmethod
    def _roles_are_unique(cls, partes: list[Parte]) -> list[Parte]:
        roles = [p.rol for p in partes]
        duplicated = {r for r in roles if roles.count(r) > 1}
        if duplicated:
            raise ValueError(f"two parties share the alias {sorted(duplicated)}")
        return partes
