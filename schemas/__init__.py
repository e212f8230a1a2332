"""The record contract (Pydantic models) and its generated JSON Schema."""

from schemas.convenio import (
    SCHEMA_VERSION,
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

__all__ = [
    "SCHEMA_VERSION",
    "Advertencia",
    "Convenio",
    "Documento",
    "Evaluacion",
    "Hallazgo",
    "Parte",
    "Procedencia",
    "Recomendacion",
    "Region",
    "Responsable",
]
