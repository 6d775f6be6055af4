"""Page feedback with JavaScript off: the footer form of a page, "Yes" and "No", the question step, the
thank-you page that links back; what is stored (masked, no IP, no time of day); cross-site posts and
unsafe page addresses refused; the rate limit's bilingual page."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.feedback import CROSS_SITE, SAME_ORIGIN, answer, explain, footer_form, form_fields, stored
from tests.support.forms import FORM, FORM_FR
from tests.support.html_tree import parse, summary


def test_every_app_page_has_the_form_in_its_language(client):
    for url, lang, question in ((FORM, "en", "Did you find what you needed?"),
                                (FORM_FR, "fr", "Avez-vous trouvé ce dont vous aviez besoin?")):
        form = footer_form(client.get(url))
        assert form.get("method") == "post"
        assert form.get("action") == ("/feedback/" if lang == "en" else "/fr/feedback/")
        assert form.find("legend").text() == question
        assert form_fields(form) == {"page": url}
        assert [(b.get("name"), b.get("value")) for b in form.find_all("button")] == [("helpful", "1"), ("helpful", "0")]
        assert not form.find_all("input", name="csrf_token")  # static pages have no session: none needed


def test_yes_is_stored_without_anything_about_the_person(app, client):
    thanks = answer(client, client.get(FORM), "yes")
    assert thanks.status_code == 200
    assert thanks.request.path == "/feedback/thanks/" and set(thanks.request.args) == {"t"}  # POST-redirect-GET
    page = parse(thanks)
    assert page.find("h1").text() == "Thank you for your feedback"
    assert page.find("a", href=FORM).text() == "Go back to the page you were on"
    assert not page.find_all("form", cls="gx-feedback")  # no "did you find" on the feedback pages
    assert thanks.headers["Cache-Control"] == "no-store"
    [row] = stored(app, "page_feedback")
    assert row["helpful"] is True and row["reason"] is None and row["comment"] is None
    assert (row["lang"], row["path"], row["service"], row["department"]) == ("en", FORM, "every-field", "clerk")
    assert isinstance(row["day"], dt.date) and not isinstance(row["day"], dt.datetime)
    assert set(row) == {"id", "day", "lang", "path", "service", "department", "helpful", "reason", "comment", "outbox_id"}
    assert "127.0.0.1" not in repr(row)
    assert "Set-Cookie" not in thanks.headers


def test_no_then_what_went_wrong_stores_the_reason_and_the_masked_comment(app, client):
    more = answer(client, client.get(FORM_FR), "no")
    assert more.status_code == 200
    page = parse(more)
    assert page.find("h1").text() == "Aidez-vous à améliorer cette page".replace("vous", "nous")
    assert page.find("legend").text() == "Qu’est-ce qui n’allait pas?"
    assert [r.get("value") for r in page.find_all("input", type="radio")] == [
        "cant_find", "hard_to_understand", "something_wrong", "other"]
    hint = page.by_id("gx-feedback-comment-hint").text()
    assert "renseignement personnel" in hint
    assert page.by_id("gx-feedback-comment").get("aria-describedby") == "gx-feedback-comment-hint"
    [row] = stored(app, "page_feedback")
    assert row["helpful"] is False and row["reason"] is None  # the "no" counts even if the second step is left

    comment = "Les heures sont fausses. Je m'appelle Luc Bergeron, 613-555-0100, luc@exemple.ca"
    thanks = explain(client, more, reason="hard_to_understand", comment=comment)
    assert thanks.status_code == 200
    assert parse(thanks).find("h1").text() == "Merci de vos commentaires"
    assert parse(thanks).find("a", href=FORM_FR).text() == "Retourner à la page où vous étiez"
    [row] = stored(app, "page_feedback")
    assert row["reason"] == "hard_to_understand"
    assert row["comment"] == "Les heures sont fausses. Je m'appelle [name], [phone], [email]"
    assert row["outbox_id"] is None  # only "something is wrong" tells the department
    assert stored(app, "outbox") == []


def test_the_second_step_completes_its_answer_once(app, client):
    more = answer(client, client.get(FORM), "no")
    explain(client, more, reason="other", comment="first")
    again = explain(client, more, reason="cant_find", comment="second")
    assert again.status_code == 200
    back = client.get(more.request.full_path)  # the back button: the thanks, at the same address
    assert back.status_code == 200 and parse(back).find("h1").text() == "Thank you for your feedback"
    [row] = stored(app, "page_feedback")
    assert (row["reason"], row["comment"]) == ("other", "first")


def test_the_second_step_shows_its_errors_in_the_error_summary(app, client):
    more = answer(client, client.get(FORM), "no")
    wrong = explain(client, more, comment="x" * 1001)
    assert wrong.status_code == 422
    page = parse(wrong)
    assert page.find("title").text().startswith("Error: Help us improve this page")
    assert summary(wrong) == [("#gx-feedback-reason", "Choose what went wrong"),
                              ("#gx-feedback-comment", "Your comment must be 1,000 characters or fewer")]
    assert page.by_id("gx-feedback-comment").get("aria-invalid") == "true"
    assert page.by_id("gx-feedback-comment").get("aria-describedby") == "gx-feedback-comment-hint gx-feedback-comment-error"
    assert page.by_id("gx-feedback-comment-error").text() == "Error: Your comment must be 1,000 characters or fewer"
    assert page.by_id("gx-feedback-comment").text() == "x" * 1001  # kept to be shortened
    assert page.by_id("gx-feedback-reason-error").text() == "Error: Choose what went wrong"
    [row] = stored(app, "page_feedback")
    assert row["reason"] is None and row["comment"] is None
    fixed = explain(client, wrong, reason="cant_find", comment="too long before")
    assert fixed.status_code == 200
    assert stored(app, "page_feedback")[0]["comment"] == "too long before"


@pytest.mark.parametrize("headers", [
    CROSS_SITE,
    {"Origin": "https://evil.example"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://shop.localhost"},
    {"Referer": "https://evil.example/page"},
    {"Origin": "null"},
    {},  # a request that says nothing of where it came from is not trusted
])
def test_a_cross_site_post_is_refused_and_nothing_is_stored(app, client, headers):
    page = client.get(FORM)
    refused = answer(client, page, "no", headers=headers)
    assert refused.status_code == 403
    assert parse(refused).find("h1").text() == "Your feedback could not be accepted"
    assert stored(app, "page_feedback") == []


def test_a_listed_origin_may_post(make_app):
    app = make_app(FEEDBACK_ORIGINS=["https://www.bellerive.example.org"])
    client = app.test_client()
    ok = answer(client, client.get(FORM), "yes",
                headers={"Origin": "https://www.bellerive.example.org", "Sec-Fetch-Site": "cross-site"})
    assert ok.status_code == 200
    assert len(stored(app, "page_feedback")) == 1
    refused = answer(client, client.get(FORM), "yes", headers=CROSS_SITE)
    assert refused.status_code == 403
    assert len(stored(app, "page_feedback")) == 1


@pytest.mark.parametrize("path", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
                                  "/a/../b", "/x?next=//evil", "", "/staff/requests/"])
def test_only_a_plain_path_of_this_site_is_accepted_and_linked_back_to(app, client, path):
    refused = client.post("/feedback/", data={"page": path, "helpful": "1"}, headers=SAME_ORIGIN)
    assert refused.status_code == 400
    assert "Location" not in refused.headers
    assert stored(app, "page_feedback") == []


def test_a_confirmation_page_is_stored_without_its_reference(app, client):
    thanks = client.post("/feedback/", data={"page": "/forms/every-field/done/ABCD2345", "helpful": "1"},
                         headers=SAME_ORIGIN, follow_redirects=True)
    assert "ABCD2345" not in thanks.request.url
    assert parse(thanks).find("a", href="/services/every-field/")  # the way back: the service's page
    [row] = stored(app, "page_feedback")
    assert row["path"] == "/forms/every-field/done/" and row["service"] == "every-field"


def test_staff_pages_have_no_feedback_form(client):
    for url in ("/staff/", "/fr/staff/"):
        shown = client.get(url)
        assert shown.status_code == 200
        assert not parse(shown).find_all("form", cls="gx-feedback")
    assert parse(client.get("/status/")).find_all("form", cls="gx-feedback")  # a resident's page has it


def test_a_get_of_the_feedback_address_goes_home(client):
    assert client.get("/fr/feedback/").headers["Location"].endswith("/fr/")


def test_the_n_plus_first_answer_gets_the_too_many_page_in_each_language(make_app):
    app = make_app(RATELIMIT_ENABLED=True, FEEDBACK_RATE_LIMIT="3 per hour")
    client = app.test_client()
    page = client.get(FORM)
    for _ in range(3):
        assert answer(client, page, "yes").status_code == 200
    refused = answer(client, page, "yes")
    assert refused.status_code == 429
    assert parse(refused).find("h1").text() == "You have sent too much feedback"
    assert "Nothing was saved" in parse(refused).find("main").text()
    refused_fr = answer(client, client.get(FORM_FR), "yes")
    assert refused_fr.status_code == 429
    assert parse(refused_fr).find("h1").text() == "Vous avez envoyé trop de commentaires"
    assert parse(refused_fr).find("html").get("lang") == "fr"
    assert len(stored(app, "page_feedback")) == 3


def test_the_language_link_of_each_feedback_page_keeps_its_answer(app, client):
    more = answer(client, client.get(FORM), "no")
    link = parse(more).find("a", cls="gx-header__lang").get("href")
    assert link.startswith("/fr/feedback/more/?t=")
    french = client.get(link)
    assert french.status_code == 200 and parse(french).find("html").get("lang") == "fr"
    thanks = explain(client, french, reason="other", comment="")
    assert parse(thanks).find("a", href="/fr/forms/every-field/")  # back to the page, in the language now read
    assert stored(app, "page_feedback")[0]["reason"] == "other"


@pytest.mark.parametrize("token", ["", "forged", "MQ.aaaa.bbbb"])
def test_a_forged_or_missing_token_shows_nothing(client, token):
    assert client.get(f"/feedback/more/?t={token}").status_code == 404
    assert client.post(f"/feedback/more/?t={token}", data={"reason": "other"}, headers=SAME_ORIGIN).status_code == 404
    thanks = parse(client.get(f"/feedback/thanks/?t={token}")).find("main")
    assert [(a.get("href"), a.text()) for a in thanks.find_all("a")] == [("/", "Go to the home page")]


def test_a_yes_has_no_what_went_wrong_page(app, client):
    thanks = answer(client, client.get(FORM), "yes")
    token = thanks.request.args["t"]
    assert client.get(f"/feedback/more/?t={token}").status_code == 404
    sent = client.post(f"/feedback/more/?t={token}", data={"reason": "something_wrong", "comment": "x"}, headers=SAME_ORIGIN)
    assert sent.status_code == 404  # a "yes" cannot be turned into a reason, a comment or an email
    [row] = stored(app, "page_feedback")
    assert row["helpful"] and row["reason"] is None and row["comment"] is None and stored(app, "outbox") == []


def test_the_second_step_refuses_a_cross_site_post(app, client):
    more = answer(client, client.get(FORM), "no")
    refused = explain(client, more, headers=CROSS_SITE, reason="something_wrong", comment="spam")
    assert refused.status_code == 403
    [row] = stored(app, "page_feedback")
    assert row["reason"] is None and stored(app, "outbox") == []
