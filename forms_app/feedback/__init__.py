"""Page feedback (#15): "Did you find what you needed?" on every page, answered at ``/feedback/``.

``init_app(app)`` registers the blueprint, exempts it from CSRFProtect (the
static pages that carry the form have no session: ``origin.py`` checks where
a POST came from instead) and rate-limits it per client
(``FEEDBACK_RATE_LIMIT``). See docs/feedback.md.
"""

from __future__ import annotations

from flask import Flask, request
from flask_limiter.util import get_remote_address

from ..config import settings_of
from ..protection import LIMITER
from . import views


def init_app(app: Flask) -> None:
    app.extensions["csrf"].exempt(views.bp)
    app.extensions[LIMITER].shared_limit(settings_of(app).FEEDBACK_RATE_LIMIT, scope="feedback", key_func=get_remote_address,
                                         exempt_when=lambda: request.method != "POST")(views.bp)
    app.register_blueprint(views.bp)
