"""Files: ``/assets/…`` always, and the built static site at ``/`` when ``SERVE_SITE`` is on.

The site build's pre-compressed ``.br``/``.gz`` copies are sent to browsers
that take them (fewer bytes on slow phones); ``/x`` of a folder redirects to
``/x/``; dotfiles and paths outside the folders are never served.
"""

from __future__ import annotations

import os

from flask import Flask, abort, current_app, redirect, request, send_file
from werkzeug.security import safe_join

from guichet import DEFAULT_LANGUAGE

from .routing import request_lang

CONTENT_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
    ".json": "application/json", ".map": "application/json", ".xml": "application/xml", ".txt": "text/plain",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".ico": "image/vnd.microsoft.icon", ".webmanifest": "application/manifest+json",
    ".woff": "font/woff", ".woff2": "font/woff2", ".pdf": "application/pdf", ".gz": "application/gzip",
}


def init_app(app: Flask) -> None:
    app.add_url_rule("/assets/<path:filename>", "assets", asset)
    if app.config["SERVE_SITE"]:
        app.add_url_rule("/", "site", site_file, defaults={"path": ""})
        app.add_url_rule("/<path:path>", "site", site_file)


def content_type(path: str) -> str:
    return CONTENT_TYPES.get(os.path.splitext(path)[1].lower(), "application/octet-stream")


def precompressed(path: str) -> tuple[str | None, str]:
    """The site build's ``.br``/``.gz`` copy of ``path`` when the browser takes it (fewer bytes on slow phones)."""
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        copy = path + suffix
        if request.accept_encodings[encoding] and os.path.isfile(copy) and os.path.getmtime(copy) >= os.path.getmtime(path):
            return encoding, copy
    return None, path


def send(path: str, status: int = 200):
    encoding, actual = precompressed(path)
    response = send_file(actual, mimetype=content_type(path), conditional=status == 200, max_age=None)
    response.headers.pop("Content-Disposition", None)  # a page, not a download
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    if status != 200:
        response.status_code = status
    return response


def find(root: str, path: str) -> str | None:
    """The file at ``path`` under ``root``; never a dotfile, never outside ``root``."""
    if any(part.startswith(".") for part in path.split("/")):
        return None
    full = safe_join(root, path) if path else root
    return full if full is not None and os.path.exists(full) else None


def asset(filename: str):
    """``/assets/…``: the built site's copy when there is one, else the project's ``overrides/assets``."""
    roots = [os.path.join(current_app.config["SITE_DIR"], "assets")] if current_app.config["SERVE_SITE"] else []
    roots.append(os.path.join(current_app.config["OVERRIDES_DIR"], "assets"))
    for root in roots:
        full = find(root, filename)
        if full and os.path.isfile(full):
            return send(full)
    abort(404)


def site_file(path: str):
    """The built static site: ``/x/`` serves ``x/index.html``; ``/x`` of a folder redirects to ``/x/``."""
    full = find(current_app.config["SITE_DIR"], path)
    if full and os.path.isdir(full):
        if path and not path.endswith("/"):
            query = request.query_string.decode("latin-1")
            return redirect(request.script_root + "/" + path + "/" + (f"?{query}" if query else ""), 301)
        full = os.path.join(full, "index.html")
    if not full or not os.path.isfile(full):
        abort(404)
    return send(full)


def site_404():
    """The site's own 404 page in the request's language, with status 404; None without a built site."""
    if not current_app.config["SERVE_SITE"]:
        return None
    site = current_app.config["SITE_DIR"]
    lang = request_lang()
    for candidate in ([f"{lang}/404.html"] if lang != DEFAULT_LANGUAGE else []) + ["404.html"]:
        full = find(site, candidate)
        if full and os.path.isfile(full):
            return send(full, status=404)
    return None
