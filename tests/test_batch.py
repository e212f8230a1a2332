"""The batch runner: parallel, resumable, idempotent, and unbroken by documents that fail.

Most tests run the real machinery (guarded worker processes, atomic writes,
Parquet rebuilt from JSON) around a stand-in extractor that behaves by file
name: it hangs, eats memory, crashes its process, or hits a bug on cue, and
otherwise returns a minimal record.  The end-to-end tests at the bottom run
the real pipeline: a batch killed with SIGKILL and run again ends identical
to one never interrupted, the command line, and a Dask cluster.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dask
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from distributed import LocalCluster

from documents import SEED_DIGITAL, blank_pdf, with_unique_tail
from extract.batch import run_batch
from extract.cli import main
from extract.errors import BatchError, NotAConvenioError
from extract.executors import Limits
from extract.pdf import page_count
from extract.pipeline import StageTimes, pipeline_version
from schemas import Convenio, Documento

# Small limits keep the hang and the memory hog quick: a loaded worker maps
# about 0.8 GiB, so 1.5 GiB leaves it room for ordinary documents only.
QUICK_LIMITS = Limits(seconds_base=3, seconds_per_page=0, memory_mib=1536)


def stand_in_extractor(data: bytes, name: str, *, times: StageTimes) -> Convenio:
    """A minimal record, unless the file name asks for trouble."""
    with times.stage("fields"):
        if name.startswith("hang"):
            time.sleep(3600)
        if name.startswith("hog"):
            bytearray(2 * 1024**3)  # more than the memory cap allows
        if name.startswith("crash"):
            os.kill(os.getpid(), signal.SIGSEGV)
        if name.startswith("bug"):
            raise TypeError("unsupported operand type(s) for +: 'NoneType' and 'str'")
        if name.startswith("factura"):
            raise NotAConvenioError("no convenio title, no parties and no hallazgos table")
    documento = Documento(archivo=name, sha256=hashlib.sha256(data).hexdigest(), paginas=page_count(data), origen="digital")
    return Convenio(pipeline_version=pipeline_version(), documento=documento, procedencia={})


def make_pdf(folder: Path, name: str, pages: int = 1, tag: str | None = None) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(with_unique_tail(blank_pdf(pages), tag or name))
    return path


def errors_by_file(out: Path) -> dict[str, dict]:
    rows = pq.read_table(out / "errors.parquet").to_pylist()
    return {Path(row["archivo"]).name: row for row in rows}


def json_records(out: Path) -> dict[str, dict]:
    return {path.name: json.loads(path.read_text()) for path in sorted((out / "json").glob("*.json"))}


def stand_in_batch(inputs, out: Path, workers: int = 2, **options):
    return run_batch(inputs, out, workers=workers, limits=QUICK_LIMITS, extractor=stand_in_extractor, **options)


@pytest.fixture(scope="module")
def troubled_batch(tmp_path_factory):
    """Four good files, a copy of one, and one file for each way a document can fail."""
    inbox = tmp_path_factory.mktemp("inbox")
    for index in range(1, 5):
        make_pdf(inbox, f"bueno_{index}.pdf", pages=index)
    (inbox / "sub").mkdir()
    (inbox / "sub" / "copia_de_bueno_1.pdf").write_bytes((inbox / "bueno_1.pdf").read_bytes())
    for name in ("hang.pdf", "hog.pdf", "crash.pdf", "bug.pdf", "factura.pdf"):
        make_pdf(inbox, name)
    (inbox / "vacio.pdf").write_bytes(b"")
    out = tmp_path_factory.mktemp("out")
    progress = []
    report = stand_in_batch([inbox], out, on_progress=progress.append)
    return inbox, out, report, progress


def test_every_good_file_gets_one_json_record(troubled_batch):
    inbox, out, report, _ = troubled_batch
    records = json_records(out)
    assert sorted(r["documento"]["archivo"] for r in records.values()) == [f"bueno_{i}.pdf" for i in range(1, 5)]
    assert sorted(Path(p).name for p in report.extracted) == [f"bueno_{i}.pdf" for i in range(1, 5)]
    assert report.pages == 1 + 2 + 3 + 4


def test_json_files_are_named_by_stem_and_hash(troubled_batch):
    inbox, out, _, _ = troubled_batch
    sha = hashlib.sha256((inbox / "bueno_2.pdf").read_bytes()).hexdigest()
    assert json_records(out)[f"bueno_2.{sha[:16]}.json"]["documento"]["sha256"] == sha


@pytest.mark.parametrize(("file", "stage", "error_class", "words"), [
    ("hang.pdf", "pipeline", "DocumentTimeoutError", "took longer than 3 s"),
    ("hog.pdf", "fields", "MemoryLimitError", "more than the 1536 MiB"),
    ("crash.pdf", "pipeline", "WorkerCrashedError", "SIGSEGV"),
    ("bug.pdf", "fields", "TypeError", "unsupported operand"),
    ("factura.pdf", "fields", "NotAConvenioError", "no convenio title"),
    ("vacio.pdf", "input", "InputError", "empty"),
])
def test_each_failing_document_is_one_row_of_the_errors_table(troubled_batch, file, stage, error_class, words):
    inbox, out, _, _ = troubled_batch
    row = errors_by_file(out)[file]
    assert (row["etapa"], row["clase"]) == (stage, error_class)
    assert words in row["mensaje"]
    assert row["sha256"] == hashlib.sha256((inbox / file).read_bytes()).hexdigest()


def test_errors_table_holds_exactly_the_failures(troubled_batch):
    _, out, report, _ = troubled_batch
    assert sorted(errors_by_file(out)) == ["bug.pdf", "crash.pdf", "factura.pdf", "hang.pdf", "hog.pdf", "vacio.pdf"]
    assert len(report.failures) == 6 and not report.ok


def test_a_copy_of_a_file_is_extracted_once_and_reported(troubled_batch):
    inbox, out, report, _ = troubled_batch
    assert report.duplicates == {str(inbox / "sub" / "copia_de_bueno_1.pdf"): str(inbox / "bueno_1.pdf")}
    assert len(json_records(out)) == 4
    report_json = json.loads((out / "report.json").read_text())
    assert report_json["duplicates"] == report.duplicates


def test_parquet_tables_hold_one_row_per_extracted_document(troubled_batch):
    _, out, report, _ = troubled_batch
    convenios = pq.read_table(out / "parquet" / "convenios").to_pylist()
    assert sorted(row["archivo"] for row in convenios) == [f"bueno_{i}.pdf" for i in range(1, 5)]
    assert report.rows["convenios"] == 4


def test_progress_counts_documents_pages_and_failures(troubled_batch):
    _, _, _, progress = troubled_batch
    assert progress[0].done == 0 and progress[0].to_extract == 10
    last = progress[-1]
    assert (last.done, last.pages, last.failed, last.duplicates) == (10, 10, 6, 1)
    assert [state.done for state in progress] == list(range(11))


def test_report_gives_throughput_and_worker_memory(troubled_batch):
    _, out, _, _ = troubled_batch
    report = json.loads((out / "report.json").read_text())
    assert report["documents"] == 11 and report["extracted"] == 4 and report["failed"] == 6
    assert report["pages_per_second"] > 0 and report["documents_per_hour"] > 0
    assert 0 < report["peak_worker_memory_mib"] < QUICK_LIMITS.memory_mib


def test_rerun_skips_unchanged_documents_and_retries_failures(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    make_pdf(inbox, "bueno.pdf")
    make_pdf(inbox, "factura.pdf")
    stand_in_batch([inbox], out)
    before = {path.name: path.stat().st_mtime_ns for path in (out / "json").iterdir()}
    report = stand_in_batch([inbox], out)
    assert [Path(p).name for p in report.skipped] == ["bueno.pdf"]
    assert report.extracted == []
    assert [Path(f.archivo).name for f in report.failures] == ["factura.pdf"]
    assert {path.name: path.stat().st_mtime_ns for path in (out / "json").iterdir()} == before


def test_record_from_another_pipeline_version_is_extracted_again(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    make_pdf(inbox, "bueno.pdf")
    stand_in_batch([inbox], out)
    [json_path] = (out / "json").glob("*.json")
    old = json.loads(json_path.read_text())
    json_path.write_text(json.dumps({**old, "pipeline_version": "0.0.1"}))
    report = stand_in_batch([inbox], out)
    assert [Path(p).name for p in report.extracted] == ["bueno.pdf"]
    assert [p.name for p in (out / "json").glob("*.json")] == [json_path.name]
    assert json.loads(json_path.read_text())["pipeline_version"] == pipeline_version()


def test_renamed_pdf_is_not_extracted_again(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    original = make_pdf(inbox, "convenio.pdf")
    stand_in_batch([inbox], out)
    original.rename(inbox / "convenio_renombrado.pdf")
    report = stand_in_batch([inbox], out)
    assert len(report.skipped) == 1 and report.extracted == []
    assert len(list((out / "json").glob("*.json"))) == 1


def test_a_file_named_twice_is_one_document_not_a_duplicate(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    pdf = make_pdf(inbox, "bueno.pdf")
    report = stand_in_batch([inbox, pdf], out)
    assert report.documents == 1 and report.duplicates == {}


def test_a_copy_of_a_failing_file_gets_its_own_error_row(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    make_pdf(inbox, "factura.pdf")
    (inbox / "factura_copia.pdf").write_bytes((inbox / "factura.pdf").read_bytes())
    stand_in_batch([inbox], out)
    errors = errors_by_file(out)
    assert sorted(errors) == ["factura.pdf", "factura_copia.pdf"]
    assert errors["factura_copia.pdf"]["clase"] == "NotAConvenioError"
    assert "same bytes as" in errors["factura_copia.pdf"]["mensaje"]


def test_missing_input_is_an_error_row_and_the_rest_runs(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    make_pdf(inbox, "bueno.pdf")
    report = stand_in_batch([inbox, tmp_path / "no_existe.pdf"], out)
    assert len(report.extracted) == 1
    assert errors_by_file(out)["no_existe.pdf"]["mensaje"] == "no such file or folder"


def test_leftovers_of_a_killed_write_are_removed(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    make_pdf(inbox, "bueno.pdf")
    (out / "json").mkdir(parents=True)
    half_written = out / "json" / ".bueno.0123456789abcdef.json.x1y2.tmp"
    half_written.write_text('{"documento": {"archi')
    stand_in_batch([inbox], out)
    assert not half_written.exists()
    assert [p.suffix for p in (out / "json").iterdir()] == [".json"]


def test_json_that_no_longer_validates_is_reported_and_left_out_of_parquet(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    make_pdf(inbox, "bueno.pdf")
    (out / "json").mkdir(parents=True)
    (out / "json" / "viejo.0123456789abcdef.json").write_text('{"schema_version": "0"}')
    report = stand_in_batch([inbox], out)
    assert report.rows["convenios"] == 1
    row = errors_by_file(out)["viejo.0123456789abcdef.json"]
    assert row["etapa"] == "export" and "does not validate" in row["mensaje"]


def test_a_second_batch_on_the_same_output_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(BatchError, match="another batch is writing"):
            stand_in_batch([tmp_path], out)


# --- the real pipeline -------------------------------------------------------


def convenio_copies(folder: Path, count: int) -> list[Path]:
    """`count` distinct files (different sha256) holding the seed convenio."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = SEED_DIGITAL.read_bytes()
    paths = []
    for index in range(count):
        path = folder / f"convenio_{index:03d}.pdf"
        path.write_bytes(with_unique_tail(seed, str(index)))
        paths.append(path)
    return paths


def comparable_outputs(out: Path) -> dict[str, bytes]:
    """Every output file but the run's own report (timings, skipped counts), by relative path."""
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name not in ("report.json", ".lock")
    }


def convenios_command(*arguments: str) -> list[str]:
    return [str(Path(sys.executable).with_name("convenios")), *arguments]


def test_batch_killed_midway_and_rerun_equals_an_uninterrupted_batch(tmp_path):
    inbox = tmp_path / "in"
    convenio_copies(inbox, 10)
    (inbox / "descarga_truncada.pdf").write_bytes(SEED_DIGITAL.read_bytes()[:3000])
    uninterrupted, resumed = tmp_path / "uninterrupted", tmp_path / "resumed"
    subprocess.run(convenios_command("extract", str(inbox), "--out", str(uninterrupted), "--quiet"), check=False)

    run = subprocess.Popen(
        convenios_command("extract", str(inbox), "--out", str(resumed), "--quiet", "--workers", "1"),
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(list((resumed / "json").glob("*.json"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGKILL)  # the batch, its workers and its fork server at once
    run.wait()
    written_before_kill = len(list((resumed / "json").glob("*.json")))
    assert 3 <= written_before_kill < 10, "the kill must land midway for this test to mean anything"
    assert not (resumed / "report.json").exists()

    rerun = subprocess.run(convenios_command("extract", str(inbox), "--out", str(resumed), "--quiet"), check=False)
    assert rerun.returncode == 1  # the truncated download is an error, in both runs
    assert comparable_outputs(resumed) == comparable_outputs(uninterrupted)
    report = json.loads((resumed / "report.json").read_text())
    assert report["skipped_unchanged"] == written_before_kill


def test_command_line_prints_a_summary_and_the_errors(tmp_path):
    inbox = tmp_path / "in"
    convenio_copies(inbox, 2)
    (inbox / "pagina_de_error.pdf").write_bytes(b"<html><body>404 Not Found</body></html>")
    result = CliRunner().invoke(main, ["extract", str(inbox), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 1
    assert "3 documents: 2 extracted, 0 unchanged, 0 duplicates, 1 failed" in result.stdout
    assert "pagina_de_error.pdf: InputError (input): not a PDF" in result.stderr


@pytest.fixture
def dask_cluster():
    """A local Dask cluster as an operator would start one: one single-threaded worker process."""
    with dask.config.set({"distributed.worker.daemon": False}):
        with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            yield cluster


def test_command_line_runs_on_a_dask_cluster(tmp_path, dask_cluster):
    inbox, out = tmp_path / "in", tmp_path / "out"
    convenio_copies(inbox, 3)
    make_pdf(inbox, "hoja_en_blanco.pdf")
    result = CliRunner().invoke(main, [
        "extract", str(inbox), "--out", str(out), "--quiet", "--executor", "dask", "--scheduler", dask_cluster.scheduler_address,
    ])
    assert "4 documents: 3 extracted, 0 unchanged, 0 duplicates, 1 failed" in result.stdout
    assert errors_by_file(out)["hoja_en_blanco.pdf"]["clase"] == "NotAConvenioError"
    local = tmp_path / "local"
    run_batch([inbox], local, workers=1)
    assert comparable_outputs(out) == comparable_outputs(local)


def test_dask_workers_that_may_not_start_processes_are_refused_with_the_fix(tmp_path):
    make_pdf(tmp_path / "in", "bueno.pdf")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as daemonic:
        result = CliRunner().invoke(main, [
            "extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
            "--executor", "dask", "--scheduler", daemonic.scheduler_address,
        ])
    assert result.exit_code == 1
    assert "DASK_DISTRIBUTED__WORKER__DAEMON=False" in result.stderr


def test_scheduler_address_needs_the_dask_executor(tmp_path):
    result = CliRunner().invoke(
        main, ["extract", str(tmp_path), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:8786"]
    )
    assert result.exit_code == 1
    assert "--scheduler needs --executor dask" in result.stderr
