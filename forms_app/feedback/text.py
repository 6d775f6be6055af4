"""The feedback pages' own words (the footer form's are in ``guichet.ui.FEEDBACK``)."""

from __future__ import annotations

from guichet.i18n import Table, in_language, pick
from guichet.ui import FEEDBACK_REASON_TEXT
from guichet.words import N_

STRINGS: Table = {
    "thanks_title": N_("Thank you for your feedback"),
    "thanks_body": N_("It helps us improve this website. We read every answer, but we cannot reply to it."),
    "thanks_problem": N_("We have told the team responsible for this page."),
    "back": N_("Go back to the page you were on"),
    "home": N_("Go to the home page"),
    "more_title": N_("Help us improve this page"),
    "reason_legend": N_("What went wrong?"),
    **FEEDBACK_REASON_TEXT,
    "something_wrong_hint": N_("We will tell the team responsible for this page."),
    "comment_label": N_("Tell us more"),
    "comment_hint": N_("Do not include personal information, such as your name, address, phone number or email address. "
                       "We cannot reply to this message: if you need an answer, call us (the number is at the bottom of this page)."),
    "send": N_("Send"),
    "optional": N_("(optional)"),
    "problem": N_("There is a problem"),
    "error_hidden": N_("Error:"),
    "choose_reason": N_("Choose what went wrong"),
    "too_long": N_("Your comment must be {n} characters or fewer"),
    "too_many_title": N_("You have sent too much feedback"),
    "too_many_body": N_("Nothing was saved this time. Wait an hour, then try again."),
    "refused_title": N_("Your feedback could not be accepted"),
    "refused_body": N_("It did not come from a page of this website. Nothing was saved. "
                       "Go back to the page and use the form at its bottom."),
    "help": N_("If you need help now, call us: the number is at the bottom of this page."),
}


def t(key: str, lang: str, **values) -> str:
    return pick(STRINGS, key, lang, **values)


def strings(lang: str) -> dict[str, str]:
    return in_language(STRINGS, lang)
