"""#12: email bodies are Jinja templates (HTML autoescaped, text not), and /dev/mail/ exists only in development."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms_app.delivery import messages
from forms_app.delivery.templating import environment, render

from tests.support.apps import ENCRYPTION_KEY, create_test_app

DELIVERY = Path(messages.__file__).parent
STRONG = "a-real-secret-for-this-test-only-" + "x7Qz3Kp9Lm2Wv8Rt"


def test_html_templates_escape_and_text_templates_do_not():
    pay = {"title": "<Pay>", "how": "a & b", "url": None, "amounts": [], "amounts_intro": None, "link_text": "x"}
    assert render("_payment.html", pay=pay).startswith("<h2>&lt;Pay&gt;</h2>\n<p>a &amp; b</p>")
    assert render("_payment.txt", pay=pay).startswith("== <Pay> ==\na & b\n")


def test_every_mail_template_parses_and_no_body_is_composed_with_markup_format():
    names = environment().list_templates()
    assert {"department.txt", "department.html", "copy.txt", "copy.html", "update.txt", "update.html",
            "admin_alert.txt"} <= set(names)
    for name in names:
        environment().get_template(name)
    source = (DELIVERY / "messages.py").read_text(encoding="utf-8")
    assert not [bit for bit in ("Markup(", "<p>", "<li>", "<h2>") if bit in source], "email markup belongs in templates/mail/"


@pytest.mark.parametrize(("env", "served"), [("development", True), ("testing", False), ("production", False)])
def test_dev_mail_is_registered_only_in_development(tmp_path, env, served):
    extra = ({"SECRET_KEY": STRONG, "PUBLIC_URL": "https://services.bellerive.example.org", "ENCRYPTION_KEYS": [ENCRYPTION_KEY]}
             if env == "production" else {})
    app = create_test_app(tmp_path, ENV=env, **extra)
    try:
        rules = [rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/dev/mail")]
        assert bool(rules) is served
        assert (app.test_client().get("/dev/mail/").status_code == 200) is served
    finally:
        app.extensions["guichet_store"].engine.dispose()
