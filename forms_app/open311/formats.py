"""Open311's two formats: JSON, and XML with the specification's element names.

A reply is a plain value (dicts, lists, strings, numbers, booleans, None). In XML a list
takes its element's name and each item the singular ``ITEMS`` names (``services`` →
``service``); booleans are ``true``/``false``; xml.etree escapes every text.
"""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from flask import Response

ITEMS = {"services": "service", "attributes": "attribute", "values": "value", "endpoints": "endpoint",
         "formats": "format", "service_requests": "request", "errors": "error"}
TYPES = {"json": "application/json", "xml": "text/xml"}


def _fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ET.SubElement(element, key), item)
    elif isinstance(value, list):
        for item in value:
            _fill(ET.SubElement(element, ITEMS[element.tag]), item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def to_xml(root: str, value) -> bytes:
    element = ET.Element(root)
    _fill(element, value)
    # The specification asks for this declaration exactly (UTF-8, double quotes).
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(element, encoding="unicode").encode("utf-8")


def reply(fmt: str, root: str, value, status: int = 200) -> Response:
    """``value`` as JSON, or as XML under ``<root>``."""
    body = to_xml(root, value) if fmt == "xml" else json.dumps(value, ensure_ascii=False)
    response = Response(body, status, content_type=f"{TYPES[fmt]}; charset=utf-8")
    response.headers["Cache-Control"] = "no-store"
    return response


class Open311Error(Exception):
    """Answered as the specification's error list (``<errors><error><code/><description/>``)."""

    def __init__(self, code: int, *descriptions: str):
        super().__init__("; ".join(descriptions))
        self.code = code
        self.descriptions = descriptions


def error_reply(fmt: str, code: int, *descriptions: str) -> Response:
    return reply(fmt, "errors", [{"code": code, "description": d} for d in descriptions], code)
