"""The security headers of every page: one list for the app and for nginx.

The app sends them on every response (``security_headers``, an ``after_request``
hook ``web.init_app`` installs); the nginx
snippet in ``docs/serving.md`` sends the same set on the static pages it
serves itself (``python -m forms_app.headers`` prints its ``add_header``
lines). ``tests/test_headers_docs.py`` keeps the two equal.
"""

from __future__ import annotations

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
HSTS_PRODUCTION_DEFAULT = 31_536_000  # one year

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def page_headers(hsts_seconds: int) -> dict[str, str]:
    """Every security header of a page; ``Strict-Transport-Security`` when ``hsts_seconds`` is not 0."""
    headers = dict(SECURITY_HEADERS)
    if hsts_seconds:
        headers["Strict-Transport-Security"] = f"max-age={hsts_seconds}"
    return headers


def security_headers(response):
    """On every response: pages, errors and the static site's files (the set is ``page_headers``,
    which nginx's snippet in docs/serving.md sends too). A response with ``own_security_headers``
    (/dev/mail/'s HTML part, framed by our own page) has those instead of the same-named ones."""
    from flask import current_app  # here: ``python -m forms_app.headers`` prints nginx's lines without Flask

    headers = page_headers(hsts_seconds(current_app.config))
    headers.update(getattr(response, "own_security_headers", {}))
    response.headers.update(headers)
    return response


def hsts_seconds(config) -> int:
    """``HSTS_SECONDS`` when set (0 turns it off); a year in production otherwise."""
    if config.get("HSTS_SECONDS") is not None:
        return config["HSTS_SECONDS"]  # a whole number: checked at start-up
    return HSTS_PRODUCTION_DEFAULT if config["ENV"] == "production" else 0


def nginx_lines(indent: str = "        ") -> str:
    """The ``add_header`` lines of production's set (HSTS for a year), for each nginx location that serves pages.

    ``always``: on error pages (404) too. nginx drops the server block's
    ``add_header`` lines in a location that has its own (its Cache-Control),
    so the lines go in every such location, not once in ``server``.
    """
    return "\n".join(f'{indent}add_header {name} "{value}" always;' for name, value in page_headers(HSTS_PRODUCTION_DEFAULT).items())


if __name__ == "__main__":
    print(nginx_lines())
