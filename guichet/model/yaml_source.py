"""Read an editor's YAML without ever raising: every mistake becomes a Problem.

Editors write the front matter of the pages and the ``.form.yml`` files by
hand, so any text may arrive here: a date that does not exist, a tab, an
unclosed quote, a file saved in another encoding. Each is reported as
``file:line: field: message`` in plain words, on the line the editor has to
change (PyYAML often notices a mistake one or more lines later: an
unclosed quote at the end of the file, a missing ``:`` on the next line).

Line numbers count ``\\n`` like every editor and ``grep`` do; the few
characters YAML also reads as a line break (a lone carriage return,
U+0085, U+2028, U+2029) are refused, so the two counts never differ.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .problems import Problem

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~6× faster
BOM = b"\xef\xbb\xbf"
ODD_BREAK = re.compile(r"\r(?!\n)|[\x85\u2028\u2029]")
BREAK_NAMES = {
    "\r": "a lone carriage return (an old Mac line ending)",
    "\x85": "an invisible 'next line' character (U+0085)",
    "\u2028": "an invisible line separator (U+2028)",
    "\u2029": "an invisible paragraph separator (U+2029)",
}
KEY_LINE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*:")
# The errors PyYAML's constructors raise on a value they cannot convert
# (``!!int abc``, ``!!bool maybe``, ``!!float ''``, ``!!timestamp soon``).
_BAD_VALUE = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)


class Loader(_Base):
    """Safe loading; a value no constructor can convert is a located error."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except _BAD_VALUE as exc:
            raise ConstructorError(None, None, f"bad value for {node.tag}", node.start_mark) from exc


def _timestamp(loader: Loader, node: yaml.Node):
    """A date-looking value that is no real date (2026-13-45, 2026-02-30)
    stays text, so the schema can say what is wrong with it on its field."""
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError):
        return loader.construct_scalar(node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def decode(raw: bytes, shown: str) -> tuple[str | None, Problem | None]:
    """The file's text (without a byte-order mark), or why it cannot be read."""
    body = raw[len(BOM):] if raw.startswith(BOM) else raw
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        return None, Problem(shown, line, "(file)", (
            f"the file is not saved as UTF-8 (byte 0x{body[exc.start]:02X} on this line cannot be read); "
            "save it again choosing the UTF-8 encoding in your editor"))


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The text of an editor's file; a missing or unreadable file is a Problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(shown, 1, "(file)", "missing; create it (see the editors' guide)"))
        return None
    except OSError as exc:
        problems.append(Problem(shown, 1, "(file)", f"cannot be read ({exc.strerror}); check the file's permissions"))
        return None
    text, problem = decode(raw, shown)
    if problem is not None:
        problems.append(problem)
    return text


def line_at(text: str, index: int) -> int:
    """The 1-based line of character ``index``; the end of the text counts
    as its last written line (where the editor left something unfinished)."""
    index = min(index, len(text))
    if not text[index:].strip():
        index = max(len(text.rstrip()) - 1, 0)
    return text.count("\n", 0, index) + 1


def _item_name(node: yaml.Node) -> str | None:
    """A list item's id: the ``name`` of a form field, the ``value`` of a choice."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in ("name", "value") and isinstance(value, yaml.ScalarNode):
                return value.value
    return None


def duplicate_keys(node: yaml.Node | None) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """Keys written twice in one mapping: (dotted key, first, second). YAML
    keeps the last one silently, so the editor's first value would vanish."""
    found, stack, seen = [], [(node, ())] if node is not None else [], set()
    while stack:
        current, path = stack.pop()
        if id(current) in seen:  # an alias repeats a node
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            first: dict[str, yaml.Node] = {}
            for key, value in current.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                if name is not None and name != "<<":
                    if name in first:
                        found.append((".".join((*path, name)), first[name], key))
                    first.setdefault(name, key)
                stack.extend(((key, path), (value, (*path, name) if name is not None else path)))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, (*path, _item_name(item)) if _item_name(item) else path) for item in current.value)
    return found


def _choose(exc: yaml.MarkedYAMLError, text: str) -> tuple[yaml.Mark | None, str]:
    """The mark on the editor's line, and what to tell them."""
    problem, context = exc.problem or "", exc.context or ""
    here, opened = exc.problem_mark, exc.context_mark or exc.problem_mark
    char = text[here.index] if here is not None and here.index < len(text) else ""
    if "escape" in problem or "hexdecimal" in problem or "hexadecimal" in problem:
        return here, ("a backslash (\\) inside double quotes starts a special code; "
                      "use single quotes instead, or write \\\\ for one backslash")
    if "quoted scalar" in context:
        return opened, _UNCLOSED
    if "simple key" in context:
        return opened, ("this line has no ': ' after a field name; write 'field: value', "
                        "or indent it under the field it continues")
    if "tab" in problem or char == "\t":
        return here, "this line is indented with a tab; indent with spaces only"
    if "cannot start any token" in problem:
        return here, f"a value cannot start with {char!r}; put the whole value in quotes"
    if "mapping values are not allowed" in problem or "found unexpected ':'" in problem:
        return here, ("YAML reads ': ' here as the start of another field; put the value in quotes "
                      "if it contains ': ', or check the line's indentation")
    if "block sequence entries are not allowed" in problem:
        return here, "a list cannot start on the same line as its field; put each '- ' item on its own line, indented"
    if "flow sequence" in context:
        return opened, "the '[' on this line is not closed; end the list with ']' and separate the items with commas"
    if "flow mapping" in context:
        return opened, "the '{' on this line is not closed; end it with '}' and separate the parts with commas"
    if "block collection" in context:
        return here, "this line breaks the list above; start each item with '- ', lined up with the other items"
    if "block mapping" in context:
        return here, "this line is not lined up with the fields around it; check its indentation and look for stray characters"
    if "alias" in problem or "alias" in context or "anchor" in context:
        return here, "'&' and '*' at the start of a value have a special meaning in YAML; put the value in quotes"
    if "unhashable" in problem:
        return here, "a field name cannot be a list or a group; write 'name: value'"
    if "bad value for" in problem:
        return here, "YAML cannot read this value as written; put it in quotes (and remove any '!!' before it)"
    if "tag" in problem or "tag" in context:
        return here, "a value starting with '!' is a YAML tag; remove the tag or put the value in quotes"
    if "directive" in context:
        return here, "a line cannot start with '%'; put the value in quotes"
    if "document" in problem or "document" in context:
        return here, "a line with only '---' or '...' ends the YAML here; remove it, or put the text in quotes"
    if "block scalar" in context:
        return here, "after '|' or '>' write the text on the next lines, indented; nothing else goes on the line of '|' or '>'"
    if "node content" in problem:
        return here, "a value is missing or cut off here; finish it, or put it in quotes"
    return here, ("YAML cannot read this line; check its indentation, the ': ' after the field name, "
                  "and that every quote and bracket is closed")


_UNCLOSED = "the quote opened on this line is never closed; add the closing quote at the end of the text"
QUOTE_OPENS = re.compile(r"""^\s*(?:-\s+)*(?:[A-Za-z_][\w-]*:\s+)?(["'])(.*)$""")


def _unclosed_quote(text: str, before: int) -> int | None:
    """The first line before ``before`` whose value opens a quote it does
    not close: YAML lets a quoted value run on over lines, so the error it
    reports comes later, wherever the next quote happens to be."""
    for number, line in enumerate(text.split("\n")[: before - 1], start=1):
        match = QUOTE_OPENS.match(line)
        if not match:
            continue
        quote, rest = match.groups()
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else "'" in rest.replace("''", "")
        if not closed:
            return number
    return None


def _field_on(text: str, line: int, whole: str) -> str:
    lines = text.split("\n")
    match = KEY_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    return match.group(1) if match else whole


def yaml_problem(exc: yaml.YAMLError, text: str, shown: str, first_line: int = 1, whole: str = "(yaml)") -> Problem:
    """One plain-words Problem for a PyYAML error, on the editor's line."""
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        line = line_at(text, exc.position)
        return Problem(shown, line + first_line - 1, _field_on(text, line, whole), (
            f"contains an invisible control character (U+{ord(char):04X}) that YAML does not allow; "
            "delete it (retype the line if you cannot see it)"))
    if isinstance(exc, yaml.MarkedYAMLError):
        mark, message = _choose(exc, text)
        line = line_at(text, mark.index) if mark is not None else 1
        opened = _unclosed_quote(text, line)
        if opened:  # the quote ran on over the next lines until YAML stumbled
            line, message = opened, _UNCLOSED
        return Problem(shown, line + first_line - 1, _field_on(text, line, whole), message)
    return Problem(shown, first_line, whole, "YAML cannot read this file; check its indentation, quotes and brackets")


def parse(text: str, shown: str, first_line: int = 1, whole: str = "(yaml)"):
    """Parse once: (data, node, problems). ``first_line`` is the file's line
    of the text's first line; ``node`` keeps every value's line number."""
    odd = ODD_BREAK.search(text)
    if odd:
        line = text.count("\n", 0, odd.start()) + 1
        return None, None, [Problem(shown, line + first_line - 1, _field_on(text, line, whole), (
            f"contains {BREAK_NAMES[odd.group()]} that YAML reads as a new line; "
            "delete it, and save the file with ordinary line endings"))]
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        return None, None, [yaml_problem(exc, text, shown, first_line, whole)]
    finally:
        loader.dispose()
    problems = [
        Problem(shown, second.start_mark.line + first_line, key,
                f"written twice (first on line {first.start_mark.line + first_line}); keep one and delete the other")
        for key, first, second in duplicate_keys(node)
    ]
    return data, node, problems
