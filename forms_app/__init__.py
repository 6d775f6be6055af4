"""The forms app: forms, search, status and feedback, in the site's look.

``create_app(test_config=None)`` is the factory (``flask --app forms_app run``).
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from . import config


class ConfigError(RuntimeError):
    """The app refuses to start with an unsafe or broken configuration."""


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(config.defaults())
    if test_config is None:
        app.config.from_prefixed_env("FORMS")
    else:
        app.config.from_mapping(test_config)
    _resolve_paths(app)
    _refuse_unsafe(app)
    os.makedirs(app.instance_path, exist_ok=True)

    # Order matters: the catalogue and storage first, the pages last.
    from . import catalogue, delivery, search, status, store, web

    for module in (catalogue, store, delivery, web, search, status):
        module.init_app(app)
    return app


def _resolve_paths(app: Flask) -> None:
    """Relative paths are relative to the project root (the current folder)."""
    for key in ("SITE_DIR", "CATALOGUE_DIR", "OVERRIDES_DIR"):
        app.config[key] = str(Path(app.config[key]).resolve())


def _refuse_unsafe(app: Flask) -> None:
    if app.config["ENV"] == "production" and app.config["SECRET_KEY"] in (config.INSECURE_SECRET, "", None):
        raise ConfigError(
            "FORMS_SECRET_KEY is not set. Production refuses to start with the development secret: "
            "set FORMS_SECRET_KEY to a long random value (python -c 'import secrets; print(secrets.token_urlsafe(32))')."
        )
    if app.config["ENV"] == "production" and not app.config.get("WTF_CSRF_ENABLED", True):
        raise ConfigError("FORMS_WTF_CSRF_ENABLED is off. Production refuses to start without CSRF protection on its forms.")
