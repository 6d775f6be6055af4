"""Assisted entry: staff enter a request for a caller, a visitor or a paper form (``/staff/new/``).

Any signed-in staff member may enter a request for any service that has a form:
a 311 agent takes calls for every department, and a counter clerk enters
whatever paper lands on the counter. (Who may *read* a request afterwards is
still the queue's rule: department staff see their departments' requests.)

The page is the resident's own form: the same class built from the
service's ``<slug>.form.yml`` (``forms/builder.py``), the same view-model and
macros (``forms/fields.py``, ``macros/fields.html``), the same checks, kept
files and save path (``forms/views.py``: ``save``). Two things differ:

* a required "How did the resident contact us?" question (``ASSISTED_CHANNELS``:
  phone, in person, mail) recorded as the request's channel;
* every email question is optional: a caller may have no address. Without
  one, nothing is emailed to the resident; with one, they get the same
  confirmation as online and can follow the request from then on.

No honeypot and no rate limit (staff are signed in), CSRF as everywhere. On
success the request records ``entered_by`` (the member's address), the audit
log ``assisted_entry``, and the member sees the reference to read out.
"""

from __future__ import annotations

import logging

from flask import Blueprint, abort, current_app, make_response, redirect, render_template, request, url_for

from guichet.model.form import FieldType
from guichet.ui import t as chrome_text
from guichet.urls import status_url
from guichet.words import gettext, word

from ..catalogue import get_catalogue
from ..config import settings_of
from ..forms.builder import SpecForm, build_form_class
from ..forms.fields import form_view
from ..forms.pending import Lost
from ..forms.text import t as forms_text
from ..forms.views import FORM_CLASSES, SUBMISSION_KEY, bound, earlier_reference, form_title, pending_files, save, submission_key
from ..routing import localized
from ..store import format_reference, get_store, normalize_reference
from ..store.schema import ASSISTED_CHANNELS
from .nav import staff_nav
from .session import current_staff, no_store, staff_required
from .text import CHANNEL_LABELS

log = logging.getLogger(__name__)
bp = Blueprint("staff_assisted", __name__)

ASSISTED_CLASSES = "guichet.assisted_form_classes"
CHANNEL = "gx-channel"  # the channel question's name: no form field may start with "gx-"


def assisted_class(slug: str, lang: str) -> type[SpecForm]:
    """The service's form class with its email questions optional (built once per app)."""
    built = current_app.extensions.setdefault(ASSISTED_CLASSES, {})
    if (slug, lang) not in built:
        resident = current_app.extensions[FORM_CLASSES].get((slug, lang))
        if resident is None:
            abort(404)
        spec = resident.spec
        fields = [f.model_copy(update={"required": False}) if f.type is FieldType.email else f for f in spec.fields]
        built[(slug, lang)] = build_form_class(slug, spec.model_copy(update={"fields": fields}), lang)
    return built[(slug, lang)]


def _page(template: str, lang: str, code: int = 200, **context):
    response = make_response(render_template(template, lang=lang, staff_nav=staff_nav(lang), **context), code)
    return no_store(response)


@localized(bp, "/staff/new/", methods=["GET"])
@staff_required
def choose(lang: str):
    """Every service with a form, by title: any staff member may enter any of them."""
    catalogue = get_catalogue()
    services = sorted(
        ({"title": service.page(lang).meta.title, "href": url_for(".form", slug=slug, lang=lang)}
         for slug, service in catalogue.services.items() if (slug, lang) in current_app.extensions[FORM_CLASSES]),
        key=lambda s: s["title"].casefold(),
    )
    return _page("staff/assisted_choose.html", lang, page_title=gettext(lang, "Enter a request for a resident"),
                 services=services)


def channel_view(lang: str, chosen: str, error: str | None) -> dict:
    """The channel question as ``macros/fields.html`` prints radios (ids, attributes, error)."""
    items = []
    for i, channel in enumerate(ASSISTED_CHANNELS):
        item_id = CHANNEL if i == 0 else f"{CHANNEL}-{i + 1}"
        items.append({"id": item_id, "label": word(lang, CHANNEL_LABELS[channel]), "attrs": {
            "class": "gx-radios__input", "id": item_id, "name": CHANNEL, "type": "radio", "value": channel,
            "checked": "checked" if channel == chosen else None}})
    error_id = f"{CHANNEL}-error" if error else None
    return {"template": "radios", "id": CHANNEL, "name": CHANNEL, "label": gettext(lang, "How did the resident contact us?"),
            "optional": None, "hint": None, "hint_id": None, "error": error, "error_id": error_id,
            "error_prefix": forms_text("error_hidden", lang),
            "described_by": error_id, "choices": items, "choices_class": "gx-radios",
            "group_class": "gx-form-group" + (" gx-form-group--error" if error else "")}


def render_assisted(service, form: SpecForm, lang: str, channel: str, channel_error: str | None = None, code: int = 200):
    view = form_view(form, lang)
    errors = view["errors"]
    if channel_error:
        errors = [{"text": channel_error, "href": f"#{CHANNEL}"}, *errors]
    title = gettext(lang, "New request: {service}", service=form_title(service, form.spec, lang))
    return _page(
        "staff/assisted_form.html", lang, code,
        page_title=(chrome_text("error_prefix", lang) if errors else "") + title,
        heading=title, errors=errors, fields=view["fields"], multipart=view["multipart"],
        channel=channel_view(lang, channel, channel_error),
        action=url_for(".form", slug=service.slug, lang=lang),
        submission_key=(SUBMISSION_KEY, submission_key()),
        has_email=any(f.spec.type is FieldType.email for f in form.answer_fields),
    )


@localized(bp, "/staff/new/<slug>/", methods=["GET", "POST"])
@staff_required
def form(slug: str, lang: str):
    form_cls = assisted_class(slug, lang)
    service = get_catalogue().services[slug]
    if request.method == "GET":
        return render_assisted(service, form_cls(), lang, "")
    member = current_staff()
    form = bound(form_cls)
    kept = pending_files(slug)
    kept.resolve(form.uploads)
    earlier = earlier_reference(form)
    if earlier is not None:  # Save pressed twice: the first press stored it
        return redirect(url_for(".done", slug=slug, reference=earlier, lang=lang), 303)
    channel = request.form.get(CHANNEL, "")
    channel_error = None if channel in ASSISTED_CHANNELS else gettext(lang, "Choose how the resident contacted us")
    valid = form.validate()
    if valid and channel_error is None:
        try:
            reference = save(service, form, lang, kept, channel=channel, entered_by=member.email)
        except Lost:  # a second press moved a kept file first: show the form again, the file asked for again
            kept.resolve(form.uploads)
            form.validate()
        else:
            get_store().audit.record(member.email, "assisted_entry", reference, f"channel={channel} service={slug}")
            log.info("assisted entry service=%s reference=%s channel=%s", slug, format_reference(reference), channel)
            return redirect(url_for(".done", slug=slug, reference=reference, lang=lang), 303)
    kept.keep_valid(form.uploads)
    return render_assisted(service, form, lang, channel if channel in ASSISTED_CHANNELS else "", channel_error, 422)


@localized(bp, "/staff/new/<slug>/done/<reference>", methods=["GET"])
@staff_required
def done(slug: str, reference: str, lang: str):
    """The reference to read out, where the resident follows it, and what to do next."""
    if (slug, lang) not in current_app.extensions[FORM_CLASSES] or normalize_reference(reference) != reference:
        abort(404)
    status = get_store().status_of(reference)
    if status is None or status.service != slug:
        abort(404)
    formatted = format_reference(reference)
    root = settings_of(current_app).PUBLIC_URL or request.url_root
    service = get_catalogue().services[slug]
    return _page(
        "staff/assisted_done.html", lang,
        page_title=gettext(lang, "Request {ref} saved", ref=formatted),
        reference=formatted, service_title=service.page(lang).meta.title,
        status_url=status_url(lang, root, reference=formatted),
        request_url=url_for("staff_request.request", ref=formatted, lang=lang),
        again_url=url_for(".form", slug=slug, lang=lang),
        choose_url=url_for(".choose", lang=lang),
    )
