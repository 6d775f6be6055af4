"""Every page a resident can reach, as served HTML: the built site and the forms app's states.

Shared by ``tests/test_language_links.py`` (follows each page's language link)
and ``tests/test_html_valid.py`` (the Nu HTML Checker on every page). The app
is the demo's: the built site (``built_site``, served by the app), the demo
catalogue, CSRF on, its own database. States are reached with Flask's test
client as a browser would: GET the form, post its hidden fields back.

``Page`` keeps what was asked (``address``: the path and query a resident
sees in the address bar; for a POST, the form's address), the status and the
HTML, parsed with the standard library's HTML parser (``facts``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from accessibility.discover import form_slugs, site_paths

from tests.support.html_tree import parse

ORIGIN = "http://localhost"  # the test client's host; sent as Origin/Referer like a browser
FILL_STATE = "dog licence confirmation"  # accessibility.yml's filled form: its values reach a confirmation
SMALL_LIMIT = 1024 * 1024  # MAX_CONTENT_LENGTH of the test app, so the 413 page needs only a 1.5 MB post
RATE_LIMITED_FORM = "report-water-leak"  # the 429 state floods this form last


class Facts(HTMLParser):
    """What the tests read from a page: <html lang>, the language link, head links, <h1>, forms."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.lang_link: str | None = None  # the header's "Français"/"English" link
        self.alternate: list[tuple[str, str]] = []  # (hreflang, href) of <link rel=alternate hreflang>
        self.canonical: str | None = None
        self.h1 = ""
        self.title = ""
        self.inputs: list[dict[str, str]] = []  # every <input>, <select>, <textarea> of the page's forms
        self.search_forms = 0  # <form role=search>
        self.skip_links = 0  # links to #main
        self.rels: list[str] = []  # every <link rel>
        self.theme_classes: list[str] = []  # mkdocs-material's md-* classes (none since item 17)
        self._in: str | None = None  # "h1" or "title" while inside one
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        self.theme_classes += [c for c in classes if c.startswith("md-")]
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "a" and "gx-header__lang" in classes:
            self.lang_link = a.get("href")
        elif tag == "link" and "alternate" in a.get("rel", "").split() and "hreflang" in a:
            self.alternate.append((a["hreflang"], a.get("href", "")))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        elif tag in ("h1", "title"):
            self._in = tag
        elif tag in ("input", "select", "textarea"):
            self.inputs.append({"tag": tag, **a})
        elif tag == "form" and a.get("role") == "search":
            self.search_forms += 1
        if tag == "link":
            self.rels += a.get("rel", "").split()
        if tag == "a" and a.get("href") == "#main":
            self.skip_links += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "h1":
            self.h1 += data
        elif self._in == "title":
            self.title += data


@dataclass
class Page:
    name: str
    address: str  # path?query of the page in the address bar (a POST's form address)
    status: int
    text: str
    site: bool = False  # a page of the built site (else a state of the forms app)
    posted: bool = False  # the reply to a POST (its address is the form's)
    as_staff: bool = False  # reached signed in to the staff workspace (follow its links signed in too)
    facts: Facts = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.facts = Facts(self.text)


def _address(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _page(reply, name: str, url: str, site: bool = False) -> Page:
    """The page a reply shows, at the address the browser ends on; the reply is closed (files sent are)."""
    try:
        address = _address(reply.request.url) if reply.history else url
        posted = reply.request.method == "POST"
        return Page(name, address, reply.status_code, reply.get_data(as_text=True), site, posted)
    finally:
        reply.close()


def _expect(page: Page, status: int | None) -> Page:
    assert status is None or page.status == status, f"{page.name} ({page.address}): HTTP {page.status}, not {status}: not the state meant"
    return page


def _shows(page: Page, element_id: str) -> Page:
    """``page``, once it shows ``#element_id``: a status page answers 200 in each of its states."""
    assert parse(page.text).find_all(id=element_id), f"{page.name} ({page.address}): no #{element_id}: not the state meant"
    return page


def get(client, name: str, url: str, site: bool = False, expect: int | None = None) -> Page:
    return _expect(_page(client.get(url, follow_redirects=True), name, url, site), expect)


def post(client, name: str, url: str, data: dict, expect: int | None = None) -> Page:
    headers = {"Origin": ORIGIN, "Referer": ORIGIN + url}
    return _expect(_page(client.post(url, data=data, headers=headers, follow_redirects=True), name, url), expect)


def hidden_fields(page: Page) -> dict[str, str]:
    """The form's hidden inputs (CSRF token, submission key, honeypot left empty)."""
    return {i["name"]: i.get("value", "") for i in page.facts.inputs if i.get("type") == "hidden" and i.get("name")}


def filled(page: Page, values: dict) -> dict[str, str]:
    """What a browser posts after a resident types ``values`` (accessibility.yml's names)."""
    data = hidden_fields(page)
    for name, value in values.items():
        box = next((i for i in page.facts.inputs if i.get("name") == name and i.get("type") == "checkbox"), None)
        if box is not None:
            if value:
                data[name] = box.get("value") or "y"
        else:
            data[name] = str(value)
    return data


def site_pages(client, site_dir: Path) -> list[Page]:
    """Every index.html and 404.html of the built site, through the app (``SERVE_SITE``)."""
    return [get(client, path, path, site=True, expect=200) for path in site_paths(site_dir)]


def _fill_values(a11y_config) -> tuple[str, dict]:
    state = next(s for s in a11y_config.urls if s.name == FILL_STATE)
    action = next(a for a in state.actions if a["action"] == "fill-and-submit")
    return state.url, dict(action["values"])


def form_states(client, repo_root: Path) -> list[Page]:
    """Each demo form in each language: empty, after an empty submit (errors), and with no CSRF token (expired)."""
    pages = []
    for slug in form_slugs(repo_root, "catalogue/services/*.form.yml"):
        for prefix in ("", "/fr"):
            url = f"{prefix}/forms/{slug}/"
            empty = get(client, f"{url} (empty)", url, expect=200)
            pages.append(empty)
            if slug == RATE_LIMITED_FORM:
                continue  # posted to only by the 429 state
            pages.append(post(client, f"{url} (errors)", url, hidden_fields(empty), expect=422))
            no_token = {k: v for k, v in hidden_fields(empty).items() if k != "csrf_token"}
            pages.append(post(client, f"{url} (expired)", url, no_token, expect=400))
    return pages


def app_states(client, repo_root: Path, a11y_config) -> list[Page]:
    """Every other state: confirmation, honeypot, search, status (resident, staff), page feedback, 404, 405, 413, 429."""
    from forms_app.forms.views import HONEYPOT
    from forms_app.status import make_staff_token

    pages = form_states(client, repo_root)
    url, values = _fill_values(a11y_config)
    done = post(client, "confirmation", url, filled(get(client, "form", url), values), expect=200)
    assert "/done/" in done.address, f"the filled form did not reach its confirmation: {done.address}\n{done.text}"
    pages.append(done)
    ref = re.search(r"/done/([A-Z0-9]+)", done.address).group(1)
    pages.append(post(client, "honeypot (sent)", url, {**hidden_fields(get(client, "form", url)), HONEYPOT: "robot"}, expect=200))

    for lang in ("en", "fr"):
        pages.append(get(client, f"search results ({lang})", f"/search?lang={lang}&q=chien", expect=200))
        pages.append(get(client, f"search, no results ({lang})", f"/search?lang={lang}&q=zzzzqx", expect=200))
        pages.append(get(client, f"search, no query ({lang})", f"/search?lang={lang}", expect=200))
    pages.append(get(client, "search, where to go (en)", "/search?lang=en&q=passport+renewal", expect=200))
    pages.append(get(client, "search, where to go (fr)", "/fr/search?q=renouveler+mon+passeport", expect=200))
    pages.append(get(client, "search, related only (en)", "/search?lang=en&q=hockey+tournament+fees", expect=200))
    pages.append(get(client, "search under /fr/", "/fr/search?q=dog", expect=200))

    secret = client.application.config["SECRET_KEY"]
    for prefix in ("", "/fr"):
        pages.append(get(client, f"{prefix}/status/ (empty)", f"{prefix}/status/", expect=200))
        pages.append(_shows(get(client, f"{prefix}/status/ (unknown reference)", f"{prefix}/status/?ref=ZZZZ-9999", expect=200), "ref-error"))
        pages.append(_shows(get(client, f"{prefix}/status/ (a request)", f"{prefix}/status/?ref={ref}", expect=200), "request-heading"))
        staff_url = f"{prefix}/status/staff/{make_staff_token(secret, ref)}"
        staff = get(client, f"{prefix} staff page", staff_url, expect=200)
        pages.append(staff)
        pages.append(get(client, f"{prefix} staff page, bad link", f"{prefix}/status/staff/not-a-token", expect=403))
    staff_form = hidden_fields(staff)
    pages.append(post(client, "staff page (saved)", staff_url, {**staff_form, "status": "in_progress", "note": "Looking at it."}, expect=200))

    pages += staff_states(client.application, ref)
    pages += feedback_states(client)
    for path in ("/no-such-page/", "/fr/no-such-page/", "/forms/no-such-form/", "/fr/forms/no-such-form/"):
        pages.append(get(client, f"404 {path}", path, expect=404))
    empty = get(client, "form", "/forms/building-permit/")
    too_large = (BytesIO(b"%PDF-1.4\n" + b"0" * (SMALL_LIMIT * 3 // 2)), "plans.pdf")
    pages.append(post(client, "413 too large", "/forms/building-permit/", {**hidden_fields(empty), "plans": too_large}, expect=413))
    pages.append(post(client, "405 on the search", "/search", {}, expect=405))
    flood = f"/fr/forms/{RATE_LIMITED_FORM}/"
    form = get(client, "form", flood)
    for _ in range(30):
        last = post(client, "429 too many submissions", flood, hidden_fields(form))
        if last.status == 429:
            break
    pages.append(_expect(last, 429))
    return pages


def feedback_states(client) -> list[Page]:
    """Page feedback in each language (forms_app/feedback): "No" on a service page leads to what went wrong,
    then its errors, then the thank-you page; "Yes" on the A to Z to its thank-you page. Six POSTs, under
    FEEDBACK_RATE_LIMIT."""
    pages = []
    for prefix in ("", "/fr"):
        service = get(client, "service page", f"{prefix}/services/dog-licence/", expect=200)
        footer = hidden_fields(service)  # the footer form's page (and the header search's lang)
        more = post(client, f"{prefix}/feedback/ (what went wrong)", f"{prefix}/feedback/", {**footer, "helpful": "0"}, expect=200)
        pages.append(_shows(more, "gx-feedback-reason"))
        errors = post(client, f"{prefix}/feedback/ (what went wrong, errors)", more.address, {}, expect=422)
        pages.append(_shows(errors, "gx-feedback-reason-error"))
        pages.append(post(client, f"{prefix}/feedback/ (thank you)", more.address,
                          {"reason": "cant_find", "comment": "The pool hours are missing."}, expect=200))
    a_z = get(client, "A to Z", "/fr/a-z/", expect=200)
    pages.append(post(client, "/fr/feedback/ (yes, thank you)", "/fr/feedback/", {**hidden_fields(a_z), "helpful": "1"}, expect=200))
    return pages


def staff_states(app, ref: str) -> list[Page]:
    """The staff workspace's pages and the resident's reply page, each language: signed out (sign-in, its error,
    link sent, refused link), signed in as an administrator (queue, filtered queue, request, lookup, new request
    and its errors, audit log), and the reply page of ``ref`` once it waits for the resident."""
    from forms_app.status.links import make_reply_token
    from forms_app.store import get_store

    from tests.support.staff import sign_in

    visitor, staff = app.test_client(), app.test_client()
    sign_in(staff, "html-check@bellerive.example.org", admin=True)
    with app.app_context():
        get_store().set_status(ref, "waiting_for_you", "Please send the proof of rabies vaccination.", actor="html-check@bellerive.example.org")
    reply = f"?ref={ref}&reply={make_reply_token(app.config['SECRET_KEY'], ref)}"
    pages = []
    for prefix in ("", "/fr"):
        sign_in_page = get(visitor, f"{prefix}/staff/ (sign-in)", f"{prefix}/staff/", expect=200)
        pages.append(sign_in_page)
        pages.append(post(visitor, f"{prefix}/staff/ (no address)", f"{prefix}/staff/", hidden_fields(sign_in_page), expect=400))
        pages.append(get(visitor, f"{prefix}/staff/link-sent/", f"{prefix}/staff/link-sent/", expect=200))
        pages.append(get(visitor, f"{prefix} sign-in link refused", f"{prefix}/staff/sign-in/not-a-link", expect=403))
        signed_in = []
        for name, url in (("queue", "/staff/requests/"), ("queue, nothing matches", "/staff/requests/?channel=mail&status=closed"),
                          ("request", f"/staff/requests/{ref}/"), ("lookup", f"/staff/lookup/?ref={ref}"),
                          ("new request", "/staff/new/"), ("audit log", "/staff/audit/"),
                          ("insights", "/staff/insights/"), ("contact tally", "/staff/tally/?counted=dog-licence:resolved"),
                          ("privacy", f"/staff/requests/{ref}/privacy"), ("erase confirmation", f"/staff/requests/{ref}/privacy/erase")):
            signed_in.append(get(staff, f"{prefix} staff {name}", prefix + url, expect=200))
        entry = get(staff, f"{prefix} staff new dog licence", f"{prefix}/staff/new/dog-licence/", expect=200)
        signed_in.append(entry)
        signed_in.append(post(staff, f"{prefix} staff new dog licence (errors)", f"{prefix}/staff/new/dog-licence/",
                              hidden_fields(entry), expect=422))
        for page in signed_in:
            page.as_staff = True
        pages += signed_in
        reply_page = get(visitor, f"{prefix} resident reply", f"{prefix}/status/reply/{reply}", expect=200)
        pages.append(reply_page)
        pages.append(post(visitor, f"{prefix} resident reply (errors)", f"{prefix}/status/reply/{reply}",
                          hidden_fields(reply_page), expect=422))
    return pages


def app_config(instance_dir: Path) -> dict:
    """Extra settings of the test app: a small upload limit (413 state), its own mail folder."""
    return {"MAX_CONTENT_LENGTH": SMALL_LIMIT, "MAIL_DIR": str(instance_dir / "mail"), "PUBLIC_URL": ORIGIN}
