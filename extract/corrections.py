"""Reviewer corrections: read from `corrections/<sha256>.jsonl`, kept apart from machine output.

A rerun rewrites OUT/json and OUT/parquet, so what a person decided lives in
its own append-only file per convenio, one JSON object a line:

    {"path": "hallazgos[numero=3].estatus", "old": "vencido", "new": "cumplido",
     "reviewer": "Ana Pérez", "timestamp": "2019-08-20T10:15:00", "reason": "oficio 203/2019"}

`path` names a value of the record: dotted keys, and `[numero=N]` to pick an
item of a list by its printed number.  `old` is what the reviewer saw, `new`
what it should be (null withdraws an earlier correction).  For the same path,
the later line wins: the file is a log, so its order is the order of decisions.

This module only reads and validates; applying a correction is up to its
user.  ASM tracking (`extract.tracking`) reads the `...estatus` paths,
which are reviewer marks on a commitment rather than fields of the record.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from extract.errors import ConveniosError


class CorrectionError(ConveniosError):
    """A corrections file that cannot be read: the message says which line and why."""

    stage = "corrections"


class Correction(BaseModel):
    """One reviewer decision about one value of one record."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str = Field(min_length=1, description="The value concerned, e.g. 'recomendaciones[numero=2].estatus'.")
    old: Any = Field(default=None, description="The value the reviewer saw.")
    new: Any = Field(default=None, description="The value it should be; null withdraws an earlier correction.")
    reviewer: str = Field(min_length=1, description="Who decided.")
    timestamp: dt.datetime = Field(description="When, ISO 8601.")
    reason: str | None = Field(default=None, description="Why, e.g. the document that proves it.")


def item_path(family: str, numero: int, field: str) -> str:
    """The path of a field of a numbered item, as corrections write it: 'hallazgos[numero=3].estatus'."""
    return f"{family}[numero={numero}].{field}"


def read_corrections(path: Path) -> list[Correction]:
    """Every line of one corrections file, in file order; blank lines are allowed."""
    corrections = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            corrections.append(Correction.model_validate_json(line))
        except ValidationError as error:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'line'}: {e['msg']}" for e in error.errors())
            raise CorrectionError(f"line {line_number}: {problems}", path=str(path)) from None
    return corrections


def latest_corrections(corrections_dir: Path | None) -> dict[str, dict[str, Correction]]:
    """sha256 -> path -> the last correction of that path, from every `<sha256>.jsonl` in the folder.

    A missing folder means nobody has reviewed anything yet.  Spaces in paths
    are ignored, so 'hallazgos[ numero = 3 ].estatus' is the same path.
    """
    if corrections_dir is None or not corrections_dir.is_dir():
        return {}
    latest: dict[str, dict[str, Correction]] = {}
    for file in sorted(corrections_dir.glob("*.jsonl")):
        by_path = latest.setdefault(file.stem, {})
        for correction in read_corrections(file):
            by_path["".join(correction.path.split())] = correction
    return latest
