"""The fixtures every suite uses, in the Flask tutorial's style (registered by ``tests/conftest.py``).

* ``make_app(**changes)`` – the forms app on :func:`tests.support.apps.app_config` (testing, the demo
  catalogue, a SQLite file in the test's ``tmp_path``) with the suite's ``app_settings`` and ``changes``
  on top; ``app`` is one such app, ``client`` its test client, ``runner`` its CLI runner.
* ``app_settings`` – what a suite's app changes (``{}`` here; a suite's conftest overrides it).
* ``store`` – a ``Store`` on SQLite and on PostgreSQL (``db_url``), with the injectable ``clock``.
* ``smtp`` – a real SMTP server on a free port that keeps what it receives.

Helpers that are not fixtures are plain modules in ``tests/support``; no test imports a conftest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.support.apps import BufferedClient, buffered_client, create_test_app, dispose
from tests.support.databases import DATABASES, Clock, database_url
from tests.support.smtp_server import SmtpServer


@pytest.fixture
def app_settings() -> dict[str, Any]:
    """The settings a suite's apps change from ``app_config`` (override in the suite's conftest)."""
    return {}


@pytest.fixture
def make_app(tmp_path, app_settings) -> Iterator[Callable[..., Any]]:
    """``make_app(**changes)``: a new app on this test's instance folder (several share its database)."""
    apps = []

    def make(**changes: Any):
        app = create_test_app(tmp_path, **{**app_settings, **changes})
        apps.append(app)
        return app

    yield make
    for app in apps:
        dispose(app)


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app) -> BufferedClient:
    return buffered_client(app)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=DATABASES)
def db_url(request, tmp_path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db_url, clock):
    from forms_app.store import Store, make_engine

    engine = make_engine(db_url)
    store = Store(engine, clock=clock)
    store.create_tables()
    yield store
    engine.dispose()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.close()
