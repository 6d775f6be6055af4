"""Editor-declared forms: built from ``services/<slug>.form.yml`` at start-up.

``init_app(app, limiter)`` builds a WTForms class per form and language,
rate-limits submissions per client and form, and registers the blueprint (its
CSRF-failure page, ``expired.py``, included).
"""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter

from guichet import LANGUAGES

from ..catalogue import catalogue_of
from . import expired, views  # noqa: F401  (expired: the blueprint's CSRF-failure page)
from .builder import SpecError, build_all

__all__ = ["init_app", "SpecError"]


def init_app(app: Flask, limiter: Limiter) -> None:
    app.extensions[views.FORM_CLASSES] = build_all(catalogue_of(app), LANGUAGES)
    limiter.limit(
        app.config["RATELIMIT_SUBMIT"],  # parsed once, not per request
        methods=["POST"],
        key_func=views.client_form_key,
    )(views.bp)
    app.register_blueprint(views.bp)
