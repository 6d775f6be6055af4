"""Planted pages: tiny static pages with known WCAG failures, to prove the gate fails.

Written to a temp dir by the tests (nothing here depends on the real site).
Each page is clean except for the one failure its name says.
"""

from __future__ import annotations

from pathlib import Path

from accessibility.server import QuietHandler

CLEAN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body {{ font: 16px/1.5 sans-serif; color: #1b1b1b; background: #fff; margin: 1rem; }}</style>
</head><body>
<header><a href="/">Home</a></header>
<main id="main"><h1>{title}</h1>
{body}
</main>
<footer><p>Need help? Call 311.</p></footer>
</body></html>
"""

PAGES = {
    "": ("Planted clean home", "<p>Nothing wrong here.</p>"),
    "missing-alt/": ("Missing alt", '<p>A dog:</p><img id="dog-photo" src="/dog.png" width="40" height="40">'),
    "low-contrast/": (
        "Low contrast",
        '<p class="faint" style="color:#b0b0b0">This grey text is too faint to read.</p>',
    ),
    "unlabeled-input/": (
        "Unlabeled input",
        '<form action="/search"><input type="text" name="q" id="nameless"><button>Search</button></form>',
    ),
}

# Not a violation but a "needs review": a name on a <div> with no role.
REVIEW_PAGE = ("Needs review", '<div id="named-div" aria-label="A box with a name">Boxed text.</div>')

CLEAN_PAGES = {"": PAGES[""], "about/": ("About", "<p>Also fine.</p>")}

FORM = """<form method="post" action="/forms/planted/" novalidate>
<label for="name">Your name</label><input id="name" name="name" type="text">
<button type="submit">Send</button></form>"""

FORM_BLOCKED = """<form method="post" action="/forms/blocked/">
<label for="name">Your name</label><input id="name" name="name" type="text" required>
<button type="submit">Send</button></form>"""

ERRORS = """<div class="error-summary" role="alert"><h2>There is a problem</h2>
<p><a href="#name" style="color:#ff9999">Enter your name</a></p></div>""" + FORM


def page(title: str, body: str) -> str:
    return CLEAN.format(title=title, body=body)


def write_site(root: Path, pages: dict[str, tuple[str, str]]) -> Path:
    for path, (title, body) in pages.items():
        target = root / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(title, body), encoding="utf-8")
    (root / "404.html").write_text(page("Page not found", "<p>We cannot find that page.</p>"), encoding="utf-8")
    (root / "forms" / "planted").mkdir(parents=True, exist_ok=True)
    (root / "forms" / "planted" / "index.html").write_text(page("Planted form", FORM), encoding="utf-8")
    (root / "forms" / "blocked").mkdir(parents=True, exist_ok=True)
    (root / "forms" / "blocked" / "index.html").write_text(page("Blocked form", FORM_BLOCKED), encoding="utf-8")
    return root


class PlantedHandler(QuietHandler):
    """Files, plus a POST to /forms/planted/ that answers 400 with an error page (a faint error link)."""

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = page("Error: Planted form", ERRORS).encode()
        self.send_response(400)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

