"""(being written: flask staff, flask audit, flask digest)"""

from __future__ import annotations

from flask import Flask


def register_commands(app: Flask) -> None:
    pass
