"""The catalogue, loaded once at start-up from ``CATALOGUE_DIR``.

The app refuses to start when the catalogue has errors, listing each one
as ``file:line: field: message`` (the same report as the editors' check),
so a broken form is never served. ``get_catalogue()`` returns it during a
request.
"""

from __future__ import annotations

import logging

from flask import Flask, current_app

from guichet.model.catalogue import Catalogue, load_catalogue

from .config_error import ConfigError

EXTENSION = "guichet.catalogue"
log = logging.getLogger(__name__)


class CatalogueError(ConfigError):
    """The catalogue has errors; the message lists them all."""

    def __init__(self, root: str, problems: list):
        self.problems = problems
        listing = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"The catalogue in {root} has {len(problems)} error(s); fix them and start again:\n{listing}")


def init_app(app: Flask) -> None:
    root = app.config["CATALOGUE_DIR"]
    catalogue = load_catalogue(root)
    if catalogue.errors or catalogue.taxonomy is None:
        raise CatalogueError(root, catalogue.errors)
    for problem in catalogue.problems:
        log.warning("catalogue: %s", problem)
    app.extensions[EXTENSION] = catalogue


def catalogue_of(app: Flask) -> Catalogue:
    return app.extensions[EXTENSION]


def get_catalogue() -> Catalogue:
    return catalogue_of(current_app)
