"""Build the site and serve it (with the forms app, or as plain files) on loopback.

* ``build_site`` runs ``guichet build --strict`` in a subprocess of this
  Python (so the engine's warnings cannot leak into the caller).
* ``LiveServer`` runs ``forms_app.create_app`` (which also serves the built
  site) in a background thread on 127.0.0.1 and a free port.
* ``StaticServer`` serves a folder of plain files, for planted pages.
"""

from __future__ import annotations

import functools
import os
import http.server
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from werkzeug.serving import WSGIRequestHandler, make_server


class BuildError(RuntimeError):
    """``guichet build --strict`` failed; the message carries its output."""


def build_site(dest: str | Path, root: str | Path = ".", config_file: str = "mkdocs.yml", engine: str = "mkdocs") -> Path:
    dest = Path(dest).resolve()
    command = [sys.executable, "-m", "guichet.cli", "build", "--strict", "--engine", engine, "-f", config_file, "--site-dir", str(dest)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # mkdocs-material 9.7+ prints an end-of-life banner otherwise
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise BuildError(f"`{' '.join(command)}` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return dest


def app_config(site_dir: str | Path, instance_dir: str | Path, root: str | Path = ".") -> dict[str, Any]:
    """The forms app's settings for a test server: testing, CSRF on, the built site, a scratch data folder."""
    root = Path(root).resolve()
    return {
        "TESTING": True,
        "ENV": "testing",
        "SECRET_KEY": "accessibility-gate-not-a-secret",
        "WTF_CSRF_ENABLED": True,
        "SITE_DIR": str(site_dir),
        "SERVE_SITE": True,
        "CATALOGUE_DIR": str(root / "catalogue"),
        "UPLOAD_DIR": str(Path(instance_dir) / "uploads"),
        "DATABASE_URL": f"sqlite:///{Path(instance_dir).resolve() / 'guichet.sqlite3'}",
    }


class _QuietWSGIHandler(WSGIRequestHandler):
    """Logs errors, not every request (the gate makes hundreds)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


class _ThreadedServer:
    """A server on 127.0.0.1:<free port> run by a daemon thread while the ``with`` lasts."""

    def __init__(self, server: Any, name: str) -> None:
        self._server = server
        self.url = f"http://127.0.0.1:{server.server_port}"
        self._thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)


def buffered(app: Any) -> Any:
    """``app`` with each response read to the end and closed before the server sends it.

    werkzeug's development server skips ``close()`` when the browser drops the
    connection while it drains the request (the gate leaves pages quickly), so
    a file sent with ``send_file`` stayed open: a ResourceWarning, an error
    under ``-W error``. Test pages and assets are small; buffering is cheap.
    """

    def wsgi(environ: dict, start_response: Any) -> list[bytes]:
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return wsgi


class LiveServer(_ThreadedServer):
    """The forms app on 127.0.0.1:<free port> in a daemon thread; ``url`` once started."""

    def __init__(self, app: Any) -> None:
        self.app = app
        server = make_server("127.0.0.1", 0, buffered(app), threaded=True, request_handler=_QuietWSGIHandler)
        super().__init__(server, "live-server")


def create_live_app(site_dir: str | Path, instance_dir: str | Path, root: str | Path = ".", extra: dict | None = None) -> Any:
    from forms_app import create_app  # the product; imported only when a server is wanted

    return create_app({**app_config(site_dir, instance_dir, root), **(extra or {})})


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files from ``directory`` without logging each request."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        return None


class StaticServer(_ThreadedServer):
    """A folder of files on 127.0.0.1:<free port>, e.g. planted pages for the gate's own tests."""

    def __init__(self, directory: str | Path, handler_class: type[QuietHandler] = QuietHandler) -> None:
        handler = functools.partial(handler_class, directory=str(directory))
        super().__init__(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler), "static-server")


def reset_rate_limits(app: Any) -> int:
    """Forget every Flask-Limiter count of ``app`` (after a test that floods a form); returns how many limiters."""
    from flask_limiter import Limiter

    seen = []
    for extension in app.extensions.values():
        for candidate in extension if isinstance(extension, (set, list, tuple)) else [extension]:
            if isinstance(candidate, Limiter) and all(candidate is not s for s in seen):
                candidate.reset()
                seen.append(candidate)
    return len(seen)


def staff_variables(app: Any, staff: dict[str, Any]) -> dict[str, str]:
    """Sign the gate in to the staff workspace of ``app`` and seed what its staff states show.

    Registers ``staff["email"]`` (an administrator unless ``admin: false``; ``departments``
    optional), starts a session the way the sign-in link does, and stores one dog-licence
    request entered by phone and now waiting for the resident. Returns the variables the
    runner uses: the session cookie (``staff_cookie``, ``staff_token``) and ``{staff_ref}``
    for the states' URLs, plus whatever ``forms_app.staff.gate_states`` adds (signed links).
    """
    from forms_app.staff.gate import seed_for_gate  # the product's own seeding: its tables, its rules

    with app.app_context():
        return seed_for_gate(staff.get("email", "gate-admin@bellerive.example.org"), list(staff.get("departments", [])),
                             bool(staff.get("admin", True)))
