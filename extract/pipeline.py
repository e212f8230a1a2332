"""The pipeline in one place: PDF bytes in, validated `Convenio` out.

    read_pages -> ocr_pages -> build_layout -> find_fields -> build_record

Each stage is its own module and hands typed objects to the next; this file
only lists them in order, times them, and names the document.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from extract.errors import InputError, NotAConvenioError
from extract.fields.clausulas import extract_cierre, extract_evaluacion, extract_prorroga, extract_titulo
from extract.fields.compromisos import extract_compromisos
from extract.fields.firmas import (
    check_against_signatures,
    complete_from_signature_note,
    extract_firmas,
    institutions_in_signature_note,
)
from extract.fields.partes import extract_partes
from extract.fields.responsables import extract_responsables
from extract.layout import build_layout
from extract.model import Layout
from extract.ocr import OcrEngine, ocr_pages
from extract.pdf import read_pages
from extract.record import FieldsFound, build_record
from extract.triage import document_origin
from schemas import Convenio, Documento


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """The package version plus a digest of the extraction code and its rules.

    A batch re-extracts documents whose record has another version, so the
    digest makes any change to the code count, released or not.
    """
    try:
        release = metadata.version("convenios")
    except metadata.PackageNotFoundError:
        release = "0"
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    sources = [*root.joinpath("extract").rglob("*.py"), *root.joinpath("extract", "rules").glob("*.json"),
               *root.joinpath("schemas").glob("*.py")]
    for source in sorted(sources, key=lambda p: p.relative_to(root).as_posix()):
        digest.update(source.relative_to(root).as_posix().encode())
        digest.update(source.read_bytes())
    return f"{release}+{digest.hexdigest()[:10]}"


class StageTimes:
    """Seconds spent per stage, summed over documents (for the benchmark)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start


def find_fields(layout: Layout) -> FieldsFound:
    """Run every field extractor on the layout."""
    partes = extract_partes(layout)
    check_against_signatures(partes, extract_firmas(layout))
    complete_from_signature_note(partes, institutions_in_signature_note(layout))
    return FieldsFound(
        titulo=extract_titulo(layout),
        cierre=extract_cierre(layout),
        evaluacion=extract_evaluacion(layout),
        partes=partes,
        compromisos=extract_compromisos(layout),
        responsables=extract_responsables(layout),
        prorroga=extract_prorroga(layout),
    )


def extract_bytes(
    data: bytes,
    name: str,
    *,
    ocr_engine: OcrEngine | None = None,
    times: StageTimes | None = None,
) -> Convenio:
    """Extract one convenio from its PDF bytes; `name` is the file name for the record."""
    times = times or StageTimes()
    if not data:
        raise InputError("the file is empty", path=name)
    with times.stage("pdf"):
        pages = read_pages(data)
    with times.stage("ocr"):
        pages = ocr_pages(data, pages, ocr_engine)
    with times.stage("layout"):
        layout = build_layout(pages)
    with times.stage("fields"):
        found = find_fields(layout)
    if found.titulo is None and not found.partes and not found.compromisos.hallazgos:
        raise NotAConvenioError(
            "no convenio title, no parties with aliases and no hallazgos table: this does not look like a "
            "Convenio para la Mejora del Desempeño y Resultados Gubernamentales",
            path=name,
        )
    documento = Documento(
        archivo=name,
        sha256=hashlib.sha256(data).hexdigest(),
        paginas=len(pages),
        origen=document_origin(pages),
    )
    with times.stage("validation"):
        return build_record(documento, found, pipeline_version())


def extract_pdf(path: str | Path, *, ocr_engine: OcrEngine | None = None, times: StageTimes | None = None) -> Convenio:
    """Extract one convenio PDF into a validated record."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror})", path=str(path)) from error
    return extract_bytes(data, path.name, ocr_engine=ocr_engine, times=times)
