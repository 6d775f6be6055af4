"""A bare Flask app holding only the store, as ``flask purge`` and ``store.init_app`` see it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask


def bare_store_app(tmp_path: Path, **config: Any):
    """(app, its store): SQLite and ``uploads/`` in ``tmp_path/instance`` (the defaults); the caller disposes of the engine."""
    from forms_app import store as store_module

    app = Flask("guichet_test", instance_path=str(tmp_path / "instance"))
    app.config.update(DATABASE_URL=None, UPLOAD_DIR=None, **config)
    (tmp_path / "instance").mkdir()
    store_module.init_app(app)
    return app, app.extensions[store_module.EXTENSION]
