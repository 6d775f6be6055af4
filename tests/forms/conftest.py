"""The forms suite's apps: the small catalogue whose one form has every field type (``tests/forms/catalogue``),
a stand-in built site, no CSRF, no rate limits (``tests/support/forms.py``). ``make_app``, ``app`` and
``client`` come from ``tests/fixtures.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.forms import form_settings

_loaded: dict = {}


@pytest.fixture
def app_settings(tmp_path) -> dict:
    return form_settings(tmp_path)


@pytest.fixture(autouse=True)
def load_catalogue_once(monkeypatch):
    """Parsing YAML is slow in pure Python: each catalogue folder is read once per test run."""
    import forms_app.catalogue as module
    from guichet.model.catalogue import load_catalogue

    def cached(root):
        key = str(Path(root).resolve())
        if key not in _loaded:
            _loaded[key] = load_catalogue(root)
        return _loaded[key]

    monkeypatch.setattr(module, "load_catalogue", cached)
