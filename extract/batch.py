"""Batch conversion: folders of PDFs in; one JSON per convenio, Parquet tables and an errors table out.

    OUT/json/<stem>.<sha256[:16]>.json   one validated record per distinct PDF
    OUT/parquet/                         tables rebuilt from every JSON in OUT/json (see `extract.export`),
                                         reviewers' corrections applied (see `extract.corrections`)
    OUT/corrected/<sha256>.json          each record with its corrections, and OUT/correcciones.parquet
    OUT/errors.parquet                   one row per file that gave no record: file, sha256, stage, class, message
    OUT/report.json                      this run: counts, duplicates, failures, throughput

The batch finishes whatever the files are: each document runs in a guarded
worker process (`extract.executors`) with a time limit and a memory cap, and
whatever goes wrong becomes a row of the errors table.

Reruns are cheap and safe.  A PDF whose JSON already holds the same sha256
and pipeline version is skipped; a new pipeline version re-extracts it.  The
same bytes under two names are extracted once and reported as a duplicate.
Every file is written whole (temp file and rename) and the Parquet tables
are rebuilt from the JSON, so a run killed at any moment and run again ends
with the same outputs as a run never interrupted.  Failures are not
remembered: a rerun tries those files again, and writes the same errors.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyarrow as pa

from extract.corrections import export_corrected
from extract.errors import BatchError, InputError
from extract.executors import (
    Executor,
    Extractor,
    Failure,
    Job,
    Limits,
    LocalExecutor,
    Outcome,
    available_cores,
    default_memory_mib,
)
from extract.export import atomic_write_bytes, write_report, write_table
from extract.pipeline import extract_bytes, pipeline_version
from schemas import Convenio

ERRORS_SCHEMA = pa.schema([
    pa.field("archivo", pa.string(), nullable=False),
    pa.field("sha256", pa.string()),
    pa.field("etapa", pa.string(), nullable=False),
    pa.field("clase", pa.string(), nullable=False),
    pa.field("mensaje", pa.string(), nullable=False),
])

# 64 bits of the hash in the file name: unique across any archive, short enough to read.
_NAME_HASH_LENGTH = 16
_NAMED_BY_HASH = re.compile(rf"\.([0-9a-f]{{{_NAME_HASH_LENGTH}}})\.json$")


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Where a running batch stands; handed to `on_progress` after every document."""

    to_extract: int
    done: int
    pages: int
    failed: int
    skipped: int
    duplicates: int


@dataclass(slots=True)
class BatchReport:
    """What one run did.  `failures` are the rows of OUT/errors.parquet."""

    documents: int = 0
    extracted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    warnings: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    seconds: float = 0.0
    peak_worker_memory_mib: float | None = None

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict:
        hours = self.seconds / 3600
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
            "pages_extracted": self.pages,
            "seconds": round(self.seconds, 3),
            "documents_per_hour": round(len(self.extracted) / hours) if hours else None,
            "pages_per_second": round(self.pages / self.seconds, 3) if self.seconds else None,
            "peak_worker_memory_mib": self.peak_worker_memory_mib,
        }


def run_batch(
    inputs: Iterable[Path],
    out_dir: Path,
    *,
    workers: int | None = None,
    on_progress: Callable[[BatchProgress], None] | None = None,
    limits: Limits | None = None,
    executor: Executor | None = None,
    extractor: Extractor = extract_bytes,
) -> BatchReport:
    """Extract every PDF under `inputs` into `out_dir`; see the module docstring for what is written.

    Runs on `executor` (default: `workers` guarded processes on this machine,
    all cores unless told).  Raises `BatchError` only when the batch as a
    whole cannot run; a document's failure is a row of the report.
    """
    started = time.perf_counter()
    workers = workers or available_cores()
    limits = limits or Limits(memory_mib=default_memory_mib(workers))
    executor = executor or LocalExecutor(workers, limits)
    version = pipeline_version()
    json_dir = out_dir / "json"
    report = BatchReport()

    with _exclusive(out_dir):
        _remove_partial_writes(out_dir)
        paths, unreadable = collect_pdfs(inputs)
        report.documents = len(paths)
        report.failures.extend(unreadable)
        outputs = _OutputIndex(json_dir)
        jobs: list[Job] = []
        first_with: dict[str, str] = {}
        for path, sha256 in _hashed(paths, report.failures):
            if sha256 in first_with:
                report.duplicates[path] = first_with[sha256]
            elif outputs.is_current(sha256, version):
                first_with[sha256] = path
                report.skipped.append(path)
            else:
                first_with[sha256] = path
                jobs.append(Job(path, sha256, extractor))

        def progress() -> None:
            if on_progress:
                on_progress(BatchProgress(
                    to_extract=len(jobs),
                    done=len(report.extracted) + len(failed_jobs),
                    pages=report.pages,
                    failed=len(failed_jobs),
                    skipped=len(report.skipped),
                    duplicates=len(report.duplicates),
                ))

        failed_jobs: dict[str, Failure] = {}
        progress()
        # No executor start-up (a Dask cluster, a pool) when there is nothing to extract.
        for outcome in executor.run(_longest_first(jobs)) if jobs else ():
            _take(outcome, report, failed_jobs, outputs)
            progress()

        report.failures.extend(failed_jobs.values())
        report.failures.extend(_duplicates_of_failures(report.duplicates, failed_jobs))
        records = _valid_records(json_dir, report.failures)
        report.rows = export_corrected(records, out_dir, version).rows
        report.failures.sort(key=lambda f: (f.archivo, f.etapa, f.clase))
        report.extracted.sort()
        report.skipped.sort()
        write_table([asdict(f) for f in report.failures], ERRORS_SCHEMA, out_dir / "errors.parquet", version)
        report.seconds = time.perf_counter() - started
        write_report(report.to_dict(), out_dir / "report.json")
    return report


def collect_pdfs(inputs: Iterable[Path]) -> tuple[list[str], list[Failure]]:
    """Files as given, folders searched for *.pdf, each file once, in path order; missing paths are failures."""
    found: set[Path] = set()
    missing: list[Failure] = []
    for path in inputs:
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
        elif path.is_file():
            found.add(path)
        else:
            missing.append(Failure.of(str(path), None, InputError("no such file or folder")))
    # A file named twice (itself and inside a folder given too) is one document, not a duplicate.
    by_real_path = {p.resolve(): p for p in sorted(found, reverse=True)}
    return sorted(str(p) for p in by_real_path.values()), missing


def _hashed(paths: list[str], failures: list[Failure]) -> Iterator[tuple[str, str]]:
    for path in paths:
        try:
            with open(path, "rb") as stream:
                yield path, hashlib.file_digest(stream, "sha256").hexdigest()
        except OSError as error:
            failures.append(Failure.of(path, None, InputError(f"cannot read the file ({error.strerror})")))


def _longest_first(jobs: list[Job]) -> list[Job]:
    """Largest files first, so the long documents start early instead of finishing last alone."""

    def size(job: Job) -> int:
        try:
            return os.path.getsize(job.path)
        except OSError:
            return 0

    return sorted(jobs, key=lambda job: (-size(job), job.path))


def _take(outcome: Outcome, report: BatchReport, failed_jobs: dict[str, Failure], outputs: _OutputIndex) -> None:
    """Record one finished document: its JSON written whole, or its failure kept for the errors table."""
    if outcome.worker_peak_mib is not None:
        report.peak_worker_memory_mib = max(report.peak_worker_memory_mib or 0.0, round(outcome.worker_peak_mib, 1))
    result = outcome.result
    if isinstance(result, Failure):
        failed_jobs[outcome.path] = result
        return
    atomic_write_bytes(outputs.path_for(outcome.path, result.sha256), result.record_json.encode("utf-8"))
    report.extracted.append(outcome.path)
    report.pages += result.pages
    report.warnings[outcome.path] = result.warnings


def _duplicates_of_failures(duplicates: dict[str, str], failed_jobs: dict[str, Failure]) -> list[Failure]:
    """A copy of a file that failed gives no record either, and gets its own row."""
    rows = []
    for copy, original in duplicates.items():
        if original in failed_jobs:
            failure = failed_jobs[original]
            rows.append(Failure(copy, failure.sha256, failure.etapa, failure.clase,
                                f"{failure.mensaje} (same bytes as {original})"))
    return rows


def _valid_records(json_dir: Path, failures: list[Failure]) -> Iterator[Convenio]:
    """Every record in OUT/json, in file-name order; a file that no longer validates becomes a failure."""
    if not json_dir.is_dir():
        return
    for path in sorted(json_dir.glob("*.json")):
        try:
            yield Convenio.model_validate_json(path.read_bytes())
        except (OSError, ValueError) as error:
            message = f"this JSON does not validate as a record (re-extract its PDF or delete it): {error}"
            failures.append(Failure(str(path), None, "export", type(error).__name__, message))


class _OutputIndex:
    """The JSON already in OUT/json, found by the hash in their names."""

    def __init__(self, json_dir: Path):
        self.json_dir = json_dir
        self.by_hash: dict[str, Path] = {}
        if json_dir.is_dir():
            for path in sorted(json_dir.glob("*.json")):
                match = _NAMED_BY_HASH.search(path.name)
                if match:
                    self.by_hash.setdefault(match.group(1), path)

    def is_current(self, sha256: str, version: str) -> bool:
        """True when a JSON holds this PDF's record, made by this pipeline version."""
        path = self.by_hash.get(sha256[:_NAME_HASH_LENGTH])
        if path is None:
            return False
        try:
            existing = json.loads(path.read_bytes())
            return existing["documento"]["sha256"] == sha256 and existing["pipeline_version"] == version
        except (OSError, ValueError, KeyError, TypeError):
            return False

    def path_for(self, pdf_path: str, sha256: str) -> Path:
        """Where this PDF's record goes: over its previous record, if any, so each PDF has one JSON."""
        key = sha256[:_NAME_HASH_LENGTH]
        if key not in self.by_hash:
            self.by_hash[key] = self.json_dir / f"{Path(pdf_path).stem}.{key}.json"
        return self.by_hash[key]


@contextmanager
def _exclusive(out_dir: Path) -> Iterator[None]:
    """One batch at a time per output folder; the lock dies with its process, even on kill -9."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchError(f"another batch is writing to {out_dir}; wait for it or choose another --out") from None
        yield


def _remove_partial_writes(out_dir: Path) -> None:
    """Temp files of a run killed mid-write (`.<name>.<random>.tmp`): never renamed, so never part of the output."""
    for temp in out_dir.rglob(".*.tmp"):
        if temp.is_file():
            temp.unlink(missing_ok=True)

