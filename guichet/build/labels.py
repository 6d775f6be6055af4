"""Words the build writes around the editors' content, in both languages."""

from ..i18n import Table, in_language
from ..ui import COLON
from ..words import N_, word

LABELS: Table = {
    "how_to_apply": N_("Ways to get this service"),
    "online": N_("Online"),
    "apply_online": N_("Apply online"),
    "go_online": N_("Go to the online service"),
    "phone": N_("By phone"),
    "call": N_("Call"),
    "outside": N_("From outside the city"),
    "tty": N_("TTY"),
    "hours": N_("Hours"),
    "in_person": N_("In person"),
    "accessibility": N_("Accessibility"),
    "mail": N_("By mail"),
    "eligibility": N_("Who can apply"),
    "what_you_need": N_("What you need"),
    "fees": N_("Fees"),
    "free": N_("There is no fee."),
    "processing_time": N_("How long it takes"),
    "next_steps": N_("What happens next"),
    "related": N_("Related services"),
    "department": N_("Responsible department"),
    "last_reviewed": N_("Page last reviewed"),
    "a_z": N_("Services from A to Z"),
    "topics": N_("Services by topic"),
    "audience": N_("Services for"),
    "popular": N_("Most requested"),
    "browse_topics": N_("Browse by topic"),
    "for_you": N_("Services for you"),
    "home_intro": N_("Find a city service, learn how to get it, and apply online, by phone, in person or by mail."),
    "search_home": N_("What are you looking for?"),
    "search": N_("Search"),
    "all_services": N_("All services from A to Z"),
    "not_found_title": N_("Page not found"),
    "not_found_text": N_("We cannot find this page. It may have moved. Try the search box, or the list of services from A to Z."),
}


def labels(lang: str) -> dict[str, str]:
    return {**in_language(LABELS, lang), "colon": word(lang, COLON) + " "}
