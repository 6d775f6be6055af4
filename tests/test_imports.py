"""The import rules of docs/design.md ("Rooms"): import-linter's contracts, and no import cycle.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``); this
suite runs ``lint-imports`` on them. Import-linter cannot say "no cycles",
so ``cycles()`` looks for them in grimp's graph (the library import-linter
reads imports with), among every module of ``guichet`` and ``forms_app``,
function-level and relative imports included.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path, *args: str, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(pythonpath or cwd))
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=300)
    print(result.stdout, result.stderr)
    return result


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every group of modules that import each other, directly or through others (Tarjan's SCCs)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:  # recursive: the graph is a few hundred modules deep at most
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in graph.modules:
                continue
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_the_import_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_import_cycle_in_guichet_or_forms_app():
    graph = grimp.build_graph("guichet", "forms_app", cache_dir=None)
    assert {"guichet.model.catalogue", "guichet.build.plugin", "forms_app.web", "forms_app.delivery.worker"} <= graph.modules
    assert cycles(graph) == []


def planted(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_a_planted_cycle_is_found(tmp_path, monkeypatch):
    planted(tmp_path, {
        "plant/__init__.py": "",
        "plant/a.py": "from . import b\n",
        "plant/b.py": "def f():\n    from .c import g  # a function-level import counts\n",
        "plant/c.py": "from .a import x\n",
        "plant/d.py": "from . import a\n",  # imports into the cycle, is not part of it
    })
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("plant", cache_dir=None)
    assert cycles(graph) == [["plant.a", "plant.b", "plant.c"]]


def test_a_planted_forbidden_import_breaks_a_contract(tmp_path):
    planted(tmp_path, {
        "plant/__init__.py": "",
        "plant/model.py": "import flask\n",
        "plant/web.py": "from . import model\n",
        "setup.cfg": """
            [importlinter]
            root_package = plant
            include_external_packages = True

            [importlinter:contract:model-pure]
            name = The model never imports Flask
            type = forbidden
            source_modules = plant.model
            forbidden_modules = flask

            [importlinter:contract:layers]
            name = web above model
            type = layers
            containers = plant
            layers =
                model
                web
        """,
    })
    result = lint_imports(tmp_path, str(tmp_path / "setup.cfg"))
    assert result.returncode == 1
    assert "The model never imports Flask BROKEN" in result.stdout
    assert "web above model BROKEN" in result.stdout
    assert "plant.model -> flask" in result.stdout
