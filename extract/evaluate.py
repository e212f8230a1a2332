"""The accuracy yardstick: score predicted convenio records against expected ones, field by field.

Every value the contract defines is one scoring unit.  Rows of the tables
are lined up first (partes by `rol`, hallazgos and recomendaciones by
`numero`, responsables by closest `nombre`), then each value is counted:

* expected and predicted agree                 -> true positive
* expected, but predicted null or missing      -> false negative
* predicted, but expected null                 -> false positive
* both present and different                   -> false positive and false negative
* both null                                    -> not counted

Counts are micro-averaged per family (meta, partes, hallazgos,
recomendaciones, responsables, and overall), separately for digital and
scanned documents, because OCR errors would otherwise hide behind the easy
text-layer ones.  Every disagreement is kept as a `Mismatch` so a developer
can see what went wrong, not only how much.

Run it as ``python -m extract.evaluate PRED GOLD [--json]``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

import click
from rapidfuzz import fuzz
from rich.console import Console
from rich.table import Table

from extract.errors import ConveniosError, InputError

DEFAULT_THRESHOLD = 0.97

FAMILIES = ("meta", "partes", "hallazgos", "recomendaciones", "responsables")
OVERALL = "overall"
ORIGIN_GROUPS = ("digital", "escaneado", "all")

META_FIELDS = (
    "titulo",
    "fecha_firma",
    "lugar_firma",
    "evaluacion.tipo",
    "evaluacion.programa",
    "evaluacion.siglas",
    "evaluacion.pae",
    "prorroga_max_dias",
)
# `rol` is scored as well as used to line parties up, so that a party the
# extractor invented costs one false positive per value it claims.
PARTE_FIELDS = ("rol", "dependencia", "representante", "cargo", "domicilio", "codigo_postal")
HALLAZGO_FIELDS = ("hallazgo", "actividad_comprometida", "fecha_comprometida", "fecha_texto", "precision_fecha")
RECOMENDACION_FIELDS = ("recomendacion", "actividad_comprometida", "fecha_comprometida", "fecha_texto", "precision_fecha")
RESPONSABLE_FIELDS = ("nombre", "cargo")

# Long prose read from table cells: a near-identical text (an OCR slip) is
# right, but a dropped line or a glued page header falls below the threshold.
# Everything else is an identifier and must match exactly.
FREE_TEXT_FIELDS = frozenset(
    {
        "titulo",
        "lugar_firma",
        "programa",
        "dependencia",
        "cargo",
        "domicilio",
        "hallazgo",
        "recomendacion",
        "actividad_comprometida",
    }
)

# Mixed documents have OCR'd pages, so their errors belong with the scanned ones.
ORIGIN_GROUP_OF = {"digital": "digital", "escaneado": "escaneado", "mixto": "escaneado"}


# --- report types ---------------------------------------------------------


@dataclass
class Counts:
    """True positives, false positives and false negatives, with the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        """None when nothing was predicted: there is no precision to speak of."""
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        """None when nothing was expected."""
        expected = self.tp + self.fn
        return self.tp / expected if expected else None

    @property
    def f1(self) -> float | None:
        # This form stays defined (0.0) when nothing was predicted at all.
        counted = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / counted if counted else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Mismatch:
    """One value where prediction and expectation disagree."""

    document: str
    family: str
    key: str  # e.g. "hallazgos[3].fecha_comprometida", "partes[LA SECRETARÍA].cargo"
    expected: Any
    predicted: Any


def _empty_scores() -> dict[str, dict[str, Counts]]:
    return {group: {family: Counts() for family in (*FAMILIES, OVERALL)} for group in ORIGIN_GROUPS}


@dataclass
class EvaluationReport:
    """Scores per origin group and family, and every disagreement behind them."""

    threshold: float = DEFAULT_THRESHOLD
    scores: dict[str, dict[str, Counts]] = field(default_factory=_empty_scores)
    document_origins: dict[str, str | None] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)
    missing_predictions: list[str] = field(default_factory=list)
    unpaired_predictions: list[str] = field(default_factory=list)

    def score(self, family: str = OVERALL, origin: str = "all") -> Counts:
        """Counts of one family (or "overall") within one origin group."""
        return self.scores[origin][family]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "threshold": self.threshold,
            "scores": {
                group: {family: counts.to_dict() for family, counts in families.items()}
                for group, families in self.scores.items()
            },
            "documents": dict(self.document_origins),
            "missing_predictions": list(self.missing_predictions),
            "unpaired_predictions": list(self.unpaired_predictions),
            "mismatches": [asdict(mismatch) for mismatch in self.mismatches],
        }


class RecordPair(NamedTuple):
    """An expected record and its prediction (None when the extractor produced none)."""

    document: str
    predicted: dict | None
    expected: dict


# --- comparing one value ---------------------------------------------------


def normalize(value: Any) -> Any:
    """NFC and collapsed whitespace for strings; a blank string is no value at all."""
    # In-memory records (a model_dump() without mode="json") hold dates, JSON files hold ISO text.
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return value
    text = " ".join(unicodedata.normalize("NFC", value).split())
    return text or None


MAX_LENGTH_GAP = 12
"""Characters a free text may gain or lose and still match: a stray OCR letter
passes, a dropped line or a glued page header (usually longer) does not, even
in a cell long enough for the similarity ratio alone to forgive it."""


def values_agree(field_name: str, expected: Any, predicted: Any, threshold: float) -> bool:
    """Whether two non-null normalized values count as the same."""
    if field_name in FREE_TEXT_FIELDS and isinstance(expected, str) and isinstance(predicted, str):
        close_enough = fuzz.ratio(expected, predicted) / 100 >= threshold
        return close_enough and abs(len(expected) - len(predicted)) <= MAX_LENGTH_GAP
    return expected == predicted


def count_value(field_name: str, expected: Any, predicted: Any, threshold: float) -> Counts:
    """The contribution of one value to the counts."""
    expected, predicted = normalize(expected), normalize(predicted)
    if expected is None and predicted is None:
        return Counts()
    if expected is None:
        return Counts(fp=1)
    if predicted is None:
        return Counts(fn=1)
    if values_agree(field_name, expected, predicted, threshold):
        return Counts(tp=1)
    return Counts(fp=1, fn=1)


# --- lining records up, value by value -------------------------------------


RowPair = tuple[dict | None, dict | None]
"""An expected table row and the predicted row it is compared with; either may be absent."""


class AlignedValue(NamedTuple):
    """An expected value and the predicted value it is compared with."""

    family: str
    key: str
    field_name: str
    expected: Any
    predicted: Any


def value_at(record: dict, dotted_path: str) -> Any:
    """The value at "a.b" in nested dicts, or None if any step is missing."""
    value: Any = record
    for step in dotted_path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(step)
    return value


def rows_of(record: dict, family: str) -> list[dict]:
    """The entries of a table family; a missing or malformed family has none."""
    rows = record.get(family)
    if not isinstance(rows, list):
        return []
    return [row for row in rows if isinstance(row, dict)]


def pair_rows_by_key(expected_rows: list[dict], predicted_rows: list[dict], key_field: str) -> list[RowPair]:
    """Pair rows with equal keys, in order; leftovers on either side stay alone."""
    unclaimed = list(range(len(predicted_rows)))
    pairs: list[RowPair] = []
    for expected in expected_rows:
        key = normalize(expected.get(key_field))
        partner = next((i for i in unclaimed if normalize(predicted_rows[i].get(key_field)) == key), None)
        if partner is None:
            pairs.append((expected, None))
        else:
            unclaimed.remove(partner)
            pairs.append((expected, predicted_rows[partner]))
    pairs.extend((None, predicted_rows[i]) for i in unclaimed)
    return pairs


def name_similarity(expected: dict, predicted: dict) -> float:
    expected_name, predicted_name = normalize(expected.get("nombre")), normalize(predicted.get("nombre"))
    if not isinstance(expected_name, str) or not isinstance(predicted_name, str):
        return 0.0
    return fuzz.ratio(expected_name, predicted_name)


def pair_rows_by_closest_name(expected_rows: list[dict], predicted_rows: list[dict]) -> list[RowPair]:
    """Pair responsables most-similar names first, so a misspelt name still finds its person."""
    candidates = sorted(
        (-name_similarity(expected, predicted), expected_index, predicted_index)
        for expected_index, expected in enumerate(expected_rows)
        for predicted_index, predicted in enumerate(predicted_rows)
    )
    partner_of: dict[int, int] = {}
    claimed: set[int] = set()
    for _, expected_index, predicted_index in candidates:
        if expected_index not in partner_of and predicted_index not in claimed:
            partner_of[expected_index] = predicted_index
            claimed.add(predicted_index)
    pairs: list[RowPair] = [
        (row, predicted_rows[partner_of[i]] if i in partner_of else None) for i, row in enumerate(expected_rows)
    ]
    pairs.extend((None, row) for i, row in enumerate(predicted_rows) if i not in claimed)
    return pairs


def align_rows(
    family: str,
    label_field: str,
    fields: tuple[str, ...],
    pairs: list[RowPair],
) -> Iterator[AlignedValue]:
    """One aligned value per field of every row pair, keyed like "hallazgos[3].hallazgo"."""
    for expected, predicted in pairs:
        expected, predicted = expected or {}, predicted or {}
        label = normalize(expected.get(label_field))
        if label is None:
            label = normalize(predicted.get(label_field))
        for field_name in fields:
            key = f"{family}[{'?' if label is None else label}].{field_name}"
            yield AlignedValue(family, key, field_name, expected.get(field_name), predicted.get(field_name))


def align_record(expected: dict, predicted: dict) -> Iterator[AlignedValue]:
    """Every value of the contract, expected next to predicted."""
    for path in META_FIELDS:
        field_name = path.rsplit(".", 1)[-1]
        yield AlignedValue("meta", path, field_name, value_at(expected, path), value_at(predicted, path))

    partes = pair_rows_by_key(rows_of(expected, "partes"), rows_of(predicted, "partes"), "rol")
    yield from align_rows("partes", "rol", PARTE_FIELDS, partes)

    for family, fields in (("hallazgos", HALLAZGO_FIELDS), ("recomendaciones", RECOMENDACION_FIELDS)):
        rows = pair_rows_by_key(rows_of(expected, family), rows_of(predicted, family), "numero")
        yield from align_rows(family, "numero", fields, rows)

    responsables = pair_rows_by_closest_name(rows_of(expected, "responsables"), rows_of(predicted, "responsables"))
    yield from align_rows("responsables", "nombre", RESPONSABLE_FIELDS, responsables)


# --- scoring records ---------------------------------------------------------


def origin_group(expected: dict) -> str | None:
    """The expected record's origin group ("digital" or "escaneado"); None if unknown."""
    origen = value_at(expected, "documento.origen")
    return ORIGIN_GROUP_OF.get(origen) if isinstance(origen, str) else None


def evaluate_records(
    pairs: Iterable[RecordPair | tuple[str, dict | None, dict]], threshold: float = DEFAULT_THRESHOLD
) -> EvaluationReport:
    """Score in-memory records: each pair is (document name, predicted or None, expected)."""
    report = EvaluationReport(threshold=threshold)
    for document, predicted, expected in pairs:
        group = origin_group(expected)
        report.document_origins[document] = group
        if predicted is None:
            report.missing_predictions.append(document)
        # A document of unknown origin still counts towards "all".
        groups = ("all", group) if group else ("all",)
        for value in align_record(expected, predicted or {}):
            counts = count_value(value.field_name, value.expected, value.predicted, threshold)
            for name in groups:
                report.scores[name][value.family] += counts
                report.scores[name][OVERALL] += counts
            if counts.fp or counts.fn:
                report.mismatches.append(Mismatch(document, value.family, value.key, value.expected, value.predicted))
    return report


# --- reading and pairing files ------------------------------------------------


def record_stem(path: Path) -> str:
    """The name shared by x.json and x.expected.json, so predictions meet their expectations."""
    name = path.name.removesuffix(".json")
    return name.removesuffix(".expected")


def identity_by_sha256(path: Path, record: dict) -> str | None:
    digest = value_at(record, "documento.sha256")
    return digest.strip().lower() if isinstance(digest, str) and digest.strip() else None


def identity_by_stem(path: Path, record: dict) -> str:
    return record_stem(path)


def find_record_files(path: Path, pattern: str) -> list[Path]:
    """The file itself, or every file matching pattern below the folder."""
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(path.rglob(pattern))
    raise InputError("no such file or folder; pass a JSON record or a folder of them", path=str(path))


def load_record(path: Path) -> dict:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"cannot read this JSON record ({error}); fix or remove the file", path=str(path)) from error
    if not isinstance(record, dict):
        raise InputError("a record must be a JSON object; remove this file from the folder", path=str(path))
    return record


def load_records(path: Path, pattern: str) -> dict[Path, dict]:
    return {file: load_record(file) for file in find_record_files(path, pattern)}


def pair_files(
    predicted: dict[Path, dict], expected: dict[Path, dict]
) -> tuple[dict[Path, Path | None], list[Path]]:
    """Partner of each expected file (None if none), and the predictions left unpaired."""
    unclaimed = dict(predicted)
    partner_of: dict[Path, Path | None] = dict.fromkeys(expected)
    # The digest survives renames, so it goes first; the stem pairs records without one.
    for identity in (identity_by_sha256, identity_by_stem):
        index: dict[str, Path] = {}
        for path, record in unclaimed.items():
            index.setdefault(identity(path, record), path)
        for expected_path, record in expected.items():
            key = identity(expected_path, record)
            if partner_of[expected_path] is None and key is not None and key in index:
                partner_of[expected_path] = index.pop(key)
                del unclaimed[partner_of[expected_path]]
    return partner_of, list(unclaimed)


def document_name(path: Path, root: Path) -> str:
    """The record's path below the folder given, without its suffixes: unique and readable."""
    relative = path.relative_to(root) if root.is_dir() else Path(path.name)
    return str(relative.with_name(record_stem(relative)))


def evaluate_paths(pred: Path, gold: Path, threshold: float = DEFAULT_THRESHOLD) -> EvaluationReport:
    """Score a folder (or file) of predicted records against a folder (or file) of expected ones."""
    pred, gold = Path(pred), Path(gold)
    expected = load_records(gold, "*.expected.json")
    if not expected:
        raise InputError("no *.expected.json records found here; pass the folder that holds them", path=str(gold))
    predicted = load_records(pred, "*.json")
    partner_of, unpaired = pair_files(predicted, expected)
    pairs = []
    for path, partner in partner_of.items():
        prediction = predicted[partner] if partner else None
        pairs.append(RecordPair(document_name(path, gold), prediction, expected[path]))
    report = evaluate_records(pairs, threshold)
    return replace(report, unpaired_predictions=[document_name(path, pred) for path in unpaired])


# --- showing the report --------------------------------------------------------


def format_score(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def shorten(value: Any, width: int = 70) -> str:
    text = "null" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def show_difference(expected: Any, predicted: Any, context: int = 20) -> tuple[str, str]:
    """Both values, long texts starting a little before they first differ."""
    # A cell text's shared beginning fills the screen and hides the error.
    if not (isinstance(expected, str) and isinstance(predicted, str)):
        return shorten(expected), shorten(predicted)
    start = max(0, len(os.path.commonprefix([expected, predicted])) - context)
    lead = "…" if start else ""
    return shorten(lead + expected[start:]), shorten(lead + predicted[start:])


def render_report(report: EvaluationReport, console: Console, max_mismatches: int = 20) -> None:
    """Print the summary (family × origin), the unpaired documents and the first mismatches."""
    summary = Table(title=f"Field-level accuracy (free-text threshold {report.threshold:.2f})")
    summary.add_column("origin", no_wrap=True)
    summary.add_column("family", no_wrap=True)
    for column in ("TP", "FP", "FN", "precision", "recall", "F1"):
        summary.add_column(column, justify="right")
    for group in ORIGIN_GROUPS:
        documents = sum(1 for origin in report.document_origins.values() if group == "all" or origin == group)
        # The group's name on its first row, its document count under it.
        origin_cells = [group, f"({documents} doc{'s' if documents != 1 else ''})"]
        for row, family in enumerate((*FAMILIES, OVERALL)):
            counts = report.score(family, group)
            summary.add_row(
                origin_cells[row] if row < len(origin_cells) else "",
                family,
                str(counts.tp),
                str(counts.fp),
                str(counts.fn),
                format_score(counts.precision),
                format_score(counts.recall),
                format_score(counts.f1),
                style="bold" if family == OVERALL else None,
                end_section=family == OVERALL,
            )
    console.print(summary)

    if report.missing_predictions:
        console.print(f"[red]No prediction for:[/red] {', '.join(report.missing_predictions)}")
    if report.unpaired_predictions:
        strays = ", ".join(report.unpaired_predictions)
        console.print(f"[yellow]Predictions without an expected record (ignored):[/yellow] {strays}")

    if report.mismatches:
        details = Table(title=f"Mismatches ({min(max_mismatches, len(report.mismatches))} of {len(report.mismatches)})")
        details.add_column("document", overflow="fold")
        details.add_column("key", no_wrap=True)
        details.add_column("expected", overflow="fold")
        details.add_column("predicted", overflow="fold")
        for mismatch in report.mismatches[:max_mismatches]:
            details.add_row(mismatch.document, mismatch.key, *show_difference(mismatch.expected, mismatch.predicted))
        console.print(details)


@click.command()
@click.argument("pred", type=click.Path(exists=True, path_type=Path))
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole report, every mismatch included, as JSON.")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Similarity (0..1) at which two free-text values count as equal.",
)
def main(pred: Path, gold: Path, as_json: bool, threshold: float) -> None:
    """Score predicted records in PRED against expected records in GOLD."""
    try:
        report = evaluate_paths(pred, gold, threshold)
    except ConveniosError as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        render_report(report, Console())


if __name__ == "__main__":
    main()
