"""Every word of the emails, in both languages."""

from __future__ import annotations

from guichet import DEFAULT_LANGUAGE, LANGUAGES
from guichet.i18n import Table, pick
from guichet.words import N_
from guichet.urls import other_language

EMAIL_STRINGS: Table = {
    # to the department
    "dept_intro": N_("A resident sent the form “{service}”."),
    "reference": N_("Reference"),
    "sent_on": N_("Sent on"),
    "department": N_("Department"),
    "answers": N_("Answers"),
    "no_answer": N_("(no answer)"),
    "files": N_("Attached files"),
    "file_missing": N_("could not be read on the server; ask the web administrator"),
    "reply_yes": N_("Reply to this email to write to the resident."),
    "reply_no": N_("The resident gave no email address: replying to this email will not reach them."),
    "reply_bad": N_("The email address the resident gave cannot be used for replies (see their answers)."),
    "status_intro": N_("Keep the resident informed: they see the status of their request on the website."),
    "status_update": N_("Update the status"),
    "status_quick": N_("Or go straight to"),
    "links_valid": N_("These links work for {days} days. Do not forward this email outside the city."),
    # to the resident
    "copy_subject": N_("We received your request {ref}"),
    "copy_thanks": N_("Thank you. We received your request “{service}” on {when}."),
    "copy_ref": N_("Your reference number is {ref}. Keep it: you need it to check your request, or if you call us."),
    "copy_status": N_("See where your request is:"),
    "copy_privacy": N_("To protect your privacy, this email does not repeat your answers."),
    "copy_reply": N_("If you reply to this email, your reply goes to the staff handling your request."),
    # to the resident, when staff change the status
    "update_subject": N_("Your request {ref}: {status}"),
    "update_intro": N_("Your request “{service}” ({ref}) has a new status: {status}."),
    "update_on": N_("Updated on {when}."),
    "update_note": N_("Message from the staff:"),
    # to the administrator
    "alert_subject": N_("Undeliverable: {service} {ref}"),
    "alert_intro": N_("A message could not be delivered and will not be tried again. The submission is kept."),
    "alert_kind": N_("Message"),
    "alert_to": N_("To"),
    "alert_outcome": N_("Outcome"),
    "alert_attempts": N_("Attempts"),
    "alert_error": N_("Last error"),
    "alert_requeue": N_("After fixing the cause, send it again with:"),
    "kind_department": N_("to the department"),
    "kind_resident_copy": N_("confirmation to the resident"),
    "kind_status_update": N_("status update to the resident"),
    "kind_webhook": N_("webhook to the department's system"),
    "outcome_failed": N_("refused by the mail server (permanent)"),
    "outcome_given_up": N_("still undelivered after the last retry"),
    "not_personal": N_("(a resident's address; see the database)"),
}


def et(key: str, lang: str, **values) -> str:
    return pick(EMAIL_STRINGS, key, lang, **values)


def reading_order(first: str) -> list[str]:
    """Both languages, ``first`` first: every email to a resident is in both, theirs on top."""
    first = first if first in LANGUAGES else DEFAULT_LANGUAGE
    return [first, other_language(first)]
