"""The vendored HSDS 3.0 schemas (tests/hsds/schema/) as validators, strict like the specification's own check."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).parent / "schema"


def _strict(node):
    """additionalProperties: false on every object with properties (the spec's --set-additional-properties-false-everywhere)."""
    if isinstance(node, dict):
        node = {k: _strict(v) for k, v in node.items()}
        if "properties" in node and node.get("type") == "object":
            node.setdefault("additionalProperties", False)
        return node
    if isinstance(node, list):
        return [_strict(v) for v in node]
    return node


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        schema = _strict(json.loads(path.read_text(encoding="utf-8")))
        resources.append((path.name, Resource.from_contents(schema, default_specification=DRAFT202012)))
    # The organization view (the spec's schema/compiled/organization.json, 3.4 MB dereferenced): the
    # canonical organization plus its services, each a service.json.
    organization = json.loads((SCHEMA_DIR / "organization.json").read_text(encoding="utf-8"))
    organization["properties"]["services"] = {"name": "services", "type": "array", "items": {"$ref": "service.json"}}
    resources.append(("organization_view.json", Resource.from_contents(_strict(organization), default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator for ``organization``, ``organization_view`` (with its services) or ``service`` (formats checked: uuid, email, date-time, uri when installed)."""
    registry = _registry()
    schema = registry.contents(f"{name}.json")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator({"$ref": f"{name}.json"}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(name: str, value) -> list[str]:
    """Every schema error, as ``path: message`` (empty when the value is valid)."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(value)]
