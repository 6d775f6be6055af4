"""One request: ``/staff/requests/<ref>/``: what the resident sent, their files, the whole history;
the status form (the signed email link's rules and emails) and internal notes.

A request the signed-in member may not see is a 404, the same page as an unknown
reference (the store decides, ``store/queue.py``). Each view of the page and of a
file is recorded in the audit log, as are status changes and notes. Files are
always downloaded (``attachment``, the app-made name, ``nosniff``), never shown inline.
"""

from __future__ import annotations

import io
import os

from flask import (Blueprint, abort, current_app, flash, get_flashed_messages, redirect, render_template, send_file, url_for)
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length

from guichet.formats import format_size
from guichet.ui import t as chrome_text
from guichet.words import gettext

from ..config import settings_of
from ..delivery.messages import safe_filename
from ..privacy.views import erased_text
from ..routing import localized
from ..status.links import FINAL_STATUSES
from ..status.text import format_when
from ..store import STATUSES, format_reference, get_store, normalize_reference
from ..store.queue import NOTE_MAX, RequestDetail
from .history import history_rows
from .nav import staff_nav
from .queue import service_title
from .session import current_staff, no_store, staff_required
from .text import channel_label, contact_label, day_text, language_name, staff_status

bp = Blueprint("staff_request", __name__)
bp.after_request(no_store)

SAVED = "staff-request-saved"  # flash category: what was just saved ("status" or "note")


class StatusForm(FlaskForm):
    status = StringField(validators=[DataRequired(), AnyOf(STATUSES)])  # radio buttons
    note = TextAreaField(validators=[Length(max=NOTE_MAX)])


class NoteForm(FlaskForm):
    body = TextAreaField(validators=[DataRequired(), Length(max=NOTE_MAX)])


def _detail(ref: str) -> RequestDetail:
    detail = get_store().queue.request_detail(current_staff(), ref)
    if detail is None:
        abort(404)
    return detail


def _here(detail: RequestDetail, lang: str, anchor: str = "") -> str:
    return url_for("staff_request.request", ref=format_reference(detail.reference), lang=lang) + anchor


@localized(bp, "/staff/requests/<ref>/", methods=["GET"])
@staff_required
def request(ref: str, lang: str):
    detail = _detail(ref)
    form = StatusForm(formdata=None, data={"status": detail.status})
    return _page(detail, lang, form, NoteForm(formdata=None))


@localized(bp, "/staff/requests/<ref>/status", methods=["POST"])
@staff_required
def status(ref: str, lang: str):
    detail = _detail(ref)
    member = current_staff()
    form = StatusForm()
    if detail.status in FINAL_STATUSES:
        return _page(detail, lang, None, NoteForm(formdata=None), code=409,
                     errors=[("#status-heading", gettext(lang, "This request is completed or closed: its status can no longer change."))])
    if not form.validate_on_submit():
        errors = []
        if form.status.errors:
            errors.append(("#status-" + STATUSES[0], gettext(lang, "Choose a status")))
        if form.note.errors:
            errors.append(("#note", gettext(lang, "Keep the note to the resident under {n} characters", n=NOTE_MAX)))
        return _page(detail, lang, form, NoteForm(formdata=None), code=400, errors=errors or [
            ("#status-heading", gettext(lang, "The status was not saved. Try again."))])
    store = get_store()
    store.set_status(detail.reference, form.status.data, form.note.data or "", by="staff", actor=member.email)
    store.audit.record(member.email, "status_change", detail.reference, f"status={form.status.data}")
    flash("status", SAVED)
    return redirect(_here(detail, lang), 303)


@localized(bp, "/staff/requests/<ref>/notes", methods=["POST"])
@staff_required
def note(ref: str, lang: str):
    detail = _detail(ref)
    form = NoteForm()
    if not form.validate_on_submit():
        message = (gettext(lang, "Write the note") if not (form.body.data or "").strip()
                   else gettext(lang, "Keep the note under {n} characters", n=NOTE_MAX))
        status_form = StatusForm(formdata=None, data={"status": detail.status})
        return _page(detail, lang, status_form, form, code=400, errors=[("#body", message)])
    get_store().queue.add_note(current_staff(), detail.reference, form.body.data)
    flash("note", SAVED)
    return redirect(_here(detail, lang, "#history-heading"), 303)


@localized(bp, "/staff/requests/<ref>/files/<int:file_id>", methods=["GET"])
@staff_required
def file(ref: str, file_id: int, lang: str):
    member = current_staff()
    store = get_store()
    found = store.queue.visible_file(member, ref, file_id)
    if found is None:
        abort(404)
    root = os.path.realpath(current_app.config["UPLOAD_DIR"])
    path = os.path.realpath(os.path.join(root, found.stored_name))
    if os.path.dirname(path) != root or found.stored_name.startswith(".") or not os.path.isfile(path):
        abort(404)
    with open(path, "rb") as f:
        data = store.keyring.open_bytes(f.read())  # sealed at rest (store/sealing.py): staff get the clear file
    store.audit.record(member.email, "view_file", normalize_reference(ref), f"file={found.id}")
    response = send_file(io.BytesIO(data), mimetype="application/octet-stream", as_attachment=True,
                         download_name=safe_filename(found.filename, found.content_type, found.id), max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _saved_text(what: str, detail: RequestDetail, lang: str) -> str:
    if what == "note":
        return gettext(lang, "Note added. Residents never see notes.")
    label = staff_status(detail.status, lang)
    if detail.contact == "email":
        return gettext(lang, "Status saved: {status}. An email tells the resident.", status=label)
    return gettext(lang, "Status saved: {status}. The resident sees it on the status page.", status=label)


def _page(detail: RequestDetail, lang: str, form: StatusForm | None, note_form: NoteForm, code: int = 200,
          errors: list[tuple[str, str]] | None = None):
    member = current_staff()
    tz = current_app.config["TIMEZONE"]
    ref = format_reference(detail.reference)
    store = get_store()
    store.audit.record(member.email, "view_request", detail.reference)
    saved = [_saved_text(what, detail, lang) for what in get_flashed_messages(category_filter=[SAVED])] if code == 200 else []
    final = detail.status in FINAL_STATUSES
    if final:
        form = None
    chosen = form.status.data if form is not None else detail.status
    title = gettext(lang, "Request {ref}", ref=ref)
    files = [{"href": url_for("staff_request.file", ref=ref, file_id=f.id, lang=lang),
              "name": safe_filename(f.filename, f.content_type, f.id), "size": format_size(f.size, lang),
              "reply": f.message_id is not None} for f in detail.files]
    facts = [
        (gettext(lang, "Service"), service_title(detail.service, lang, detail.service_title)),
        (gettext(lang, "Reference"), ref),
        (gettext(lang, "Received"), format_when(detail.created_at, lang, tz)),
        (gettext(lang, "Channel"), channel_label(detail.channel, lang)),
        (gettext(lang, "Language"), language_name(detail.lang, lang)),
        (gettext(lang, "Contact preference"), contact_label(detail.contact, lang)),
        (gettext(lang, "Due date"), day_text(detail.due_on, lang) or gettext(lang, "None set")),
        (gettext(lang, "Current status"), staff_status(detail.status, lang)),
    ]
    if detail.entered_by:
        facts.append((gettext(lang, "Entered by"), detail.entered_by))
    purged = None
    if detail.purged_at is not None:
        days = settings_of(current_app).PURGE_AFTER_DAYS
        purged = erased_text(detail.reference, lang, before_0007=gettext(  # #14: why (retention, request), forms_app/privacy
            lang, "The answers and files were erased on {date}, {n} days after the department received them.",
            date=day_text(detail.purged_at.date(), lang), n=days))
    return render_template(
        "staff/request.html", lang=lang, staff_nav=staff_nav(lang), code=code,
        title=(chrome_text("error_prefix", lang) if errors else "") + title, heading=title,
        errors=[{"href": href, "text": text} for href, text in errors or []], saved=saved, facts=facts, answers=detail.answers, purged=purged,
        files=[f for f in files if not f["reply"]], history=history_rows(detail, lang, tz, ref),
        form=form, final=final, note_form=note_form, note_max=NOTE_MAX,
        options=[(s, staff_status(s, lang), s == chosen) for s in STATUSES],
        status_action=url_for("staff_request.status", ref=ref, lang=lang),
        note_action=url_for("staff_request.note", ref=ref, lang=lang),
        emails_resident=detail.contact == "email",
        privacy_url=url_for("staff_privacy.page", ref=ref, lang=lang) if member.is_admin else None,  # #14
    ), code
