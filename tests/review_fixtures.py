"""Cheapest inputs for the corrections and review tests: machine records without running the pipeline.

`machine_record` is the seed convenio's expected record (samples/seed) posing
as extraction output, with provenance on the fields the tests look at, boxed
where the words really are in samples/seed/convenio_fasp_2019.pdf, so crops
can be checked against the page.  `write_run` lays records out as a run
folder (OUT/json/<stem>.json), the way `convenios extract` does.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from extract.export import write_json
from schemas import Convenio

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed"
SEED_PDF = SEED / "convenio_fasp_2019.pdf"
SEED_SCAN_PDF = SEED / "convenio_fasp_2019_escaneado.pdf"


def _where(page: int, bbox: tuple[float, float, float, float], confianza: float = 1.0, metodo: str = "test") -> dict:
    return {"regiones": [{"pagina": page, "bbox": bbox}], "confianza": confianza, "metodo": metodo, "revisar": confianza < 0.8}


def machine_record(pipeline_version: str = "1.0", scanned: bool = False) -> Convenio:
    """The seed convenio as an extraction would give it, with a few low-confidence values to review."""
    pdf = SEED_SCAN_PDF if scanned else SEED_PDF
    data = json.loads(pdf.with_suffix(".expected.json").read_text(encoding="utf-8"))
    data["pipeline_version"] = pipeline_version
    data["documento"]["sha256"] = hashlib.sha256(pdf.read_bytes()).hexdigest()
    data["procedencia"] = {
        "titulo": _where(1, (71.0, 70.2, 541.0, 81.2)),
        "lugar_firma": _where(8, (365.0, 346.7, 444.5, 357.7)),
        "fecha_firma": _where(8, (82.6, 361.2, 130.3, 372.2), confianza=0.62, metodo="ocr"),
        "prorroga_max_dias": _where(8, (306.9, 113.7, 343.0, 124.7)),
    }
    data["partes"][0]["procedencia"] = {"cargo": _where(2, (131.5, 222.7, 274.6, 233.7))}
    first = data["hallazgos"][0]
    first["procedencia"] = {
        "numero": _where(5, (75.0, 291.1, 85.0, 301.1)),
        "hallazgo": _where(5, (114.5, 291.1, 307.6, 351.1)),
        "actividad_comprometida": _where(5, (318.6, 291.1, 541.0, 351.1)),
        "fecha_comprometida": _where(5, (383.0, 360.0, 470.2, 370.0), confianza=0.55, metodo="ocr"),
        "fecha_texto": _where(5, (383.0, 360.0, 470.2, 370.0), confianza=0.55, metodo="ocr"),
    }
    data["hallazgos"][1]["procedencia"] = {"hallazgo": _where(5, (114.5, 376.1, 307.6, 436.1))}
    data["responsables"][0]["procedencia"] = {"nombre": _where(8, (373.6, 452.7, 434.1, 463.7))}
    data["advertencias"] = [
        {"codigo": "fecha_inverosimil", "mensaje": "deadline looks odd", "campo": "hallazgos[0].fecha_comprometida"},
        {"codigo": "cierre", "mensaje": "fecha_firma read by OCR", "campo": "fecha_firma"},
    ]
    return Convenio.model_validate(data)


def changed(record: Convenio, **fields) -> Convenio:
    """A copy of `record` as a newer pipeline would give it: `fields` are JSON-form top-level values."""
    data = record.model_dump(mode="json")
    data.update(fields)
    return Convenio.model_validate(data)


def write_run(folder: Path, records: list[Convenio]) -> Path:
    """A run folder holding `records` as machine output, one OUT/json/<stem>.json each."""
    for record in records:
        write_json(record, folder / "json" / f"{Path(record.documento.archivo).stem}.json")
    return folder
