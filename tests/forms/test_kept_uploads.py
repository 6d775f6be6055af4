"""A valid file survives a page with errors (issue #11 item 16).

With a photo chosen and another answer wrong, the page shown again says
"photo.jpg, attached" with a "Remove this file" checkbox, never an error on
the optional photo; sending the corrected form without choosing the file again
stores it and mails it to the department. Pages are read with an HTML parser.
"""

from __future__ import annotations

import os
from email import policy
from email.parser import BytesParser
from html.parser import HTMLParser

import pytest

from forms_app.forms import pending

from tests.support.forms import FORM, FORM_FR, JPEG, PDF, opened, post, rows, text, valid_answers
from tests.support.html_tree import field_errors
from .test_upload_safety import department_bytes, files_in

PHOTO = JPEG + b"a photo of the street"


class Page(HTMLParser):
    """Every element with an id (tag, attributes, text inside), every form input, every label's text by its ``for``."""

    def __init__(self, html: str):
        super().__init__()
        self.by_id: dict[str, dict] = {}
        self.inputs: list[dict] = []
        self.labels: dict[str, str] = {}
        self._open: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        element = {"tag": tag, "attrs": attrs, "text": ""}
        if "id" in attrs:
            self.by_id[attrs["id"]] = element
        if tag == "input":
            self.inputs.append(attrs)
            return
        self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            element = self._open.pop()
            if element["tag"] == "label" and "for" in element["attrs"]:
                self.labels[element["attrs"]["for"]] = " ".join(element["text"].split())
            if element["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def text_of(self, element_id: str) -> str:
        return " ".join(self.by_id[element_id]["text"].split())

    def value(self, name: str) -> str | None:
        return next((i.get("value") for i in self.inputs if i.get("name") == name and i.get("type") == "hidden"), None)


def with_errors(client, url=FORM, **changes):
    """The form with the plan and a photo chosen and the name left out: shown again with errors."""
    answers = valid_answers(full_name="", photo=(PHOTO, "street photo.jpg", "image/jpeg"),
                            **{"gx-submission": "kept-files-key-0123456789"})
    answers.update(changes)
    response = post(client, url, answers)
    assert response.status_code == 422
    return Page(text(response)), text(response)


def corrected(page: Page, **changes) -> dict:
    """The corrected form as the browser sends it: no file chosen again, the page's hidden fields."""
    answers = valid_answers(plan=None, photo=None, **{"gx-submission": page.value("gx-submission")})
    answers.update({name: page.value(name) for name in ("plan-kept", "photo-kept") if page.value(name)})
    answers.update(changes)
    return answers


@pytest.mark.parametrize(("lang", "attached", "remove"), [("en", "attached", "Remove this file"),
                                                            ("fr", "joint", "Retirer ce fichier")])
def test_the_page_with_errors_shows_each_valid_file_as_attached(client, app, lang, attached, remove):
    page, html = with_errors(client, FORM if lang == "en" else FORM_FR)
    assert set(field_errors(html)) == {"full_name"}  # never an error on the optional photo (nor the plan)
    assert page.text_of("photo-kept") == f"street photo.jpg, {attached}"
    assert page.text_of("plan-kept") == f"street plan.pdf, {attached}"
    photo = page.by_id["photo"]["attrs"]
    assert photo["type"] == "file" and "aria-invalid" not in photo
    assert photo["aria-describedby"].split() == ["photo-kept", "photo-replace"]
    assert page.by_id["photo-remove"]["attrs"] == {"class": "gx-checkboxes__input", "id": "photo-remove",
                                                   "name": "photo-remove", "type": "checkbox", "value": "1"}
    assert page.labels["photo-remove"] == remove
    kept = sorted(files_in(app.config["UPLOAD_DIR"]))
    assert len(kept) == 2 and all(name.startswith("pending/") for name in kept)
    assert rows(app, "submissions") == []


def test_the_corrected_form_sends_the_kept_files_without_choosing_them_again(client, app, smtp):
    page, _ = with_errors(client)
    response = post(client, FORM, corrected(page))
    assert response.status_code == 303, text(response)
    (submission,) = rows(app, "submissions")
    answers = {a["name"]: a["value"] for a in submission["answers"]}
    assert answers["plan"] == "street plan.pdf" and answers["photo"] == "street photo.jpg"
    attachments = {a["filename"]: a for a in rows(app, "attachments")}
    assert set(attachments) == {"plan.pdf", "photo.jpg"}
    assert attachments["photo.jpg"]["content_type"] == "image/jpeg" and attachments["photo.jpg"]["size"] == len(PHOTO)
    upload_dir = app.config["UPLOAD_DIR"]
    assert files_in(upload_dir) == sorted(a["stored_name"] for a in attachments.values())  # moved: no pending copy left
    assert opened(app, os.path.join(upload_dir, attachments["photo.jpg"]["stored_name"])) == PHOTO
    message = BytesParser(policy=policy.default).parsebytes(department_bytes(app, smtp))
    sent = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert sent == {"plan.pdf": PDF, "photo.jpg": PHOTO}


def test_remove_sends_the_form_without_the_kept_file(client, app):
    page, _ = with_errors(client)
    response = post(client, FORM, corrected(page, **{"photo-remove": "1"}))
    assert response.status_code == 303, text(response)
    assert [a["filename"] for a in rows(app, "attachments")] == ["plan.pdf"]
    (submission,) = rows(app, "submissions")
    assert {a["name"]: a["value"] for a in submission["answers"]}["photo"] == ""
    assert not any(n.startswith("pending/") for n in files_in(app.config["UPLOAD_DIR"]))  # the removed one is gone


def test_remove_on_a_page_that_still_has_errors_drops_the_file_and_says_nothing_of_it(client, app):
    page, _ = with_errors(client)
    html = text(post(client, FORM, corrected(page, full_name="", **{"photo-remove": "1"})))
    again = Page(html)
    assert set(field_errors(html)) == {"full_name"}
    assert "photo-kept" not in again.by_id and "plan-kept" in again.by_id
    assert len(files_in(app.config["UPLOAD_DIR"])) == 1


def test_a_new_file_replaces_the_kept_one(client, app):
    page, _ = with_errors(client)
    other = JPEG + b"another photo"
    response = post(client, FORM, corrected(page, photo=(other, "better.jpg", "image/jpeg")))
    assert response.status_code == 303, text(response)
    photo = next(a for a in rows(app, "attachments") if a["filename"] == "photo.jpg")
    assert opened(app, os.path.join(app.config["UPLOAD_DIR"], photo["stored_name"])) == other
    assert len(files_in(app.config["UPLOAD_DIR"])) == 2  # the replaced photo was deleted


def test_pressing_send_twice_gives_the_same_reference_and_one_set_of_files(client, app):
    page, _ = with_errors(client)
    first = post(client, FORM, corrected(page))
    second = post(client, FORM, corrected(page))  # the kept files have moved: the key finds the first
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert len(rows(app, "submissions")) == 1 and len(files_in(app.config["UPLOAD_DIR"])) == 2


def test_a_token_for_another_field_or_forged_is_ignored(client, app):
    page, _ = with_errors(client)
    answers = corrected(page, **{"photo-kept": page.value("plan-kept")})  # the plan's token sent as the photo's
    response = post(client, FORM, answers)
    assert response.status_code == 303
    assert [a["filename"] for a in rows(app, "attachments")] == ["plan.pdf"]
    forged = post(client, FORM, corrected(page, **{"plan-kept": page.value("plan-kept")[:-2] + "xx",
                                                    "gx-submission": "another-key-0123456789"}))
    assert forged.status_code == 422 and field_errors(text(forged)) == {"plan": "Choose a file for “Your plan”"}


def test_a_kept_file_that_expired_says_so_instead_of_sending_without_it(client, app, monkeypatch):
    page, _ = with_errors(client)
    monkeypatch.setattr(pending, "PENDING_MAX_AGE", -1)  # a day has passed
    response = post(client, FORM, corrected(page))
    assert response.status_code == 422
    lost = "The file you attached is no longer kept (we keep it for a day). Choose it again"
    assert field_errors(text(response)) == {"plan": lost, "photo": lost}
    assert rows(app, "submissions") == []


def test_an_expired_session_never_shows_an_error_on_an_optional_file(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    client.get(FORM)
    response = post(client, FORM, valid_answers(photo=(PHOTO, "street photo.jpg", "image/jpeg")))  # no CSRF token
    assert response.status_code == 400
    assert "photo" not in field_errors(text(response))
    assert files_in(app.config["UPLOAD_DIR"]) == []  # a request that failed its CSRF check keeps nothing
