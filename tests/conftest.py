"""Fixtures shared by every suite: the browser launch override and the built demo
site with a live server come from the accessibility package's pytest plugin;
``resident_pages`` (every site page and app state, as served) is defined here."""

import os

import pytest
from hypothesis import settings

# Property tests explore new examples on every local run; CI (CI=true) replays a fixed set, so a
# landing never hangs on a first-time example. Anything they find locally becomes a plain test.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

pytest_plugins = ["accessibility.pytest_plugin", "tests.fixtures"]


@pytest.fixture(scope="session")
def resident_pages(built_site, tmp_path_factory, repo_root, a11y_config):
    """(app, pages): every site page and app state as served (``tests/html_pages.py``), rendered once per run."""
    from accessibility.server import create_live_app

    from . import html_pages
    from .support.apps import dispose

    instance = tmp_path_factory.mktemp("resident-pages")
    app = create_live_app(built_site, instance, root=repo_root, extra=html_pages.app_config(instance))
    client = app.test_client()
    pages = html_pages.site_pages(client, built_site) + html_pages.app_states(client, repo_root, a11y_config)
    yield app, pages
    dispose(app)
