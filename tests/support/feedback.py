"""Posting the footer's feedback form as a browser does, and reading what was stored."""

from __future__ import annotations

from sqlalchemy import select

from tests.support.html_tree import parse

SAME_ORIGIN = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
CROSS_SITE = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}


def form_fields(form) -> dict[str, str]:
    """The hidden inputs of a parsed <form>."""
    return {i.get("name"): i.get("value") or "" for i in form.find_all("input", type="hidden")}


def footer_form(page):
    """The "Did you find what you needed?" form of a page (exactly one)."""
    return parse(page).find("form", cls="gx-feedback")


BUTTONS = {"yes": "1", "no": "0"}  # the footer form's buttons' values


def answer(client, page, helpful: str, headers=SAME_ORIGIN):
    """Press Yes or No (``helpful``: "yes" or "no") on ``page``'s footer form; the page it leads to (redirects followed)."""
    form = footer_form(page)
    return client.post(form.get("action"), data=form_fields(form) | {"helpful": BUTTONS[helpful]}, headers=headers,
                       follow_redirects=True)


def explain(client, more_page, headers=SAME_ORIGIN, **answers):
    """Send the "what went wrong" form of ``more_page`` with ``answers`` (reason, comment); redirects followed."""
    form = parse(more_page).find("form", cls="gx-form")
    return client.post(form.get("action"), data=form_fields(form) | answers, headers=headers, follow_redirects=True)


def stored(app, table_name: str) -> list[dict]:
    from forms_app.store import get_store, schema

    table = getattr(schema, table_name)
    order = table.c.id if "id" in table.c else table.c.event
    with app.app_context(), get_store().engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(table).order_by(order)).mappings()]
