"""The contract models: meaning checked at validation, JSON Schema kept current."""

import datetime as dt

import pytest
from pydantic import ValidationError

from schemas import Convenio, Documento, Hallazgo, Parte
from schemas.jsonschema import SCHEMA_PATH, convenio_json_schema

SHA = "a" * 64


def test_checked_in_json_schema_matches_the_models():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == convenio_json_schema(), (
        "schemas/convenio.schema.json is stale: run `python -m schemas.jsonschema`"
    )


def test_month_precision_date_must_be_the_last_day_of_the_month():
    Hallazgo(numero=1, fecha_comprometida=dt.date(2019, 7, 31), precision_fecha="mes")
    with pytest.raises(ValidationError, match="last day"):
        Hallazgo(numero=1, fecha_comprometida=dt.date(2019, 7, 15), precision_fecha="mes")


def test_a_date_needs_its_precision_and_a_precision_needs_its_date():
    with pytest.raises(ValidationError):
        Hallazgo(numero=1, fecha_comprometida=dt.date(2019, 7, 15))
    with pytest.raises(ValidationError):
        Hallazgo(numero=1, precision_fecha="dia")


def test_unknown_keys_are_refused():
    with pytest.raises(ValidationError, match="extra"):
        Parte(rol="LA SECRETARÍA", alias="x")


def test_parties_must_have_distinct_aliases():
    documento = Documento(archivo="x.pdf", sha256=SHA, paginas=1, origen="digital")
    with pytest.raises(ValidationError, match="share the alias"):
        Convenio(pipeline_version="0", documento=documento, partes=[Parte(rol="LA UIPPE"), Parte(rol="LA UIPPE")])


def test_json_round_trip_keeps_contract_keys_and_iso_dates():
    documento = Documento(archivo="x.pdf", sha256=SHA, paginas=9, origen="escaneado")
    record = Convenio(
        pipeline_version="0",
        documento=documento,
        fecha_firma=dt.date(2019, 6, 3),
        hallazgos=[Hallazgo(numero=1, hallazgo="Texto", fecha_comprometida=dt.date(2019, 9, 30), precision_fecha="mes")],
    )
    data = record.model_dump(mode="json")
    for key in ("schema_version", "documento", "titulo", "fecha_firma", "lugar_firma", "evaluacion", "partes",
                "hallazgos", "recomendaciones", "responsables", "prorroga_max_dias"):
        assert key in data
    assert data["fecha_firma"] == "2019-06-03"
    assert data["hallazgos"][0]["fecha_comprometida"] == "2019-09-30"
    assert Convenio.model_validate_json(record.model_dump_json()) == record
