"""Hallazgos and recomendaciones: the numbered rows of the ASM tables.

Works on merged `Table`s whatever their layout: a date column, or a
"Fecha comprometida de cumplimiento:" row under each item.  A table is a
hallazgos table or a recomendaciones table by its header words, or else by
the section heading that stands right before it ("a) De los hallazgos:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Literal

from extract.fields.common import Found, fold, normalize_space
from extract.fields.dates import MONTHS, ParsedDate, parse_date
from extract.model import Cell, Layout, Line, Provenance, Table, Word
from extract.tables import is_unread_number
from extract.text import TextBlock, join_lines

Kind = Literal["hallazgos", "recomendaciones"]

# "3", "3.", "H-3", "R 3)"; OCR reads the period as a comma now and then ("4,"),
# and a stroke beside the number as a dash ("11 —").
_ITEM_NUMBER = re.compile(r"^\s*(?:[A-Za-z]{1,4}\s*[-.]?\s*)?(\d{1,3})\s*[.,:;)°º-]?\s*[—–_|]?\s*$")
# A number cell holding the number and then the start of the row's text: "5) De igual manera, ...",
# on a scan with a broken rule between them read as marks or a lone letter ("3.__ I Asimismo, ...").
_NUMBER_AND_TEXT = re.compile(r"^\s*(\d{1,3})[.)](?:\s*[_|—–-]+)?(?:\s+[Il|])?\s+([A-ZÁÉÍÓÚÑ][^\n]{10,})$", re.DOTALL)
_DATE_ROW_LABEL = re.compile(r"fecha\s+(?:comprometida|de\s+cumplimiento|compromiso|limite|de\s+atencion)")
# The same label with its spaces gone: a narrow first column wraps it
# mid-word, and OCR of a scan splits it into pieces ("Fecha compr ometid a de
# cumpli miento").
_DATE_ROW_LABEL_JOINED = re.compile(r"fecha(?:comprometida|decumplimiento|compromiso|limite|deatencion)")

_DATE_ROW_START = re.compile(r"^\s*fech")
# The label's other words, for a label whose "Fecha" a stamp took ("h comprometida de cumplimiento").
_DATE_ROW_LABEL_REST = re.compile(r"\b(?:comprometida\s+de\s+cumplimiento|compromiso|de\s+cumplimiento|limite|de\s+atencion)\b")
_DATE_ROW_LABEL_MAX_LENGTH = 50


def _has_date_label(text: str) -> bool:
    folded = fold(text)
    return bool(_DATE_ROW_LABEL.search(folded) or _DATE_ROW_LABEL_JOINED.search(re.sub(r"[\s_]+", "", folded)))


@dataclass(slots=True)
class ItemFound:
    """One numbered row: its texts and its deadline, each with provenance."""

    numero: Found[int]
    texto: Found[str] | None = None
    actividad: Found[str] | None = None
    fecha_texto: Found[str] | None = None
    fecha: ParsedDate | None = None
    date_rows: int = 0


@dataclass(slots=True)
class CompromisosFound:
    hallazgos: list[ItemFound] = field(default_factory=list)
    recomendaciones: list[ItemFound] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Columns:
    number: int
    text: int
    activity: int
    date: int | None


def extract_compromisos(layout: Layout) -> CompromisosFound:
    found = CompromisosFound()
    for table in layout.tables:
        kind = table_kind(table, layout.text)
        if kind is None:
            continue
        items = _read_items(table)
        for item in _mend_numbering(items):
            found.warnings.append(
                f"the {kind} table's item number {item.numero.value} was read as another number in the scan; "
                "it was taken from the numbers around it and flagged for review"
            )
        for item in items:
            if item.numero.provenance.method == _UNREAD_NUMBER_METHOD:
                found.warnings.append(
                    f"the {kind} table's item number {item.numero.value} could not be read in the scan; "
                    "it was taken from the row's place and flagged for review"
                )
        if not items:
            items = _items_numbered_by_order(table)
            if items:
                found.warnings.append(
                    f"the {kind} table shows no item numbers (lost in the scan?); its {len(items)} rows "
                    "were numbered in reading order and flagged for review"
                )
        target = found.hallazgos if kind == "hallazgos" else found.recomendaciones
        target.extend(items)
    return found


def table_kind(table: Table, text: str) -> Kind | None:
    """Which ASM table this is, by its header, else by the heading before it."""
    header = fold(" ".join(table.header))
    if "hallazgo" in header:
        return "hallazgos"
    if "recomendacion" in header:
        return "recomendaciones"
    before = fold(text[max(0, table.anchor - 300): table.anchor])
    mentions = [(before.rfind("hallazgo"), "hallazgos"), (before.rfind("recomendacion"), "recomendaciones")]
    position, kind = max(mentions)
    return kind if position >= 0 else None


def _columns(table: Table) -> _Columns:
    """Map header titles to roles; fall back to the genre's usual order."""
    width = max((len(row) for row in table.rows), default=len(table.header))
    roles: dict[str, int] = {}
    for index, title in enumerate(table.header):
        folded = fold(title)
        if "fecha" in folded:
            roles.setdefault("date", index)
        elif re.search(r"actividad|accion|compromiso", folded):
            roles.setdefault("activity", index)
        elif re.search(r"\bno\b|num|^#|numero", folded) and len(folded) <= 8:
            roles.setdefault("number", index)
        elif re.search(r"hallazgo|recomendacion|observacion|aspecto", folded):
            roles.setdefault("text", index)
    number = roles.get("number", 0)
    text = roles.get("text", number + 1)
    activity = roles.get("activity", text + 1)
    date = roles.get("date", 3 if width >= 4 and "date" not in roles and activity == 2 else None)
    return _Columns(number, text, activity, date)


def _cell(row: list[Cell], index: int | None) -> Cell | None:
    if index is None or index >= len(row):
        return None
    return row[index]


def _is_date_row(row: list[Cell]) -> bool:
    if any(_has_date_label(cell.text) for cell in row if cell.text):
        return True
    # On a scan the label may keep only its first letters ("Fech", "Fecha
    # com ento:"), the rest lost to a stamp or initials: a row that opens
    # with them is still the date row; so is one whose label kept only its other
    # words, with a whole date after it.
    if not row:
        return False
    label = fold(row[0].text)
    if _DATE_ROW_START.match(label):
        return True
    return (
        len(label) <= _DATE_ROW_LABEL_MAX_LENGTH
        and bool(_DATE_ROW_LABEL_REST.search(label))
        and any(_has_whole_date(cell) for cell in row[1:])
    )


def _read_items(table: Table) -> list[ItemFound]:
    columns = _columns(table)
    method = f"tabla:{table.method}" if table.method else "tabla"
    items: list[ItemFound] = []
    # A first row with no number at all is item 1 only in a table whose
    # other rows are numbered (`_items_numbered_by_order` takes the rest).
    numbered = any(_number_match(_cell(row, columns.number)) for row in table.rows)
    dated = columns.date is not None
    for row in _rows_apart_at_lost_numbers(table.rows, columns):
        if _repeats_the_titles(row, columns):
            continue
        if _is_date_row(row):
            row, following = _date_row_and_next_item(row, columns)
            if items:
                _attach_date_row(items[-1], row, method)
            if following is None:
                continue
            row = following
        number_cell = _cell(row, columns.number)
        number = _number_match(number_cell)
        lost_first_number = not items and numbered and not _has_text(number_cell)
        # Under a date row the item before is closed: a row there is the next item, its number lost.
        # With a date column, each item's deadline stands in its own row: a row with a deadline of its
        # own under an item that has one is the next item, and a row without one goes on with the item
        # above whatever speck its number cell shows ("—", "dy").
        own_date = dated and _has_whole_date(_cell(row, columns.date))
        closed = bool(items) and (items[-1].fecha is not None and own_date if dated else items[-1].date_rows > 0)
        lost_number = lost_first_number or (numbered and closed and not _has_text(number_cell))
        unread_number = _unread_number(number_cell) and (own_date or not dated or not items)
        run_on = _NUMBER_AND_TEXT.match(number_cell.text) if number_cell and not number else None
        if number:
            item = ItemFound(numero=Found(int(number.group(1)), number_cell.provenance(method)))
            items.append(item)
        elif run_on:
            # The row's number and the first line of its text in one cell: a
            # stamp broke the rule between them.
            where = number_cell.provenance(method)
            item = ItemFound(numero=Found(int(run_on.group(1)), where), texto=Found(run_on.group(2), where))
            items.append(item)
            text_cell = _cell(row, columns.text)
            if text_cell is not None and text_cell.text.strip():
                item.texto = Found(f"{item.texto.value} {text_cell.text.strip()}", where.merge(text_cell.provenance(method)))
            row = [Cell(lines=[], text="") if cell is text_cell else cell for cell in row]
        elif (unread_number or lost_number) and (
            not items or items[-1].fecha is not None
        ) and any(c.text.strip() for c in row if c is not number_cell):
            # OCR read the row's "1." as a letter ("L", "A", "Ze"), or lost
            # the number altogether (first row, or a row under a date row). Where the row before is
            # still open (no whole deadline yet), a stray letter in the
            # first column is as often a speck beside a continuation, which
            # the row before takes.
            number = items[-1].numero.value + 1 if items else 1
            item = ItemFound(numero=Found(number, _inferred(number_cell.provenance(_UNREAD_NUMBER_METHOD))))
            items.append(item)
        elif items and any(c.text.strip() for c in row):
            item = items[-1]  # a continuation the table stage did not merge
        else:
            continue
        _take_row(item, row, columns, method)
    return items


# A header row read as a body row (its "No." misread, so the table stage did not know it, or repeated
# on the next page): short cells holding the genre's column titles.
_TEXT_TITLE = re.compile(r"^(?:hallazgos?|recomendacion(?:es)?|observacion(?:es)?|aspectos? susceptibles de mejora)$")
_ACTIVITY_TITLE = re.compile(r"^(?:actividad(?:es)?|accion(?:es)?)\b")
_TITLE_MAX_WORDS = 5


def _repeats_the_titles(row: list[Cell], columns: _Columns) -> bool:
    text, activity = _cell(row, columns.text), _cell(row, columns.activity)
    if text is None or activity is None:
        return False
    titles = [normalize_space(fold(cell.text)).strip(" .:") for cell in (text, activity)]
    return (
        all(0 < len(title.split()) <= _TITLE_MAX_WORDS for title in titles)
        and bool(_TEXT_TITLE.match(titles[0]))
        and bool(_ACTIVITY_TITLE.match(titles[1]))
    )


def _rows_apart_at_lost_numbers(rows: list[list[Cell]], columns: _Columns) -> list[list[Cell]]:
    """The rows, each scanned row holding two whole deadlines in its date column cut in two where the second starts.

    A row has one deadline, set at its top: a second one is the next
    item's, whose number the scan lost, so that the table stage took its
    text for more of the row above (under it on the page, or on the next
    page).  A row followed by the very next number lost none and stays.
    """
    if columns.date is None:
        return rows
    numbers = [_read_number(_cell(row, columns.number)) for row in rows]
    apart = []
    for index, row in enumerate(rows):
        cut = _second_deadline(_cell(row, columns.date))
        following = next((number for number in numbers[index + 1 :] if number is not None), None)
        if cut is None or (numbers[index] is not None and following == numbers[index] + 1):
            apart.append(row)
            continue
        apart += [[_lines_of(cell, lambda line: not cut(line)) for cell in row], [_lines_of(cell, cut) for cell in row]]
    return apart


def _read_number(cell: Cell | None) -> int | None:
    match = _number_match(cell)
    return int(match.group(1)) if match else None


# A mark a scan sets before a row's number (an initial in the margin read "vy—" at 0.47) is no part of it.
_MARK_BEFORE_NUMBER_CONFIDENCE = 0.6


def _number_match(cell: Cell | None) -> re.Match | None:
    if cell is None:
        return None
    words = cell.words
    marks = 0
    while marks < len(words) - 1 and _mark_before_number(words[marks]):
        marks += 1
    return _ITEM_NUMBER.match(" ".join(w.text for w in words[marks:]) if marks else cell.text)


def _mark_before_number(word: Word) -> bool:
    return word.origin == "ocr" and word.confidence < _MARK_BEFORE_NUMBER_CONFIDENCE and not any(ch.isdigit() for ch in word.text)


def _second_deadline(cell: Cell | None) -> Callable[[Line], bool] | None:
    """For a scanned date cell holding two whole dates, which lines stand from the second one's top on."""
    if cell is None or not cell.lines or any(w.origin != "ocr" for w in cell.words):
        return None
    first_lines, text, first = [], "", cell.lines[0]  # the first line of each whole date
    for line in cell.lines:
        if not text:
            first = line
        text = f"{text} {line.text}".strip()
        if parse_date(_date_text(text)) is not None:
            first_lines.append(first)
            text = ""
    if len(first_lines) < 2:
        return None
    second = first_lines[1]
    page, top = second.page, second.bbox[1] - (second.bbox[3] - second.bbox[1]) / 2
    return lambda line: (line.page, line.bbox[1]) >= (page, top)


def _lines_of(cell: Cell, keep: Callable[[Line], bool]) -> Cell:
    lines = [line for line in cell.lines if keep(line)]
    if len(lines) == len(cell.lines):
        return cell
    right_edge = max((w.x1 for w in cell.words), default=0.0)
    return Cell(lines=lines, text=join_lines(TextBlock(lines, right_edge)))


def _has_whole_date(cell: Cell | None) -> bool:
    return cell is not None and parse_date(_date_text(cell.text)) is not None


def _take_row(item: ItemFound, row: list[Cell], columns: _Columns, method: str) -> None:
    """Add a row's texts (and its date, in the date-column layout) to an item."""
    item.texto = _append(item.texto, _cell(row, columns.text), method)
    item.actividad = _append(item.actividad, _cell(row, columns.activity), method)
    date_cell = _cell(row, columns.date)
    if date_cell is not None and date_cell.text.strip():
        where = date_cell.provenance(method)
        if item.fecha_texto is not None and item.fecha is None:
            # The rest of a date a page break cut ("12 de noviembre del" | "2017").
            _set_date(item, f"{item.fecha_texto.value} {date_cell.text}", item.fecha_texto.provenance.merge(where))
        else:
            _set_date(item, date_cell.text, where)


INFERRED_NUMBER_CONFIDENCE = 0.5
"""A number given by the row's position, not read: low enough to be reviewed."""

_UNREAD_NUMBER_METHOD = "tabla:numero-no-leido"


def _inferred(where: Provenance) -> Provenance:
    """The provenance of a number inferred, not read, at the cell it stands for (an empty cell has nothing to be unsure of)."""
    confidence = min(where.confidence, INFERRED_NUMBER_CONFIDENCE) if where.regions else INFERRED_NUMBER_CONFIDENCE
    return Provenance(where.regions, confidence, where.method)


def _has_text(cell: Cell | None) -> bool:
    return cell is not None and bool(cell.text.strip())


def _unread_number(cell: Cell | None) -> bool:
    return cell is not None and is_unread_number(cell.words)


# A table's only number read this unsure is no evidence against the genre's numbering from 1.
_UNSURE_FIRST_NUMBER = 0.5


def _mend_numbering(items: list[ItemFound]) -> list[ItemFound]:
    """Mend the item numbers OCR misread ("2, 2, 3" for "1, 2, 3"); the items mended.

    A table's items are numbered one after another, so a number out of
    step is taken from its neighbours when they agree on it: the first item
    is 1 when the second is 2, or when it is the only one and read unsure; an item between two that are one apart from
    it either side is the number between them; the last one, not past the
    one before it, follows it.  Only numbers that were read are mended.
    """
    numbers = [item.numero.value for item in items]
    mended = []
    for index, item in enumerate(items):
        before = numbers[index - 1] if index > 0 else None
        after = numbers[index + 1] if index + 1 < len(numbers) else None
        if before is None:
            # The first item is 1 when the second is 2, or when it stands alone read unsure (a lone "5" at 0.3).
            alone_unsure = after is None and item.numero.provenance.confidence < _UNSURE_FIRST_NUMBER
            expected = 1 if after == 2 or alone_unsure else None
        elif after is None:
            expected = before + 1 if numbers[index] <= before else None
        else:
            expected = before + 1 if after == before + 2 else None
        if expected is None or expected == numbers[index] or item.numero.provenance.method == _UNREAD_NUMBER_METHOD:
            continue
        numbers[index] = expected
        item.numero = Found(expected, _inferred(item.numero.provenance))
        mended.append(item)
    return mended


def _items_numbered_by_order(table: Table) -> list[ItemFound]:
    """Rows of a table whose number column came back empty: one item per row that has both texts."""
    columns = _columns(table)
    method = "tabla:numero-por-orden"
    items: list[ItemFound] = []
    for row in table.rows:
        if _is_date_row(row):
            row, following = _date_row_and_next_item(row, columns)
            if items:
                _attach_date_row(items[-1], row, method)
            if following is None:
                continue
            row = following
        text, activity = _cell(row, columns.text), _cell(row, columns.activity)
        if not (text and text.text.strip() and activity and activity.text.strip()):
            continue
        item = ItemFound(numero=Found(len(items) + 1, _inferred(text.provenance(method))))
        _take_row(item, row, columns, method)
        items.append(item)
    return items


def _append(found: Found[str] | None, cell: Cell | None, method: str) -> Found[str] | None:
    if cell is None or not cell.text.strip():
        return found
    if found is None:
        return Found(cell.text.strip(), cell.provenance(method))
    return Found(found.value + "\n" + cell.text.strip(), found.provenance.merge(cell.provenance(method)))


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _date_row_and_next_item(row: list[Cell], columns: _Columns) -> tuple[list[Cell], list[Cell] | None]:
    """A date row, and apart from it the first lines of the next item where the table stage ran them into it.

    A scan may lose the number of the row under a date row; with nothing in
    its first column, its lines went on in the date row, below the date's
    year and below the label.
    """
    year_lines = [line for cell in row for line in cell.lines if _YEAR.search(line.text)]
    if not year_lines:
        return row, None
    date_line = min(year_lines, key=lambda line: (line.page, line.bbox[1]))
    floor = max([(date_line.page, date_line.bbox[3])] + [(line.page, line.bbox[3]) for line in row[0].lines])
    below = [_lines_of(cell, lambda line: (line.page, line.bbox[1]) > floor) for cell in row]
    if not _has_text(_cell(below, columns.text)):
        return row, None
    return [_lines_of(cell, lambda line: (line.page, line.bbox[1]) <= floor) for cell in row], below


def _attach_date_row(item: ItemFound, row: list[Cell], method: str) -> None:
    """'Fecha comprometida de cumplimiento: | | 31 de Julio de 2019': the date is the non-label text."""
    item.date_rows += 1
    for cell in reversed(row):
        text = cell.text.strip()
        if not text:
            continue
        if _has_date_label(text) or _DATE_ROW_START.match(fold(text)):
            # Label and date in one (merged) cell: keep what follows the colon.
            text = text.split(":", 1)[1].strip() if ":" in text else ""
            if not text:
                continue
        _set_date(item, text, cell.provenance(method))
        return


# After a date's year, tokens of a letter or two and marks ("Y", "Y)"), or a lone
# digit ("0" for a loop), are initials or a signature's strokes in the margin, read with the cell.
_MARKS_AFTER_YEAR = re.compile(r"(?<=\d{4})(?:\s+(?:[^\w\s]*[^\W\d_]{0,2}[^\w\s]*|\d))+$")
# A token of quotes, bars or dots alone inside a date ("16 de Septiembre ” de 2025") is a
# speck; a lone "-" or "/" is not, it may be the date's own separator ("27 - feb - 2021").
_SPECK_IN_DATE = re.compile(r"(?<!\S)[\"'“”‘’`«»|¦.,;:*°~^]+(?!\S)")
# So is a lone letter after "de" before the month or the year ("17 de I enero de 2018",
# "diciembre del a 2018"): a stroke read as a letter.
_LETTER_IN_DATE = re.compile(rf"(?:(?<=\bde)|(?<=\bdel))\s+[^\W\d_](?=\s+(?:{'|'.join(MONTHS)}|(?:19|20)\d\d)\b)", re.IGNORECASE)


# A date ends with its year: lines under it in the cell are a stamp's ink read as words ("Abril 2025\nladies et").
_LINES_AFTER_YEAR = re.compile(r"(?<=\d{4})[^\S\n]*\n.*", re.DOTALL)


def _date_text(text: str) -> str:
    text = _LINES_AFTER_YEAR.sub("", text)
    text = _LETTER_IN_DATE.sub("", _SPECK_IN_DATE.sub(" ", text))
    return _MARKS_AFTER_YEAR.sub("", normalize_space(text))


def _set_date(item: ItemFound, text: str, provenance: Provenance) -> None:
    text = _date_text(text)
    item.fecha_texto = Found(text, provenance)
    item.fecha = parse_date(text)
