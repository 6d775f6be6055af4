"""The resident's reply when a request waits for them: ``/status/reply/?ref=…&reply=<token>``.

Anyone with a reference can read the status page, so answering needs more:
the signed link (``links.make_reply_token``, salt ``guichet.status.reply``,
bound to the reference, ``REPLY_MAX_AGE``) that only the resident's
"waiting for you" email carries. The page takes a message (required, at most
``BODY_MAX`` characters) and files under the forms' own rules
(``forms/uploads.py``: the kind read from the bytes, the size, no archive
polyglots, names the app makes). ``store.messages.add`` keeps the reply, its
files, its email to the department and its audit entry in one transaction;
the staff history shows it. A request no longer waiting says so instead.
"""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from itsdangerous import BadSignature, SignatureExpired

from guichet.formats import format_number
from guichet.model.form import FieldType, FormField
from guichet.model.text import LocalText
from guichet.ui import t as chrome_text
from guichet.words import gettext

from ..forms.checks import Invalid
from ..forms.uploads import accept_attribute, attachment_name, check_file, given, save_file
from ..routing import localized
from ..store import Attachment, delete_files, format_reference, get_store, normalize_reference
from ..store.messages import BODY_MAX, NotWaiting
from .links import read_reply_token
from .text import status_label

log = logging.getLogger(__name__)
bp = Blueprint("status_reply", __name__)

WAITING = "waiting_for_you"
MAX_FILES = 5
MESSAGE = "message"
FILES = "files"


def file_spec() -> FormField:
    """The reply's files follow a form's file question: PDF or image, 10 MB each."""
    return FormField(name="reply_file", type=FieldType.file, required=False, accept=["pdf", "png", "jpeg", "heic"],
                     max_size_mb=10, label=LocalText(en=gettext("en", "Files"), fr=gettext("fr", "Files")))


def _page(template: str, lang: str, code: int = 200, **context):
    response = current_app.make_response((render_template(template, lang=lang, **context), code))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _problem(lang: str, title: str, body: str, code: int, reference: str | None = None):
    return _page("status/reply_problem.html", lang, code, page_title=title, body=body,
                 status_href=url_for("status.resident", lang=lang, ref=reference) if reference else None)


def reference_of(lang: str):
    """(reference, None) from a good link, else (None, the page saying what is wrong)."""
    token = request.args.get("reply", "")[:400]
    try:
        ref = read_reply_token(current_app.config["SECRET_KEY"], token)
    except SignatureExpired:
        return None, _problem(lang, gettext(lang, "This reply link has expired"), gettext(
            lang, "Reply links work for 30 days. Call us and give your reference number: the number is at the bottom of this page."), 403)
    except BadSignature:
        return None, _problem(lang, gettext(lang, "This reply link is not valid"), gettext(
            lang, "Use the link exactly as it is in the email we sent you. The status page alone cannot send a reply."), 403)
    return ref, None


def not_waiting(lang: str, ref: str):
    return _problem(lang, gettext(lang, "This request is not waiting for a reply"), gettext(
        lang, "The department needs nothing more from you on request {ref} for now. The status page shows where it is.",
        ref=format_reference(ref)), 409, format_reference(ref))


@localized(bp, "/status/reply/", methods=["GET", "POST"])
def reply(lang: str):
    ref, problem = reference_of(lang)
    if problem is not None:
        return problem
    store = get_store()
    view = store.status_of(ref)
    if view is None:
        return _problem(lang, gettext(lang, "This reply link is not valid"), gettext(
            lang, "Use the link exactly as it is in the email we sent you. The status page alone cannot send a reply."), 403)
    if view.current.status != WAITING:
        return not_waiting(lang, ref)
    if request.method == "GET":
        return form_page(lang, ref, view.current.note)
    message = (request.form.get(MESSAGE) or "").replace("\x00", "").strip()
    uploads = [f for f in request.files.getlist(FILES) if given(f)]
    errors = {}
    if not message:
        errors[MESSAGE] = gettext(lang, "Enter your reply")
    elif len(message) > BODY_MAX:
        errors[MESSAGE] = gettext(lang, "Your reply must be {n} characters or fewer", n=format_number(BODY_MAX, lang))
    checked = []
    if len(uploads) > MAX_FILES:
        errors[FILES] = gettext(lang, "Choose {n} files or fewer", n=MAX_FILES)
    else:
        spec = file_spec()
        try:
            checked = [check_file(upload, spec, lang) for upload in uploads]
        except Invalid as exc:
            errors[FILES] = exc.message
    if errors:
        if uploads and FILES not in errors:
            errors[FILES] = gettext(lang, "Your files were not sent: choose them again")
        return form_page(lang, ref, view.current.note, message=message, errors=errors, code=422)
    folder = current_app.config["UPLOAD_DIR"]
    saved: list[str] = []
    try:
        for upload in uploads:
            saved.append(save_file(upload, folder))
        files = [Attachment(stored, attachment_name(f"reply_file_{n}", file.kind), file.content_type, file.size)
                 for n, (stored, file) in enumerate(zip(saved, checked), 1)]
        store.messages.add(ref, "resident_reply", "resident", message, files, require_status=WAITING)
    except NotWaiting:
        delete_files(folder, saved)
        return not_waiting(lang, ref)
    except BaseException:
        delete_files(folder, saved)
        log.error("reply outcome=failed reference=%s", format_reference(ref))
        raise
    log.info("reply outcome=stored reference=%s files=%d", format_reference(ref), len(saved))
    return redirect(url_for(".sent", lang=lang, ref=format_reference(ref)), 303)


def form_page(lang: str, ref: str, note: str, message: str = "", errors: dict | None = None, code: int = 200):
    errors = errors or {}
    formatted = format_reference(ref)
    title = gettext(lang, "Reply to the department about request {ref}", ref=formatted)
    summary = [{"text": errors[name], "href": f"#{name}"} for name in (MESSAGE, FILES) if name in errors]
    return _page(
        "status/reply.html", lang, code,
        page_title=(chrome_text("error_prefix", lang) if errors else "") + title, heading=title,
        action=url_for(".reply", lang=lang, ref=formatted, reply=request.args.get("reply", "")),
        note=note, status=status_label(WAITING, lang), errors=summary,
        message=message, message_error=errors.get(MESSAGE), files_error=errors.get(FILES),
        message_max=format_number(BODY_MAX, lang), accept=accept_attribute(file_spec()), max_files=MAX_FILES,
    )


@localized(bp, "/status/reply/sent", methods=["GET"])
def sent(lang: str):
    """The thank-you page (it shows only the reference it was given)."""
    ref = normalize_reference((request.args.get("ref") or "")[:20])
    reference = format_reference(ref) if ref else None
    return _page("status/reply_sent.html", lang, reference=reference,
                 status_href=url_for("status.resident", lang=lang, ref=reference) if reference else None)
