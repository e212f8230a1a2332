"""Generate the JSON Schema of the record from the Pydantic models.

`python -m schemas.jsonschema` rewrites `schemas/convenio.schema.json`; a
test fails when the checked-in file and the models disagree.
"""

from __future__ import annotations

import json
from pathlib import Path

from schemas.convenio import Convenio

SCHEMA_PATH = Path(__file__).with_name("convenio.schema.json")


def convenio_json_schema() -> str:
    """The record's JSON Schema, as the text we check in."""
    return json.dumps(Convenio.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(convenio_json_schema(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
