"""Fixtures for the catalogue platform: a temporary copy of the demo catalogue that tests may break
(the demo site itself is ``built_site``, built once per run by ``accessibility.pytest_plugin``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.apps import CATALOGUE


@pytest.fixture
def catalogue_copy(tmp_path) -> Path:
    """A writable copy of the demo catalogue."""
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, target)
    return target
