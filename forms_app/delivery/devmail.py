"""``/dev/mail/``: the messages the local mail catcher saved (registered only when ``ENV`` is development).

A message's page shows its headers, its attachments' names, its HTML part as
a mail client would (in a sandboxed frame: no scripts, no access to this
page, its own locked-down policy) and its text part with the web addresses
made links. Long lines wrap, so the page fits a phone.
"""

from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, url_for
from markupsafe import Markup, escape

from ..config import settings_of

bp = Blueprint("devmail", __name__, url_prefix="/dev/mail", template_folder="templates",
               static_folder="static", static_url_path="/static")

_NAME = re.compile(r"^[0-9T]{15}-[0-9a-f]{8}\.eml$")
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_BASE = '<base target="_blank">'  # links in the frame open in a new tab, not inside the frame

# The HTML part's own headers, instead of the pages' set (headers.security_headers): framed by our
# page only; no scripts, fonts, frames or requests of any kind; inline styles and data: images.
HTML_PART_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                               "frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
    "X-Frame-Options": "SAMEORIGIN",
}


def _folder() -> Path:
    return Path(settings_of(current_app).MAIL_DIR)


def _read(path: Path, headers_only: bool = False) -> EmailMessage:
    with path.open("rb") as f:
        return BytesParser(policy=policy.default).parse(f, headersonly=headers_only)


def _message(name: str) -> EmailMessage:
    path = _folder() / name
    if not _NAME.match(name) or not path.is_file():
        abort(404)
    return _read(path)


def _part(msg: EmailMessage, subtype: str) -> str | None:
    body = msg.get_body(preferencelist=(subtype,))
    return body.get_content() if body is not None else None


def _trim(url: str) -> str:
    """An address as found in text, without the punctuation that ends the sentence around it."""
    while url and (url[-1] in ".,;:!?" or (url[-1] == ")" and url.count(")") > url.count("("))):
        url = url[:-1]
    return url


def linkify(text: str) -> Markup:
    """``text`` escaped, each http(s) address in it made a link (no other scheme ever is)."""
    pieces, last = [], 0
    for found in _URL.finditer(text):
        url = _trim(found.group(0))
        if url.endswith("://"):  # nothing left after the scheme
            continue
        pieces += [escape(text[last:found.start()]), Markup('<a href="{0}">{0}</a>').format(url)]
        last = found.start() + len(url)
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


@bp.get("/")
def index():
    folder = _folder()
    names = sorted((p.name for p in folder.glob("*.eml") if _NAME.match(p.name)), reverse=True) if folder.is_dir() else []
    mails = []
    for name in names[:200]:
        msg = _read(folder / name, headers_only=True)
        mails.append({"name": name, "subject": str(msg["Subject"] or ""), "to": str(msg["To"] or ""),
                      "date": str(msg["Date"] or "")})
    return render_template("devmail/index.html", lang="en", mails=mails, folder=str(folder))


@bp.get("/<name>")
def show(name: str):
    msg = _message(name)
    files = [(part.get_filename(), part.get_content_type()) for part in msg.iter_attachments()]  # no name: the template says so
    headers = [(k, str(v)) for k, v in msg.items()]
    has_html = msg.get_body(preferencelist=("html",)) is not None
    return render_template("devmail/show.html", lang="en", name=name, headers=headers, files=files,
                           text=linkify(_part(msg, "plain") or ""),
                           html_url=url_for(".html_part", name=name) if has_html else None,
                           subject=str(msg["Subject"] or ""))


@bp.get("/<name>/html")
def html_part(name: str):
    """The HTML part alone, for the sandboxed frame of ``show``."""
    html = _part(_message(name), "html")
    if html is None:
        abort(404)
    head = _HEAD.search(html)
    html = html[:head.end()] + _BASE + html[head.end():] if head else _BASE + html
    response = Response(html, mimetype="text/html")
    response.own_security_headers = HTML_PART_HEADERS
    return response
