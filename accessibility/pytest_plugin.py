"""Shared pytest fixtures: the browser, the built site and the live server.

Loaded by ``tests/conftest.py`` (``pytest_plugins = ["accessibility.pytest_plugin"]``),
so every suite (accessibility, page weight, JS-off journeys) gets:

* ``browser_type_launch_args`` – pytest-playwright's fixture, overridden to
  launch Debian's Chromium (when present) with flags that keep it off the
  network;
* ``built_site`` – ``guichet build --strict`` into a temp dir, once per
  session (a failing build fails the tests that use it);
* ``live_app`` / ``live_server`` – the forms app (serving the built site
  too) with the testing config and CSRF on, on 127.0.0.1 and a free port;
  ``live_server`` is its base URL without a trailing slash;
* ``a11y_config`` – ``accessibility.yml`` parsed;
* ``gate_variables`` – the staff session and seeded request of the gate's staff states.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from . import config as config_mod
from .browser import launch_options
from .server import LiveServer, build_site, create_live_app, staff_variables


# pytest-playwright 0.10 defines its fallback ``base_url`` fixture as a method of a
# plugin object; pytest 9 deprecates that with a warning which ``filterwarnings =
# error`` turns into an error for every test that uses ``page``. Not ours to fix:
# ignore exactly that warning until pytest-playwright moves the fixture.
PLAYWRIGHT_BASE_URL_WARNING = (
    "ignore:Session-scoped fixtures defined as instance methods are deprecated:pytest.PytestRemovedIn10Warning"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("filterwarnings", PLAYWRIGHT_BASE_URL_WARNING)


@pytest.fixture(scope="session")
def browser_type_launch_args(pytestconfig: pytest.Config, request: pytest.FixtureRequest) -> dict[str, Any]:
    options = launch_options(headless=not pytestconfig.getoption("--headed", default=False))
    slowmo = pytestconfig.getoption("--slowmo", default=0)
    if slowmo:
        options["slow_mo"] = slowmo
    param = getattr(request, "param", None)  # indirect parametrization, as pytest-playwright allows
    if isinstance(param, Mapping):
        options.update(param)
    return options


@pytest.fixture(scope="session")
def repo_root(pytestconfig: pytest.Config) -> Path:
    return Path(pytestconfig.rootpath)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    return build_site(tmp_path_factory.mktemp("site"), root=repo_root)


@pytest.fixture(scope="session")
def live_app(built_site: Path, tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Any:
    return create_live_app(built_site, tmp_path_factory.mktemp("instance"), root=repo_root)


@pytest.fixture(scope="session")
def gate_variables(live_app: Any, a11y_config: config_mod.Config) -> dict[str, str]:
    """The staff session and seeded request the gate's staff states use (``server.staff_variables``)."""
    return staff_variables(live_app, a11y_config.staff) if a11y_config.staff else {}


@pytest.fixture(scope="session")
def live_server(live_app: Any) -> Iterator[str]:
    with LiveServer(live_app) as server:
        yield server.url


@pytest.fixture(scope="session")
def a11y_config(repo_root: Path) -> config_mod.Config:
    return config_mod.load(repo_root / "accessibility.yml")
