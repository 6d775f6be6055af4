"""Open311 GeoReport v2 (``/open311/v2/``): other systems read the catalogue and post requests.

* ``views.py``: the endpoints; ``formats.py``: JSON and XML with the specification's names;
* ``definitions.py``: services and their attributes, from each form's declaration;
* ``intake.py``: a posted request through the web form's checks and save (channel ``api``);
* ``cli.py``: ``flask apikey create|revoke|list``. Keys are stored hashed (``store/api_keys.py``).

docs/api.md describes it for the systems that use it.
"""

from __future__ import annotations

import hashlib

from flask import Flask, request

from ..config import settings_of
from ..protection import LIMITER


def init_app(app: Flask) -> None:
    from . import views
    from .cli import apikey_command

    app.extensions["csrf"].exempt(views.bp)  # key-authenticated, no cookies
    limiter = app.extensions[LIMITER]
    limiter.shared_limit(settings_of(app).OPEN311_RATE_LIMIT, scope="open311-key", key_func=key_of_request,
                         exempt_when=not_a_post)(views.bp)
    app.register_blueprint(views.bp)
    app.cli.add_command(apikey_command)


def not_a_post() -> bool:
    return request.method != "POST"


def key_of_request() -> str:
    """Count per API key: its hash (the limiter's storage holds no key)."""
    return "key:" + hashlib.sha256(request.form.get("api_key", "").encode()).hexdigest()
