"""The form html_page as a screen reader, a keyboard and a slow phone meet it."""

from __future__ import annotations

import pytest

from tests.support.forms import FORM, FORM_FR, post, text, valid_answers
from tests.support.html_tree import attr, element, field_errors, parse, summary, title


@pytest.fixture
def html_page(client):
    response = client.get(FORM)
    assert response.status_code == 200
    return text(response)


def test_the_page_is_in_the_sites_chrome(html_page, client):
    page = parse(html_page)
    assert html_page.startswith("<!doctype html>")
    assert page.find("html").get("lang") == "en"
    assert title(page) == "Apply for a street party permit – City of Bellerive"
    assert page.find_all(class_="gx-header") and page.find_all(class_="gx-footer")  # the site's partials
    assert page.find("a", class_="gx-skip").get("href") == "#main"
    main = page.find("main")
    assert (main.get("id"), main.get("tabindex"), main.classes) == ("main", "-1", ["gx-wrap", "gx-main"])
    assert [link.get("href") for link in page.find_all("link", rel="stylesheet")] == ["/assets/stylesheets/guichet.css"]
    assert page.find_all("a", href="/fr/forms/every-field/")  # the language toggle goes to the same form in French
    # Nothing the CSP would block: no inline script or style; only the shared, deferred enhancement script.
    assert [(s.attrs, s.children) for s in page.find_all("script")] == [
        ({"src": "/assets/javascripts/guichet-search.js", "defer": None}, [])]
    assert not [n for n in page.iter() if "style" in n.attrs] and page.find_all("style") == []
    french = text(client.get(FORM_FR))
    assert parse(french).find("html").get("lang") == "fr"
    assert title(french) == "Demander un permis de fête de rue – Ville de Bellerive"


def test_no_javascript_is_needed(html_page):
    form = parse(html_page).find("form", class_="gx-form")
    # a plain POST form, multipart because it has files; novalidate so our messages show, not the browser's
    assert form.attrs == {"class": "gx-form", "method": "post", "action": "/forms/every-field/", "novalidate": None,
                          "enctype": "multipart/form-data"}
    assert form.find("button", type="submit", class_="gx-button").text() == "Send form"
    assert form.find("input", type="hidden", name="csrf_token").attrs.get("value") is not None


def test_labels_hints_and_descriptions(html_page):
    assert parse(html_page).find("label", class_="gx-label", for_="full_name").text() == "Your full name"
    email = element(html_page, "email")
    assert attr(email, "type") == "email" and attr(email, "autocomplete") == "email"
    assert attr(email, "aria-describedby") == "email-hint"
    hint = element(html_page, "email-hint")
    assert (hint.tag, hint.classes, hint.text()) == ("div", ["gx-hint"], "We send your permit here.")
    assert attr(element(html_page, "full_name"), "aria-describedby") is None  # no hint, no error: nothing to describe it


def test_optional_fields_say_so(html_page, client):
    page = parse(html_page)
    email = page.find("label", for_="email")
    assert email.text() == "Email address (optional)" and email.find("span", class_="gx-optional").text() == "(optional)"
    name = page.find("label", for_="full_name")  # required fields are the norm: not marked
    assert name.text() == "Your full name" and name.find_all(class_="gx-optional") == []
    assert parse(client.get(FORM_FR)).find("label", for_="email").find("span", class_="gx-optional").text() == "(facultatif)"


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
    area = element(html_page, "description")
    assert (area.tag, area.attrs, area.text()) == ("textarea", {"class": "gx-textarea", "id": "description",
                                                   "name": "description", "rows": "6", "aria-describedby": "description-hint"}, "")
    assert attr(element(html_page, "address"), "autocomplete") == "street-address"


def test_radios_and_checkboxes_are_fieldsets_with_legends(html_page):
    page = parse(html_page)
    for name, legend, kind in [
        ("kind", "What kind of party is it?", "radio"),
        ("owner", "Do you live on the street?", "radio"),
        ("needs", "What you need", "checkbox"),
    ]:
        [block] = [f for f in page.find_all("fieldset", class_="gx-fieldset")
                   if f.children and [c for c in f.children if not isinstance(c, str) or c.strip()][0].tag == "legend"
                   and f.find("legend", class_="gx-fieldset__legend").text() == legend]
        assert "role" not in block.attrs, name
        inputs = block.find_all("input")
        assert inputs and all(i.get("type") == kind and i.get("name") == name for i in inputs)
        assert all("autocomplete" not in i.attrs for i in inputs)  # never on radios or checkboxes
        assert inputs[0].get("id") == name  # the error summary links to the first one
    assert page.find("label", for_="owner").classes == ["gx-label", "gx-radios__label"]
    assert [page.find("label", for_=i).text() for i in ("owner", "owner-2")] == ["Yes", "No"]


def test_the_date_is_three_labelled_boxes_in_a_fieldset(html_page):
    [block] = [f for f in parse(html_page).find_all("fieldset", class_="gx-fieldset", role="group")
               if f.find("legend", class_="gx-fieldset__legend").text() == "The date of the party"]
    labels = [(label.get("for"), label.text()) for label in block.find_all("label", class_="gx-label gx-date-input__label")]
    assert labels == [("party_date-day", "Day"), ("party_date-month", "Month"), ("party_date-year", "Year")]


def test_the_privacy_notice_comes_before_the_button(html_page):
    elements = list(parse(html_page).iter())
    privacy = [n for n in elements if n.tag == "section" and "gx-privacy" in n.classes]
    button = [n for n in elements if n.tag == "button" and n.text() == "Send form"]
    assert len(privacy) == len(button) == 1 and elements.index(privacy[0]) < elements.index(button[0])
    notice = privacy[0].text()
    assert "We use your answers to issue the permit." in notice
    assert "Only the City Clerk's Office." in notice and "We keep your answers for 2 years after we close your request." in notice
    assert "Legal authority: Special Events By-law No. 2022-05" in notice  # issue #14: the whole notice
    assert "To see or correct your information: Privacy Officer, City Clerk's Office" in notice
    links = [a.get("href") for a in privacy[0].find_all("a")]
    assert links == ["mailto:privacy@bellerive.example.org", "tel:5550175", "/privacy/"]


def test_the_honeypot_is_out_of_everyones_way(html_page):
    # `hidden` keeps it off screen even without the stylesheet (reader modes, text browsers).
    block = parse(html_page).find("div", class_="gx-hp")
    assert block.get("hidden") == "hidden" and block.get("aria-hidden") == "true"
    field = block.by_id("gx-website")
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
        assert title(french) == "Erreur\u00a0: Demander un permis de fête de rue – Ville de Bellerive"

    def test_the_summary_is_first_and_takes_focus(self, html_page):
        elements = list(parse(html_page).iter())
        [box] = [n for n in elements if n.tag == "div" and "gx-error-summary" in n.classes]
        assert elements.index(box) < elements.index(next(n for n in elements if n.tag == "h1"))
        # Focus without JavaScript: autofocus on the summary (tabindex=-1 makes a div focusable);
        # its role=alert content is announced as well.
        assert box.get("tabindex") == "-1" and "autofocus" in box.attrs
        # No aria-labelledby on a role-less div: ARIA prohibits naming it (axe aria-prohibited-attr).
        assert not [name for name in box.attrs if name.startswith("aria-label")] and "role" not in box.attrs
        assert box.find_all("div", role="alert")
        heading = box.find("h2", id="gx-error-summary-title")
        assert heading.classes == ["gx-error-summary__title"] and heading.text() == "There is a problem"

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
        page = parse(html_page)
        assert page.find_all("fieldset", class_="gx-fieldset", aria_describedby="kind-error")
        assert page.find_all("fieldset", class_="gx-fieldset", role="group", aria_describedby="party_date-error")
        message = page.find("p", id="full_name-error", class_="gx-error-message")
        assert message.find("span", class_="gx-visually-hidden").text() == "Error:"
        assert message.text() == "Error: Enter your full name"
        assert page.find_all(class_="gx-form-group gx-form-group--error")

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
        kept = element(html_page, "plan-kept")
        assert (kept.tag, kept.classes, kept.find("strong").text(), kept.text()) == \
            ("p", ["gx-file-kept"], "street plan.pdf, attached", "street plan.pdf, attached")

    def test_kept_answers_are_escaped(self, client):
        response = post(client, FORM, valid_answers(full_name='"><script>alert(1)</script>', phone=""))
        html_page = text(response)
        assert "<script>alert(1)</script>" not in html_page
        assert attr(element(html_page, "full_name"), "value") == '"><script>alert(1)</script>'


