"""Status pages, so residents never have to phone to ask where a request is.

``views.py`` has the resident's page and the staff page, ``reply.py`` the
resident's answer to "waiting for you" (from their email's signed link), ``links.py`` the
signed staff links and when they stop working, ``text.py`` every word shown
(the delivery emails use the same labels, links and date format), ``cli.py``
the ``flask status`` commands (revoke, re-issue, reopen).

``links.py`` and ``text.py`` import no Flask: the delivery worker uses them
(``forms_app.delivery.messages``) without loading the pages (``views.py``,
a blueprint with a FlaskForm); the import contracts in ``pyproject.toml``
keep it so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .links import STAFF_SALT, make_staff_token, read_staff_link, read_staff_token
from .text import STATUS_LABELS, STRINGS, format_when, machine_time, status_label, t

if TYPE_CHECKING:
    from flask import Flask

__all__ = [
    "init_app", "STAFF_SALT", "make_staff_token", "read_staff_link", "read_staff_token",
    "STATUS_LABELS", "STRINGS", "format_when", "machine_time", "status_label", "t",
]


def init_app(app: Flask) -> None:
    from . import reply, views
    from .cli import status_command

    views.limit_lookups(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(reply.bp)
    app.cli.add_command(status_command)
