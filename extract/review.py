"""Review in a notebook: which documents need a person first, each value next to its place on the page, forms to correct.

    run = ReviewRun("runs/samples", pdf_dirs=["samples"])
    style_queue(run.queue())                  # documents by review need
    document_view(run, run.pick(""))          # every field: value, confidence, page crop with its box
    CorrectionForm(run, sha256, "ana").widget # edit, add or delete items; saved through extract.corrections
    ConflictPanel(run, sha256, "ana").widget  # corrections a re-extraction contradicts
    run.export()                              # corrected JSON + Parquet
    clear_outputs("notebooks/review.ipynb")   # before committing the notebook

Everything a notebook shows is computed here, so the notebook stays a few
calls and this module is tested like the rest.  Values and corrections come
from `extract.corrections`; pages are rendered with pypdfium2 and boxes
(PDF points, top-left origin) drawn with Pillow.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import ipywidgets as widgets
import nbformat
import pandas as pd
import pypdfium2 as pdfium
from pandas.io.formats.style import Styler
from PIL import Image, ImageDraw

from extract.corrections import (
    EVALUACION,
    ITEM_KEYS,
    ITEM_MODELS,
    TOP_LEVEL_FIELDS,
    Corrected,
    CorrectionStore,
    FieldPath,
    RunExport,
    accept_machine_value,
    add_item,
    apply_corrections,
    correct,
    delete_item,
    export_corrected,
    keep_reviewer_value,
    path_of_item,
    record_fields,
)
from extract.errors import ConveniosError, InputError
from extract.export import read_records, unique_records
from schemas import Advertencia, Convenio, Procedencia, Region

RENDER_SCALE = 1.5
"""Pixels per PDF point of rendered pages (108 dpi): body text stays legible in a crop."""
CROP_MARGIN = 8.0
"""Points of page kept around a box, so the value is seen with its neighbours."""
CROP_MIN_WIDTH = 220.0
"""Points: a short value (a date, a number) is shown with the line it sits on."""
BOX_COLOR = (220, 30, 30)

QUEUE_ORDER = ["conflictos", "advertencias", "campos_por_revisar", "paginas_ocr"]
"""What makes a document need review, most urgent first: the queue sorts by these, descending."""


@dataclass(frozen=True, slots=True)
class FieldView:
    """One value of a record as a reviewer sees it: where it is, how sure the machine was, what is known about it."""

    path: str
    value: Any
    procedencia: Procedencia | None
    advertencias: tuple[str, ...] = ()
    conflicto: str | None = None

    @property
    def revisar(self) -> bool:
        """Flagged for a person: read with low confidence, warned about, or in conflict with a correction."""
        return bool(self.procedencia and self.procedencia.revisar) or bool(self.advertencias) or self.conflicto is not None

    @property
    def corregido(self) -> bool:
        return bool(self.procedencia and self.procedencia.corregido)


class ReviewRun:
    """A run folder opened for review: its machine records, their corrections, and the PDFs they came from."""

    def __init__(self, folder: str | Path, *, pdf_dirs: Iterable[str | Path] = (), corrections_dir: str | Path | None = None):
        self.folder = Path(folder)
        json_dir = self.folder / "json"
        if not json_dir.is_dir():
            raise InputError(f"no json folder in {self.folder}: open the folder given to `convenios extract --out`")
        self.corrections_dir = Path(corrections_dir) if corrections_dir else self.folder / "corrections"
        self.store = CorrectionStore(self.corrections_dir)
        self.records: dict[str, Convenio] = {r.documento.sha256: r for r in unique_records(read_records(json_dir))}
        self.pdf_dirs = [Path(d) for d in pdf_dirs]
        self._pdfs: dict[str, Path] = {}
        self._hashed: set[Path] = set()

    def corrected(self, sha256: str) -> Corrected:
        """The machine record with its corrections applied, read afresh (another reviewer may have saved)."""
        record = self.records[sha256]
        return apply_corrections(record, self.store.read(sha256))

    def pdf(self, sha256: str) -> Path | None:
        """The PDF with these bytes under `pdf_dirs`, or None.

        Files named as the record says are hashed first; the others only when
        none of those matches (a renamed PDF), since hashing a large folder takes a while.
        """
        if sha256 in self._pdfs:
            return self._pdfs[sha256]
        candidates = sorted(path for folder in self.pdf_dirs for path in folder.rglob("*.pdf"))
        named = Path(self.records[sha256].documento.archivo).name
        for path in sorted(candidates, key=lambda path: path.name != named):
            if path not in self._hashed:
                self._hashed.add(path)
                self._pdfs.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)
                if sha256 in self._pdfs:
                    break
        return self._pdfs.get(sha256)

    def queue(self) -> pd.DataFrame:
        """One row per document, the ones that most need a person first (see QUEUE_ORDER)."""
        rows = [review_need(self.records[sha256], self.corrected(sha256)) for sha256 in self.records]
        columns = ["archivo", "origen", *QUEUE_ORDER, "correcciones", "sha256"]
        queue = pd.DataFrame(rows, columns=columns)
        return queue.sort_values([*QUEUE_ORDER, "archivo"], ascending=[False] * len(QUEUE_ORDER) + [True], ignore_index=True)

    def pick(self, which: str = "") -> str:
        """A document's sha256 from its file name or a sha256 prefix; blank picks the top of the queue."""
        if not which:
            return self.queue()["sha256"].iloc[0]
        found = [s for s, r in self.records.items() if which in (r.documento.archivo, Path(r.documento.archivo).stem) or s.startswith(which)]
        if len(found) != 1:
            names = ", ".join(sorted(r.documento.archivo for r in self.records.values()))
            raise InputError(f"{which!r} names {len(found)} documents of this run; pick one of: {names}")
        return found[0]

    def fields(self, sha256: str) -> list[FieldView]:
        return field_views(self.records[sha256], self.corrected(sha256))

    def conflicts(self) -> pd.DataFrame:
        """Every correction a re-extraction contradicts, over the whole run."""
        rows = [
            {"archivo": record.documento.archivo, "campo": conflict.correction.path, "tipo": conflict.kind,
             "mensaje": conflict.message, "sha256": sha256}
            for sha256, record in self.records.items()
            for conflict in self.corrected(sha256).conflicts
        ]
        return pd.DataFrame(rows, columns=["archivo", "campo", "tipo", "mensaje", "sha256"])

    def export(self) -> RunExport:
        """Write RUN/corrected, RUN/parquet and RUN/correcciones.parquet with every correction applied."""
        # Imported here: the pipeline module loads every stage (spaCy included), seconds a reviewer
        # would wait at every notebook start, and only the export needs its version string.
        from extract.pipeline import pipeline_version

        return export_corrected(self.records.values(), self.folder, pipeline_version(), self.corrections_dir)


def ocr_pages(record: Convenio) -> int:
    """Pages read by OCR: all of a scan, none of a digital PDF; for a mixed one, the pages of values read below
    full confidence (a text layer's words are read with confidence 1)."""
    if record.documento.origen == "escaneado":
        return record.documento.paginas
    if record.documento.origen == "digital":
        return 0
    return len({
        region.pagina
        for view in _all_fields(record, record)
        if view.procedencia is not None and view.procedencia.confianza < 1.0
        for region in view.procedencia.regiones
    })


_WARNING_ITEM = re.compile(r"(?P<family>\w+)\[(?P<inside>[^\]]+)\](?:\.(?P<field>\w+))?")


def warning_path(record: Convenio, advertencia: Advertencia) -> str | None:
    """The correction path of the field a warning is about: the record writes items by position or alias."""
    campo = advertencia.campo
    if campo is None:
        return None
    match = _WARNING_ITEM.fullmatch(campo)
    if not match or match["family"] not in ITEM_KEYS:
        return campo
    family, inside = match["family"], match["inside"]
    items = [item.model_dump(mode="json") for item in getattr(record, family)]
    if inside.isdigit() and int(inside) < len(items):
        path = path_of_item(items, int(inside), family)
    else:
        path = FieldPath(family, inside)
    return str(path.child(match["field"]) if match["field"] else path)


def review_need(machine: Convenio, corrected: Corrected) -> dict[str, Any]:
    """The queue row of one document: what is still open for a person."""
    views = field_views(machine, corrected)
    corrected_paths = {view.path for view in views if view.corregido}
    open_warnings = [a for a in machine.advertencias if warning_path(machine, a) not in corrected_paths]
    return {
        "archivo": machine.documento.archivo,
        "origen": machine.documento.origen,
        "conflictos": len(corrected.conflicts),
        "advertencias": len(open_warnings),
        "campos_por_revisar": sum(1 for view in views if view.procedencia and view.procedencia.revisar),
        "paginas_ocr": ocr_pages(machine),
        "correcciones": len(corrected.outcomes),
        "sha256": machine.documento.sha256,
    }


def style_queue(queue: pd.DataFrame) -> Styler:
    """The queue as a table a reviewer scans: conflicts in red, bars for the rest of the review need."""
    barred = ["advertencias", "campos_por_revisar", "paginas_ocr"]
    longest = max(1, int(queue[barred].to_numpy().max(initial=0)))  # all zeros would make empty bars divide by zero
    return (
        queue.style.hide(axis="index")
        .format({"sha256": lambda digest: digest[:12]})
        .bar(subset=barred, color="#f4b183", vmin=0, vmax=longest)
        .map(lambda count: "background-color: #f8cbad; font-weight: bold" if count else "", subset=["conflictos"])
    )


def style_conflicts(conflicts: pd.DataFrame) -> Styler:
    """The run's conflicts in full (a plain DataFrame would cut the messages short)."""
    return conflicts.style.hide(axis="index").format({"sha256": lambda digest: digest[:12]})


def _object_fields(prefix: FieldPath, obj, names: Sequence[str], notes: dict[str, list[str]], conflicts: dict[str, str]):
    for name in names:
        path = str(prefix.child(name)) if prefix.family else name
        yield FieldView(path, getattr(obj, name), obj.procedencia.get(name), tuple(notes.get(path, ())), conflicts.get(path))


def _all_fields(machine: Convenio, record: Convenio, conflicts: dict[str, str] | None = None) -> list[FieldView]:
    notes: dict[str, list[str]] = {}
    for advertencia in machine.advertencias:
        notes.setdefault(warning_path(machine, advertencia) or "", []).append(advertencia.mensaje)
    conflicts = conflicts or {}
    views = list(_object_fields(FieldPath(None), record, TOP_LEVEL_FIELDS, notes, conflicts))
    evaluacion = FieldPath(EVALUACION)
    views += _object_fields(evaluacion, record.evaluacion, record_fields(evaluacion), notes, conflicts)
    for family in ITEM_KEYS:
        items = getattr(record, family)
        plain = [item.model_dump(mode="json") for item in items]
        for index, item in enumerate(items):
            path = path_of_item(plain, index, family)
            views += _object_fields(path, item, record_fields(path), notes, conflicts)
    return views


def field_views(machine: Convenio, corrected: Corrected) -> list[FieldView]:
    """Every field of the corrected record in document order, with the machine's warnings and any conflict."""
    conflicts = {conflict.correction.path: conflict.message for conflict in corrected.conflicts}
    return _all_fields(machine, corrected.record, conflicts)


def fields_table(views: Sequence[FieldView]) -> pd.DataFrame:
    """The field views as a plain table (no images), e.g. to filter or sort in a notebook."""
    return pd.DataFrame([
        {
            "campo": view.path,
            "valor": view.value,
            "confianza": view.procedencia.confianza if view.procedencia else None,
            "metodo": view.procedencia.metodo if view.procedencia else None,
            "paginas": ", ".join(str(r.pagina) for r in view.procedencia.regiones) if view.procedencia else "",
            "revisar": view.revisar,
            "corregido": view.corregido,
        }
        for view in views
    ])


@lru_cache(maxsize=24)
def render_page(pdf_path: Path, page: int, scale: float = RENDER_SCALE) -> Image.Image:
    """One page as an RGB image, `scale` pixels per point; kept for the next crop of the same page."""
    document = pdfium.PdfDocument(pdf_path)
    try:
        return document[page - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()


def crop_region(pdf_path: Path, page: int, boxes: Sequence[tuple[float, float, float, float]], scale: float = RENDER_SCALE) -> Image.Image:
    """The part of a page around `boxes` (PDF points, top-left origin), each box drawn on it."""
    image = render_page(pdf_path, page, scale)
    x0, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    widen = max(CROP_MARGIN, (CROP_MIN_WIDTH - (x1 - x0)) / 2)
    window = (
        max(0, int((x0 - widen) * scale)),
        max(0, int((top - CROP_MARGIN) * scale)),
        min(image.width, int((x1 + widen) * scale)),
        min(image.height, int((bottom + CROP_MARGIN) * scale)),
    )
    crop = image.crop(window)
    draw = ImageDraw.Draw(crop)
    for box in boxes:
        draw.rectangle(
            [box[0] * scale - window[0] - 2, box[1] * scale - window[1] - 2, box[2] * scale - window[0] + 2, box[3] * scale - window[1] + 2],
            outline=BOX_COLOR,
            width=2,
        )
    return crop


def crop_regions(pdf_path: Path, regions: Sequence[Region], scale: float = RENDER_SCALE) -> Image.Image | None:
    """One crop per page the regions touch, stacked top to bottom; None without regions."""
    by_page: dict[int, list[tuple[float, float, float, float]]] = {}
    for region in regions:
        by_page.setdefault(region.pagina, []).append(region.bbox)
    crops = [crop_region(pdf_path, page, boxes, scale) for page, boxes in sorted(by_page.items())]
    if not crops:
        return None
    gap = 6
    stacked = Image.new("RGB", (max(c.width for c in crops), sum(c.height for c in crops) + gap * (len(crops) - 1)), "white")
    y = 0
    for crop in crops:
        stacked.paste(crop, (0, y))
        y += crop.height + gap
    return stacked


def png_bytes(image: Image.Image) -> bytes:
    """A crop as PNG; 32 colours keep text and box crisp at a third of the size, which matters with 100 crops a page."""
    buffer = io.BytesIO()
    image.quantize(colors=32).save(buffer, format="PNG")
    return buffer.getvalue()


class HtmlView:
    """HTML that Jupyter displays as such (and nbconvert keeps in the exported page)."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup


_VIEW_STYLE = """
<style>
.cv-doc table { border-collapse: collapse; margin-bottom: 1em; width: 100%; max-width: 1200px; table-layout: fixed; }
.cv-doc th, .cv-doc td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
.cv-doc th:nth-child(1) { width: 170px; } .cv-doc th:nth-child(3) { width: 110px; } .cv-doc th:nth-child(4) { width: 45%; }
.cv-doc td.cv-value { white-space: pre-wrap; overflow-wrap: anywhere; }
.cv-doc img { max-width: 100%; border: 1px solid #ccc; }
.cv-flag { border-radius: 3px; padding: 0 4px; font-size: 85%; margin-right: 4px; }
.cv-revisar { background: #f8cbad; } .cv-corregido { background: #c6efce; } .cv-conflicto { background: #ff8080; }
.cv-low { color: #c00000; font-weight: bold; }
.cv-note { color: #7f6000; font-size: 90%; }
</style>
"""


def _section(path: str) -> str:
    parsed = FieldPath.parse(path)
    if parsed.family is None:
        return "convenio"
    return str(parsed.item()) if parsed.is_item else parsed.family


def _value_cell(view: FieldView) -> str:
    flags = []
    if view.conflicto:
        flags.append('<span class="cv-flag cv-conflicto">conflict</span>')
    if view.corregido:
        flags.append('<span class="cv-flag cv-corregido">corrected</span>')
    elif view.procedencia and view.procedencia.revisar:
        flags.append('<span class="cv-flag cv-revisar">check</span>')
    shown = "<i>null</i>" if view.value is None else html.escape(str(view.value))
    notes = [*view.advertencias, *([view.conflicto] if view.conflicto else [])]
    notes_html = "".join(f'<div class="cv-note">⚠ {html.escape(n)}</div>' for n in notes)
    return f'<td class="cv-value">{"".join(flags)}{shown}{notes_html}</td>'


def _confidence_cell(view: FieldView) -> str:
    if view.procedencia is None:
        return "<td>–</td>"
    css = ' class="cv-low"' if view.procedencia.revisar else ""
    return f"<td{css}>{view.procedencia.confianza:.2f}<br><small>{html.escape(view.procedencia.metodo)}</small></td>"


def document_view(run: ReviewRun, sha256: str, *, only_to_review: bool = False, sections: Sequence[str] = ()) -> HtmlView:
    """Every field of one document: value, confidence and the crop of the page where it was read, its box drawn.

    `only_to_review` keeps the fields flagged for a person; `sections` keeps those
    under the given names ('convenio', 'evaluacion', 'hallazgos', 'partes[rol=LA SECRETARÍA]'...).
    """
    record = run.records[sha256]
    views = run.fields(sha256)
    if only_to_review:
        views = [view for view in views if view.revisar]
    if sections:
        views = [view for view in views if any(_section(view.path).startswith(name) for name in sections)]
    pdf = run.pdf(sha256)
    crops: dict[tuple, str] = {}

    def crop_cell(view: FieldView) -> str:
        regions = view.procedencia.regiones if view.procedencia else []
        if not regions:
            return "<td><small>no place on the page</small></td>"
        if pdf is None:
            return "<td><small>PDF not found</small></td>"
        key = tuple((r.pagina, r.bbox) for r in regions)
        if key not in crops:
            encoded = base64.b64encode(png_bytes(crop_regions(pdf, regions))).decode("ascii")
            crops[key] = f'<img src="data:image/png;base64,{encoded}">'
        pages = ", ".join(str(r.pagina) for r in regions)
        return f"<td><small>p. {pages}</small><br>{crops[key]}</td>"

    parts = [
        _VIEW_STYLE,
        '<div class="cv-doc">',
        f"<h3>{html.escape(record.documento.archivo)}</h3>",
        f"<p>{record.documento.paginas} pages, {record.documento.origen}, pipeline {html.escape(record.pipeline_version)}; "
        f"sha256 <code>{sha256[:12]}</code></p>",
    ]
    if pdf is None:
        parts.append(f"<p class='cv-note'>PDF not found under {', '.join(map(str, run.pdf_dirs)) or 'no folder'}: "
                     "values are shown without their page.</p>")
    current_section = None
    for view in views:
        section = _section(view.path)
        if section != current_section:
            if current_section is not None:
                parts.append("</table>")
            parts.append(f"<h4>{html.escape(section)}</h4><table><tr><th>field</th><th>value</th><th>confidence</th><th>on the page</th></tr>")
            current_section = section
        field_name = FieldPath.parse(view.path).field
        parts.append(f"<tr><td><code>{html.escape(field_name)}</code></td>{_value_cell(view)}{_confidence_cell(view)}{crop_cell(view)}</tr>")
    if current_section is not None:
        parts.append("</table>")
    parts.append("</div>")
    return HtmlView("".join(parts))


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


_LONG_TEXT = 60
"""Characters beyond which a field is edited in a text area."""


class CorrectionForm:
    """Correct one document: pick an item, edit its fields, save; or delete it, or add one the extraction missed.

    Saving goes through `extract.corrections`, so what the schema refuses is
    shown here as a message and nothing is written.
    """

    def __init__(self, run: ReviewRun, sha256: str, reviewer: str):
        self.run, self.sha256, self.reviewer = run, sha256, reviewer
        self.item = widgets.Dropdown(description="item", layout=widgets.Layout(width="60%"))
        self.page = widgets.Image(format="png", layout=widgets.Layout(max_width="640px"))
        self.fields = widgets.VBox()
        self.reason = widgets.Text(description="reason", placeholder="what the page shows", layout=widgets.Layout(width="60%"))
        self.save = widgets.Button(description="Save changes", button_style="primary", icon="check")
        self.confirm = widgets.Button(description="Confirm flagged", icon="eye", tooltip="The flagged values shown are right: save them as checked")
        self.delete = widgets.Button(description="Delete item", button_style="danger", icon="trash")
        self.message = widgets.HTML()
        self.inputs: dict[str, widgets.Text | widgets.Textarea] = {}
        self.save.on_click(lambda _: self._act(self._save))
        self.confirm.on_click(lambda _: self._act(lambda: self._save(confirm_flagged=True)))
        self.delete.on_click(lambda _: self._act(self._delete))
        self.item.observe(lambda _: self._show(), names="value")
        buttons = widgets.HBox([self.save, self.confirm, self.delete])
        self.widget = widgets.VBox([self.item, self.page, self.fields, self.reason, buttons, self.message])
        self._refresh_items()

    def _refresh_items(self, keep: Any = None) -> None:
        record = self.run.corrected(self.sha256).record
        options: list[tuple[str, Any]] = [("convenio", ("object", None)), ("evaluacion", ("object", EVALUACION))]
        for family in ITEM_KEYS:
            plain = [item.model_dump(mode="json") for item in getattr(record, family)]
            options += [(str(path), ("item", str(path))) for path in (path_of_item(plain, i, family) for i in range(len(plain)))]
            options.append((f"+ new {family} item", ("new", family)))
        values = [value for _, value in options]
        self.item.options = options
        self.item.value = keep if keep in values else values[0]
        self._show()

    def _target_fields(self) -> tuple[list[tuple[str, str]], dict[str, Any], list[Region]]:
        """(field name, path) pairs, their current values by path, and the regions they were read from."""
        kind, target = self.item.value
        record = self.run.corrected(self.sha256).record
        data = record.model_dump(mode="json")
        if kind == "new":
            names = [n for n in ITEM_MODELS[target].model_fields if n != "procedencia"]
            numbers = [item.get("numero", 0) for item in data[target]]
            suggested = {"numero": max(numbers, default=0) + 1} if ITEM_KEYS[target] == "numero" else {}
            return [(n, n) for n in names], {n: suggested.get(n) for n in names}, []
        if kind == "object":
            owner = record if target is None else record.evaluacion
            base = FieldPath(target)
            names = record_fields(base)
        else:
            base = FieldPath.parse(target)
            items = getattr(record, base.family)
            plain = [item.model_dump(mode="json") for item in items]
            owner = next(item for i, item in enumerate(items) if path_of_item(plain, i, base.family) == base)
            names = record_fields(base)
        paths = [(n, str(base.child(n)) if base.family else n) for n in names]
        values = {path: owner.model_dump(mode="json")[n] for n, path in paths}
        regions = [r for n in names if n in owner.procedencia for r in owner.procedencia[n].regiones]
        return paths, values, regions

    def _show(self) -> None:
        paths, values, regions = self._target_fields()
        self.inputs = {}
        for name, path in paths:
            text = _as_text(values[path])
            kind = widgets.Textarea if len(text) > _LONG_TEXT or name in ("hallazgo", "recomendacion", "actividad_comprometida", "domicilio") else widgets.Text
            self.inputs[path] = kind(value=text, description=name, style={"description_width": "160px"}, layout=widgets.Layout(width="90%"))
        self.fields.children = list(self.inputs.values())
        self.delete.disabled = self.item.value[0] != "item"
        self.confirm.disabled = self.item.value[0] == "new"
        pdf = self.run.pdf(self.sha256)
        crop = crop_regions(pdf, regions) if pdf and regions else None
        self.page.value = png_bytes(crop) if crop else b""
        self.page.layout.display = None if crop else "none"
        self._originals = {path: _as_text(values[path]) for path in self.inputs}

    def _save(self, confirm_flagged: bool = False) -> str:
        kind, target = self.item.value
        record = self.run.records[self.sha256]
        reason = self.reason.value.strip() or None
        if kind == "new":
            values = {path: box.value for path, box in self.inputs.items()}
            result = add_item(self.run.store, record, target, values, reviewer=self.reviewer, reason=reason)
            added = result.outcomes[-1].correction.path
            self._refresh_items(keep=("item", added))
            return f"added {added}"
        flagged = {view.path for view in self.run.fields(self.sha256) if view.revisar} if confirm_flagged else set()
        changes = {path: box.value for path, box in self.inputs.items() if box.value != self._originals[path] or path in flagged}
        if not changes:
            return "nothing to save"
        correct(self.run.store, record, changes, reviewer=self.reviewer, reason=reason)
        self._refresh_items(keep=self.item.value if kind == "object" else None)
        return f"saved {len(changes)} value{'s' if len(changes) > 1 else ''}: {', '.join(changes)}"

    def _delete(self) -> str:
        _, target = self.item.value
        delete_item(self.run.store, self.run.records[self.sha256], target, reviewer=self.reviewer, reason=self.reason.value.strip() or None)
        self._refresh_items()
        return f"deleted {target}"

    def _act(self, action: Callable[[], str]) -> None:
        try:
            done = action()
        except ConveniosError as error:
            self.message.value = f"<span style='color:#c00000'>✗ {html.escape(str(error))}</span>"
        else:
            self.message.value = f"<span style='color:#006100'>✓ {html.escape(done)}</span>"


class ConflictPanel:
    """The corrections of one document that a re-extraction contradicts, each with the two ways to settle it."""

    def __init__(self, run: ReviewRun, sha256: str, reviewer: str):
        self.run, self.sha256, self.reviewer = run, sha256, reviewer
        self.message = widgets.HTML()
        self.rows = widgets.VBox()
        self.widget = widgets.VBox([self.rows, self.message])
        self.refresh()

    def refresh(self) -> None:
        conflicts = self.run.corrected(self.sha256).conflicts
        rows = []
        for conflict in conflicts:
            keep = widgets.Button(description="Keep mine", disabled=conflict.kind in ("missing", "invalid"))
            accept = widgets.Button(description="Take the extraction's")
            keep.on_click(lambda _, c=conflict: self._settle(keep_reviewer_value, c))
            accept.on_click(lambda _, c=conflict: self._settle(accept_machine_value, c))
            rows.append(widgets.HBox([widgets.HTML(f"<b>{conflict.kind}</b> {html.escape(conflict.message)}"), keep, accept]))
        self.rows.children = rows or [widgets.HTML("No conflicts: every correction still fits this extraction.")]

    def _settle(self, how, conflict) -> None:
        try:
            how(self.run.store, self.run.records[self.sha256], conflict, reviewer=self.reviewer)
        except ConveniosError as error:
            self.message.value = f"<span style='color:#c00000'>✗ {html.escape(str(error))}</span>"
            return
        self.message.value = f"<span style='color:#006100'>✓ {html.escape(conflict.correction.path)} settled</span>"
        self.refresh()


def clear_outputs(path: str | Path) -> None:
    """Clear a notebook's outputs, execution counts and saved widget state in place: notebooks are committed bare."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
