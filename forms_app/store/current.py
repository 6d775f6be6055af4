"""The app's ``Store``: made by ``init_app``, read with ``get_store()`` in a request or a ``flask`` command.

Its own module, so the store's commands (``cli.py``) reach it without
importing the package that registers them.
"""

from __future__ import annotations

from flask import current_app

from .store import Store

EXTENSION = "guichet_store"


def get_store() -> Store:
    return current_app.extensions[EXTENSION]
