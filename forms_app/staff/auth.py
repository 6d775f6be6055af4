"""(being written: sign-in with a one-time link; see forms_app/staff/__init__.py)"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("staff_auth", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
