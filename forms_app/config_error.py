"""``ConfigError``: the app refuses to start with an unsafe or broken configuration.

Its own module, below every room, so a room (the catalogue, the forms, the
search) can raise it without importing the app factory that imports the room.
"""

from __future__ import annotations

import click


class ConfigError(click.ClickException, RuntimeError):
    """The app refuses to start with an unsafe or broken configuration.

    A ``ClickException``: ``flask run`` and every ``flask`` command print its
    message as ``Error: …`` and exit 1, without a traceback.
    """
