"""The pages the bandwidth suites weigh (the recorder and budgets are in ``weigh.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .weigh import SERVICE, first_topic


@pytest.fixture(scope="session")
def representative_pages(built_site: Path) -> dict[str, str]:
    return {
        "home": "/",
        "a-z": "/a-z/",
        "topic": first_topic(built_site),
        "service": f"/services/{SERVICE}/",
        "form": f"/forms/{SERVICE}/",
    }
