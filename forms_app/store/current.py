"""The app's ``Store``: made by ``init_app``, read with ``get_store()`` in a request or a ``flask`` command.

Its own module, so the store's commands (``cli.py``) reach it without
importing the package that registers them.
"""

from __future__ import annotations

from datetime import date

from flask import current_app

from guichet.business_days import local_date

from ..config import settings_of
from .store import Store

EXTENSION = "guichet_store"


def get_store() -> Store:
    return current_app.extensions[EXTENSION]


def city_today() -> date:
    """Today in the city's ``TIMEZONE``, by the store's clock: the day feedback, funnels and tallies count on."""
    return local_date(get_store().clock(), settings_of(current_app).TIMEZONE)
