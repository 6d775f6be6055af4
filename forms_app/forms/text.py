"""The forms' own words in English and French (validation messages are in messages.py)."""

from __future__ import annotations

from guichet.i18n import Table, in_language, pick
from guichet.ui import COLON
from guichet.words import N_, NP_

STRINGS: Table = {
    "error_hidden": N_("Error:"),
    "problem": N_("There is a problem"),
    "optional": N_("(optional)"),
    "day": N_("Day"),
    "month": N_("Month"),
    "year": N_("Year"),
    "send": N_("Send form"),
    "colon": COLON,  # French puts a (non-breaking) space before a colon
    # The privacy notice's words: guichet.privacy.notice (the site's privacy page says the same).
    "honeypot_label": N_("Leave this field empty"),
    # A file kept while the resident fixes other answers (forms/pending.py), and one that could not be kept.
    "file_kept": N_("{name}, attached"),
    "file_remove": N_("Remove this file"),
    "file_replace": N_("To replace it, choose another file."),
    "file_not_kept": N_("The file you chose was not kept. If you want to send it, choose it again."),
    "expired_title": N_("Your session expired"),
    "expired_body": N_("We could not send your form because the page was open too long or your browser did not send its cookie. Your answers are still below, except files. Check them and send the form again."),
    "start_again_title": N_("Please fill in the form again"),
    "start_again_body": N_("We could not send the form: it did not come from this page of our site, or your session expired. For your safety, nothing it contained is shown. Fill in the form below and send it."),
    "cookies_title": N_("Your browser blocks the cookie this form needs"),
    "cookies_body": N_("We could not send your form: your browser did not send back the cookie we gave it, twice. This one cookie protects your form from forgery; we do not use cookies to follow you. Turn on cookies for this site, then send the form again. Your answers are still below, except files. If you cannot turn cookies on, call us (the number is at the bottom of this page) or apply another way: the service page lists them."),
    "done_title": N_("Form sent"),
    "done_reference": N_("Your reference number"),
    "done_keep": N_("Write down this number. You need it to check your request or when you call us."),
    "done_copy": N_("If you gave an email address, we will email you this reference number and a link to follow your request."),
    "done_next": NP_("confirmation page, after the form is sent", "What happens next"),
    "done_status_title": N_("Check your request"),
    "done_status_link": N_("Check the status of your request"),
    "done_back": N_("Back to the service page"),
    "sent_body": N_("Thank you. We have your form. If you do not hear from us, call 311 and tell us which form you sent."),
}


def t(key: str, lang: str) -> str:
    return pick(STRINGS, key, lang)


def strings(lang: str) -> dict[str, str]:
    return in_language(STRINGS, lang)
