"""Access and erasure requests, and each form's retention (Law 25, MFIPPA; docs/privacy.md, "Access, erasure and retention").

* ``cli.py``: ``flask privacy export REF [--out DIR]`` and ``flask privacy erase REF``;
* ``export.py``: everything held for a request as JSON, a bilingual text file and its files;
  ``emails.py`` rebuilds the emails sent from the worker's own builders;
* ``erase.py``: erasing one request now (the rows: ``store/privacy.py``);
* ``views.py``: the same for administrators in the staff workspace (``/staff/requests/<ref>/privacy``);
* ``mail.py``: the administrator's warning a week before ``flask purge`` erases open requests
  (Flask-free: the worker builds it).

``init_app`` also tells ``flask purge`` (``store/cli.py``) each form's ``privacy.keep_days`` and
``keep_after`` and the administrator's address (``store.retention.PLAN_EXTENSION``). Nothing here is
imported at module level but the standard library: the worker imports ``mail.py`` without Flask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    from ..store.retention import PLAN_EXTENSION
    from . import views
    from .cli import register_commands
    from .plan import retention_inputs

    app.register_blueprint(views.bp)
    register_commands(app)
    app.extensions[PLAN_EXTENSION] = lambda: retention_inputs(app)
