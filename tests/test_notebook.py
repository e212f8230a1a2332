"""The review notebook runs headless on a real run, and notebooks are committed without outputs."""

import datetime as dt
import json
from pathlib import Path

import nbformat
import pyarrow.parquet as pq
from nbclient import NotebookClient

from extract.corrections import CorrectionStore, correct
from extract.export import write_json
from extract.pipeline import extract_pdf
from extract.review import clear_outputs
from tests.review_fixtures import SEED, SEED_PDF, changed

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
REVIEW_NOTEBOOK = NOTEBOOKS / "review.ipynb"


def outputs_of(notebook) -> str:
    """Every output of every code cell, as one text to search."""
    return json.dumps([cell.get("outputs", []) for cell in notebook.cells], ensure_ascii=False)


def test_the_review_notebook_runs_headless_on_a_run_over_the_samples(tmp_path, monkeypatch):
    # A run of the digital seed sample, as `convenios extract` writes it, that a reviewer corrected
    # before a newer extraction read the signing place differently.
    machine = extract_pdf(SEED_PDF)
    run = tmp_path / "run"
    correct(
        CorrectionStore(run / "corrections"), machine, {"lugar_firma": "Toluca de Lerdo, México"},
        reviewer="ana.perez", now=dt.datetime(2024, 5, 6, 9, 30, tzinfo=dt.timezone.utc),
    )
    write_json(changed(machine, lugar_firma="Toluca"), run / "json" / "convenio_fasp_2019.json")
    for name, value in {"CONVENIOS_RUN": str(run), "CONVENIOS_PDFS": str(SEED), "CONVENIOS_REVIEWER": "ci"}.items():
        monkeypatch.setenv(name, value)
    notebook = nbformat.read(REVIEW_NOTEBOOK, as_version=4)

    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()

    shown = outputs_of(notebook)
    assert "convenio_fasp_2019.pdf" in shown and "campos_por_revisar" in shown  # the queue
    assert shown.count("data:image/png;base64,") >= 60  # the document view, a crop per value read on the page
    assert "the extraction now reads 'Toluca' where you saw" in shown  # the conflict, listed
    assert "application/vnd.jupyter.widget-view+json" in shown  # the correction form and conflict panel
    assert "1 documents, 1 corrections, 1 conflicts" in shown
    hallazgos = pq.read_table(run / "parquet" / "hallazgos")
    assert len(hallazgos) == 10
    assert pq.read_table(run / "correcciones.parquet").column("conflicto").to_pylist() == ["changed"]


def bare(path: Path) -> bool:
    """True when a notebook holds no outputs, execution counts or widget state."""
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    return all(cell.outputs == [] and cell.execution_count is None for cell in code) and "widgets" not in notebook.metadata


def test_committed_notebooks_carry_no_outputs():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        assert bare(path), f"{path.name} was saved with outputs: python -c \"from extract.review import clear_outputs; clear_outputs('{path}')\""


def test_clearing_an_executed_notebook_leaves_it_as_committed(tmp_path):
    executed = nbformat.read(REVIEW_NOTEBOOK, as_version=4)
    executed.cells[1].outputs = [nbformat.v4.new_output("stream", text="run output\n")]
    executed.cells[1].execution_count = 1
    executed.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    copy = tmp_path / "review.ipynb"
    nbformat.write(executed, copy)

    clear_outputs(copy)

    assert bare(copy)
    assert nbformat.read(copy, as_version=4).cells == nbformat.read(REVIEW_NOTEBOOK, as_version=4).cells
