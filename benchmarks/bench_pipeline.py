"""Benchmark: end-to-end pages/second on one core, with the time split by stage.

    .venv/bin/python benchmarks/bench_pipeline.py samples/dev/digital [--repeat 3]

Runs the whole pipeline (PDF parsing, OCR where a page needs it, layout and
tables, field extraction, validation, export to JSON and Parquet) on every
PDF under the folder, in this one process, and in the same run pdfplumber's
bare `extract_text` on the same pages as a yardstick.  Reports pages/s for
both, their ratio, seconds per stage, and the peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from extract.export import write_json, write_parquet
from extract.pipeline import StageTimes, extract_pdf, pipeline_version


def bench_pipeline(pdfs: list[Path], repeat: int) -> tuple[int, float, StageTimes]:
    times = StageTimes()
    pages = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeat):
            records = []
            for pdf in pdfs:
                record = extract_pdf(pdf, times=times)
                pages += record.documento.paginas
                records.append(record)
            with times.stage("export"):
                for record in records:
                    write_json(record, Path(out) / "json" / f"{Path(record.documento.archivo).stem}.json")
                write_parquet(records, Path(out) / "parquet", pipeline_version())
    return pages, time.perf_counter() - start, times


def bench_pdfplumber_text(pdfs: list[Path], repeat: int) -> tuple[int, float]:
    pages = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for pdf in pdfs:
            with pdfplumber.open(pdf) as document:
                for page in document.pages:
                    page.extract_text()
                    pages += 1
    return pages, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--skip-baseline", action="store_true", help="Do not time pdfplumber's extract_text.")
    args = parser.parse_args()
    pdfs = sorted(args.folder.rglob("*.pdf"))
    if not pdfs:
        sys.exit(f"no PDF under {args.folder}")

    pages, seconds, times = bench_pipeline(pdfs, args.repeat)
    print(f"pipeline: {len(pdfs)} documents x{args.repeat}, {pages} pages in {seconds:.2f} s = {pages / seconds:.1f} pages/s")
    for stage, spent in sorted(times.seconds.items(), key=lambda item: -item[1]):
        print(f"  {stage:<11} {spent:7.2f} s  {1000 * spent / pages:7.1f} ms/page  {100 * spent / seconds:5.1f} %")
    if not args.skip_baseline:
        base_pages, base_seconds = bench_pdfplumber_text(pdfs, args.repeat)
        print(f"pdfplumber extract_text alone: {base_pages / base_seconds:.1f} pages/s")
        print(f"pipeline / pdfplumber extract_text speed ratio: {(pages / seconds) / (base_pages / base_seconds):.2f}")
    print(f"peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
