"""The words of every error page, in both languages (templates only print them).

``error_text(key, lang, limit_mb=…)`` returns the title, paragraphs and the
home link; ``page_title`` carries the ``Error: `` prefix where the resident's
form was not sent, so screen-reader users hear it first.
"""

from __future__ import annotations

from guichet.ui import t as chrome_text
from guichet.words import N_, gettext

HOME = N_("Go to the home page")
AGAIN = N_("Go back and try again. If it keeps happening, call us: the number is at the bottom of this page.")
CALL_NOW = N_("If you need help now, call us: the number is at the bottom of this page.")

# For each page: its title, its paragraphs, and whether the title says "Error:" (the resident's form was not sent).
PAGES: dict[str, dict] = {
    "400": {"title": N_("Sorry, there is a problem with your request"),
            "body": [N_("We could not understand what your browser sent."), AGAIN]},
    "404": {"title": N_("Page not found"),
            "body": [N_("If you typed the web address, check it is correct."),
                     N_("If you pasted the web address, check you copied the entire address."),
                     N_("You can search for the service you need with the search box at the top of this page.")]},
    "413": {"prefix": True, "title": N_("Your form is too large to send"),
            "body": [N_("Nothing was sent. Everything you send at once, files included, must be smaller than {limit_mb} MB."),
                     N_("Go back, choose a smaller file or leave it out, shorten any very long answer, and send the form again. "
                        "You can also mail large documents or bring them to City Hall.")]},
    "429": {"prefix": True, "title": N_("You have sent this form too many times"),
            "body": [N_("Nothing was sent this time. Wait a few minutes, then send the form again."), CALL_NOW]},
    "500": {"title": N_("Sorry, there is a problem with the service"),
            "body": [N_("Try again later."),
                     N_("If you were sending a form and did not get a reference number, it was not sent. "
                        "Send it again later, or call us: the number is at the bottom of this page.")]},
    "csrf": {"prefix": True, "title": N_("Your session expired"),
             "body": [N_("For your security, we could not accept what you sent: the page was open too long "
                         "or your browser did not send its cookie."),
                      N_("Go back, reload the page and try again.")]},
    "error": {"title": N_("Sorry, there is a problem"),
              "body": [N_("We could not do what you asked."), AGAIN]},
}


def error_text(key: str, lang: str, **values) -> dict:
    page = PAGES.get(key, PAGES["error"])
    title = gettext(lang, page["title"])
    prefix = chrome_text("error_prefix", lang) if page.get("prefix") else ""
    return {
        "title": title,
        "page_title": prefix + title,
        "body": [gettext(lang, paragraph, **values) for paragraph in page["body"]],
        "home": gettext(lang, HOME),
    }
