"""(being written: see forms_app/staff/__init__.py)"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("staff_request_page", __name__)
