"""Review helpers: the queue of documents, each value beside its page crop, and the correction forms a notebook shows."""

import datetime as dt
import warnings

import pytest

from extract.corrections import apply_corrections, correct
from extract.errors import InputError
from extract.review import (
    CROP_MARGIN,
    CROP_MIN_WIDTH,
    RENDER_SCALE,
    ConflictPanel,
    CorrectionForm,
    ReviewRun,
    crop_region,
    crop_regions,
    document_view,
    fields_table,
    review_need,
    style_queue,
    warning_path,
)
from schemas import Advertencia, Convenio, Region
from tests.review_fixtures import SEED, SEED_PDF, changed, machine_record, write_run

REVIEWER = {"reviewer": "ana.perez", "now": dt.datetime(2024, 5, 6, 9, 30, tzinfo=dt.timezone.utc)}


def without_review_flags(record: Convenio) -> Convenio:
    """The record as a clean extraction gives it: no warnings, every value read with full confidence."""
    data = record.model_dump(mode="json")
    data["advertencias"] = []
    for owner in [data, data["evaluacion"], *data["partes"], *data["hallazgos"], *data["recomendaciones"], *data["responsables"]]:
        for procedencia in owner["procedencia"].values():
            procedencia.update(confianza=1.0, revisar=False)
    return Convenio.model_validate(data)


@pytest.fixture
def run(tmp_path):
    """A run of two documents: the digital seed with warnings and weak values, and its clean scanned twin."""
    write_run(tmp_path, [machine_record(), without_review_flags(machine_record(scanned=True))])
    return ReviewRun(tmp_path, pdf_dirs=[SEED])


@pytest.fixture
def digital(run):
    return machine_record().documento.sha256


# The queue


def test_the_queue_puts_warnings_and_weak_values_before_ocr_pages(run):
    queue = run.queue()

    assert list(queue["archivo"]) == ["convenio_fasp_2019.pdf", "convenio_fasp_2019_escaneado.pdf"]
    assert queue.iloc[0][["conflictos", "advertencias", "campos_por_revisar", "paginas_ocr"]].tolist() == [0, 2, 3, 0]
    assert queue.iloc[1][["conflictos", "advertencias", "campos_por_revisar", "paginas_ocr"]].tolist() == [0, 0, 0, 9]


def test_a_document_with_a_conflict_goes_first(run, tmp_path):
    scan = run.pick("convenio_fasp_2019_escaneado.pdf")
    correct(run.store, run.records[scan], {"titulo": "Convenio de mejora"}, **REVIEWER)
    write_run(tmp_path, [changed(run.records[scan], titulo="CONVENIO")])  # a re-extraction reads another title

    queue = ReviewRun(tmp_path, pdf_dirs=[SEED]).queue()

    assert queue.iloc[0][["archivo", "conflictos", "correcciones"]].tolist() == ["convenio_fasp_2019_escaneado.pdf", 1, 1]


def test_a_checked_value_leaves_the_queue_with_its_warning(run, digital):
    correct(run.store, run.records[digital], {"hallazgos[numero=1].fecha_comprometida": "2019-07-31", "fecha_firma": "2019-06-04"}, **REVIEWER)

    row = run.queue().set_index("archivo").loc["convenio_fasp_2019.pdf"]

    assert (row["advertencias"], row["campos_por_revisar"]) == (0, 1)  # fecha_texto is still to check


def test_the_styled_queue_shows_short_digests_and_bars(run):
    markup = style_queue(run.queue()).to_html()

    assert machine_record().documento.sha256[:12] in markup and machine_record().documento.sha256 not in markup
    assert "linear-gradient" in markup  # the bars


def test_a_mixed_document_counts_the_pages_of_values_read_below_full_confidence():
    record = machine_record()
    mixed = changed(record, documento={**record.documento.model_dump(), "origen": "mixto"})

    assert review_need(mixed, apply_corrections(mixed, []))["paginas_ocr"] == 2  # fecha_firma on p. 8, a deadline on p. 5


def test_a_run_with_nothing_to_review_still_styles_cleanly(tmp_path):
    clean = ReviewRun(write_run(tmp_path, [without_review_flags(machine_record())]))

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        markup = style_queue(clean.queue()).to_html()

    assert "convenio_fasp_2019.pdf" in markup


def test_a_document_is_picked_by_name_or_digest_prefix_and_blank_is_the_top_of_the_queue(run, digital):
    assert run.pick("") == run.pick("convenio_fasp_2019") == run.pick(digital[:8]) == digital
    with pytest.raises(InputError, match="names 0 documents of this run; pick one of: convenio_fasp_2019.pdf, convenio_fasp_2019_escaneado.pdf"):
        run.pick("otro.pdf")


def test_a_folder_that_is_not_a_run_is_refused(tmp_path):
    with pytest.raises(InputError, match="no json folder"):
        ReviewRun(tmp_path)


# Fields with their provenance


def test_a_warning_is_tied_to_the_path_a_correction_would_use(digital):
    record = machine_record()

    assert warning_path(record, Advertencia(codigo="x", mensaje="m", campo="hallazgos[0].fecha_comprometida")) == "hallazgos[numero=1].fecha_comprometida"
    assert warning_path(record, Advertencia(codigo="x", mensaje="m", campo="partes[LA SECRETARÍA]")) == "partes[rol=LA SECRETARÍA]"
    assert warning_path(record, Advertencia(codigo="x", mensaje="m", campo="hallazgos")) == "hallazgos"


def test_every_field_is_listed_in_document_order_with_confidence_and_page(run, digital):
    table = fields_table(run.fields(digital))

    assert list(table["campo"][:5]) == ["titulo", "fecha_firma", "lugar_firma", "prorroga_max_dias", "evaluacion.tipo"]
    assert len(table) == 4 + 4 + 3 * 6 + 10 * 6 + 3 * 6 + 4 * 2
    first_date = table.set_index("campo").loc["hallazgos[numero=1].fecha_comprometida"]
    assert (first_date["valor"], first_date["confianza"], first_date["paginas"], first_date["revisar"]) == (dt.date(2019, 7, 31), 0.55, "5", True)


# Pages


def test_a_crop_shows_the_box_with_some_page_around_it():
    box = (383.0, 360.0, 470.2, 370.0)  # "31 de Julio de 2019" on page 5

    crop = crop_region(SEED_PDF, 5, [box])

    widen = (CROP_MIN_WIDTH - (box[2] - box[0])) / 2
    assert crop.size == (int((box[2] + widen) * RENDER_SCALE) - int((box[0] - widen) * RENDER_SCALE),
                         int((box[3] + CROP_MARGIN) * RENDER_SCALE) - int((box[1] - CROP_MARGIN) * RENDER_SCALE))
    red = [(x, y) for x in range(crop.width) for y in range(crop.height) if crop.getpixel((x, y)) == (220, 30, 30)]
    drawn = (min(x for x, _ in red), min(y for _, y in red), max(x for x, _ in red), max(y for _, y in red))
    expected = (widen * RENDER_SCALE, CROP_MARGIN * RENDER_SCALE, (widen + box[2] - box[0]) * RENDER_SCALE, (CROP_MARGIN + box[3] - box[1]) * RENDER_SCALE)
    assert all(abs(d - e) <= 4 for d, e in zip(drawn, expected))  # the box is drawn where the value is
    inside = [crop.getpixel((x, crop.height // 2)) for x in range(drawn[0] + 3, drawn[2] - 3)]
    assert any(sum(pixel) < 200 for pixel in inside)  # and the date's text is under it


def test_a_value_read_over_two_pages_shows_both_crops_stacked():
    regions = [Region(pagina=5, bbox=(114.5, 680.0, 307.6, 700.0)), Region(pagina=6, bbox=(114.5, 80.0, 307.6, 100.0))]

    stacked = crop_regions(SEED_PDF, regions)

    single = crop_regions(SEED_PDF, regions[:1])
    assert stacked.height > 2 * single.height and stacked.width == single.width
    assert crop_regions(SEED_PDF, []) is None


def test_the_document_view_shows_each_value_with_its_crop_and_flags(run, digital):
    correct(run.store, run.records[digital], {"fecha_firma": "2019-06-04"}, **REVIEWER)

    markup = document_view(run, digital, sections=["convenio", "hallazgos[numero=1]"])._repr_html_()

    assert "<h4>convenio</h4>" in markup and "<h4>hallazgos[numero=1]</h4>" in markup and "hallazgos[numero=2]" not in markup
    assert markup.count("data:image/png;base64,") == 9  # every value read from the page, the corrected one too
    assert 'cv-corregido">corrected</span>2019-06-04' in markup
    assert 'cv-revisar">check</span>2019-07-31<div class="cv-note">⚠ deadline looks odd</div>' in markup


def test_the_view_can_keep_only_what_needs_a_person(run, digital):
    markup = document_view(run, digital, only_to_review=True).markup

    assert markup.count("<tr><td><code>") == 3


def test_a_renamed_pdf_is_found_by_its_bytes(tmp_path):
    renamed = tmp_path / "pdfs" / "otro nombre.pdf"
    renamed.parent.mkdir()
    renamed.write_bytes(SEED_PDF.read_bytes())
    run = ReviewRun(write_run(tmp_path / "run", [machine_record()]), pdf_dirs=[tmp_path / "pdfs"])

    assert run.pdf(machine_record().documento.sha256) == renamed


def test_without_the_pdf_the_values_are_shown_without_pages(tmp_path):
    run = ReviewRun(write_run(tmp_path, [machine_record()]), pdf_dirs=[])

    markup = document_view(run, machine_record().documento.sha256).markup

    assert "PDF not found under no folder" in markup and "data:image" not in markup


# Forms


def select(form: CorrectionForm, label: str) -> None:
    form.item.value = dict(form.item.options)[label]


def test_the_form_saves_edited_fields_and_shows_what_the_schema_refuses(run, digital):
    form = CorrectionForm(run, digital, "ana.perez")
    select(form, "hallazgos[numero=1]")
    assert form.page.value  # the item's crop is shown above its fields

    form.inputs["hallazgos[numero=1].fecha_comprometida"].value = "2019-02-30"
    form.save.click()
    assert "✗" in form.message.value and "day value is outside expected range" in form.message.value
    assert run.store.read(digital) == []

    form.inputs["hallazgos[numero=1].fecha_comprometida"].value = "2019-08-30"
    form.reason.value = "page 5 reads 30 de agosto"
    form.save.click()
    assert form.message.value.endswith("saved 1 value: hallazgos[numero=1].fecha_comprometida</span>")
    (saved,) = run.store.read(digital)
    assert (saved.new, saved.reason, saved.reviewer) == ("2019-08-30", "page 5 reads 30 de agosto", "ana.perez")


def test_the_form_confirms_the_flagged_values_of_an_item_as_they_are(run, digital):
    form = CorrectionForm(run, digital, "ana.perez")
    select(form, "hallazgos[numero=1]")

    form.confirm.click()

    assert [c.path for c in run.store.read(digital)] == ["hallazgos[numero=1].fecha_comprometida", "hallazgos[numero=1].fecha_texto"]
    assert run.queue().set_index("archivo").loc["convenio_fasp_2019.pdf", "campos_por_revisar"] == 1  # fecha_firma is left


def test_the_form_adds_a_missed_item_and_deletes_a_spurious_one(run, digital):
    form = CorrectionForm(run, digital, "ana.perez")
    select(form, "+ new hallazgos item")
    assert form.inputs["numero"].value == "11"
    form.inputs["hallazgo"].value = "No hay padrón de beneficiarios."
    form.save.click()
    assert form.message.value.endswith("added hallazgos[numero=11]</span>")
    assert form.item.value == ("item", "hallazgos[numero=11]")

    select(form, "responsables[nombre=Hugo Ayala Ramos]")
    form.delete.click()
    assert [c.op for c in run.store.read(digital)] == ["add", "delete"]
    assert "responsables[nombre=Hugo Ayala Ramos]" not in dict(form.item.options)


def test_a_conflict_is_settled_from_its_panel(run, digital, tmp_path):
    correct(run.store, run.records[digital], {"lugar_firma": "Toluca de Lerdo"}, **REVIEWER)
    write_run(tmp_path, [changed(run.records[digital], lugar_firma="Toluca")])
    rerun = ReviewRun(tmp_path, pdf_dirs=[SEED])
    panel = ConflictPanel(rerun, digital, "ana.perez")
    keep = panel.rows.children[0].children[1]

    keep.click()

    assert rerun.corrected(digital).conflicts == []
    assert rerun.corrected(digital).record.lugar_firma == "Toluca de Lerdo"
    assert "No conflicts" in panel.rows.children[0].value


def test_the_run_exports_corrected_json_and_parquet(run, digital):
    correct(run.store, run.records[digital], {"prorroga_max_dias": "45"}, **REVIEWER)

    exported = run.export()

    assert (exported.documents, exported.corrections) == (2, 1)
    corrected = Convenio.model_validate_json((run.folder / "corrected" / f"{digital}.json").read_text(encoding="utf-8"))
    assert corrected.prorroga_max_dias == 45 and corrected.procedencia["prorroga_max_dias"].corregido
