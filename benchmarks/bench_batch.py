"""Benchmark: batch throughput with 1 and 2 workers, digital and scanned, and worker memory over a long batch.

    .venv/bin/python benchmarks/bench_batch.py --digital /tmp/big/digital --scanned /tmp/big/scanned \
        [--digital-count 500] [--scanned-count 10] [--workers 1 2] [--repeat 2] [--json results.json]

Runs the real batch (`extract.batch.run_batch`: guarded worker processes,
JSON written per document, Parquet rebuilt at the end) into a fresh output
folder for every combination of document kind and worker count, and reports:

* documents/hour and pages/second, end to end (process start-up and the
  Parquet rebuild included);
* scaling efficiency: throughput with N workers / (N x throughput with 1);
* peak resident memory per worker, in slices of the batch (documents 1-50,
  51-100, ...), to show that it does not grow with the number of documents.

Scanned documents cost seconds of OCR per page, so the scanned share is
kept small.  The load average is printed alongside: on a shared machine the
figures are only as good as the cores were free, so `--repeat` runs every
combination several times, the worker counts taking turns, and keeps the
fastest run of each.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

from extract.batch import run_batch
from extract.executors import Job, Limits, LocalExecutor, Outcome, default_memory_mib

MEMORY_SLICE = 50


@dataclass
class Run:
    kind: str
    workers: int
    documents: int
    failed: int
    pages: int
    seconds: float
    documents_per_hour: float
    pages_per_second: float
    worker_peak_mib_by_slice: list[float]
    load_average: float


class MemoryWatchingExecutor:
    """The local executor, noting each worker's peak memory as documents finish, in order."""

    def __init__(self, workers: int, limits: Limits):
        self.inner = LocalExecutor(workers, limits)
        self.peaks: list[float] = []

    def run(self, jobs: list[Job]) -> Iterator[Outcome]:
        for outcome in self.inner.run(jobs):
            if outcome.worker_peak_mib is not None:
                self.peaks.append(outcome.worker_peak_mib)
            yield outcome


def bench(kind: str, pdfs: list[Path], workers: int) -> Run:
    limits = Limits(memory_mib=default_memory_mib(workers))
    executor = MemoryWatchingExecutor(workers, limits)
    with tempfile.TemporaryDirectory(prefix=f"bench-{kind}-{workers}-") as out:
        report = run_batch(pdfs, Path(out), workers=workers, limits=limits, executor=executor)
    slices = [
        round(max(executor.peaks[start: start + MEMORY_SLICE]), 1)
        for start in range(0, len(executor.peaks), MEMORY_SLICE)
    ]
    done = len(report.extracted) + len(report.failures)
    return Run(
        kind=kind,
        workers=workers,
        documents=done,
        failed=len(report.failures),
        pages=report.pages,
        seconds=round(report.seconds, 2),
        documents_per_hour=round(done / report.seconds * 3600),
        pages_per_second=round(report.pages / report.seconds, 2),
        worker_peak_mib_by_slice=slices,
        load_average=round(os.getloadavg()[0], 2),
    )


def print_table(runs: list[Run]) -> None:
    print("| documents | workers | docs | pages | seconds | docs/hour | pages/s | scaling efficiency | load avg |")
    print("|---|---|---|---|---|---|---|---|---|")
    single = {run.kind: run for run in runs if run.workers == 1}
    for run in runs:
        base = single.get(run.kind)
        efficiency = run.pages_per_second / (run.workers * base.pages_per_second) if base else None
        shown = f"{efficiency:.0%}" if efficiency is not None and run.workers > 1 else "-"
        print(f"| {run.kind} | {run.workers} | {run.documents} | {run.pages} | {run.seconds} | "
              f"{run.documents_per_hour} | {run.pages_per_second} | {shown} | {run.load_average} |")
    print()
    for run in runs:
        print(f"peak worker memory, {run.kind} x{run.workers}, per {MEMORY_SLICE} documents (MiB): "
              f"{run.worker_peak_mib_by_slice}")
    print(f"peak memory of this process (the batch driver): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--digital", type=Path, help="Folder of digital convenio PDFs.")
    parser.add_argument("--scanned", type=Path, help="Folder of scanned convenio PDFs.")
    parser.add_argument("--digital-count", type=int, default=500)
    parser.add_argument("--scanned-count", type=int, default=10)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="Runs of each combination; the fastest is kept.")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()
    sets = []
    for kind, folder, count in (("digital", args.digital, args.digital_count), ("scanned", args.scanned, args.scanned_count)):
        if folder:
            pdfs = sorted(folder.rglob("*.pdf"))[:count]
            if not pdfs:
                sys.exit(f"no PDF under {folder}")
            sets.append((kind, pdfs))
    if not sets:
        sys.exit("give --digital and/or --scanned")
    fastest: dict[tuple[str, int], Run] = {}
    for kind, pdfs in sets:
        for _ in range(args.repeat):
            for workers in args.workers:
                run = bench(kind, pdfs, workers)
                print(f"{kind} x{workers}: {run.documents} documents, {run.pages} pages in {run.seconds} s "
                      f"(load {run.load_average})", file=sys.stderr)
                if (kind, workers) not in fastest or run.seconds < fastest[kind, workers].seconds:
                    fastest[kind, workers] = run
    runs = list(fastest.values())
    print_table(runs)
    if args.json:
        args.json.write_text(json.dumps([asdict(run) for run in runs], indent=2) + "\n")


if __name__ == "__main__":
    main()
