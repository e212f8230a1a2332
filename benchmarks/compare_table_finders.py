"""Compare our table finder with pdfplumber's and camelot's on the digital samples.

For every digital sample with an expected record, each finder's tables are
read the same way: rows whose first cell is an item number start an item, a
row with an empty first cell continues the item before it (a row cut by a
page break), any other row (a date row) is skipped.  The items' text and
activity cells are compared, whitespace-normalized, with the expected
hallazgos and recomendaciones in document order.  Speed is pages per second
for the whole job (open the PDF, find the tables, read the cells).

    .venv/bin/python benchmarks/compare_table_finders.py [--samples samples] [--split dev|heldout] [--finders ours,...]

Needs no network; camelot's lattice renders pages with its own backend.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from extract.layout import build_layout
from extract.pdf import page_count, read_pages
from extract.tables import is_item_number

Rows = list[list[str]]


def rows_ours(pdf: Path) -> Rows:
    layout = build_layout(read_pages(pdf))
    return [[cell.text for cell in row] for table in layout.tables for row in table.rows]


def rows_pdfplumber(pdf: Path) -> Rows:
    import pdfplumber

    rows: Rows = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for table in page.find_tables():
                rows += [[cell or "" for cell in row] for row in table.extract()]
    return rows


def rows_camelot(flavor: str) -> Callable[[Path], Rows]:
    def read(pdf: Path) -> Rows:
        import camelot

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(pdf), pages="all", flavor=flavor, suppress_stdout=True)
        return [[str(cell) for cell in row] for table in tables for row in table.df.values.tolist()]

    return read


FINDERS: dict[str, Callable[[Path], Rows]] = {
    "ours": rows_ours,
    "pdfplumber": rows_pdfplumber,
    "camelot-lattice": rows_camelot("lattice"),
    "camelot-stream": rows_camelot("stream"),
    "camelot-network": rows_camelot("network"),
}


def normalized(text: str) -> str:
    return " ".join(text.split())


def items_from_rows(rows: Rows) -> list[tuple[str, str]]:
    """(text, activity) per numbered row, continuation rows appended."""
    items: list[list[str]] = []
    for row in rows:
        if len(row) < 3:
            continue
        first = row[0].strip()
        if is_item_number(first):
            items.append([row[1], row[2]])
        elif not first and items and any(cell.strip() for cell in row[1:3]):
            items[-1] = [f"{items[-1][0]} {row[1]}", f"{items[-1][1]} {row[2]}"]
    return [(normalized(a), normalized(b)) for a, b in items]


def expected_items(record: dict) -> list[tuple[str, str]]:
    items = [(i["hallazgo"], i["actividad_comprometida"]) for i in record["hallazgos"]]
    items += [(i["recomendacion"], i["actividad_comprometida"]) for i in record["recomendaciones"]]
    return [(normalized(a), normalized(b)) for a, b in items]


@dataclass
class Score:
    cells: int = 0
    right: int = 0
    pages: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.cells if self.cells else 0.0


def score(finder: Callable[[Path], Rows], pdfs: list[Path]) -> Score:
    result = Score()
    for pdf in pdfs:
        expected = expected_items(json.loads(pdf.with_suffix(".expected.json").read_text()))
        result.cells += 2 * len(expected)
        result.pages += page_count(pdf)
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            found = items_from_rows(finder(pdf))
        except Exception as error:  # a competitor's crash is a data point, not our failure
            result.failures.append(f"{pdf.name}: {type(error).__name__}: {error}")
            found = []
        result.seconds += time.perf_counter() - started
        result.cpu_seconds += time.process_time() - cpu_started
        for (text, activity), (got_text, got_activity) in zip(expected, found):
            result.right += (text == got_text) + (activity == got_activity)
    return result


def digital_samples(root: Path, split: str) -> list[Path]:
    pdfs = sorted(root.glob(f"{split}/digital/*.pdf"))
    if split == "dev":
        pdfs = sorted(root.glob("seed/*.pdf")) + pdfs
    return [
        pdf
        for pdf in pdfs
        if pdf.with_suffix(".expected.json").exists()
        and json.loads(pdf.with_suffix(".expected.json").read_text())["documento"]["origen"] == "digital"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=Path(__file__).resolve().parent.parent / "samples")
    parser.add_argument("--finders", default=",".join(FINDERS), help="comma-separated: " + ", ".join(FINDERS))
    parser.add_argument("--split", default="dev", help="dev (with the seed) or heldout (to report, never to tune)")
    args = parser.parse_args()
    pdfs = digital_samples(args.samples, args.split)
    if not pdfs:
        raise SystemExit(f"no digital samples with expected records under {args.samples}")
    print(f"{len(pdfs)} digital samples, {sum(page_count(p) for p in pdfs)} pages")
    # CPU time is what one core gives when the machine is shared; wall time
    # also counts work a finder hands to other processes.
    print(f"{'finder':18} {'cells right':>12} {'accuracy':>9} {'pages/s wall':>13} {'pages/s CPU':>12}")
    for name in args.finders.split(","):
        result = score(FINDERS[name], pdfs)
        wall = result.pages / result.seconds if result.seconds else float("inf")
        cpu = result.pages / result.cpu_seconds if result.cpu_seconds else float("inf")
        print(f"{name:18} {result.right:>5}/{result.cells:<6} {result.accuracy:>9.1%} {wall:>13.1f} {cpu:>12.1f}")
        for failure in result.failures:
            print(f"    failed: {failure}")


if __name__ == "__main__":
    main()
