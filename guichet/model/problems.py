"""Problems found in the catalogue, reported as ``file:line: field: message``.

Every message is in plain words and says how to fix the mistake; pydantic's
own wording ("Input should be a valid dictionary…") never reaches an editor.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
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


def yaml_node(node: yaml.Node | None, loc: tuple) -> tuple[int, yaml.Node | None]:
    """(0-based line, node) of the value at ``loc`` in a composed YAML tree:
    the line of its key in a mapping, of its item in a list; the node is
    None when ``loc`` leads outside what the editor wrote."""
    if node is None:
        return 0, None
    line = node.start_mark.line
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(key)), None)
            if pair is None:
                return line, None
            line = pair[0].start_mark.line
            node = pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line
        else:
            return line, None
    return line, node


def yaml_line(node: yaml.Node | None, loc: tuple, offset: int = 0) -> int:
    """The 1-based line of the value at ``loc`` in a composed YAML tree:
    the line of its key in a mapping, of its item in a list."""
    return yaml_node(node, loc)[0] + 1 + offset


DATE_EXAMPLE = "write it as YYYY-MM-DD, for example 2026-10-01"
ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
PLAIN_KEY = re.compile(r"^[^:\"'\n\r]{1,80}$")  # a name that can stand in 'file:line: field: message' (no colon or quote)


def _quoted(text: str, limit: int = 40) -> str:
    """A piece of what the editor typed, shortened, on one line, in quotes."""
    flat = " ".join(text.split())
    return "'" + (flat if len(flat) <= limit else flat[: limit - 1] + "…") + "'"


def explain_date(value) -> str:
    """Why ``value`` is not a date, and how to write one."""
    if isinstance(value, dt.datetime):
        return f"give the date only, without a time; {DATE_EXAMPLE}"
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(value).strip())
    if not match:
        return f"not a date; {DATE_EXAMPLE}"
    year, month, day = (int(g) for g in match.groups())
    if year < 1:
        return f"not a real date (there is no year 0); {DATE_EXAMPLE}"
    if not 1 <= month <= 12:
        return f"not a real date (there is no month {month}); {DATE_EXAMPLE}"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"not a real date ({calendar.month_name[month]} {year} has {days} days); {DATE_EXAMPLE}"
    return f"not a date; write the month and the day with two digits each, like {year:04d}-{month:02d}-{day:02d}"


def _what(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of 'name: value' lines"
    return "plain text"


_PLAIN = {
    "extra_forbidden": "unknown field; check its spelling or remove it (the editors' guide lists every field)",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "int_type": "must be a whole number, like 100",
    "int_parsing": "must be a whole number, like 100",
    "int_from_float": "must be a whole number, like 100",
    "float_type": "must be a number, like 10 or 2.5",
    "float_parsing": "must be a number, like 10 or 2.5",
    "dict_type": "must be a group of 'id: …' entries, each on its own line, indented under it",
    "url_parsing": "not a web address; write it like https://example.org/page",
    "url_scheme": "not a web address; write it like https://example.org/page",
    "url_type": "not a web address; write it like https://example.org/page",
    "url_syntax_violation": "not a web address; write it like https://example.org/page",
    "url_too_long": "the web address is too long",
    "string_unicode": "must be text",
}
_LIMITS = {
    "greater_than": ("gt", "must be more than {}"),
    "greater_than_equal": ("ge", "must be at least {}"),
    "less_than": ("lt", "must be less than {}"),
    "less_than_equal": ("le", "must be at most {}"),
    "too_short": ("min_length", "needs at least {} item(s)"),
    "too_long": ("max_length", "too many items; keep at most {}"),
    "string_too_short": ("min_length", "too short; write at least {} character(s)"),
    "string_too_long": ("max_length", "too long; keep it to {} characters"),
}


# A missing part of a form's privacy notice: what it is and how to write it.
_NOTICE = "required: the privacy notice above the form must say "
MISSING = {
    "privacy.purpose": _NOTICE + "why the City asks; add purpose: {en: We use your answers to …, fr: …}",
    "privacy.authority": _NOTICE + "the legal authority for the collection; add authority: {en: the Act and section or the by-law, like Animal Control By-law No. 2019-45, fr: …}",
    "privacy.who_sees": _NOTICE + "who reads the answers; add who_sees: {en: Only Animal Services staff., fr: …}",
    "privacy.retention": _NOTICE + "how long the answers are kept; add retention: {en: We keep your answers for 2 years after we close your request., fr: …}",
    "privacy.keep_days": "required: how many days Guichet keeps the answers (after keep_after), the number the retention words give; add keep_days: 730 for 2 years",
    "privacy": "required: every form needs a privacy notice; add privacy: with purpose, authority, who_sees, retention and keep_days (see the editors' guide, The privacy notice)",
}


def plain_message(err: dict, whole: str, written: str | None = None) -> str:
    """One pydantic error in plain words, with the fix. ``written`` is the
    value as the editor typed it (``yes``, not pydantic's ``True``)."""
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        return err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind == "missing":
        return "required; add it to the front matter" if whole == "(front matter)" else "required; add it"
    if value is None:
        return "empty; write its value after the ':' (or delete the line if the field is optional)"
    if kind.startswith(("date_", "datetime_")):
        return explain_date(value)
    if kind in ("model_type", "model_attributes_type"):
        if ctx.get("class_name") == "LocalText":
            return f"must give both languages, like {{en: …, fr: …}}, not {_what(value)}"
        if isinstance(value, list):
            return "must be a group of 'name: value' lines, not a list; remove the '- ' in front of them"
        return "must be a group of 'name: value' lines, indented under it"
    if kind == "list_type":
        return f"must be a list, not {_what(value)}; write one item per line starting with '- '"
    if kind == "string_type":
        if isinstance(value, (list, dict)):
            return f"must be text, not {_what(value)}"
        return f"must be text; put it in quotes, like \"{written if written is not None else value}\""
    if kind in ("enum", "literal_error"):
        return f"'{value}' is not one of the choices; use one of: {ctx.get('expected', '').replace(chr(39), '')}"
    if kind == "string_pattern_mismatch":
        return "use lower-case letters a-z, digits and _ only, starting with a letter, like dog_name"
    if kind in _LIMITS:
        key, template = _LIMITS[kind]
        return template.format(ctx.get(key, "the limit"))
    return _PLAIN.get(kind, f"this value does not fit here ({_what(value)}); see the editors' guide for what to write")


def field_name(loc: tuple, data) -> tuple[str, str | None]:
    """The field as an editor names it: form fields and choices by their id
    (``fields.breed.max_length``), other list items by their list alone
    (the line number points at the item); a union's member names dropped.
    With it, the first name on the way that the editor's file has as a key
    but no field could be called (``en:0 "Where…"``: a colon or quote out of
    place), if any: the path stops at its parent."""
    parts, current = [], data
    for i, part in enumerate(loc):
        if isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            named = next((current.get(k) for k in ("name", "value") if isinstance(current, dict) and isinstance(current.get(k), str) and ID.match(current.get(k))), None)
            if named:
                parts.append(named)
        elif isinstance(current, dict) and (part in current or i == len(loc) - 1):
            if not PLAIN_KEY.match(str(part)):
                return ".".join(parts), str(part) if part in current else None
            parts.append(str(part))
            current = current.get(part)
        else:
            break  # 'bool', 'list[…]': the member of a union pydantic tried
    return ".".join(parts), None


def from_validation_error(
    exc: ValidationError, path: Path | str, root: yaml.Node | None, offset: int = 0,
    data=None, whole: str = "(front matter)",
) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if p not in ("function-after", "[key]"))
        field, odd = field_name(loc, data) if data is not None else (".".join(str(p) for p in loc), None)
        line, node = yaml_node(root, loc)
        written = node.value if isinstance(node, yaml.ScalarNode) else None
        message = plain_message(err, whole, written)
        if err["type"] == "missing" and whole == "(form)" and field in MISSING:
            message = MISSING[field]
        name = field.rsplit(".", 1)[-1]
        message = message.removeprefix(f"field '{name}': ")
        if odd is not None:
            message = f"the name {_quoted(odd)} is not a field name (is a ':' or a quote out of place?): {message}"
        problems.append(Problem(str(path), line + 1 + offset, field or whole, message))
    return problems
