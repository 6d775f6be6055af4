"""The feedback suite's apps: the forms suite's (its small catalogue, a stand-in site, no CSRF, no rate
limits unless a test turns them on). ``make_app``, ``app`` and ``client`` come from ``tests/fixtures.py``."""

from __future__ import annotations

import pytest

from tests.support.forms import form_settings


@pytest.fixture
def app_settings(tmp_path) -> dict:
    return form_settings(tmp_path)
