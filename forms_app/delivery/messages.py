"""Building the emails: to the department, to the resident (copy, status updates), to the admin.

Headers are only ever set through ``email.headerregistry`` objects and
cleaned one-line text: a value with CR/LF/NUL can't add a header, and a
Reply-To that is not exactly one plain address is left out. Every value in
the HTML part is escaped. Message-IDs are derived from the reference, so
a message sent twice is recognisably the same message.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from guichet.formats import format_size, one_stop
from guichet.typography import french_html, typeset
from guichet.urls import staff_status_url, status_reply_url, status_url as status_page_url
from guichet.words import gettext

from .. import payment
from ..status.links import make_reply_token, make_staff_token  # Flask-free: the worker never loads the status pages
from ..status.text import format_when, status_label
from ..store.records import OutboxItem, StatusEvent, Submission
from ..store.references import format_reference
from ..store.addresses import single_address
from ..store.sealing import Keyring, Unopenable
from .settings import MailSettings
from .templating import render
from .text import et, reading_order

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_OUR_STEM = re.compile(r"^[a-z][a-z0-9-]{0,39}$")  # a form field's id, '_' written '-'
_SUFFIXES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
             "image/heic": "heic"}
_MIME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}$")
QUICK_STATUSES = ("in_progress", "waiting_for_you", "completed")
LANGUAGE_BREAK = "\n\n" + "-" * 40 + "\n\n"  # between the languages of a resident's text part (resident.txt)


def header_text(value: str, limit: int = 200) -> str:
    """One line of text for a header: control characters (CR, LF, NUL, …) become spaces."""
    return " ".join(_CONTROL.sub(" ", value or "").split())[:limit]


def safe_filename(name: str, content_type: str, number: int) -> str:
    """An attachment's name in its MIME headers: plain ASCII the app made, never the resident's.

    The web layer names a file after its field and kind (``plan.pdf``, forms/uploads.py);
    any other stored name (a row from an older version, or tampered with) becomes
    ``attachment-<number>``. The extension always follows the content type, so
    nothing can be decoded (RFC 2047/2231) or opened as another kind.
    """
    stem = (name or "").rpartition(".")[0] or name or ""
    if not _OUR_STEM.match(stem):
        stem = f"attachment-{number}"
    return f"{stem}.{_SUFFIXES.get(content_type, 'bin')}"


def human_size(size: int, lang: str) -> str:
    return format_size(size, lang)


def typeset_text(text: str, langs: list[str]) -> str:
    """A finished text part, each language's part typeset (``guichet.typography``): a resident's
    email has one part per language in ``langs``' order, separated by ``LANGUAGE_BREAK``."""
    first, rule, rest = text.partition(LANGUAGE_BREAK)
    return typeset(first, langs[0]) + rule + (typeset(rest, langs[1]) if rule else "")


def message_id(kind: str, reference: str, settings: MailSettings, outbox_id: int | None = None) -> str:
    if kind == "department":
        local = f"sub-{reference}"
    elif kind == "resident_copy":
        local = f"sub-{reference}.copy"
    elif kind == "status_update":
        local = f"sub-{reference}.status{outbox_id}"
    else:
        local = f"alert-{reference}.{outbox_id}"
    return f"<{local}@{settings.domain}>"


def new_message(subject: str, to: Address, settings: MailSettings, msg_id: str, when: datetime) -> EmailMessage:
    """Every email's headers: the subject as one clean line, our sender, the Message-ID, no vacation replies."""
    msg = EmailMessage()
    msg["Subject"] = header_text(subject)
    msg["From"] = settings.mail_from
    msg["To"] = to
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = msg_id
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to this
    return msg


def _new(kind: str, sub: Submission, subject: str, to: Address, settings: MailSettings, lang: str,
         outbox_id: int | None = None) -> EmailMessage:
    msg = new_message(subject, to, settings, message_id(kind, sub.reference, settings, outbox_id), sub.created_at)
    msg["X-Guichet-Reference"] = format_reference(sub.reference)
    return msg


def with_bodies(msg: EmailMessage, template: str, lang: str, context: dict, files: list) -> EmailMessage:
    """One language's text and HTML parts from ``template`` (.txt, .html), then the files that could be read.
    The templates list every file (``_files.txt``, ``_files.html``): name, type, size, and whether it could not be read."""
    context = {**context, "files": [{"filename": f.filename, "content_type": f.content_type, "size": human_size(f.size, lang),
                                     "missing": f.data is None} for f in files]}
    msg.set_content(typeset(render(f"{template}.txt", **context), lang))
    msg.add_alternative(french_html(render(f"{template}.html", page_lang=lang, **context)), subtype="html")
    for f in files:
        if f.data is not None:
            maintype, subtype = f.content_type.split("/", 1)
            msg.add_attachment(f.data, maintype=maintype, subtype=subtype, filename=f.filename)
    return with_language(msg, [lang])


def staff_url(settings: MailSettings, reference: str, lang: str) -> str:
    token = make_staff_token(settings.secret_key, reference)
    return staff_status_url(lang, token, settings.link_base())


def status_url(settings: MailSettings, reference: str, lang: str) -> str:
    return status_page_url(lang, settings.link_base(), reference=format_reference(reference))


@dataclass(frozen=True)
class FilePart:
    filename: str
    content_type: str
    size: int
    data: bytes | None  # None: could not be read


def read_files(sub: Submission, upload_dir: Path, keyring: Keyring | None = None) -> list[FilePart]:
    """The attachments' clear bytes (opened with ``keyring``: files are sealed at rest, store/sealing.py).
    A file that is missing, named unsafely or that no key opens is reported, not sent."""
    parts = []
    root = upload_dir.resolve()
    for number, a in enumerate(sub.attachments, 1):
        path = (root / a.stored_name).resolve()
        data = None
        if path.parent != root or a.stored_name.startswith("."):
            log.error("attachment refused ref=%s service=%s reason=unsafe stored name", format_reference(sub.reference), sub.service)
        else:
            try:
                data = path.read_bytes()
                data = keyring.open_bytes(data) if keyring is not None else data
            except (OSError, Unopenable) as exc:
                log.error("attachment unreadable ref=%s service=%s error=%s", format_reference(sub.reference), sub.service,
                          type(exc).__name__)
        ctype = (a.content_type if _MIME.match(a.content_type or "") else "application/octet-stream").lower()
        parts.append(FilePart(safe_filename(a.filename, ctype, number), ctype, a.size, data))
    return parts


def department_message(sub: Submission, to: str, settings: MailSettings) -> EmailMessage:
    lang, ref = sub.lang, format_reference(sub.reference)
    msg = _new("department", sub, f"{sub.service_title} – {ref}", Address(addr_spec=to), settings, lang)
    reply_to = single_address(sub.reply_to)
    if reply_to is not None:
        msg["Reply-To"] = reply_to
    reply_note = et("reply_yes" if reply_to else "reply_bad" if sub.reply_to else "reply_no", lang)
    pay_note = payment.staff_line(settings.payment(sub.service), lang, ref)
    files = read_files(sub, settings.upload_dir, settings.keyring)
    when = format_when(sub.created_at, lang, settings.timezone)
    main_link = staff_url(settings, sub.reference, lang)
    quick = [(status_label(s, lang, staff=True), f"{main_link}?status={s}") for s in QUICK_STATUSES]
    days = settings.link_max_age // 86400
    department = settings.department_name(sub.department, lang)
    no_answer = et("no_answer", lang)

    context = dict(
        w={"intro": et("dept_intro", lang, service=sub.service_title), "reference": et("reference", lang),
           "sent_on": et("sent_on", lang), "department": et("department", lang), "answers": et("answers", lang),
           "files": et("files", lang), "file_missing": et("file_missing", lang), "reply_note": reply_note,
           "status_update": et("status_update", lang), "status_intro": et("status_intro", lang),
           "status_quick": et("status_quick", lang), "links_valid": et("links_valid", lang, days=days)},
        ref=ref, when=when, department=department, main_link=main_link, quick=quick, pay_note=pay_note,
        answers=[{"label": a.label, "value": a.value or no_answer} for a in sub.answers],
    )
    return with_bodies(msg, "department", lang, context, files)


def _resident_message(kind: str, sub: Submission, subject: str, to: str, settings: MailSettings, template: str,
                      section, outbox_id: int | None = None, **context) -> EmailMessage:
    """An email to the resident in both languages, theirs first: ``section(lang)`` gives that
    language's own values for ``template`` (.txt and .html); each ends with the status link,
    where replies go, and the city (``resident.txt``/``.html``)."""
    msg = _new(kind, sub, subject, Address(addr_spec=to), settings, sub.lang, outbox_id)
    department = single_address(sub.recipient)
    if department is not None:
        msg["Reply-To"] = department  # a reply reaches the staff handling the request
    sections = [dict({"url": status_url(settings, sub.reference, lang)} | section(lang), lang=lang, status=et("copy_status", lang),
                     reply=et("copy_reply", lang), city=settings.site_name[lang]) for lang in reading_order(sub.lang)]
    msg.set_content(typeset_text(render(f"{template}.txt", sections=sections, **context), reading_order(sub.lang)))
    html = render(f"{template}.html", page_lang=sub.lang, sections=sections, **context)
    msg.add_alternative(french_html(html), subtype="html")  # each half typeset by its lang attribute
    return with_language(msg, reading_order(sub.lang))


def resident_copy_message(sub: Submission, to: str, settings: MailSettings) -> EmailMessage:
    """A bilingual confirmation: reference and status link, not the answers (see ``copy_privacy``)."""
    ref = format_reference(sub.reference)
    subject = " / ".join(et("copy_subject", lang, ref=ref) for lang in reading_order(sub.lang))

    def section(lang: str) -> dict:
        when = format_when(sub.created_at, lang, settings.timezone)
        return {"thanks": one_stop(et("copy_thanks", lang, service=settings.service_title(sub, lang), when=when)),
                "number": et("copy_ref", lang, ref=ref),
                "privacy": et("copy_privacy", lang),
                "pay": settings.payment_view(sub.service, lang, ref)}  # how much and how, as on the confirmation page

    return _resident_message("resident_copy", sub, subject, to, settings, "copy", section)


def status_update_message(sub: Submission, event: StatusEvent, to: str, settings: MailSettings, outbox_id: int) -> EmailMessage:
    """Bilingual, like the copy: the new status, the staff's note (shown on the status page too), the status link."""
    ref = format_reference(sub.reference)
    subject = " / ".join(et("update_subject", lang, ref=ref, status=status_label(event.status, lang))
                         for lang in reading_order(sub.lang))

    token = make_reply_token(settings.secret_key, sub.reference) if event.status == "waiting_for_you" else None

    def section(lang: str) -> dict:
        values = {"intro": et("update_intro", lang, service=settings.service_title(sub, lang), ref=ref,
                              status=status_label(event.status, lang)),
                  "when": one_stop(et("update_on", lang, when=format_when(event.at, lang, settings.timezone))),
                  "note_label": et("update_note", lang), "answer_label": None, "answer_url": None}
        if token:  # the resident answers online from this email's signed link (status/reply.py)
            values.update(answer_label=gettext(lang, "Reply online, with files if needed:"),
                          answer_url=status_reply_url(lang, ref, token, settings.link_base()),
                          url=status_page_url(lang, settings.link_base(), reference=ref, reply=token))
        return values

    msg = _resident_message("status_update", sub, subject, to, settings, "update", section, outbox_id, note=event.note)
    msg.replace_header("Date", format_datetime(event.at))  # when the status changed, not when the form was sent
    msg["References"] = message_id("resident_copy", sub.reference, settings)  # the same thread as the copy
    return msg


def alert_sections(failed: OutboxItem, about) -> list[dict]:
    """The admin alert's sections, one per language: ``about(lang)``'s rows (which message, to whom),
    then the outcome, the attempts and the error, and how to send it again."""
    sections = []
    for lang in reading_order("en"):
        rows = about(lang) + [
            (et("alert_outcome", lang), et(f"outcome_{failed.status}", lang)),
            (et("alert_attempts", lang), str(failed.attempts)),
            (et("alert_error", lang), failed.last_error or "-"),
        ]
        sections.append({"intro": typeset(et("alert_intro", lang), lang),
                         "rows": [(typeset(label, lang), typeset(value, lang)) for label, value in rows],
                         "requeue": typeset(et("alert_requeue", lang), lang)})
    return sections


def admin_alert_message(sub: Submission, failed: OutboxItem, to: str, settings: MailSettings) -> EmailMessage:
    """Reference, service, which message, the error: no answers, no resident address."""
    ref = format_reference(sub.reference)
    subject = et("alert_subject", "en", service=sub.service, ref=ref)
    msg = _new("admin_alert", sub, subject, Address(addr_spec=to), settings, "en", failed.id)
    msg["References"] = message_id(failed.kind, sub.reference, settings)
    recipient = failed.recipient if failed.kind == "department" else None
    sections = alert_sections(failed, lambda lang: [
        (et("reference", lang), ref),
        ("Service", f"{sub.service_title} ({sub.service})"),
        (et("department", lang), settings.department_name(sub.department, lang)),
        (et("alert_kind", lang), et(f"kind_{failed.kind}", lang)),
        (et("alert_to", lang), recipient or et("not_personal", lang)),
    ])
    msg.set_content(render("admin_alert.txt", sections=sections, outbox_id=failed.id).rstrip() + "\n")
    return with_language(msg, reading_order("en"))


def with_language(msg: EmailMessage, langs) -> EmailMessage:
    """Content-Language (RFC 3282) once the body is set: ``set_content`` clears every Content-* header."""
    msg["Content-Language"] = ", ".join(langs)
    return msg
