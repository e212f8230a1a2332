"""Build a split of the sample corpus: draw, render, convert, scan, write expected records.

A run is a short list of stages:

1. draw every convenio (document model + expected record) from the split's seed;
2. render each to .docx;
3. convert all .docx to PDF in one LibreOffice call;
4. make scanned twins of the first N digital PDFs, and mixed copies (signed
   pages scanned, the rest digital) of the next M;
5. write each expected record next to its PDF, and the split's manifest.

The record's `documento` block is the only part filled from the finished
file (hash, page count); everything else was decided at drawing time.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium

from .builder import CICLOS_DE_COBERTURA, cuotas_para, draw_convenio
from .docx_render import render_docx
from .model import Documento
from .pdf import convert_to_pdf
from .scanner import SCAN_DPIS, ScanSettings, draw_scan_settings, mix_pdf, scan_pdf, signed_page_indexes
from .seed import documento_semilla, registro_esperado_semilla

SCHEMA_VERSION = "1"
TWIN_SUFFIX = "_escaneado"
MIXED_SUFFIX = "_mixto"
MANIFEST_COLUMNS = [
    "archivo", "split", "tipo", "gemelo_de", "ambito", "papel", "fuente", "paginas",
    "layout_hallazgos", "layout_recomendaciones", "reglas", "encabezado_repetido",
    "n_partes", "n_hallazgos", "n_recomendaciones", "prorroga_max_dias", "estilo_fechas",
    "cierre", "pie", "anexos", "dpi", "paginas_rotadas", "paginas_escaneadas", "nota_recibido",
]


def expected_path(pdf_path: Path) -> Path:
    """`x.pdf` -> `x.expected.json`, the convention every consumer relies on."""
    return pdf_path.with_name(pdf_path.stem + ".expected.json")


def describe_pdf(pdf_path: Path, origen: str) -> dict:
    """The record's `documento` block, measured on the finished file."""
    data = pdf_path.read_bytes()
    pdf = pdfium.PdfDocument(data)
    pages = len(pdf)
    pdf.close()
    return {
        "archivo": pdf_path.name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "paginas": pages,
        "origen": origen,
    }


def write_expected(pdf_path: Path, registro: dict, origen: str) -> dict:
    """Write `<pdf>.expected.json` with the keys in contract order."""
    record = {"schema_version": SCHEMA_VERSION, "documento": describe_pdf(pdf_path, origen), **registro}
    expected_path(pdf_path).write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return record


def _manifest_row(documento: Documento, record: dict, split: str, tipo: str, gemelo_de: str,
                  scan: ScanSettings | None, scanned_pages: list[int] | None = None) -> dict:
    rasgos = documento.rasgos
    rotated = ""
    if scan and scan.rotated_pages:
        # 1-based page numbers, as a reader counts them.
        rotated = ";".join(f"{index + 1}:{angle}" for index, angle in sorted(scan.rotated_pages.items()))
    return {
        "archivo": record["documento"]["archivo"],
        "split": split,
        "tipo": tipo,
        "gemelo_de": gemelo_de,
        "ambito": rasgos.get("ambito", ""),
        "papel": documento.pagina.papel,
        "fuente": documento.pagina.fuente,
        "paginas": record["documento"]["paginas"],
        "layout_hallazgos": rasgos.get("layout_hallazgos", ""),
        "layout_recomendaciones": rasgos.get("layout_recomendaciones", ""),
        "reglas": rasgos.get("reglas", ""),
        "encabezado_repetido": rasgos.get("encabezado_repetido", ""),
        "n_partes": len(record["partes"]),
        "n_hallazgos": len(record["hallazgos"]),
        "n_recomendaciones": len(record["recomendaciones"]),
        "prorroga_max_dias": record["prorroga_max_dias"] if record["prorroga_max_dias"] is not None else "",
        "estilo_fechas": rasgos.get("estilo_fechas", ""),
        "cierre": rasgos.get("cierre", ""),
        "pie": documento.pagina.pie or "",
        "anexos": rasgos.get("anexos", 0),
        "dpi": scan.dpi if scan else "",
        "paginas_rotadas": rotated,
        "paginas_escaneadas": ";".join(str(index + 1) for index in scanned_pages or []),
        "nota_recibido": (scan.recibido or "").replace("\n", " ") if scan else "",
    }


def write_manifest(rows: list[dict], destination: Path) -> None:
    with destination.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _render_all(documentos: list[Documento], pdf_dir: Path, keep_docx: bool, workers: int = 1) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix="convenios-docx-") as scratch:
        docx_dir = Path(scratch)
        docx_files = [render_docx(doc, docx_dir / f"{doc.nombre}.docx") for doc in documentos]
        pdfs = convert_to_pdf(docx_files, pdf_dir, workers=workers)
        if keep_docx:
            for docx in docx_files:
                shutil.copy2(docx, pdf_dir / docx.name)
    return pdfs


def build_seed(out_dir: Path, keep_docx: bool = False) -> list[dict]:
    """The hand-made seed convenio, its scanned twin, and their expected records."""
    out_dir.mkdir(parents=True, exist_ok=True)
    documento = documento_semilla()
    registro = registro_esperado_semilla()
    (digital_pdf,) = _render_all([documento], out_dir, keep_docx)
    record = write_expected(digital_pdf, registro, "digital")
    rows = [_manifest_row(documento, record, "seed", "digital", "", None)]

    scanned_pdf = out_dir / f"{documento.nombre}{TWIN_SUFFIX}.pdf"
    # Fixed settings: the seed twin is a clean 200 dpi scan with no rotation,
    # like the original that the seed text came from.
    settings = ScanSettings(dpi=200, max_skew_deg=0.8, rotated_pages={}, seal=True, initials=True)
    scan_pdf(digital_pdf, scanned_pdf, random.Random(f"scan:{documento.nombre}"), settings, documento.firmantes())
    twin = write_expected(scanned_pdf, registro, "escaneado")
    rows.append(_manifest_row(documento, twin, "seed", "escaneado", digital_pdf.name, settings))
    write_manifest(rows, out_dir / "manifest.csv")
    return rows


@dataclass
class TwinJob:
    """One scanned twin or mixed copy to make; plain data so it can go to a worker process."""

    kind: str  # "escaneado" or "mixto", the record's origen
    digital_pdf: Path
    twin_pdf: Path
    rng_seed: str
    page_count: int
    allow_rotation: bool
    dpi: int | None
    signer_lines: list[str]
    fecha_firma: str
    with_receipt: bool


def make_twin(job: TwinJob) -> tuple[ScanSettings, list[int] | None]:
    """Scan `job.digital_pdf` whole, or only its signed pages; return the settings and scanned pages."""
    rng = random.Random(job.rng_seed)
    settings = draw_scan_settings(rng, job.page_count, job.allow_rotation, dpi=job.dpi,
                                  received_on=date.fromisoformat(job.fecha_firma), with_receipt=job.with_receipt)
    if job.kind == "escaneado":
        scan_pdf(job.digital_pdf, job.twin_pdf, rng, settings, job.signer_lines)
        return settings, None
    pages = signed_page_indexes(job.digital_pdf, job.signer_lines)
    mix_pdf(job.digital_pdf, job.twin_pdf, rng, settings, job.signer_lines, pages)
    return settings, pages


def build_split(split: str, digital: int, scanned: int, seed: int, out_dir: Path,
                rotation_share: float = 0.25, keep_docx: bool = False, mixed: int = 0,
                workers: int = 1) -> list[dict]:
    """Draw `digital` convenios for `split`, scan the first `scanned`, make mixed copies of the next `mixed`."""
    if scanned + mixed > digital:
        raise ValueError("every scanned or mixed sample is the twin of a distinct digital one: "
                         "--scanned + --mixed must be <= --digital")
    digital_dir, scanned_dir = out_dir / "digital", out_dir / "scanned"
    if scanned:
        scanned_dir.mkdir(parents=True, exist_ok=True)
    digital_dir.mkdir(parents=True, exist_ok=True)
    shift_rng = random.Random(f"coverage:{seed}:{split}")
    desfases = {clave: shift_rng.randrange(len(valores)) for clave, valores in CICLOS_DE_COBERTURA.items()}
    drawn = []
    for index in range(1, digital + 1):
        nombre = f"{split}_{seed}_{index:04d}"
        # One generator per document: adding documents never changes earlier ones.
        rng = random.Random(f"convenio:{seed}:{split}:{index}")
        drawn.append(draw_convenio(rng, nombre, cuotas_para(index - 1, desfases)))
    documentos = [documento for documento, _ in drawn]
    pdfs = _render_all(documentos, digital_dir, keep_docx, workers)

    rows = []
    records = []
    for (documento, registro), pdf_path in zip(drawn, pdfs):
        record = write_expected(pdf_path, registro, "digital")
        records.append(record)
        rows.append(_manifest_row(documento, record, split, "digital", "", None))

    rotation_rng = random.Random(f"rotations:{seed}:{split}")
    jobs = []
    for scan_index, ((documento, _), pdf_path, record) in enumerate(list(zip(drawn, pdfs, records))[:scanned]):
        jobs.append(TwinJob(
            kind="escaneado",
            digital_pdf=pdf_path,
            twin_pdf=scanned_dir / f"{documento.nombre}{TWIN_SUFFIX}.pdf",
            rng_seed=f"scan:{seed}:{split}:{documento.nombre}",
            page_count=record["documento"]["paginas"],
            allow_rotation=rotation_rng.random() < rotation_share,
            # Cycle the resolution so that even a few scans cover 200, 240 and 300 dpi.
            dpi=SCAN_DPIS[scan_index % len(SCAN_DPIS)],
            signer_lines=documento.firmantes(),
            fecha_firma=record["fecha_firma"],
            # Every third scan carries a receipt note on its first page.
            with_receipt=scan_index % 3 == 1,
        ))
    for (documento, _), pdf_path, record in list(zip(drawn, pdfs, records))[scanned : scanned + mixed]:
        # Mixed copies are never rotated: a feeder turns whole batches, not
        # the signed sheets appended to a digital file.
        jobs.append(TwinJob(
            kind="mixto",
            digital_pdf=pdf_path,
            twin_pdf=out_dir / "mixed" / f"{documento.nombre}{MIXED_SUFFIX}.pdf",
            rng_seed=f"mixed:{seed}:{split}:{documento.nombre}",
            page_count=record["documento"]["paginas"],
            allow_rotation=False,
            dpi=None,
            signer_lines=documento.firmantes(),
            fecha_firma=record["fecha_firma"],
            # The note sits on the first page, which a mixed copy keeps digital.
            with_receipt=False,
        ))
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = list(pool.map(make_twin, jobs))
    else:
        outcomes = [make_twin(job) for job in jobs]
    by_pdf = {pdf_path: (documento, registro) for (documento, registro), pdf_path in zip(drawn, pdfs)}
    for job, (settings, scanned_pages) in zip(jobs, outcomes):
        documento, registro = by_pdf[job.digital_pdf]
        twin = write_expected(job.twin_pdf, registro, job.kind)
        rows.append(_manifest_row(documento, twin, split, job.kind, job.digital_pdf.name, settings, scanned_pages))
    write_manifest(rows, out_dir / "manifest.csv")
    return rows
