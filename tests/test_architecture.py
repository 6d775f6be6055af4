"""The design's 'never import' rules, checked on the source (docs/design.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imports(folder: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / folder).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


RULES = [
    ("guichet/model", ("flask", "mkdocs", "forms_app", "sqlalchemy")),
    ("guichet/search", ("flask", "mkdocs", "forms_app")),
    ("guichet/check", ("flask", "forms_app")),
    ("guichet", ("forms_app", "accessibility", "bench")),
    ("forms_app", ("guichet.build", "mkdocs", "accessibility", "bench", "playwright")),
    ("forms_app/store", ("flask_wtf", "wtforms", "jinja2")),
]


@pytest.mark.parametrize("folder, forbidden", RULES, ids=[r[0] for r in RULES])
def test_never_imports(folder, forbidden):
    bad = [f"{path} imports {name}" for path, names in imports(folder).items() for name in sorted(names)
           if any(name == f or name.startswith(f + ".") for f in forbidden)]
    assert not bad, bad
