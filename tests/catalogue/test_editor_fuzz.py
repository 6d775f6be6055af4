"""Issue #11 item 13, by mutation: whatever an editor does to the demo pages
and forms, ``guichet check`` answers with ``file:line: field: message``
lines (the line inside the file) and never with a traceback.

The mutations are the ones editors make: a deleted line or closing ``---``,
a date that does not exist, a list where a mapping belongs and the reverse,
a file cut short, pasted bytes (invalid UTF-8 included), tabs, any unicode,
a key written twice, a value of the wrong type, a shifted indentation.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guichet.cli import main

from .copies import PROJECT

SERVICES = ("dog-licence", "report-pothole", "noise-complaint", "animal-shelter-adoption")
TARGETS = (
    "services/dog-licence.md", "services/dog-licence.fr.md", "services/dog-licence.form.yml",
    "services/report-pothole.md", "services/report-pothole.form.yml", "services/noise-complaint.fr.md",
    "services/noise-complaint.form.yml", "taxonomy.yml", "synonyms.yml",
)
BAD_VALUES = (
    "2026-13-45", "2026-02-30", "2026-00-10", "0000-01-01", "2026-1-5", "2026-10-01 10:00:00", "2026-10-01T25:00:00",
    "!!timestamp soon", "!!int x", "!!float ''", "!!bool maybe", "!!binary x", "!python/object:os.system ls",
    "[a, b]", "{a: 1}", "[", "{", "]", "'unclosed", '"unclosed', '"C:\\path"', "- item", "&anchor", "*alias", "@at",
    "`tick`", "%pct", "|x", ">", "", "~", "null", "yes", "12", "-1", "1e999", "9" * 5000, "a: b", "? x", "<<: *x",
    "---", "...", "[[[[", "{a: [1, {b: 2}]}", "\t", "é", "\x00", "\ufeff",
)
PROBLEM = re.compile(r"^(?P<file>catalogue/[^:]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")
RAW_WORDING = re.compile(
    r"Input should|Field required|Value error|valid dictionary|while (?:scanning|parsing)|could not find expected"
    r"|did not find expected|<unicode string>|Traceback|object has no attribute"
)
# A list position (``fields.6``), not an id that starts with a digit (``fields.2026-13-45``, a mistyped name).
INDEXED = re.compile(r"\b(?:fields|choices|fees|amounts|keywords|audiences|related|eligibility|what_you_need)\.\d+(?:\.|$)")


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """A small copy of the demo catalogue, and every file's original bytes."""
    root = tmp_path_factory.mktemp("fuzz") / "catalogue"
    (root / "services").mkdir(parents=True)
    for name in ("taxonomy.yml", "synonyms.yml"):
        shutil.copy(PROJECT / "catalogue" / name, root / name)
    for slug in SERVICES:
        for path in (PROJECT / "catalogue" / "services").glob(f"{slug}.*"):
            shutil.copy(path, root / "services" / path.name)
    return root, {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _value_line(lines: list[bytes], i: int) -> int:
    """The i-th line (wrapping) that holds 'key: value', else line i."""
    keyed = [n for n, line in enumerate(lines) if re.match(rb"^\s*-?\s*[\w-]+:", line)]
    return keyed[i % len(keyed)] if keyed else i % len(lines)


def mutate(data: bytes, op: tuple) -> bytes:
    kind, n, extra = op
    lines = _lines(data)
    at = n % (len(lines) or 1)
    if kind == "delete_line":
        del lines[at]
    elif kind == "delete_closing":
        dashes = [i for i, line in enumerate(lines) if line.strip() == b"---"]
        if dashes:
            del lines[dashes[-1]]
    elif kind == "bad_value":
        at = _value_line(lines, n)
        key = re.match(rb"^(\s*-?\s*[\w-]+:)", lines[at])
        lines[at] = (key.group(1) if key else b"") + b" " + BAD_VALUES[extra % len(BAD_VALUES)].encode()
    elif kind == "to_list":
        at = _value_line(lines, n)
        lines[at] = re.sub(rb"^(\s*)", rb"\1- ", lines[at], count=1)
    elif kind == "from_list":
        items = [i for i, line in enumerate(lines) if re.match(rb"^\s*- ", line)] or [at]
        lines[items[n % len(items)]] = re.sub(rb"^(\s*)- ", rb"\1", lines[items[n % len(items)]], count=1)
    elif kind == "tab":
        lines[at] = b"\t" + lines[at].lstrip(b" ")
    elif kind == "duplicate":
        at = _value_line(lines, n)
        lines.insert(at + 1 + extra % 3, lines[at])
    elif kind == "indent":
        lines[at] = b" " * (extra % 5) + lines[at].lstrip(b" ")
    elif kind == "truncate":
        return data[: n % (len(data) + 1)]
    elif kind == "bytes":
        pos = n % (len(data) + 1)
        return data[:pos] + extra + data[pos:]
    elif kind == "text":
        pos = n % (len(data) + 1)
        return data[:pos] + extra.encode("utf-8", "surrogatepass") + data[pos:]
    return b"\n".join(lines)


_n = st.integers(0, 10_000)
OPERATIONS = st.one_of(  # one branch each, so pasted bytes and text are 2 draws in 11
    *(st.tuples(st.just(kind), _n, _n) for kind in (
        "delete_line", "delete_closing", "bad_value", "to_list", "from_list", "tab", "duplicate", "indent", "truncate")),
    st.tuples(st.just("bytes"), _n, st.binary(min_size=1, max_size=6)),
    st.tuples(st.just("text"), _n, st.text(min_size=1, max_size=8)),
)
EDITS = st.lists(st.tuples(st.sampled_from(TARGETS), OPERATIONS), min_size=1, max_size=3)


def assert_clean_report(root: Path, result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    for line in result.stdout.splitlines():
        match = PROBLEM.match(line)
        assert match, f"not file:line: field: message: {line!r}"
        path = root.parent / match["file"]
        assert path.is_file(), line
        length = path.read_bytes().count(b"\n") + 1
        assert 1 <= int(match["line"]) <= length, f"line outside the file ({length} lines): {line!r}"
        assert not RAW_WORDING.search(line), line
        assert not INDEXED.search(match["field"]), line


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=EDITS)
def test_any_edit_gets_a_clean_report_and_no_traceback(originals, edits):
    root, files = originals
    for name, data in files.items():
        (root / name).write_bytes(data)
    for name, op in edits:
        path = root / name
        path.write_bytes(mutate(path.read_bytes(), op))
    result = CliRunner().invoke(main, ["check", "--catalogue", str(root), "--today", "2026-11-22"])
    assert_clean_report(root, result)
