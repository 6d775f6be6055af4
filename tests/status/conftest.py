"""The status suite's app: the demo catalogue, CSRF on, its own SQLite database, one per module
(starting one loads the catalogue and the search index); tests stay independent because each works
on its own new submission."""

from __future__ import annotations

import pytest

from tests.support.apps import create_test_app, dispose


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_test_app(tmp_path_factory.mktemp("status-app"))
    yield app
    dispose(app)
