"""Each half of a resident's two-language email names the service in its own language (issue #12)."""

from __future__ import annotations

import dataclasses

from tests.support.submissions import full_submission

SEPARATOR = "\n\n" + "-" * 40 + "\n\n"
TITLES = {"dog-licence": {"en": "Dog licence", "fr": "Permis pour chien"}}


def body(msg, kind="plain") -> str:
    return msg.get_body(preferencelist=(kind,)).get_content().replace("\r\n", "\n")


def halves(text: str) -> list[str]:
    parts = text.split(SEPARATOR)
    assert len(parts) == 2
    return parts


def test_the_french_half_of_a_sent_copy_names_the_service_in_french(store, smtp, make_worker, mail):
    store.save_submission(full_submission(lang="en", service_title="Dog licence"))
    assert make_worker(mail=dataclasses.replace(mail, service_titles=TITLES)).run_once() == {"sent": 2}
    copy = next(r for r in smtp.received if r.rcpt_tos == ["jo@example.net"]).message
    english, french = halves(body(copy))
    assert "Permis pour chien" in french and "Dog licence" not in french
    assert "Dog licence" in english and "Permis pour chien" not in english
    assert "m.." not in english  # "… 9:00 a.m." ends its sentence with one period
    html = body(copy, "html")
    french_html = html[html.index('<div lang="fr">'):]
    assert "Permis pour chien" in french_html and "Dog licence" not in french_html


def test_the_english_half_of_a_status_email_names_the_service_in_english(store, smtp, make_worker, mail):
    ref = store.save_submission(full_submission(lang="fr", service_title="Permis pour chien"))
    worker = make_worker(mail=dataclasses.replace(mail, service_titles=TITLES))
    assert worker.run_once() == {"sent": 2}
    assert store.set_status(ref, "in_progress")
    assert worker.run_once() == {"sent": 1}
    french, english = halves(body(smtp.received[-1].message))
    assert "Permis pour chien" in french and "Dog licence" in english and "Permis pour chien" not in english


def test_without_the_catalogue_the_stored_title_is_used(store, smtp, make_worker):
    store.save_submission(full_submission(lang="fr", service_title="Permis pour chien"))
    assert make_worker().run_once() == {"sent": 2}
    copy = next(r for r in smtp.received if r.rcpt_tos == ["jo@example.net"]).message
    assert all("Permis pour chien" in half for half in halves(body(copy)))
