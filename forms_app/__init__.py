"""The forms app: forms, search, status and feedback, in the site's look.

``create_app(test_config=None)`` is the factory (``flask --app forms_app run``).
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from . import config, config_checks
from .config_error import ConfigError

__all__ = ["create_app", "ConfigError"]


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(config.defaults())
    if test_config is None:
        app.config.from_prefixed_env("FORMS")
    else:
        app.config.from_mapping(test_config)
    _refuse_unsafe(app)
    _resolve_paths(app)
    app.extensions[config.EXTENSION] = config.validate(app.config)  # typed, read with config.settings_of(app)
    os.makedirs(app.instance_path, exist_ok=True)

    # Order matters: the catalogue and storage first, the pages last.
    from . import catalogue, delivery, feedback, insights, open311, privacy, search, staff, status, store, typeset, web

    for module in (catalogue, store, delivery, web, search, status, staff, privacy, open311, typeset, feedback, insights):
        module.init_app(app)
    return app


def _resolve_paths(app: Flask) -> None:
    """Relative paths are relative to the project root (the current folder); unset
    folders of the app's own files go in its instance folder."""
    for key in ("SITE_DIR", "CATALOGUE_DIR", "OVERRIDES_DIR"):
        app.config[key] = str(Path(app.config[key]).resolve())
    for key, folder in (("UPLOAD_DIR", "uploads"), ("MAIL_DIR", "mail")):
        if not app.config.get(key):
            app.config[key] = os.path.join(app.instance_path, folder)


def _refuse_unsafe(app: Flask) -> None:
    """Check every setting's type (``config.Settings``) and production's safety rules
    (``config_checks``): all problems at once."""
    found = config_checks.problems(app.config)
    if found:
        raise ConfigError("the forms app cannot start:\n" + "\n".join(f"- {line}" for line in found))
