"""Validate schedule.json and schedule.xml against the c3voc schemas (no tests here)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from lxml import etree

FORMATS = Path("/work/shared/formats/schedule")
if not FORMATS.exists():  # the repository's sibling checkout, wherever it lives
    FORMATS = Path(__file__).resolve().parents[4] / "shared" / "formats" / "schedule"


def validate_json(data: bytes) -> dict:
    schema = json.loads((FORMATS / "schema.json").read_text())
    document = json.loads(data)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    errors = sorted(validator_cls(schema).iter_errors(document), key=lambda e: e.path)
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors]
    return document


def validate_xml(data: bytes) -> etree._Element:
    schema = etree.XMLSchema(etree.parse(str(FORMATS / "schedule.xml.xsd")))
    root = etree.fromstring(data)
    assert schema.validate(root), schema.error_log
    return root
