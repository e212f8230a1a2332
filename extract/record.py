"""Assemble the validated `Convenio` from the fields found, with cross-checks.

Nothing is dropped or silently fixed here: a suspicious value stays in the
record and an `Advertencia` says what looks wrong (numbering gaps, a date row
missing, a deadline before the signing date, an unreadable date...).  Values
whose confidence is below the review threshold get `revisar` set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from extract.fields.clausulas import Cierre, EvaluacionFound, Prorroga
from extract.fields.common import Found
from extract.fields.compromisos import CompromisosFound, ItemFound
from extract.fields.partes import PartyFound
from extract.fields.responsables import ResponsableFound
from extract.model import Provenance
from schemas import (
    Advertencia,
    Convenio,
    Documento,
    Evaluacion,
    Hallazgo,
    Parte,
    Procedencia,
    Recomendacion,
    Region,
    Responsable,
)

REVIEW_THRESHOLD = 0.80
"""Below this confidence a value is flagged for a person to check."""

TITULO = "CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES"

# Deadlines are months after signing; a date far outside this window is
# more likely misread than meant.
_PLAUSIBLE_DEADLINE = (dt.timedelta(days=-400), dt.timedelta(days=366 * 4))


@dataclass(slots=True)
class FieldsFound:
    """Everything the field extractors returned for one document."""

    titulo: Found[str] | None
    cierre: Cierre
    evaluacion: EvaluacionFound
    partes: list[PartyFound]
    compromisos: CompromisosFound
    responsables: list[ResponsableFound]
    prorroga: Prorroga | None


def procedencia(provenance: Provenance) -> Procedencia:
    return Procedencia(
        regiones=[Region(pagina=page, bbox=bbox) for page, bbox in provenance.regions],
        confianza=round(provenance.confidence, 4),
        metodo=provenance.method,
        revisar=provenance.confidence < REVIEW_THRESHOLD,
    )


class _Collector:
    """Gathers values and their provenance for one object of the record."""

    def __init__(self) -> None:
        self.values: dict = {}
        self.procedencia: dict[str, Procedencia] = {}

    def put(self, key: str, found: Found | None, value=None) -> None:
        if found is None:
            return
        self.values[key] = found.value if value is None else value
        self.procedencia[key] = procedencia(found.provenance)

    def fields(self) -> dict:
        return {**self.values, "procedencia": self.procedencia}


def build_record(documento: Documento, found: FieldsFound, pipeline_version: str) -> Convenio:
    warnings: list[Advertencia] = []
    top = _Collector()
    top.put("titulo", found.titulo)
    if found.cierre.fecha_firma:
        top.put("fecha_firma", found.cierre.fecha_firma, found.cierre.fecha_firma.value.fecha)
    top.put("lugar_firma", found.cierre.lugar_firma)
    if found.prorroga:
        top.put("prorroga_max_dias", found.prorroga.dias)
        if found.prorroga.habiles:
            warnings.append(
                Advertencia(
                    codigo="prorroga_dias_habiles",
                    mensaje="the Prórroga clause counts working days (días hábiles); the number is kept as written",
                    campo="prorroga_max_dias",
                )
            )

    evaluacion = _Collector()
    for key in ("tipo", "programa", "siglas", "pae"):
        evaluacion.put(key, getattr(found.evaluacion, key))

    partes = [_parte(p, warnings) for p in found.partes]
    hallazgos = [_item(Hallazgo, "hallazgo", i, "hallazgos", n, warnings) for n, i in enumerate(found.compromisos.hallazgos)]
    recomendaciones = [
        _item(Recomendacion, "recomendacion", i, "recomendaciones", n, warnings)
        for n, i in enumerate(found.compromisos.recomendaciones)
    ]
    responsables = [_responsable(r) for r in found.responsables]
    warnings.extend(Advertencia(codigo="tablas", mensaje=m) for m in found.compromisos.warnings)

    record = Convenio(
        pipeline_version=pipeline_version,
        documento=documento,
        evaluacion=Evaluacion(**evaluacion.fields()),
        partes=partes,
        hallazgos=hallazgos,
        recomendaciones=recomendaciones,
        responsables=responsables,
        advertencias=warnings,
        **top.fields(),
    )
    record.advertencias.extend(cross_check(record, found))
    return record


def _parte(found: PartyFound, warnings: list[Advertencia]) -> Parte:
    parte = _Collector()
    for key in ("rol", "dependencia", "representante", "cargo", "domicilio", "codigo_postal"):
        parte.put(key, getattr(found, key))
    warnings.extend(
        Advertencia(codigo="preambulo", mensaje=m, campo=f"partes[{found.rol.value}]") for m in found.warnings
    )
    return Parte(**parte.fields())


def _item(model, text_key: str, found: ItemFound, family: str, index: int, warnings: list[Advertencia]):
    item = _Collector()
    item.put("numero", found.numero)
    item.put(text_key, found.texto)
    item.put("actividad_comprometida", found.actividad)
    item.put("fecha_texto", found.fecha_texto)
    path = f"{family}[{index}]"
    if found.fecha is not None:
        item.values["fecha_comprometida"] = found.fecha.fecha
        item.values["precision_fecha"] = found.fecha.precision
        item.procedencia["fecha_comprometida"] = item.procedencia["fecha_texto"]
    elif found.fecha_texto is not None:
        warnings.append(
            Advertencia(
                codigo="fecha_ilegible",
                mensaje=f"cannot read a date in {found.fecha_texto.value!r}",
                campo=f"{path}.fecha_comprometida",
            )
        )
    else:
        warnings.append(
            Advertencia(codigo="fecha_ausente", mensaje="no deadline found for this item", campo=f"{path}.fecha_comprometida")
        )
    return model(**item.fields())


def _responsable(found: ResponsableFound) -> Responsable:
    responsable = _Collector()
    responsable.put("nombre", found.nombre)
    responsable.put("cargo", found.cargo)
    return Responsable(**responsable.fields())


def cross_check(record: Convenio, found: FieldsFound) -> list[Advertencia]:
    """Checks of meaning across fields; each failure becomes a warning."""
    warnings: list[Advertencia] = []
    if not record.partes:
        warnings.append(Advertencia(codigo="sin_partes", mensaje="no party with a quoted alias found in the preamble"))
    if not record.hallazgos:
        warnings.append(Advertencia(codigo="sin_hallazgos", mensaje="no hallazgos table found", campo="hallazgos"))
    for family, items in (("hallazgos", record.hallazgos), ("recomendaciones", record.recomendaciones)):
        numbers = [item.numero for item in items]
        if numbers and numbers != list(range(1, len(numbers) + 1)):
            warnings.append(
                Advertencia(codigo="numeracion", mensaje=f"{family} are numbered {numbers}, not 1..{len(numbers)}", campo=family)
            )
        if record.fecha_firma:
            low, high = (record.fecha_firma + delta for delta in _PLAUSIBLE_DEADLINE)
            for index, item in enumerate(items):
                if item.fecha_comprometida and not low <= item.fecha_comprometida <= high:
                    warnings.append(
                        Advertencia(
                            codigo="fecha_inverosimil",
                            mensaje=f"deadline {item.fecha_comprometida} is far from the signing date {record.fecha_firma}",
                            campo=f"{family}[{index}].fecha_comprometida",
                        )
                    )
    date_rows = [item.date_rows for item in found.compromisos.hallazgos]
    if any(date_rows) and any(count != 1 for count in date_rows):
        warnings.append(
            Advertencia(
                codigo="filas_de_fecha",
                mensaje=f"{sum(date_rows)} date rows for {len(date_rows)} hallazgos",
                campo="hallazgos",
            )
        )
    for key, value in (("fecha_firma", record.fecha_firma), ("lugar_firma", record.lugar_firma)):
        if value is None:
            warnings.append(Advertencia(codigo="cierre", mensaje=f"{key} not found in the closing sentence", campo=key))
    if not record.responsables:
        warnings.append(Advertencia(codigo="sin_responsables", mensaje="no responsables page found", campo="responsables"))
    return warnings
