"""``/dev/mail/``: the messages the local mail catcher saved (development only; 404 otherwise)."""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template

bp = Blueprint("devmail", __name__, url_prefix="/dev/mail", template_folder="templates")

_NAME = re.compile(r"^[0-9T]{15}-[0-9a-f]{8}\.eml$")


@bp.before_request
def development_only():
    if current_app.config.get("ENV") != "development":
        abort(404)


def _folder() -> Path:
    return Path(current_app.config["MAIL_DIR"])


def _read(path: Path, headers_only: bool = False):
    with path.open("rb") as f:
        return BytesParser(policy=policy.default).parse(f, headersonly=headers_only)


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
    path = _folder() / name
    if not _NAME.match(name) or not path.is_file():
        abort(404)
    msg = _read(path)
    body = msg.get_body(preferencelist=("plain",))
    files = [(part.get_filename() or "(no name)", part.get_content_type()) for part in msg.iter_attachments()]
    headers = [(k, str(v)) for k, v in msg.items()]
    return render_template("devmail/show.html", lang="en", name=name, headers=headers,
                           text=body.get_content() if body is not None else "", files=files,
                           subject=str(msg["Subject"] or ""))
