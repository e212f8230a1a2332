"""The `convenios` command: a thin layer over the library (`extract.batch`, `extract.evaluate`).

    convenios extract INPUT... --out DIR   PDFs (files or folders) to JSON + Parquet
    convenios evaluate PRED GOLD           field-level precision / recall / F1
    convenios schema                       the record's JSON Schema
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from extract.batch import run_batch
from extract.errors import ConveniosError
from extract.evaluate import DEFAULT_THRESHOLD, evaluate_paths, render_report
from schemas.jsonschema import convenio_json_schema


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Turn convenio PDFs into validated, traceable records."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Parallel processes (default: all cores).")
@click.option("--quiet", is_flag=True, help="No progress bar; only the summary line and errors.")
def extract(inputs: tuple[Path, ...], out_dir: Path, workers: int | None, quiet: bool) -> None:
    """Extract convenio PDFs (files or folders) into OUT/json, OUT/parquet and OUT/report.json."""
    console = Console(stderr=True, quiet=quiet)
    with Progress(
        TextColumn("[bold]extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[failed]} failed"),
        console=console,
        transient=True,
        disable=quiet,
    ) as progress:
        task = progress.add_task("extract", total=None, failed=0)

        def on_progress(done: int, total: int, failed: int) -> None:
            progress.update(task, completed=done, total=total, failed=failed)

        report = run_batch(list(inputs), out_dir, workers=workers, on_progress=on_progress)
    errors = Console(stderr=True)
    for failure in report.failures:
        errors.print(f"[red]error[/red] {failure.archivo}: {failure.clase} ({failure.etapa}): {failure.mensaje}", highlight=False)
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
