"""Fixtures shared by every suite: the browser launch override and the built demo
site with a live server come from the accessibility package's pytest plugin."""

pytest_plugins = ["accessibility.pytest_plugin"]
