"""The `convenios` command: a thin layer over the library (`extract.batch`, `extract.evaluate`, `extract.tracking`).

    convenios extract INPUT... --out DIR   PDFs (files or folders) to JSON + Parquet (+ JSON Lines)
    convenios evaluate PRED GOLD           field-level precision / recall / F1
    convenios schema                       the record's JSON Schema
    convenios track DIR --as-of DATE       each commitment's deadline, extension limit and status
    convenios export DIR                   corrected JSON + Parquet from DIR/json and reviewers' corrections
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from extract.batch import BatchProgress, run_batch
from extract.corrections import CorrectionStore, export_corrected
from extract.errors import BatchError, ConveniosError
from extract.evaluate import DEFAULT_THRESHOLD, evaluate_paths, render_report
from extract.executors import DEFAULT_MEMORY_MIB, Limits, available_cores, default_memory_mib, executor_for
from extract.export import read_records, write_jsonl
from extract.pipeline import pipeline_version
from extract.tracking import correction_conflicts, render_tracking, track, write_tracking
from schemas.jsonschema import convenio_json_schema


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Turn convenio PDFs into validated, traceable records."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Parallel processes (default: all cores).")
@click.option("--quiet", is_flag=True, help="No progress bar; only the summary line and errors.")
@click.option("--jsonl", is_flag=True, help="Also write OUT/convenios.jsonl, one record a line, for streaming loaders.")
@click.option("--timeout", "seconds_base", type=click.FloatRange(min=1), default=Limits.seconds_base, show_default=True,
              help="Seconds a document may take, before the allowance per page.")
@click.option("--timeout-per-page", "seconds_per_page", type=click.FloatRange(min=0), default=Limits.seconds_per_page,
              show_default=True, help="Seconds added to a document's limit for each of its pages.")
@click.option("--memory-limit", "memory_mib", type=click.IntRange(min=512), default=None,
              help="MiB of address space per worker; a document needing more fails alone "
                   f"(default: {DEFAULT_MEMORY_MIB}, less if the machine's memory split between the workers is less).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where documents run: processes on this machine, or a Dask distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --executor dask; without it, a local cluster).")
def extract(
    inputs: tuple[Path, ...], out_dir: Path, workers: int | None, quiet: bool, jsonl: bool,
    seconds_base: float, seconds_per_page: float, memory_mib: int | None, executor: str, scheduler: str | None,
) -> None:
    """Extract convenio PDFs (files or folders) into OUT/json, OUT/parquet, OUT/errors.parquet and OUT/report.json.

    Reruns skip what is already extracted; exits 1 when some document failed (see OUT/errors.parquet).
    """
    workers = workers or available_cores()
    limits = Limits(seconds_base, seconds_per_page, memory_mib or default_memory_mib(workers))
    console = Console(stderr=True, quiet=quiet)
    with Progress(
        TextColumn("[bold]extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("docs, {task.fields[pages]} pages, {task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=quiet,
    ) as progress:
        task = progress.add_task("extract", total=None, pages=0, failed=0)

        def on_progress(state: BatchProgress) -> None:
            progress.update(task, completed=state.done, total=state.to_extract, pages=state.pages, failed=state.failed)

        try:
            report = run_batch(
                list(inputs), out_dir, workers=workers, on_progress=on_progress, limits=limits,
                executor=executor_for(executor, workers=workers, limits=limits, scheduler=scheduler),
            )
        except BatchError as error:
            raise click.ClickException(str(error)) from error
        except KeyboardInterrupt:
            click.echo("interrupted: every record written so far is whole; run the same command to resume", err=True)
            sys.exit(130)
    if jsonl and (out_dir / "json").is_dir():
        write_jsonl(read_records(out_dir / "json"), out_dir / "convenios.jsonl")
    for failure in report.failures:
        # One unwrapped line per failure, for grep and for scripts.
        click.echo(f"{click.style('error', fg='red')} {failure.archivo}: {failure.clase} ({failure.etapa}): {failure.mensaje}", err=True)
    click.echo(
        f"{report.documents} documents: {len(report.extracted)} extracted, {len(report.skipped)} unchanged, "
        f"{len(report.duplicates)} duplicates, {len(report.failures)} failed -> {out_dir}"
    )
    sys.exit(0 if report.ok else 1)


@main.command()
@click.argument("pred", type=click.Path(exists=True, path_type=Path))
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True, help="Text similarity for a match.")
def evaluate(pred: Path, gold: Path, as_json: bool, threshold: float) -> None:
    """Score predicted records (PRED) against expected ones (GOLD), per field family."""
    try:
        report = evaluate_paths(pred, gold, threshold=threshold)
    except ConveniosError as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        render_report(report, Console())


@main.command()
def schema() -> None:
    """Print the JSON Schema of the record."""
    click.echo(convenio_json_schema(), nl=False)


@main.command(name="track")
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Cut-off date, YYYY-MM-DD (default: today).")
@click.option("--corrections", "corrections_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of reviewer corrections, <sha256>.jsonl (default: RUN_DIR/corrections).")
@click.option("--out", "out_files", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the rows to a .parquet or .csv file (repeatable).")
def track_commitments(run_dir: Path, as_of: dt.datetime | None, corrections_dir: Path | None, out_files: tuple[Path, ...]) -> None:
    """Status of every commitment in RUN_DIR (the --out of `convenios extract`) as of a date."""
    json_dir = run_dir / "json"
    if not json_dir.is_dir():
        raise click.ClickException(f"{run_dir} has no json/ folder: give the --out folder of `convenios extract`")
    if any(path.suffix.lower() not in (".parquet", ".csv") for path in out_files):
        raise click.BadParameter("file names must end in .parquet or .csv", param_hint="--out")
    cut_off = as_of.date() if as_of else dt.date.today()
    store = CorrectionStore(corrections_dir or run_dir / "corrections")
    try:
        records = list(read_records(json_dir))
        rows = track(records, cut_off, store)
        conflicts = correction_conflicts(records, store)
    except ConveniosError as error:
        raise click.ClickException(str(error)) from error
    render_tracking(rows, cut_off, Console())
    for conflict in conflicts:
        click.echo(f"warning: {conflict}", err=True)
    for path in out_files:
        write_tracking(rows, path, pipeline_version())


@main.command(name="export")
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--corrections", "corrections_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of reviewer corrections, <sha256>.jsonl (default: RUN_DIR/corrections).")
def export_run(run_dir: Path, corrections_dir: Path | None) -> None:
    """Rebuild RUN_DIR/corrected, RUN_DIR/parquet and RUN_DIR/correcciones.parquet with reviewers' corrections applied.

    Corrections that a re-extraction contradicts are listed on stderr; settle them in notebooks/review.ipynb.
    """
    json_dir = run_dir / "json"
    if not json_dir.is_dir():
        raise click.ClickException(f"{run_dir} has no json/ folder: give the --out folder of `convenios extract`")
    try:
        exported = export_corrected(read_records(json_dir), run_dir, pipeline_version(), corrections_dir)
    except ConveniosError as error:
        raise click.ClickException(str(error)) from error
    for archivo, conflict in exported.conflicts:
        click.echo(f"conflict: {archivo}: {conflict.message}", err=True)
    click.echo(
        f"{exported.documents} documents, {exported.corrections} corrections, "
        f"{len(exported.conflicts)} conflicts -> {run_dir}"
    )
