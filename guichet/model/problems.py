"""Problems found in the catalogue, reported as ``file:line: field: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        label = "" if self.severity == "error" else "warning: "
        return f"{where}: {self.field}: {label}{self.message}"


def yaml_line(node: yaml.Node | None, loc: tuple, offset: int = 0) -> int:
    """The 1-based line of the value at ``loc`` in a composed YAML tree."""
    if node is None:
        return 1 + offset
    line = node.start_mark.line
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
            key_node = next((k for k, v in node.value if k.value == key), None)
            if match is None:
                break
            line = key_node.start_mark.line
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line
        else:
            break
    return line + 1 + offset


_HOW = {
    "missing": "required; add it to the front matter",
    "extra_forbidden": "unknown field; check its spelling or remove it (the editors' guide lists every field)",
    "date_from_datetime_parsing": "not a date; write it as YYYY-MM-DD",
    "date_parsing": "not a date; write it as YYYY-MM-DD",
    "date_type": "not a date; write it as YYYY-MM-DD",
    "list_type": "must be a list; write one item per line starting with '- '",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "too_long": "too many items",
    "too_short": "must not be empty",
    "string_too_long": "too long",
    "url_parsing": "not a web address; write it like https://example.org/page",
}


def from_validation_error(
    exc: ValidationError, path: Path | str, root: yaml.Node | None, offset: int = 0
) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if p not in ("function-after",))
        field = ".".join(str(p) for p in loc) or "(front matter)"
        kind = err["type"]
        if kind in ("value_error", "assertion_error"):
            message = err["msg"].removeprefix("Value error, ")
        elif kind == "string_too_long":
            limit = (err.get("ctx") or {}).get("max_length")
            message = f"too long; keep it to {limit} characters"
        else:
            message = _HOW.get(kind, err["msg"])
        problems.append(Problem(str(path), yaml_line(root, loc, offset), field, message))
    return problems
