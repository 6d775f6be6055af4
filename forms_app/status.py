"""Placeholder so the app factory imports; its owner replaces it."""


def init_app(app):
    return None
