"""No French line breaks where French typography forbids it (issue #12): every built page, every
app state and every French part of every email is scanned (``tests/french_spacing.py``) for a
breakable space before ``: ; ! ?``, inside ``« »``, in ``5 $``, ``8 h 30``, ``K0A 1A0`` or between
a number and its unit. The scan's own test plants each kind (tests/test_typography.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from forms_app.delivery.messages import (admin_alert_message, department_message, resident_copy_message,
                                         status_update_message)
from forms_app.delivery.settings import mail_settings
from forms_app.store import Answer, OutboxItem, StatusEvent, Submission

from .french_spacing import page_violations, rules_broken, violations

SEPARATOR = "\n\n" + "-" * 40 + "\n\n"  # between the two languages of a resident's email


def test_every_page_and_app_state_keeps_french_spaces_unbreakable(resident_pages):
    _, pages = resident_pages
    french = [p for p in pages if p.facts.lang == "fr"]
    assert len(french) > 40  # the whole French site and every French state, not a handful
    found = {p.name: page_violations(p.text) for p in pages}
    assert {name: v for name, v in found.items() if v} == {}


def test_the_page_scan_fails_on_a_planted_breakable_space(resident_pages):
    _, pages = resident_pages
    page = next(p for p in pages if p.facts.lang == "fr" and "/fr/services/dog-licence/" in p.address)
    planted = page.text.replace("</main>", "<p>Montant : 5 $</p></main>", 1)
    assert page_violations(page.text) == []
    assert rules_broken(page_violations(planted)) == {"space before : ; ! ?", "N $", "number and unit"}


def _french_parts(msg, first: str) -> list[tuple[str, str]]:
    """(kind, text) of each French part of a message whose first language is ``first``:
    the HTML (scanned by its lang attributes) and the French text."""
    parts = []
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            parts.append(("html", part.get_content()))
        elif part.get_content_type() == "text/plain":
            text = part.get_content().replace("\r\n", "\n")
            halves = text.split(SEPARATOR)
            if len(halves) == 2:  # a resident's email: each language's half, the resident's first
                french = halves[0] if first == "fr" else halves[1]
            elif first == "fr":
                french = text
            else:  # the admin's alert: English, then French
                french = text[text.index("Un message"):] if "Un message" in text else ""
            parts.append(("text", french))
    return parts


@pytest.fixture
def demo_mail(resident_pages):
    app, _ = resident_pages
    with app.app_context():
        return mail_settings(app)


def test_the_mail_settings_know_each_service_title_in_each_language(demo_mail):
    assert demo_mail.service_titles["dog-licence"] == {"en": "Dog licence", "fr": "Licence pour chien"}


def _submission(lang: str) -> Submission:
    return Submission(
        id=1, reference="ABCD2345", service="dog-licence", lang=lang,
        service_title="Permis pour chien" if lang == "fr" else "Dog licence", department="clerk",
        recipient="clerk@bellerive.example.org",
        answers=[Answer("name", "Votre nom", "Jo Tremblay"), Answer("notes", "Autre chose ?", "Rien : merci !")],
        reply_to="jo@example.net", resident_copy_to="jo@example.net",
        created_at=datetime(2026, 12, 1, 13, 52, tzinfo=UTC))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_french_part_of_every_email_keeps_french_spaces_unbreakable(demo_mail, lang):
    sub = _submission(lang)
    event = StatusEvent(status="waiting_for_you", note="Apportez le certificat : 8 h 30, 5 $.",
                        at=datetime(2026, 12, 2, 15, 0, tzinfo=UTC), by="staff")
    failed = OutboxItem(id=7, submission_id=1, kind="department", recipient="clerk@bellerive.example.org", about_id=None,
                        status="failed", attempts=5, created_at=sub.created_at, next_attempt_at=sub.created_at,
                        lease_owner=None, lease_until=None, last_error="550 5.1.1 mailbox unavailable", sent_at=None)
    messages = {"department": department_message(sub, "clerk@bellerive.example.org", demo_mail),
                "copy": resident_copy_message(sub, "jo@example.net", demo_mail),
                "status": status_update_message(sub, event, "jo@example.net", demo_mail, 3),
                "alert": admin_alert_message(sub, failed, "admin@bellerive.example.org", demo_mail)}
    checked = 0
    for name, msg in messages.items():
        for kind, text in _french_parts(msg, "en" if name == "alert" else lang):
            found = page_violations(text) if kind == "html" else violations(text)
            assert found == [], (name, kind, found)
            checked += bool(text.strip())
    assert checked >= 6 if lang == "fr" else checked >= 4
    copy_text = next(t for k, t in _french_parts(messages["copy"], lang) if k == "text")
    assert "25\u00a0$ par année" in copy_text  # the dog licence's fee, from the demo page, glued to its dollar sign


def test_the_email_scan_fails_on_a_planted_breakable_space(demo_mail):
    msg = resident_copy_message(_submission("fr"), "jo@example.net", demo_mail)
    text = next(t for k, t in _french_parts(msg, "fr") if k == "text")
    assert violations(text) == []
    assert rules_broken(violations(text + "\nMontant : 5 $")) == {"space before : ; ! ?", "N $", "number and unit"}


def test_the_live_search_results_keep_french_spaces_unbreakable(resident_pages):
    """The search script shows the JSON's titles and summaries as they come: typeset like the pages."""
    app, _ = resident_pages
    results = app.test_client().get("/search?q=arbre&lang=fr&format=json").get_json()["results"]
    summaries = {r["slug"]: r["summary"] for r in results}
    assert "30\u00a0cm" in summaries["tree-removal-permit"]  # "30 cm de large" in the editor's text
    assert [v for r in results for v in violations(r["title"]) + violations(r["summary"])] == []
