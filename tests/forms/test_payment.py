"""Issue #11 item 14: the form keeps the page's promise about paying.

The demo dog-licence form declares an online payment: the confirmation page
and both emails say how much (the page's own fees) and how (a link to the
payment page carrying the reference), in both languages. Forms that send a
bill say "do not pay now"; forms without a payment say nothing about paying.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from forms_app.delivery import Worker, WorkerSettings, mail_settings
from forms_app.store import get_store
from guichet.model.catalogue import load_catalogue
from guichet.typography import typeset

from tests.support.forms import post
from tests.support.html_tree import parse

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "catalogue"


class Section(HTMLParser):
    """The text and links under each <h2> of <main>: {heading: {"text": [...], "items": [...], "links": [...]}}."""

    def __init__(self, page: str):
        super().__init__()
        self.sections: dict[str, dict[str, list]] = {}
        self._in_main = False
        self._current: str | None = None
        self._tag: str | None = None
        self._buffer = ""
        self._href: str | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self._in_main = True
        if self._in_main and tag in ("h2", "p", "li", "a"):
            self._flush()
            self._tag, self._buffer = tag, ""
            self._href = dict(attrs).get("href") if tag == "a" else None

    def handle_endtag(self, tag):
        if tag == self._tag:
            self._flush()
        if tag == "main":
            self._in_main = False

    def handle_data(self, data):
        if self._tag:
            self._buffer += data

    def _flush(self):
        text = " ".join(self._buffer.split())
        if self._tag == "h2":
            self._current = text
            self.sections[text] = {"text": [], "items": [], "links": []}
        elif self._current and text:
            section = self.sections[self._current]
            if self._tag == "li":
                section["items"].append(text)
            elif self._tag == "a":
                section["links"].append((text, self._href))
            else:
                section["text"].append(text)
        self._tag, self._buffer = None, ""


def dog_answers() -> dict[str, str]:
    """The accessibility gate's valid dog-licence answers (accessibility.yml), one source for both."""
    config = yaml.safe_load((ROOT / "accessibility.yml").read_text(encoding="utf-8"))
    for state in config["urls"]:
        for action in state.get("actions", []):
            if action["action"] == "fill-and-submit" and state["url"] == "/forms/dog-licence/":
                return {str(k): str(v) for k, v in action["values"].items()}
    raise LookupError("no dog-licence answers in accessibility.yml")


@pytest.fixture
def demo(make_app):
    app = make_app(CATALOGUE_DIR=str(DEMO))
    return app, app.test_client()


def send(client, slug: str, lang: str, answers: dict) -> tuple[str, str]:
    """Send a form; (confirmation page, reference). The success is a 303 to a GET page."""
    prefix = "/fr" if lang == "fr" else ""
    response = post(client, f"{prefix}/forms/{slug}/", answers)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    location = response.headers["Location"]
    page = client.get(location)
    assert page.status_code == 200
    return page.get_data(as_text=True), location.split("/done/")[1].split("?")[0]


def fees(slug: str, lang: str) -> list[str]:
    meta = load_catalogue(DEMO).services[slug].page(lang).meta
    sep = " : " if lang == "fr" else ": "
    return [f"{fee.label}{sep}{fee.amount}" for fee in meta.fees]


@pytest.mark.parametrize("lang, heading, how", [
    ("en", "Payment", "Pay online on the City's payment page."),
    ("fr", "Paiement", "Payez en ligne sur la page de paiement de la Ville."),
])
def test_the_dog_licence_confirmation_says_how_much_and_links_to_the_payment_page(demo, lang, heading, how):
    app, client = demo
    page, reference = send(client, "dog-licence", lang, dog_answers())
    section = Section(page).sections[heading]
    assert section["text"][0].startswith(how), section
    assert section["items"] == fees("dog-licence", lang)  # the page's own fees, in the page's language
    ((_, href),) = section["links"]
    url = urlsplit(href)
    assert (url.scheme, url.netloc, url.path) == ("https", "pay.bellerive.example.org", "/dog-licence")
    shown = page.split('class="gx-reference">')[1].split("<")[0]
    assert parse_qs(url.query) == {"ref": [shown]} and shown.replace("-", "") == reference


def test_access_to_information_pays_only_the_application_fee_online(demo):
    app, client = demo
    answers = {"full_name": "Jo Tremblay", "mailing_address": "12 Elm Street", "postal_code": "K0A 1A0",
               "phone": "613-555-0100", "email": "jo@example.net", "request_type": "general-records",
               "records_wanted": "The 2025 road salt contract and its invoices.", "format": "electronic"}
    page, _ = send(client, "access-to-information", "en", answers)
    section = Section(page).sections["Payment"]
    assert section["items"] == ["Application fee: $5"]
    assert section["text"][1] == "How much:"
    assert section["links"][0][1].startswith("https://pay.bellerive.example.org/access-to-information?ref=")


def test_a_form_that_bills_later_says_not_to_pay_now(demo):
    app, client = demo
    answers = {"full_name": "Jo Tremblay", "address": "12 Elm Street", "postal_code": "K0A 1A0", "phone": "613-555-0100",
               "items": ["furniture"], "item_count": "2"}
    page, _ = send(client, "bulky-item-collection", "fr", answers)
    section = Section(page).sections["Paiement"]
    assert section["text"][0].startswith("Ne payez rien maintenant.")
    assert section["items"] == fees("bulky-item-collection", "fr") and not section["links"]


def test_a_form_without_payment_says_nothing_about_paying(demo):
    app, client = demo
    answers = {"location": "Main and Elm", "problem": "out", "full_name": "", "email": "", "phone": ""}
    spec = load_catalogue(DEMO).services["report-streetlight"].form
    answers["problem"] = next(f for f in spec.fields if f.name == "problem").choices[0].value
    page, _ = send(client, "report-streetlight", "en", answers)
    assert "Payment" not in Section(page).sections and "pay.bellerive" not in page


def test_the_emails_say_how_much_and_how_in_both_languages(demo, smtp):
    app, client = demo
    _, reference = send(client, "dog-licence", "fr", dog_answers())
    with app.app_context():
        assert Worker(get_store(), mail_settings(app), smtp.settings, WorkerSettings()).run_once() == {"sent": 2}
    messages = smtp.messages()
    copy = next(m for m in messages if m["Message-ID"].startswith(f"<sub-{reference}.copy@"))
    department = next(m for m in messages if m["Message-ID"].startswith(f"<sub-{reference}@"))
    text = copy.get_body(("plain",)).get_content()
    html = copy.get_body(("html",)).get_content()
    shown = f"{reference[:4]}-{reference[4:]}"
    pay_url = f"https://pay.bellerive.example.org/dog-licence?ref={shown}"
    for lang, line in (("fr", "Payez en ligne sur la page de paiement de la Ville."),
                       ("en", "Pay online on the City's payment page.")):
        assert line in text
        for fee in fees("dog-licence", lang):
            assert f"- {typeset(fee, lang)}" in text  # French glued: "25\u00a0$"
    assert text.index("Payez en ligne") < text.index("Pay online")  # the resident's language first
    assert text.count(pay_url) == 2 and len(parse(html).find_all("a", href=pay_url)) == 2
    staff = department.get_body(("plain",)).get_content()
    assert f"page de paiement de la Ville avec la référence {shown}" in staff
