"""Fixtures of the accessibility suite (the shared ones come from accessibility.pytest_plugin)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from accessibility.server import reset_rate_limits


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tests that use the live app start and end with clean rate-limit counts (other suites post forms too)."""
    app = request.getfixturevalue("live_app") if "live_server" in request.fixturenames else None
    if app is not None:
        reset_rate_limits(app)
    yield
    if app is not None:
        reset_rate_limits(app)


@pytest.fixture
def phone_page(browser, live_server):
    """A page 375 CSS px wide (a phone), in its own context."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def dog_licence_answers(a11y_config) -> dict[str, str]:
    """The valid answers the gate's confirmation state uses (accessibility.yml), one source for both."""
    for state in a11y_config.urls:
        for action in state.actions:
            if action["action"] == "fill-and-submit" and state.url == "/forms/dog-licence/":
                return {str(k): str(v) for k, v in action["values"].items()}
    raise LookupError("accessibility.yml has no fill-and-submit state for /forms/dog-licence/")
