"""Every word the status pages show, and the dates they write (shared with the delivery emails)."""

from __future__ import annotations

from datetime import UTC, datetime

from guichet.formats import format_datetime
from guichet.i18n import Table, in_language, pick
from guichet.words import N_, word

# For each status: (label for residents, what it means for them, label for staff).
# The explanation never repeats the label: the page shows both side by side.
STATUS_LABELS: dict[str, tuple[str, str, str]] = {
    "received": (N_("Received"), N_("Staff will look at your request soon."), N_("Received")),
    "in_progress": (N_("In progress"), N_("Staff are working on your request."), N_("In progress")),
    "waiting_for_you": (N_("We need something from you"),
                        N_("Read the note below or check your email, then reply to the department."),
                        N_("Waiting for the resident")),
    "completed": (N_("Completed"), N_("The department has finished with your request. Nothing more is needed from you."),
                  N_("Completed")),
    "closed": (N_("Closed"), N_("The department will take no further action on this request."), N_("Closed")),
}

STRINGS: Table = {
    "title": N_("Check a request"),
    "intro": N_("Enter the reference number from your confirmation to see where your request is."),
    "ref_label": N_("Reference number"),
    "ref_hint": N_("8 letters and numbers, for example ABCD-2345."),
    "check": N_("Check"),
    "bad_format": N_("“{ref}” is not a reference number. A reference has 8 letters and numbers, like ABCD-2345 (it never uses O, 0, I, 1 or L)."),
    "not_found": N_("We found no request with the reference {ref}. Check the number in your confirmation email, or call the help line shown on this page."),
    "request": N_("Request {ref}"),
    "service": N_("Service"),
    "submitted": N_("Sent"),
    "current": N_("Current status"),
    "history": N_("History"),
    "date": N_("Date"),
    "status": N_("Status"),
    "note": N_("Note"),
    "staff_title": N_("Update request {ref}"),
    "staff_intro": N_("The resident sees the status and the note on the status page. They do not see this page."),
    "staff_intro_email": N_("The resident sees the status and the note on the status page, and gets them by email. They do not see this page."),
    "new_status": N_("New status"),
    "note_label": N_("Note to the resident (optional)"),
    "note_hint": N_("Plain words; no personal details: anyone with the reference can read it."),
    "save": N_("Save status"),
    "success": N_("Success"),
    "saved": N_("Saved. The resident now sees: {status}."),
    "saved_email": N_("Saved. The resident now sees: {status}. An email tells them."),
    "saved_closed": N_("The request is now closed, so this link no longer works. If it must be reopened, ask the web administrator."),
    "form_error": N_("The status was not saved: choose a status and keep the note under {n} characters, then try again."),
    "link_expired": N_("This link has expired. Ask the web administrator to resend it, or update the request in your usual system."),
    "link_invalid": N_("This link is not valid. Use the link exactly as it is in the email."),
    "link_revoked": N_("This link was withdrawn by the web administrator. Ask them for a new link, or update the request in your usual system."),
    "link_closed": N_("This request is completed or closed, so its links no longer work. If it must be reopened, ask the web administrator."),
    "link_problem": N_("Link problem"),
    "too_many": N_("You have checked too many references"),
    "too_many_body": N_("Wait a minute, then check your reference again."),
    "too_many_help": N_("If you need help now, call us: the number is at the bottom of this page."),
}

def t(key: str, lang: str, **values) -> str:
    return pick(STRINGS, key, lang, **values)


def strings(lang: str) -> dict[str, str]:
    """Every string in one language, for a template."""
    return in_language(STRINGS, lang)


def status_label(status: str, lang: str, staff: bool = False) -> str:
    resident, _, staff_label = STATUS_LABELS[status]
    return word(lang, staff_label if staff else resident)


def status_help(status: str, lang: str) -> str:
    """What a status means for the resident (never the label again)."""
    return word(lang, STATUS_LABELS[status][1])


def format_when(when: datetime, lang: str, tz: str) -> str:
    """CLDR's date and time in the city's time zone (``guichet.formats.format_datetime``)."""
    return format_datetime(when, lang, tz)


def machine_time(when: datetime) -> str:
    """The ``<time datetime>`` value: UTC to the second, ``2026-12-01T15:04:05Z`` (HTML's global date and time)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
