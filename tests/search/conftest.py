"""Fixtures of the search tests: the demo catalogue, its index, one app for the tests that only read
(``make_app`` and ``app``, a fresh app with its own database, come from ``tests/fixtures.py``)."""

from __future__ import annotations

import shutil

import pytest

from guichet.model import load_catalogue
from guichet.search import SearchIndex, build_bytes

from tests.support.apps import CATALOGUE, buffered_client, create_test_app, dispose


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue(CATALOGUE)


@pytest.fixture(scope="session")
def index(catalogue):
    return SearchIndex.from_bytes(build_bytes(catalogue))


@pytest.fixture(scope="session")
def shared_app(tmp_path_factory):
    """One app for the tests that only read (starting an app takes a while)."""
    app = create_test_app(tmp_path_factory.mktemp("search-app"))
    yield app
    dispose(app)


@pytest.fixture
def client(shared_app):
    return buffered_client(shared_app)


@pytest.fixture
def mini_root(tmp_path):
    """An empty catalogue folder with the real taxonomy and synonyms."""
    root = tmp_path / "catalogue"
    root.mkdir()
    shutil.copy(CATALOGUE / "taxonomy.yml", root)
    shutil.copy(CATALOGUE / "synonyms.yml", root)
    return root
