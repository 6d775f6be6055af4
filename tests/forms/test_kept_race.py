"""Two presses of Send racing for one kept file (issue #11 item 16): never a 500.

The race is made deterministic by moving the kept file away at the moment the
second request adopts it, as the first request's ``adopt`` would.
"""

from __future__ import annotations

import os

from forms_app.forms import pending

from tests.support.forms import FORM, post, rows, text
from .test_kept_uploads import PHOTO, Page, corrected, field_errors, files_in, with_errors


def _lose_on_adopt(monkeypatch, before=None):
    adopt = pending.PendingFiles.adopt

    def racing(self, kept):
        if before:
            before()
        os.remove(os.path.join(self.folder, kept.stored_name))  # the other press took it first
        return adopt(self, kept)

    monkeypatch.setattr(pending.PendingFiles, "adopt", racing)


def test_the_loser_of_the_race_is_sent_to_the_first_press_confirmation(client, app, monkeypatch):
    page, _ = with_errors(client)
    answers = corrected(page)
    first = post(client, FORM, answers)  # stored, its kept files moved
    assert first.status_code == 303
    # The second press passed its 'already stored?' check before the first committed: simulate by
    # racing inside adopt, after which the key is found.
    for name in ("plan-kept", "photo-kept"):
        answers[name] = page.value(name)
    stray = os.path.join(app.config["UPLOAD_DIR"], "pending")
    os.makedirs(stray, exist_ok=True)
    monkeypatch.setattr(pending.PendingFiles, "find", lambda self, token, spec: pending.Kept(
        token, "0" * 32, pending.checked(spec, "pdf" if spec.name == "plan" else "jpeg", 10, "x")))
    open(os.path.join(stray, "0" * 32), "wb").close()
    _lose_on_adopt(monkeypatch)
    second = post(client, FORM, answers)
    assert second.status_code == 303, text(second)
    assert second.headers["Location"] == first.headers["Location"]
    assert len(rows(app, "submissions")) == 1


def test_the_loser_with_nothing_stored_yet_is_asked_to_choose_the_file_again(client, app, monkeypatch):
    page, _ = with_errors(client)
    _lose_on_adopt(monkeypatch)
    response = post(client, FORM, corrected(page))
    assert response.status_code == 422, text(response)
    errors = field_errors(text(response))
    assert set(errors) == {"plan"} and "Choose it again" in errors["plan"]
    assert rows(app, "submissions") == [] and rows(app, "attachments") == []
    assert not [n for n in files_in(app.config["UPLOAD_DIR"]) if not n.startswith("pending/")]  # nothing half-saved


def test_a_new_file_chosen_by_the_loser_stays_attached(client, app, monkeypatch):
    page, _ = with_errors(client)
    _lose_on_adopt(monkeypatch)
    response = post(client, FORM, corrected(page, photo=(PHOTO, "new photo.jpg", "image/jpeg")))
    assert response.status_code == 422, text(response)
    again = Page(text(response))
    assert set(field_errors(text(response))) == {"plan"}
    assert again.value("photo-kept") and "new photo.jpg" in again.text_of("photo-kept")
    assert rows(app, "submissions") == [] and rows(app, "attachments") == []
