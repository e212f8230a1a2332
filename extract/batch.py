"""Batch conversion: many PDFs in, one JSON per convenio, Parquet tables and a run report out.

    OUT/json/<stem>.json      one validated record per convenio
    OUT/parquet/*.parquet     tables rebuilt from all the JSON in OUT/json
    OUT/errors.parquet        one row per document that failed (file, sha256, stage, class, message)
    OUT/report.json           counts, warnings and errors of this run

A document that fails never stops the batch.  A rerun skips documents whose
JSON already holds the same sha256 and pipeline version, and duplicates in the
input (same bytes) are extracted once and reported.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pyarrow as pa

from extract.errors import ConveniosError
from extract.export import atomic_write_bytes, read_records, record_json, write_parquet, write_report, write_table
from extract.pipeline import extract_bytes, pipeline_version

ERRORS_SCHEMA = pa.schema([
    pa.field("archivo", pa.string(), nullable=False),
    pa.field("sha256", pa.string()),
    pa.field("etapa", pa.string(), nullable=False),
    pa.field("clase", pa.string(), nullable=False),
    pa.field("mensaje", pa.string(), nullable=False),
])


@dataclass(frozen=True, slots=True)
class Failure:
    archivo: str
    sha256: str | None
    etapa: str
    clase: str
    mensaje: str


@dataclass(slots=True)
class BatchReport:
    documents: int = 0
    extracted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    warnings: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict:
        return {
            "pipeline_version": pipeline_version(),
            "documents": self.documents,
            "extracted": len(self.extracted),
            "skipped_unchanged": len(self.skipped),
            "duplicates": self.duplicates,
            "failed": len(self.failures),
            "failures": [asdict(f) for f in self.failures],
            "warnings_by_document": self.warnings,
            "parquet_rows": self.rows,
        }


def collect_pdfs(inputs: Iterable[Path]) -> tuple[list[Path], list[Failure]]:
    """Files as given, folders searched for *.pdf; missing paths are failures."""
    found: list[Path] = []
    missing: list[Failure] = []
    for path in inputs:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf"))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(Failure(str(path), None, "input", "InputError", "no such file or folder"))
    return found, missing


def _output_names(paths: list[Path]) -> dict[Path, str]:
    """<stem>.json, made unique when two inputs share a stem."""
    names: dict[Path, str] = {}
    used: set[str] = set()
    for path in paths:
        name = path.stem
        if name in used:
            name = f"{path.stem}-{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"
        used.add(name)
        names[path] = name
    return names


def _already_extracted(json_path: Path, sha256: str) -> bool:
    if not json_path.exists():
        return False
    try:
        existing = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return existing.get("documento", {}).get("sha256") == sha256 and existing.get("pipeline_version") == pipeline_version()


def extract_one(path: str, json_path: str) -> tuple[str, int] | Failure:
    """Worker: extract one file and write its JSON; returns (path, warning count) or a Failure."""
    sha256 = None
    try:
        data = Path(path).read_bytes()
        sha256 = hashlib.sha256(data).hexdigest()
        record = extract_bytes(data, Path(path).name)
        atomic_write_bytes(Path(json_path), record_json(record).encode("utf-8"))
        return path, len(record.advertencias)
    except ConveniosError as error:
        return Failure(path, sha256, error.stage, type(error).__name__, error.message)
    except OSError as error:
        return Failure(path, sha256, "input", "InputError", f"cannot read the file ({error.strerror})")
    except Exception as error:  # a bug must fail one document, not the batch
        return Failure(path, sha256, "pipeline", type(error).__name__, str(error) or repr(error))


def run_batch(
    inputs: Iterable[Path],
    out_dir: Path,
    *,
    workers: int | None = None,
    on_progress: Callable[[int, int, int], None] | None = None,
) -> BatchReport:
    """Extract every PDF under `inputs` into `out_dir`; see the module docstring for the layout.

    `on_progress(done, total, failed)` is called after each document.
    """
    report = BatchReport()
    paths, missing = collect_pdfs(inputs)
    report.failures.extend(missing)
    report.documents = len(paths)
    json_dir = out_dir / "json"
    names = _output_names(paths)

    todo: list[tuple[str, str]] = []
    first_of: dict[str, Path] = {}
    for path in paths:
        try:
            sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as error:
            report.failures.append(Failure(str(path), None, "input", "InputError", f"cannot read ({error.strerror})"))
            continue
        if sha256 in first_of:
            report.duplicates[str(path)] = str(first_of[sha256])
            continue
        first_of[sha256] = path
        json_path = json_dir / f"{names[path]}.json"
        if _already_extracted(json_path, sha256):
            report.skipped.append(str(path))
        else:
            todo.append((str(path), str(json_path)))

    done = 0
    for outcome in _run(todo, workers):
        done += 1
        if isinstance(outcome, Failure):
            report.failures.append(outcome)
        else:
            path, warnings = outcome
            report.extracted.append(path)
            report.warnings[path] = warnings
        if on_progress:
            on_progress(done, len(todo), len(report.failures))

    report.rows = write_parquet(read_records(json_dir) if json_dir.exists() else [], out_dir / "parquet", pipeline_version())
    write_table([asdict(f) for f in report.failures], ERRORS_SCHEMA, out_dir / "errors.parquet", pipeline_version())
    write_report(report.to_dict(), out_dir / "report.json")
    return report


def _run(todo: list[tuple[str, str]], workers: int | None):
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(todo) <= 1:
        for path, json_path in todo:
            yield extract_one(path, json_path)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(extract_one, path, json_path) for path, json_path in todo]
        for future in as_completed(futures):
            yield future.result()
