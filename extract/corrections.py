"""Reviewer corrections: kept apart from machine output, checked when saved, applied at export.

Every extraction rewrites OUT/json; what a person decided lives in its own
append-only log per convenio, `<corrections>/<sha256>.jsonl` (by default
OUT/corrections), one JSON object a line:

    {"op": "set", "path": "hallazgos[numero=3].fecha_comprometida", "old": "2019-07-31",
     "new": "2019-08-31", "reviewer": "ana.perez", "timestamp": "2024-05-02T10:15:00Z",
     "reason": "the scan reads 31 de agosto"}

A path names a value by what survives a re-extraction, never by list
position: `fecha_firma`, `evaluacion.pae`, `hallazgos[numero=3].fecha_comprometida`,
`partes[rol=LA UIPPE].cargo`, `responsables[nombre=Hugo Ayala Ramos].cargo`.
Printed numbers can repeat, so `hallazgos[numero=3#2]` is the second item
numbered 3.

    op        what it does
    set       gives a field a new value; `old` is the value the reviewer saw
    add       adds a missed item; `new` holds all its fields
    delete    removes a spurious item; `old` holds the fields the reviewer saw
    mark      a note on an item that is not a field of the record, e.g. the ASM
              status `hallazgos[numero=3].estatus` = "cumplido" (`extract.tracking`);
              null withdraws it
    discard   withdraws the earlier corrections of a path (of an item: also of its fields)

Applying replays the log, in order, on the machine record.  Each correction
compares `old` with what it finds: when a newer extraction changed the value
under a correction, the reviewer's value still wins, but a `Conflict` lists
both and the field is flagged `revisar` until someone resolves it
(`keep_reviewer_value` or `accept_machine_value`).  A correction whose item
is gone, or that no longer validates, is not applied and is listed the same
way.  Values a person set carry `procedencia.corregido = true`.

`export_corrected` writes what consumers read: OUT/corrected/<sha256>.json,
the Parquet tables, and OUT/correcciones.parquet, one row per correction with
its outcome, joinable with the tables on (sha256, orden).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Iterable, Literal, Mapping, Sequence

import pyarrow as pa
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from extract.errors import CorrectionError
from extract.export import write_json, write_parquet, write_table
from schemas import Convenio, Evaluacion, Hallazgo, Parte, Recomendacion, Responsable

Operation = Literal["set", "add", "delete", "mark", "discard"]
ConflictKind = Literal["changed", "missing", "exists", "invalid"]

ITEM_KEYS: dict[str, str] = {"partes": "rol", "hallazgos": "numero", "recomendaciones": "numero", "responsables": "nombre"}
"""The field that names an item of each list: what a path uses instead of a position."""

ITEM_MODELS: dict[str, type[BaseModel]] = {
    "partes": Parte,
    "hallazgos": Hallazgo,
    "recomendaciones": Recomendacion,
    "responsables": Responsable,
}
TOP_LEVEL_FIELDS = ("titulo", "fecha_firma", "lugar_firma", "prorroga_max_dias")
EVALUACION = "evaluacion"
REVIEWER_METHOD = "revisor"
"""`procedencia.metodo` of a value a person set."""

_ITEM_PATH = re.compile(
    r"(?P<family>\w+)\[\s*(?P<key_name>\w+)\s*=\s*(?P<key>[^\]#]+?)\s*(?:#(?P<occurrence>\d+))?\s*\](?:\.(?P<field>\w+))?"
)
_OBJECT_PATH = re.compile(r"(?P<family>\w+)\.(?P<field>\w+)")
_FIELD_PATH = re.compile(r"\w+")
_POSITION_PATH = re.compile(r"(?P<family>\w+)\[[^=\]]*\](?:\.\w+)?")
_PATH_EXAMPLES = "'fecha_firma', 'evaluacion.pae', 'hallazgos[numero=3].fecha_comprometida' or 'partes[rol=LA UIPPE].cargo'"


@dataclass(frozen=True, slots=True)
class FieldPath:
    """A parsed path: a top-level field, a field of `evaluacion`, or an item of a list and maybe one of its fields."""

    family: str | None
    """`evaluacion`, a list name, or None for a top-level field."""
    key: int | str | None = None
    """The item's numero, rol or nombre."""
    occurrence: int = 1
    """Which of the items that share the key (printed numbers can repeat)."""
    field: str | None = None
    """None when the path names a whole item."""

    @property
    def is_item(self) -> bool:
        return self.family in ITEM_KEYS

    def item(self) -> FieldPath:
        return FieldPath(self.family, self.key, self.occurrence)

    def child(self, field: str) -> FieldPath:
        return FieldPath(self.family, self.key, self.occurrence, field)

    def __str__(self) -> str:
        if self.family is None:
            return str(self.field)
        if not self.is_item:
            return f"{self.family}.{self.field}"
        occurrence = f"#{self.occurrence}" if self.occurrence > 1 else ""
        item = f"{self.family}[{ITEM_KEYS[self.family]}={self.key}{occurrence}]"
        return f"{item}.{self.field}" if self.field else item

    @classmethod
    def parse(cls, text: str) -> FieldPath:
        text = text.strip()
        if match := _ITEM_PATH.fullmatch(text):
            family, key_name = match["family"], match["key_name"]
            if family not in ITEM_KEYS:
                raise CorrectionError(f"{text}: no list named {family!r}; items live in {', '.join(ITEM_KEYS)}")
            if key_name != ITEM_KEYS[family]:
                raise CorrectionError(f"{text}: {family} items are named by {ITEM_KEYS[family]}, as in {family}[{ITEM_KEYS[family]}=...]")
            key: int | str = match["key"]
            if key_name == "numero":
                if not key.isdigit():
                    raise CorrectionError(f"{text}: numero must be a whole number, got {key!r}")
                key = int(key)
            return cls(family, key, int(match["occurrence"] or 1), match["field"])
        if match := _OBJECT_PATH.fullmatch(text):
            if match["family"] != EVALUACION:
                raise CorrectionError(
                    f"{text}: {match['family']!r} is not something a reviewer corrects; "
                    f"paths name extracted values, e.g. {_PATH_EXAMPLES}"
                )
            return cls(EVALUACION, field=match["field"])
        if _FIELD_PATH.fullmatch(text):
            return cls(None, field=text)
        if (match := _POSITION_PATH.fullmatch(text)) and match["family"] in ITEM_KEYS:
            family = match["family"]
            raise CorrectionError(
                f"{text}: {family} items are named by {ITEM_KEYS[family]}, not by position, as in {family}[{ITEM_KEYS[family]}=...]"
            )
        raise CorrectionError(f"cannot read the path {text!r}: write e.g. {_PATH_EXAMPLES}")


def path_of_item(items: Sequence[Mapping[str, Any]], index: int, family: str) -> FieldPath:
    """The path that names `items[index]`: its key, and which occurrence of that key it is."""
    key_name = ITEM_KEYS[family]
    key = items[index][key_name]
    occurrence = 1 + sum(1 for other in items[:index] if other[key_name] == key)
    return FieldPath(family, key, occurrence)


def record_fields(path: FieldPath) -> tuple[str, ...]:
    """The fields of the record a `set` may change at this path (the object's own, minus provenance)."""
    if path.family is None:
        return TOP_LEVEL_FIELDS
    model = Evaluacion if path.family == EVALUACION else ITEM_MODELS[path.family]
    return tuple(name for name in model.model_fields if name != "procedencia")


def _field_adapter(path: FieldPath) -> TypeAdapter:
    model = {None: Convenio, EVALUACION: Evaluacion}.get(path.family) or ITEM_MODELS[path.family]
    info = model.model_fields[path.field]
    return TypeAdapter(Annotated[info.annotation, info])


def _message(problem: dict) -> str:
    return problem["msg"].removeprefix("Value error, ")


def _first_error(error: ValidationError) -> str:
    return _message(error.errors()[0])


def _problems(error: ValidationError) -> str:
    """Pydantic's errors on one line, 'where: what; ...'."""
    return "; ".join(
        (f"{'.'.join(map(str, e['loc']))}: " if e["loc"] else "") + _message(e) for e in error.errors()
    )


def field_value(path: FieldPath, value: Any) -> Any:
    """`value` checked against the schema's type for the field and given in JSON form; blank text means null."""
    if isinstance(value, str):
        value = value.strip() or None
    adapter = _field_adapter(path)
    try:
        return adapter.dump_python(adapter.validate_python(value), mode="json")
    except ValidationError as error:
        hint = " (dates are written YYYY-MM-DD)" if path.field in ("fecha_firma", "fecha_comprometida") else ""
        raise CorrectionError(f"{path}: {value!r} is refused: {_first_error(error)}{hint}") from None


def item_value(family: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """A whole item checked against its model, in JSON form without provenance; blank text means null."""
    cleaned = {name: (value.strip() or None) if isinstance(value, str) else value for name, value in values.items()}
    try:
        item = ITEM_MODELS[family].model_validate(cleaned)
    except ValidationError as error:
        raise CorrectionError(f"new {family} item is refused: {_problems(error)}") from None
    return item.model_dump(mode="json", exclude={"procedencia"})


def _require_item(op: str, path: FieldPath) -> None:
    if not path.is_item or path.field is not None:
        raise CorrectionError(f"{path}: {op} needs the path of an item, e.g. 'hallazgos[numero=11]'")


def _require_settable(path: FieldPath) -> None:
    if path.field is None:
        raise CorrectionError(f"{path}: set needs a field; to remove the item use delete")
    if path.field not in record_fields(path):
        where = "the record" if path.family is None else (EVALUACION if path.family == EVALUACION else f"a {path.family} item")
        raise CorrectionError(
            f"{path}: {path.field!r} is not a value a reviewer can set on {where}; those are: {', '.join(record_fields(path))}"
        )


def _require_mark(path: FieldPath) -> None:
    if not path.is_item or path.field is None:
        raise CorrectionError(f"{path}: a mark goes on a field of an item, e.g. 'hallazgos[numero=3].estatus'")
    if path.field in ITEM_MODELS[path.family].model_fields:
        raise CorrectionError(f"{path}: {path.field!r} is a field of the record; correct it with set, not mark")


def _check_shape(op: Operation, path: FieldPath, new: Any) -> None:
    """What each operation needs from its path and value; raises CorrectionError."""
    if op in ("add", "delete"):
        _require_item(op, path)
    if op == "add":
        if not isinstance(new, dict):
            raise CorrectionError(f"{path}: add needs the new item's fields as an object")
        if item_value(path.family, new)[ITEM_KEYS[path.family]] != path.key:
            raise CorrectionError(f"{path}: the new item's {ITEM_KEYS[path.family]} must be {path.key!r}")
    if op == "set":
        _require_settable(path)
        field_value(path, new)
    if op == "mark":
        _require_mark(path)


class Correction(BaseModel):
    """One reviewer decision: one line of a corrections log."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    op: Operation = Field(description="set, add, delete, mark or discard (see the module docstring).")
    path: str = Field(min_length=1, description="The value or item concerned, e.g. 'hallazgos[numero=3].fecha_comprometida'.")
    old: Any = Field(default=None, description="What the reviewer saw there (JSON form).")
    new: Any = Field(default=None, description="What it should be (JSON form).")
    reviewer: str = Field(min_length=1, description="Who decided.")
    timestamp: AwareDatetime = Field(description="When, ISO 8601 with a time zone.")
    reason: str | None = Field(default=None, description="Why, e.g. what the page shows.")

    @model_validator(mode="after")
    def _path_fits_the_operation(self) -> Correction:
        try:
            _check_shape(self.op, FieldPath.parse(self.path), self.new)
        except CorrectionError as error:
            raise ValueError(error.message) from None
        return self

    @property
    def target(self) -> FieldPath:
        return FieldPath.parse(self.path)


_SHA256 = re.compile(r"[0-9a-f]{64}")


class CorrectionStore:
    """A folder of corrections logs, one append-only `<sha256>.jsonl` per convenio."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def file(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise CorrectionError(f"{sha256!r} is not a sha256 hex digest: corrections are filed by the PDF's sha256")
        return self.folder / f"{sha256}.jsonl"

    def read(self, sha256: str) -> list[Correction]:
        """The log in file order; empty when nobody corrected this convenio.  Blank lines are allowed."""
        file = self.file(sha256)
        if not file.exists():
            return []
        corrections = []
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                corrections.append(Correction.model_validate_json(line))
            except ValidationError as error:
                raise CorrectionError(f"line {number}: {_problems(error)}", path=str(file)) from None
        return corrections

    def append(self, sha256: str, corrections: Sequence[Correction]) -> None:
        """Add lines at the end in one write, flushed to disk: the log is the reviewers' only copy."""
        file = self.file(sha256)
        file.parent.mkdir(parents=True, exist_ok=True)
        lines = "".join(c.model_dump_json() + "\n" for c in corrections)
        with file.open("a+b") as stream:
            stream.seek(0, os.SEEK_END)
            if stream.tell():
                stream.seek(-1, os.SEEK_END)
                if stream.read(1) != b"\n":  # a hand-edited last line without its newline
                    lines = "\n" + lines
            stream.write(lines.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())


@dataclass(frozen=True, slots=True)
class Conflict:
    """A correction that no longer fits the record under it; a person chooses which value stays."""

    correction: Correction
    kind: ConflictKind
    """changed: the value under it is not what the reviewer saw (the reviewer's value applied);
    missing: its item is gone (not applied); exists: an item the reviewer added is now extracted
    too (the reviewer's values applied); invalid: it no longer validates (not applied)."""
    found: Any
    """What the record holds there now, in JSON form (None when the item is gone)."""
    message: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one standing correction when its log was replayed."""

    correction: Correction
    sequence: int
    """1-based position in the log."""
    applied: bool
    conflict: Conflict | None
    table: str
    """The Parquet table it touches: convenios or the item's list."""
    orden: int | None
    """1-based position of its item in the corrected record (None for top-level fields and deleted items)."""


@dataclass(frozen=True, slots=True)
class Corrected:
    """A machine record with its log applied."""

    record: Convenio
    outcomes: list[Outcome]
    marks: dict[str, Correction]
    """Standing marks by the path of their item in the corrected record."""

    @property
    def conflicts(self) -> list[Conflict]:
        return [outcome.conflict for outcome in self.outcomes if outcome.conflict]


def _content(item: Mapping[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in item.items() if name != "procedencia"}


def find_item(data: Mapping[str, Any], path: FieldPath) -> dict | None:
    """The item a path names in a record's JSON form, or None."""
    key_name, seen = ITEM_KEYS[path.family], 0
    for item in data[path.family]:
        if item[key_name] == path.key:
            seen += 1
            if seen == path.occurrence:
                return item
    return None


def _owner(data: dict, path: FieldPath) -> dict | None:
    """The object that holds the path's field: the record, evaluacion, or an item (None when the item is gone)."""
    if path.family is None:
        return data
    if path.family == EVALUACION:
        return data[EVALUACION]
    return find_item(data, path.item())


def _flag_reviewer_value(owner: dict, field: str, *, needs_review: bool) -> None:
    """The value is now a person's; the machine's boxes stay, so the page still shows where to look."""
    machine = owner["procedencia"].get(field) or {"regiones": []}
    owner["procedencia"][field] = {
        "regiones": machine["regiones"],
        "confianza": 1.0,
        "metodo": REVIEWER_METHOD,
        "revisar": needs_review,
        "corregido": True,
    }


def _standing(corrections: Sequence[Correction]) -> list[tuple[int, Correction]]:
    """The log, with positions, minus what later `discard` lines withdrew and minus the discards themselves."""
    standing: list[tuple[int, Correction]] = []
    for sequence, correction in enumerate(corrections, start=1):
        if correction.op == "discard":
            withdrawn = correction.target
            standing = [
                (s, c) for s, c in standing
                if not (c.target == withdrawn or (withdrawn.is_item and withdrawn.field is None and c.target.item() == withdrawn))
            ]
        else:
            standing.append((sequence, correction))
    return standing


_Step = tuple[bool, Conflict | None, dict | None]
"""What one correction did: applied or not, its conflict, and the object it touched."""


class _Replay:
    """One pass of a log over a record's JSON form, remembering which object each correction touched."""

    def __init__(self, record: Convenio):
        self.data = record.model_dump(mode="json")
        self.results: list[tuple[int, Correction, bool, Conflict | None, dict | None]] = []
        self.marks: dict[tuple[int, str], tuple[dict, Correction]] = {}

    def run(self, corrections: Iterable[tuple[int, Correction]]) -> None:
        handlers = {"set": self._set, "add": self._add, "delete": self._delete, "mark": self._mark}
        for sequence, correction in corrections:
            applied, conflict, touched = handlers[correction.op](correction)
            self.results.append((sequence, correction, applied, conflict, touched))

    @staticmethod
    def _missing(correction: Correction) -> _Step:
        conflict = Conflict(
            correction, "missing", None,
            f"{correction.path}: this extraction has no such item; the correction is kept but not applied",
        )
        return False, conflict, None

    def _set(self, correction: Correction) -> _Step:
        path = correction.target
        owner = _owner(self.data, path)
        if owner is None:
            return self._missing(correction)
        found = owner.get(path.field)
        conflict = None
        if found not in (correction.old, correction.new):
            conflict = Conflict(
                correction, "changed", found,
                f"{correction.path}: the extraction now reads {found!r} where you saw {correction.old!r}; "
                f"your {correction.new!r} is applied",
            )
        owner[path.field] = correction.new
        _flag_reviewer_value(owner, path.field, needs_review=conflict is not None)
        return True, conflict, owner

    def _add(self, correction: Correction) -> _Step:
        path = correction.target
        existing = find_item(self.data, path)
        if existing is None:
            item = {**correction.new, "procedencia": {}}
            for name, value in correction.new.items():
                if value is not None:
                    _flag_reviewer_value(item, name, needs_review=False)
            self._insert(path.family, item)
            return True, None, item
        found = _content(existing)
        differing = {name: value for name, value in correction.new.items() if found.get(name) != value}
        for name, value in differing.items():
            existing[name] = value
            _flag_reviewer_value(existing, name, needs_review=True)
        conflict = None
        if differing:
            conflict = Conflict(
                correction, "exists", found,
                f"{correction.path}: you added this item and the extraction now finds it too, with other "
                f"values for {', '.join(differing)}; yours are applied",
            )
        return True, conflict, existing

    def _insert(self, family: str, item: dict) -> None:
        items = self.data[family]
        position = len(items)
        if ITEM_KEYS[family] == "numero":  # document order follows the printed numbers
            position = next((i for i, other in enumerate(items) if other["numero"] > item["numero"]), len(items))
        items.insert(position, item)

    def _delete(self, correction: Correction) -> _Step:
        path = correction.target
        item = find_item(self.data, path)
        if item is None:
            return self._missing(correction)
        found = _content(item)
        conflict = None
        if found != correction.old:
            conflict = Conflict(
                correction, "changed", found,
                f"{correction.path}: the extraction now reads this item differently from when you deleted it; "
                "it is deleted as you asked",
            )
        items = self.data[path.family]
        del items[next(i for i, other in enumerate(items) if other is item)]
        return True, conflict, None

    def _mark(self, correction: Correction) -> _Step:
        path = correction.target
        item = find_item(self.data, path.item())
        if item is None:
            return self._missing(correction)
        if correction.new is None:
            self.marks.pop((id(item), path.field), None)
        else:
            self.marks[(id(item), path.field)] = (item, correction)
        return True, None, item

    def culprits(self, error: ValidationError) -> dict[int, Conflict]:
        """The applied corrections that touch the objects the schema refused, as `invalid` conflicts."""
        blamed: dict[int, Conflict] = {}
        for problem in error.errors():
            loc, message = problem["loc"], _message(problem)
            where, touches = self._refused_object(loc)
            for sequence, correction, applied, _, touched in self.results:
                if applied and correction.op != "mark" and touches(correction, touched):
                    blamed[sequence] = Conflict(correction, "invalid", None, f"{where}: {message}")
        if not blamed:  # cannot tell which correction broke the record: none of them stays
            for sequence, correction, applied, _, _ in self.results:
                if applied and correction.op != "mark":
                    blamed[sequence] = Conflict(correction, "invalid", None, f"the corrected record does not validate: {error}")
        return blamed

    def _refused_object(self, loc: tuple):
        family = loc[0]
        if family in ITEM_KEYS and len(loc) > 1 and isinstance(loc[1], int):
            item = self.data[family][loc[1]]
            where = path_of_item(self.data[family], loc[1], family)
            where = where.child(loc[2]) if len(loc) > 2 else where
            return str(where), lambda correction, touched: touched is item
        if family in ITEM_KEYS or family == EVALUACION:
            return ".".join(map(str, loc)), lambda correction, touched: correction.target.family == family
        return str(family), lambda correction, touched: correction.target == FieldPath(None, field=family)

    def outcomes(self, rejected: Mapping[int, Conflict]) -> list[Outcome]:
        positions = {id(item): (family, index) for family in ITEM_KEYS for index, item in enumerate(self.data[family])}
        outcomes = []
        for sequence, correction, applied, conflict, touched in self.results:
            family, index = positions.get(id(touched), (None, None))
            outcomes.append(Outcome(
                correction, sequence, applied, conflict,
                table=correction.target.family if correction.target.is_item else "convenios",
                orden=None if index is None else index + 1,
            ))
        for sequence, conflict in rejected.items():
            correction = conflict.correction
            table = correction.target.family if correction.target.is_item else "convenios"
            outcomes.append(Outcome(correction, sequence, False, conflict, table, None))
        return sorted(outcomes, key=lambda outcome: outcome.sequence)

    def standing_marks(self) -> dict[str, Correction]:
        marks = {}
        for family in ITEM_KEYS:
            for index, item in enumerate(self.data[family]):
                for (item_id, field), (_, correction) in self.marks.items():
                    if item_id == id(item):
                        marks[str(path_of_item(self.data[family], index, family).child(field))] = correction
        return marks


def apply_corrections(record: Convenio, corrections: Sequence[Correction]) -> Corrected:
    """The machine record with its log applied; conflicts are listed, never raised."""
    standing = _standing(corrections)
    rejected: dict[int, Conflict] = {}
    while True:
        replay = _Replay(record)
        replay.run((s, c) for s, c in standing if s not in rejected)
        try:
            corrected = Convenio.model_validate(replay.data)
        except ValidationError as error:
            # Each pass rejects at least one more correction, and the machine record alone is valid: this ends.
            rejected.update(replay.culprits(error))
            continue
        return Corrected(corrected, replay.outcomes(rejected), replay.standing_marks())


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now(dt.timezone.utc)


def _save(store: CorrectionStore, record: Convenio, new: list[Correction]) -> Corrected:
    """Append `new` to the record's log only if every one of them applies cleanly on top of it."""
    existing = store.read(record.documento.sha256)
    if not new:
        return apply_corrections(record, existing)
    result = apply_corrections(record, [*existing, *new])
    problems = [
        outcome.conflict.message
        for outcome in result.outcomes
        if outcome.sequence > len(existing) and outcome.conflict is not None
    ]
    if problems:
        raise CorrectionError("nothing saved: " + "; ".join(problems))
    store.append(record.documento.sha256, new)
    return result


def correct(
    store: CorrectionStore,
    record: Convenio,
    changes: Mapping[str, Any],
    *,
    reviewer: str,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> Corrected:
    """Save new values for fields of one machine record: all of them or, if one is refused, none.

    `changes` maps paths to values (text from a form is fine: '2019-08-31', '30', '' for null).
    A value equal to the current one is recorded too: a person checked it, and
    it leaves the review queue like any corrected value.
    """
    current = apply_corrections(record, store.read(record.documento.sha256)).record.model_dump(mode="json")
    new = []
    for text, value in changes.items():
        path = FieldPath.parse(text)
        _require_settable(path)
        owner = _owner(current, path)
        if owner is None:
            raise CorrectionError(f"{path.item()}: this record has no such item")
        old, value = owner.get(path.field), field_value(path, value)
        new.append(Correction(op="set", path=str(path), old=old, new=value, reviewer=reviewer, timestamp=_now(now), reason=reason))
    return _save(store, record, new)


def _current(store: CorrectionStore, record: Convenio) -> Corrected:
    return apply_corrections(record, store.read(record.documento.sha256))


def _existing_item(corrected: Corrected, path: FieldPath) -> dict:
    item = find_item(corrected.record.model_dump(mode="json"), path.item())
    if item is None:
        raise CorrectionError(f"{path.item()}: this record has no such item")
    return item


def add_item(
    store: CorrectionStore,
    record: Convenio,
    family: str,
    values: Mapping[str, Any],
    *,
    reviewer: str,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> Corrected:
    """Save an item the extraction missed, e.g. a hallazgo: `values` are its fields (numero, text, dates...)."""
    if family not in ITEM_KEYS:
        raise CorrectionError(f"cannot add to {family!r}: items live in {', '.join(ITEM_KEYS)}")
    item = item_value(family, values)
    path = FieldPath(family, item[ITEM_KEYS[family]])
    if find_item(_current(store, record).record.model_dump(mode="json"), path) is not None:
        raise CorrectionError(f"{path} already exists: correct its fields instead of adding it again")
    addition = Correction(op="add", path=str(path), new=item, reviewer=reviewer, timestamp=_now(now), reason=reason)
    return _save(store, record, [addition])


def delete_item(
    store: CorrectionStore,
    record: Convenio,
    path: str,
    *,
    reviewer: str,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> Corrected:
    """Save the removal of a spurious item, e.g. 'hallazgos[numero=7]'."""
    target = FieldPath.parse(path)
    _require_item("delete", target)
    old = _content(_existing_item(_current(store, record), target))
    deletion = Correction(op="delete", path=str(target), old=old, reviewer=reviewer, timestamp=_now(now), reason=reason)
    return _save(store, record, [deletion])


def mark(
    store: CorrectionStore,
    record: Convenio,
    path: str,
    value: Any,
    *,
    reviewer: str,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> Corrected:
    """Save a reviewer's note on an item that is not a field of the record (None withdraws it)."""
    target = FieldPath.parse(path)
    _require_mark(target)
    current = _current(store, record)
    _existing_item(current, target)
    standing = current.marks.get(str(target))
    note = Correction(
        op="mark", path=str(target), old=standing.new if standing else None, new=value,
        reviewer=reviewer, timestamp=_now(now), reason=reason,
    )
    return _save(store, record, [note])


def accept_machine_value(
    store: CorrectionStore,
    record: Convenio,
    conflict: Conflict,
    *,
    reviewer: str,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> Corrected:
    """Resolve a conflict for the extraction: the corrections of that path are withdrawn."""
    withdrawal = Correction(op="discard", path=conflict.correction.path, reviewer=reviewer, timestamp=_now(now), reason=reason)
    return _save(store, record, [withdrawal])


def keep_reviewer_value(
    store: CorrectionStore,
    record: Convenio,
    conflict: Conflict,
    *,
    reviewer: str,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> Corrected:
    """Resolve a conflict for the reviewer: the corrections are restated over what the extraction reads now."""
    correction, at = conflict.correction, _now(now)
    if conflict.kind in ("missing", "invalid"):
        raise CorrectionError(
            f"{correction.path}: cannot keep this correction ({conflict.message}); "
            "accept the extraction, or add the item again"
        )
    path = correction.target
    current = _current(store, record)
    restated: list[Correction] = [Correction(op="discard", path=correction.path, reviewer=reviewer, timestamp=at, reason=reason)]
    if correction.op == "set":
        reviewed = _owner(current.record.model_dump(mode="json"), path)[path.field]
        restated.append(Correction(op="set", path=correction.path, old=conflict.found, new=reviewed, reviewer=reviewer, timestamp=at, reason=reason))
    elif correction.op == "delete":
        restated.append(Correction(op="delete", path=correction.path, old=conflict.found, reviewer=reviewer, timestamp=at, reason=reason))
    else:  # an added item the extraction now finds: restate the reviewer's values field by field
        reviewed = _content(_existing_item(current, path))
        restated.extend(
            Correction(op="set", path=str(path.child(name)), old=conflict.found.get(name), new=value, reviewer=reviewer, timestamp=at, reason=reason)
            for name, value in reviewed.items()
            if conflict.found.get(name) != value
        )
    return _save(store, record, restated)


CORRECTIONS_SCHEMA = pa.schema([
    pa.field("sha256", pa.string(), nullable=False),
    pa.field("archivo", pa.string(), nullable=False),
    pa.field("secuencia", pa.int32(), nullable=False),
    pa.field("operacion", pa.string(), nullable=False),
    pa.field("campo", pa.string(), nullable=False),
    pa.field("tabla", pa.string(), nullable=False),
    pa.field("orden", pa.int32()),
    pa.field("valor_anterior", pa.string()),
    pa.field("valor_nuevo", pa.string()),
    pa.field("revisor", pa.string(), nullable=False),
    pa.field("fecha_hora", pa.timestamp("us", tz="UTC"), nullable=False),
    pa.field("motivo", pa.string()),
    pa.field("aplicada", pa.bool_(), nullable=False),
    pa.field("conflicto", pa.string()),
    pa.field("mensaje_conflicto", pa.string()),
])
"""OUT/correcciones.parquet: one row per standing correction; values are JSON text; (sha256, orden) joins the tables."""


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def correction_rows(record: Convenio, corrected: Corrected) -> list[dict]:
    """The rows of CORRECTIONS_SCHEMA for one document."""
    return [
        {
            "sha256": record.documento.sha256,
            "archivo": record.documento.archivo,
            "secuencia": outcome.sequence,
            "operacion": outcome.correction.op,
            "campo": str(outcome.correction.target),
            "tabla": outcome.table,
            "orden": outcome.orden,
            "valor_anterior": _json_text(outcome.correction.old),
            "valor_nuevo": _json_text(outcome.correction.new),
            "revisor": outcome.correction.reviewer,
            "fecha_hora": outcome.correction.timestamp,
            "motivo": outcome.correction.reason,
            "aplicada": outcome.applied,
            "conflicto": outcome.conflict.kind if outcome.conflict else None,
            "mensaje_conflicto": outcome.conflict.message if outcome.conflict else None,
        }
        for outcome in corrected.outcomes
    ]


@dataclass(frozen=True, slots=True)
class RunExport:
    """What `export_corrected` wrote."""

    documents: int
    rows: dict[str, int]
    """Rows per Parquet table, as `write_parquet` counts them."""
    corrections: int
    """Standing corrections over every document."""
    conflicts: list[tuple[str, Conflict]]
    """(archivo, conflict) for the reviewer to resolve."""


def export_corrected(
    records: Iterable[Convenio],
    out_dir: str | Path,
    pipeline_version: str,
    corrections_dir: str | Path | None = None,
) -> RunExport:
    """Machine records plus their corrections -> OUT/corrected/<sha256>.json, OUT/parquet, OUT/correcciones.parquet.

    The corrections default to OUT/corrections; a folder shared by several runs
    works too, since logs are filed by the PDF's sha256.  A corrected JSON whose
    record is no longer among `records` is removed, so the folder mirrors the run.
    """
    out_dir = Path(out_dir)
    corrected_dir = out_dir / "corrected"
    store = CorrectionStore(corrections_dir or out_dir / "corrections")
    exported: dict[str, Convenio] = {}
    rows, conflicts = [], []
    for machine in records:
        sha256 = machine.documento.sha256
        if sha256 in exported:  # the same PDF under two names: exported once
            continue
        corrected = apply_corrections(machine, store.read(sha256))
        write_json(corrected.record, corrected_dir / f"{sha256}.json")
        exported[sha256] = corrected.record
        rows.extend(correction_rows(machine, corrected))
        conflicts.extend((machine.documento.archivo, conflict) for conflict in corrected.conflicts)
    for stale in sorted(corrected_dir.glob("*.json")) if corrected_dir.is_dir() else []:
        if stale.stem not in exported:
            stale.unlink()
    counts = write_parquet(exported.values(), out_dir / "parquet", pipeline_version)
    write_table(rows, CORRECTIONS_SCHEMA, out_dir / "correcciones.parquet", pipeline_version)
    return RunExport(documents=len(exported), rows=counts, corrections=len(rows), conflicts=conflicts)
