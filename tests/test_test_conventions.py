"""The tests' own conventions (issue #12), checked so that they stay true:

* fixtures come from ``tests/fixtures.py`` (and a suite's conftest), never imported from a test module;
  helpers from plain modules (``tests/support``): no test imports a conftest, no suite builds its own app settings;
* pages are read with an HTML parser (``tests/support/html_tree.py``), never a regular expression over markup;
* no test waits for time to pass: a sleep only inside a poll with a deadline (a hang guard).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SOURCES = sorted(p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts)
# What a regular expression over markup looks like: a pattern that names a tag or an attribute's quoted value.
TAGS = ("html|head|body|title|meta|link|base|script|style|main|header|footer|nav|section|div|span|p|a|h[1-6]|ul|ol|li|"
        "form|fieldset|legend|label|input|select|option|textarea|button|strong|em|img|table|tr|td|th|br")
MARKUP_PATTERN = re.compile(rf"""</?(?:{TAGS})(?=[\s>/\\\[(])|\b(?:class|id|href|name|value|for|lang|role|src|action)=\\?["']""")
SETTINGS_BUILDERS = {"app_config", "config", "new_app", "make_app", "create_test_app"}
ROOT_FIXTURES = {"make_app", "app_settings", "runner", "store", "smtp", "clock", "db_url"}


def relative(path: Path) -> str:
    return str(path.relative_to(TESTS.parent))


def imported_modules(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.append("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


def regex_patterns(tree: ast.AST):
    """(line, pattern) of every string literal handed to the ``re`` module."""
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, (str, bytes))):
            pattern = node.args[0].value
            yield node.lineno, pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern


def parsed(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_no_test_imports_a_conftest():
    offenders = [f"{relative(p)} imports {m}" for p in SOURCES for m in imported_modules(parsed(p))
                 if m.rsplit(".", 1)[-1] == "conftest"]
    assert not offenders, "import helpers from tests/support (plain modules), not from a conftest:\n" + "\n".join(offenders)


def fixtures_of(path: Path) -> set[str]:
    """Names of the functions decorated as pytest fixtures in ``path``."""
    names = set()
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if isinstance(target, ast.Attribute) and target.attr == "fixture":
                    names.add(node.name)
    return names


def test_no_test_imports_a_fixture_from_another_test_module():
    """A fixture shared by two modules lives in a conftest (or tests/fixtures.py), where pytest finds it;
    imported from a test module it breaks the day that module changes (it did: 709a03e)."""
    offenders = []
    for path in SOURCES:
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and (node.module or "").startswith("test_"):
                source = path.parent / f"{node.module}.py"
                shared = {alias.name for alias in node.names} & fixtures_of(source) if source.exists() else set()
                offenders += [f"{relative(path)}:{node.lineno} imports the fixture {name} from {node.module}" for name in shared]
    assert not offenders, "\n".join(offenders)


def test_suites_take_the_app_and_the_shared_fixtures_from_the_root():
    """A suite's conftest states what its apps change (``app_settings``); it builds no settings of its own and
    does not redefine the root fixtures (``store``, ``smtp``, …), so there is one way to make each."""
    offenders = []
    for conftest in TESTS.glob("*/conftest.py"):
        for node in ast.walk(parsed(conftest)):
            if isinstance(node, ast.FunctionDef) and (node.name in SETTINGS_BUILDERS - {"make_app"}
                                                      or node.name in ROOT_FIXTURES - {"app_settings"}):
                offenders.append(f"{relative(conftest)}:{node.lineno} defines {node.name}")
    assert not offenders, "\n".join(offenders)


def test_no_regular_expression_over_markup():
    offenders = [f"{relative(p)}:{line}: {pattern!r}" for p in SOURCES if p != Path(__file__)
                 for line, pattern in regex_patterns(parsed(p)) if MARKUP_PATTERN.search(pattern)]
    assert not offenders, "read pages with tests/support/html_tree.py:\n" + "\n".join(offenders)


def test_no_test_sleeps_except_to_poll_with_a_deadline():
    offenders = []
    for path in SOURCES:
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines):
            waits = re.search(r"\bsleep\(|Event\(\)\.wait\(", line)
            if waits and not line.lstrip().startswith("#") and path != Path(__file__):
                before = "\n".join(lines[max(0, n - 12):n])
                if "Event().wait(" in line or "deadline" not in before:
                    offenders.append(f"{relative(path)}:{n + 1}: {line.strip()}")
    assert not offenders, ("wait for a condition (an event, a barrier, a poll with a deadline), not for time:\n"
                           + "\n".join(offenders))


@pytest.mark.parametrize(("source", "rule"), [
    ("from .conftest import x\n", test_no_test_imports_a_conftest),
    ("from ..store.conftest import x\n", test_no_test_imports_a_conftest),
    ("import re\nre.search(r'<h1>(.*)</h1>', page)\n", test_no_regular_expression_over_markup),
    ("import re\nre.findall(r'name=\"csrf_token\" value=\"([^\"]+)\"', page)\n", test_no_regular_expression_over_markup),
    ("import time\ntime.sleep(0.3)\n", test_no_test_sleeps_except_to_poll_with_a_deadline),
    ("import threading\nthreading.Event().wait(0.3)\n", test_no_test_sleeps_except_to_poll_with_a_deadline),
])
def test_each_rule_catches_a_planted_violation(monkeypatch, tmp_path, source, rule):
    planted = TESTS / "test_planted_violation_tmp.py"
    monkeypatch.setitem(globals(), "SOURCES", [*SOURCES, planted])
    real_read_text = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: source if self == planted else real_read_text(self, *a, **k))
    with pytest.raises(AssertionError):
        rule()


def test_a_suite_conftest_building_its_own_settings_is_caught(monkeypatch):
    planted = TESTS / "planted" / "conftest.py"
    real_glob, real_read_text = Path.glob, Path.read_text
    monkeypatch.setattr(Path, "glob", lambda self, pattern: [*real_glob(self, pattern), planted]
                        if pattern == "*/conftest.py" else real_glob(self, pattern))
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: "def app_config(tmp):\n    return {}\n"
                        if self == planted else real_read_text(self, *a, **k))
    with pytest.raises(AssertionError):
        test_suites_take_the_app_and_the_shared_fixtures_from_the_root()


def test_importing_a_fixture_from_a_test_module_is_caught(monkeypatch):
    importer, source = TESTS / "forms" / "test_planted_a.py", TESTS / "forms" / "test_planted_b.py"
    texts = {importer: "from .test_planted_b import smtp\n",
             source: "import pytest\n\n@pytest.fixture\ndef smtp():\n    return None\n"}
    monkeypatch.setitem(globals(), "SOURCES", [*SOURCES, importer])
    real_read_text, real_exists = Path.read_text, Path.exists
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: texts[self] if self in texts else real_read_text(self, *a, **k))
    monkeypatch.setattr(Path, "exists", lambda self: self in texts or real_exists(self))
    with pytest.raises(AssertionError):
        test_no_test_imports_a_fixture_from_another_test_module()
