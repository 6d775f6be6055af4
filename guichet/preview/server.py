"""``guichet serve``: the preview's HTTP server (standard library only, loopback by default).

Every GET renders from ``Preview`` (``state.py``); the theme's files
(``/assets/…``) come from the theme folder. ``/__preview__/version`` says
how many changes the preview has taken in; ``/__preview__/reload.js`` asks
it every second and reloads the page when it moves. ``/search`` (and
``/fr/search``) answers as the forms app does, page and JSON (``search.py``).
"""

from __future__ import annotations

import mimetypes
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..build.site import published_as_is
from .state import Preview
from .theme import RELOAD_SCRIPT

RELOAD_JS = b"""(function () {
  var seen = null;
  function ask() {
    fetch('/__preview__/version', {cache: 'no-store'}).then(function (r) { return r.text(); }).then(function (v) {
      if (seen !== null && v !== seen) { location.reload(); }
      seen = v;
    }).catch(function () {}).then(function () { setTimeout(ask, 1000); });
  }
  ask();
})();
"""


def handler_for(get_preview: Callable[[], Preview]):
    class Handler(BaseHTTPRequestHandler):
        server_version = "guichet-preview"

        def log_message(self, format, *args):  # noqa: A002 - the standard library's name
            return None

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self) -> None:  # noqa: N802
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802
            preview = get_preview()
            theme_dir = Path(preview.config.theme_dir).resolve()
            address = urlsplit(self.path)
            path = unquote(address.path)
            if path == RELOAD_SCRIPT:
                return self._send(200, RELOAD_JS, "text/javascript; charset=utf-8")
            if path == "/__preview__/version":
                preview.refresh()
                return self._send(200, str(preview.version).encode(), "text/plain; charset=utf-8")
            root = preview.site.root.rstrip("/")
            if path.startswith(root + "/assets/"):
                target = (theme_dir / path.removeprefix(root + "/")).resolve()
                if target.is_file() and theme_dir in target.parents:
                    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                    return self._send(200, target.read_bytes(), kind)
            catalogue_dir = Path(preview.config.docs_dir).resolve()
            target = (catalogue_dir / path.removeprefix(root + "/")).resolve()
            if catalogue_dir in target.parents and target.is_file() and published_as_is(target.relative_to(catalogue_dir).as_posix()):
                kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                return self._send(200, target.read_bytes(), kind)  # an image or document beside the pages
            found = preview.search(path, address.query)
            if found is not None:  # the site search, as the forms app answers it (search.py)
                kind, body = found
                return self._send(200, body.encode("utf-8"), "application/json" if kind == "json" else "text/html; charset=utf-8")
            status, html = preview.render(path)
            self._send(status, html.encode("utf-8"), "text/html; charset=utf-8")

    return Handler


class PortTaken(OSError):
    pass


def make_server(get_preview: Callable[[], Preview], host: str, port: int) -> ThreadingHTTPServer:
    try:
        server = ThreadingHTTPServer((host, port), handler_for(get_preview))
    except OSError as exc:
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise PortTaken(f"port {port} on {host} is taken") from exc
        raise
    server.daemon_threads = True
    return server


def watch(preview: Preview, stop: threading.Event, every: float = 0.25) -> None:
    """Take in saved files even when no browser asks (so the reload script sees the change sooner)."""
    while not stop.wait(every):
        try:
            preview.refresh()
        except Exception:  # a half-written file: the next look takes it in
            time.sleep(every)
