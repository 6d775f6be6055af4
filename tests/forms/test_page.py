"""The form html_page as a screen reader, a keyboard and a slow phone meet it."""

from __future__ import annotations

import re

import pytest

from tests.support.forms import FORM, FORM_FR, post, text, valid_answers

from tests.support.html_tree import attr, element, field_errors, summary, title


@pytest.fixture
def html_page(client):
    response = client.get(FORM)
    assert response.status_code == 200
    return text(response)


def test_the_page_is_in_the_sites_chrome(html_page, client):
    assert html_page.startswith("<!doctype html>")
    assert '<html lang="en">' in html_page
    assert title(html_page) == "Apply for a street party permit – City of Bellerive"
    assert 'class="gx-header"' in html_page and 'class="gx-footer"' in html_page  # the site's partials
    assert '<a class="gx-skip" href="#main">' in html_page and '<main class="gx-wrap gx-main" id="main" tabindex="-1">' in html_page
    assert '<link rel="stylesheet" href="/assets/stylesheets/guichet.css">' in html_page
    assert 'href="/fr/forms/every-field/"' in html_page  # the language toggle goes to the same form in French
    # Nothing the CSP would block: no inline script or style; only the shared, deferred enhancement script.
    assert re.findall(r"<script[^>]*>", html_page) == ['<script src="/assets/javascripts/guichet-search.js" defer>']
    assert "style=" not in html_page
    french = text(client.get(FORM_FR))
    assert '<html lang="fr">' in french
    assert title(french) == "Demander un permis de fête de rue – Ville de Bellerive"


def test_no_javascript_is_needed(html_page):
    form = re.search(r'<form class="gx-form" method="post" action="/forms/every-field/" novalidate enctype="multipart/form-data">', html_page)
    assert form, "a plain POST form, multipart because it has files; novalidate so our messages show, not the browser's"
    assert re.search(r'<button type="submit" class="gx-button">Send form</button>', html_page)
    assert '<input type="hidden" name="csrf_token" value="' in html_page


def test_labels_hints_and_descriptions(html_page):
    assert '<label class="gx-label" for="full_name">Your full name</label>' in html_page
    email = element(html_page, "email")
    assert attr(email, "type") == "email" and attr(email, "autocomplete") == "email"
    assert attr(email, "aria-describedby") == "email-hint"
    assert '<div id="email-hint" class="gx-hint">We send your permit here.</div>' in html_page
    assert attr(element(html_page, "full_name"), "aria-describedby") is None  # no hint, no error: nothing to describe it


def test_optional_fields_say_so(html_page, client):
    assert 'for="email">Email address <span class="gx-optional">(optional)</span></label>' in html_page
    assert 'for="full_name">Your full name</label>' in html_page  # required fields are the norm: not marked
    assert '<span class="gx-optional">(facultatif)</span>' in text(client.get(FORM_FR))


@pytest.mark.parametrize(
    ("field_id", "expected"),
    [
        ("full_name", {"type": "text", "autocomplete": "name"}),
        ("email", {"type": "email", "autocomplete": "email", "spellcheck": "false", "autocapitalize": "none"}),
        ("phone", {"type": "tel", "autocomplete": "tel"}),
        ("postal_code", {"type": "text", "autocomplete": "postal-code", "autocapitalize": "characters"}),
        ("guests", {"type": "text", "inputmode": "decimal"}),
        ("discount", {"type": "text", "inputmode": "text"}),  # may be negative: a keypad without a minus sign would not do
        ("party_date-day", {"type": "text", "inputmode": "numeric", "autocomplete": None}),
        ("party_date-year", {"type": "text", "inputmode": "numeric"}),
        ("plan", {"type": "file", "accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}),
        ("photo", {"type": "file", "accept": ".jpg,.jpeg,image/jpeg"}),
    ],
)
def test_the_right_keyboard_and_autocomplete(html_page, field_id, expected):
    field = element(html_page, field_id)
    for name, value in expected.items():
        assert attr(field, name) == value, name


def test_long_answers_get_a_text_area(html_page):
    assert re.search(r'<textarea class="gx-textarea" id="description" name="description" rows="6" aria-describedby="description-hint"></textarea>', html_page)
    assert attr(element(html_page, "address"), "autocomplete") == "street-address"


def test_radios_and_checkboxes_are_fieldsets_with_legends(html_page):
    for name, legend, kind in [
        ("kind", "What kind of party is it?", "radio"),
        ("owner", "Do you live on the street?", "radio"),
        ("needs", "What you need", "checkbox"),
    ]:
        block = re.search(r'<fieldset class="gx-fieldset">\s*<legend class="gx-fieldset__legend">%s</legend>(.*?)</fieldset>' % re.escape(legend), html_page, re.S)
        assert block, name
        inputs = re.findall(r"<input[^>]*>", block.group(1))
        assert inputs and all(f'type="{kind}"' in i and f'name="{name}"' in i for i in inputs)
        assert all("autocomplete" not in i for i in inputs)  # never on radios or checkboxes
        assert f'id="{name}"' in inputs[0]  # the error summary links to the first one
    assert re.search(r'<label class="gx-label gx-radios__label" for="owner">Yes</label>', html_page)
    assert re.search(r'<label class="gx-label gx-radios__label" for="owner-2">No</label>', html_page)


def test_the_date_is_three_labelled_boxes_in_a_fieldset(html_page):
    block = re.search(r'<fieldset class="gx-fieldset" role="group">\s*<legend class="gx-fieldset__legend">The date of the party</legend>(.*?)</fieldset>', html_page, re.S)
    assert block
    labels = re.findall(r'<label class="gx-label gx-date-input__label" for="([^"]+)">([^<]+)</label>', block.group(1))
    assert labels == [("party_date-day", "Day"), ("party_date-month", "Month"), ("party_date-year", "Year")]


def test_the_privacy_notice_comes_before_the_button(html_page):
    privacy = html_page.index('<section class="gx-privacy"')
    assert html_page.index("We use your answers to issue the permit.") > privacy
    assert privacy < html_page.index('class="gx-button">Send form')
    assert "Only the City Clerk&#39;s Office." in html_page and "We keep your answers for 2 years." in html_page


def test_the_honeypot_is_out_of_everyones_way(html_page):
    # `hidden` keeps it off screen even without the stylesheet (reader modes, text browsers).
    block = re.search(r'<div class="gx-hp" hidden aria-hidden="true">(.*?)</div>', html_page, re.S).group(1)
    field = element(block, "gx-website")
    assert attr(field, "tabindex") == "-1" and attr(field, "autocomplete") == "off" and attr(field, "value") == ""


class TestErrors:
    @pytest.fixture
    def html_page(self, client):
        answers = valid_answers(full_name="", email="nope", description="", **{"party_date-month": ""}, kind=None)
        response = post(client, FORM, answers)
        assert response.status_code == 422
        return text(response)

    def test_the_title_says_error(self, html_page, client):
        assert title(html_page) == "Error: Apply for a street party permit – City of Bellerive"
        french = text(post(client, FORM_FR, valid_answers(full_name="")))
        assert title(french) == "Erreur : Demander un permis de fête de rue – Ville de Bellerive"

    def test_the_summary_is_first_and_takes_focus(self, html_page):
        summary_at = html_page.index('<div class="gx-error-summary"')
        assert summary_at < html_page.index("<h1>")
        opening = re.search(r'<div class="gx-error-summary"[^>]*>', html_page).group(0)
        # Focus without JavaScript: autofocus on the summary (tabindex=-1 makes a div focusable);
        # its role=alert content is announced as well.
        assert 'tabindex="-1"' in opening and " autofocus" in opening
        # No aria-labelledby on a role-less div: ARIA prohibits naming it (axe aria-prohibited-attr).
        assert "aria-label" not in opening
        assert '<div role="alert">' in html_page
        assert '<h2 class="gx-error-summary__title" id="gx-error-summary-title">There is a problem</h2>' in html_page

    def test_the_summary_links_to_each_field_in_order(self, html_page):
        assert summary(html_page) == [
            ("#full_name", "Enter your full name"),
            ("#email", "Enter an email address in the correct format, like name@example.com"),
            ("#description", "Describe the party"),
            ("#party_date-month", "The date of the party must include a month"),
            ("#kind", "Choose one option for “What kind of party is it?”"),
        ]

    def test_errors_are_tied_to_their_fields(self, html_page):
        assert attr(element(html_page, "full_name"), "aria-describedby") == "full_name-error"
        assert attr(element(html_page, "full_name"), "aria-invalid") == "true"
        assert attr(element(html_page, "email"), "aria-describedby") == "email-hint email-error"
        assert attr(element(html_page, "description"), "aria-describedby") == "description-hint description-error"
        assert re.search(r'<fieldset class="gx-fieldset" aria-describedby="kind-error">', html_page)
        assert re.search(r'<fieldset class="gx-fieldset" role="group" aria-describedby="party_date-error">', html_page)
        assert '<p id="full_name-error" class="gx-error-message"><span class="gx-visually-hidden">Error:</span> Enter your full name</p>' in html_page
        assert "gx-form-group gx-form-group--error" in html_page

    def test_only_the_wrong_date_box_is_marked(self, html_page):
        assert "gx-input--error" in attr(element(html_page, "party_date-month"), "class")
        assert "gx-input--error" not in attr(element(html_page, "party_date-day"), "class")

    def test_answers_are_kept(self, html_page):
        assert attr(element(html_page, "phone"), "value") == "613-555-0100"
        assert attr(element(html_page, "email"), "value") == "nope"  # kept as typed, to be corrected
        assert attr(element(html_page, "party_date-day"), "value") == "21" and attr(element(html_page, "party_date-year"), "value") == "2027"
        assert attr(element(html_page, "owner"), "checked") == "checked"
        assert attr(element(html_page, "needs"), "checked") == "checked"  # barriers
        assert attr(element(html_page, "needs-2"), "checked") == "checked"  # power
        assert attr(element(html_page, "needs-3"), "checked") is None
        assert attr(element(html_page, "postal_code"), "value") == "k1a 0b1"

    def test_a_valid_file_is_kept_and_said_to_be_attached(self, html_page):
        assert "plan" not in field_errors(html_page)
        assert attr(element(html_page, "plan"), "aria-describedby") == "plan-hint plan-kept plan-replace"
        assert '<p id="plan-kept" class="gx-file-kept"><strong>street plan.pdf, attached</strong></p>' in html_page

    def test_kept_answers_are_escaped(self, client):
        response = post(client, FORM, valid_answers(full_name='"><script>alert(1)</script>', phone=""))
        html_page = text(response)
        assert "<script>alert(1)</script>" not in html_page
        assert attr(element(html_page, "full_name"), "value") == '"><script>alert(1)</script>'


