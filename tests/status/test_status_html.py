"""#11 items 17 and 18, status pages: valid <time> values, the history as a table,
explanations that do not repeat the label, errors in the page's language only,
and a real success notification on the staff page. Every page is parsed."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from forms_app.status import STATUS_LABELS, make_staff_token
from forms_app.status.text import status_help, status_label
from guichet import LANGUAGES
from forms_app.store import format_reference, get_store

from tests.support.submissions import new_submission
from tests.support.apps import SECRET
from tests.support.html_tree import csrf_token, parse

VALID_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def saved_with_history(app, *changes: tuple[str, str]) -> str:
    with app.app_context():
        store = get_store()
        ref = store.save_submission(new_submission(attachments=[], resident_copy_to=None))
        for status, note in changes:
            store.set_status(ref, status, note)
    return ref


def main_of(response):
    assert response.status_code == 200, response.status_code
    return parse(response.get_data(as_text=True)).find("main")


@pytest.mark.parametrize("prefix", ["", "/fr"])
def test_every_time_element_has_a_valid_datetime_without_microseconds(app, client, prefix):
    ref = saved_with_history(app, ("in_progress", ""))
    pages = [client.get(f"{prefix}/status/?ref={format_reference(ref)}"),
             client.get(f"{prefix}/status/staff/{make_staff_token(SECRET, ref)}")]
    values = [t.attrs["datetime"] for page in pages for t in main_of(page).find_all("time")]
    assert len(values) == 1 + 2 + 2  # sent date; two history rows on each page
    for value in values:
        assert VALID_DATETIME.match(value), value
        assert datetime.fromisoformat(value.replace("Z", "+00:00")).microsecond == 0


@pytest.mark.parametrize("prefix, headers, label", [
    ("", ["Date", "Status", "Note"], "We need something from you"),
    ("/fr", ["Date", "État", "Note"], "Nous attendons votre réponse"),
])
def test_the_history_is_a_table_of_date_status_and_note_newest_first(app, client, prefix, headers, label):
    ref = saved_with_history(app, ("waiting_for_you", "Send the rabies certificate."))
    main = main_of(client.get(f"{prefix}/status/?ref={format_reference(ref)}"))
    assert main.find_all("ol") == []  # no bare numbered list any more
    table = main.find("table", class_="gx-table status-history")
    heading = main.find("h3", id=table.attrs["aria-labelledby"])
    assert heading.text() in ("History", "Historique")
    assert [th.text() for th in table.find("thead").find_all("th")] == headers
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 2
    newest = rows[0]
    assert newest.find("th").attrs["scope"] == "row" and newest.find("th").find("time")
    assert [td.text() for td in newest.find_all("td")] == [label, "Send the rabies certificate."]
    assert rows[1].find_all("td")[0].text() in ("Received", "Reçue")


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) >= 4}


def test_no_explanation_repeats_its_label():
    """The page shows 'We need something from you' then its explanation: they must not say it twice."""
    for status in STATUS_LABELS:
        for lang in LANGUAGES:
            label, explanation = status_label(status, lang), status_help(status, lang)
            assert not _words(label) & _words(explanation), (status, lang, label, explanation)


def test_the_current_status_shows_its_label_once_then_what_it_means(app, client):
    ref = saved_with_history(app, ("waiting_for_you", ""))
    main = main_of(client.get(f"/status/?ref={format_reference(ref)}"))
    current = main.find("dl").find_all("dd")[-1]
    assert current.find("strong").text() == "We need something from you"
    assert current.find("p").text() == "Read the note below or check your email, then reply to the department."
    assert "We need more information from you" not in main.text()


@pytest.mark.parametrize("prefix, lang, mine, other", [
    ("", "en", "We found no request with the reference ABCD-2345.", "Aucune demande"),
    ("/fr", "fr", "Aucune demande ne porte la référence ABCD-2345.", "We found no request"),
])
def test_an_unknown_reference_is_an_error_in_the_page_language_only(client, prefix, lang, mine, other):
    page = parse(client.get(f"{prefix}/status/?ref=ABCD-2345").get_data(as_text=True))
    assert page.find("html").attrs["lang"] == lang
    error = page.find("p", id="ref-error")
    assert error.text().startswith(mine)
    assert other not in page.find("main").text()
    assert [n for n in page.find("main").iter() if "lang" in n.attrs] == []  # no passage in another language
    field = page.find("input", id="ref")
    assert field.attrs["aria-invalid"] == "true" and field.attrs["aria-describedby"] == "ref-hint ref-error"


@pytest.mark.parametrize("prefix, title, saved", [
    ("", "Success", "Saved. The resident now sees: In progress."),
    ("/fr", "Succès", "Enregistré. Le résident voit maintenant\u00a0: En traitement."),
])
def test_saved_is_a_success_notification_before_the_heading(app, client, prefix, title, saved):
    ref = saved_with_history(app)
    link = f"{prefix}/status/staff/{make_staff_token(SECRET, ref)}"
    done = client.post(link, data={"csrf_token": csrf_token(client.get(link).get_data(as_text=True)),
                                   "status": "in_progress", "note": ""})
    assert done.status_code == 303
    main = main_of(client.get(done.headers["Location"]))
    [banner] = [n for n in main.iter() if "gx-notification" in (n.attrs.get("class") or "").split()]
    assert banner.attrs["role"] == "alert" and banner.attrs["tabindex"] == "-1"
    heading = banner.find("h2", id=banner.attrs["aria-labelledby"])
    assert heading.text() == title
    assert banner.find("p", class_="gx-notification__heading").text() == saved
    order = [n.tag for n in main.iter() if n is banner or n.tag == "h1"]
    assert order == ["div", "h1"]  # read first
    # shown once: a reload does not claim to have saved again
    again = main_of(client.get(link))
    assert not [n for n in again.iter() if "gx-notification" in (n.attrs.get("class") or "")]
