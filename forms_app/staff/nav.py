"""The workspace's navigation, computed here so the template only prints it."""

from __future__ import annotations

from flask import request, url_for

from guichet.words import gettext

from .session import current_staff


def staff_nav(lang: str) -> dict | None:
    """Links (queue, new request, contact tally, insights, audit for administrators), who is signed in, where sign-out posts; None when nobody is."""
    member = current_staff()
    if member is None:
        return None
    links = [("staff_queue.queue", gettext(lang, "Requests")), ("staff_lookup.lookup", gettext(lang, "Find by reference")),
             ("staff_assisted.choose", gettext(lang, "New request")),
             ("staff_tally.tally", gettext(lang, "Count a contact")),  # #15: the contact tally
             ("insights.report", gettext(lang, "Insights"))]  # #15: the insights report (forms_app/insights)
    if member.is_admin:
        links.append(("staff_audit_page.audit", gettext(lang, "Audit log")))
    return {
        "links": [{"href": url_for(endpoint, lang=lang), "label": label, "current": request.endpoint == endpoint}
                  for endpoint, label in links],
        "signed_in_as": gettext(lang, "Signed in as {email}", email=member.email),
        "sign_out": url_for("staff_auth.sign_out", lang=lang),
    }
