"""(being written: see forms_app/staff/__init__.py)"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("staff_queue", __name__)
