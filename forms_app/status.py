"""Status pages, so residents never have to phone to ask where a request is.

* ``/status/?ref=ABCD-2345`` and ``/fr/status/?ref=…``: the resident's page,
  the status history of a request (dates, statuses, notes, the service name;
  never the answers).
* ``/status/staff/<token>``: the page a staff member reaches from the link in
  the department email; a signed token (``SECRET_KEY``, valid
  ``STATUS_LINK_MAX_AGE`` seconds) names the reference. GET shows a form,
  only POST (with CSRF) changes the status.

Every word shown is in ``STRINGS`` / ``STATUS_LABELS`` here, not in templates;
the delivery emails use the same labels, tokens and date format.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from wtforms import StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length

from guichet.i18n import in_language, pick
from guichet.ui import t as chrome_text

from .store import STATUSES, format_reference, get_store, normalize_reference
from .store.store import NOTE_MAX

STAFF_SALT = "guichet.status.staff"

# For each status: (label for residents, explanation for residents, label for staff)
STATUS_LABELS: dict[str, dict[str, tuple[str, str, str]]] = {
    "received": {
        "en": ("Received", "We have your request. Staff will look at it soon.", "Received"),
        "fr": ("Reçue", "Nous avons reçu votre demande. Le personnel l'examinera bientôt.", "Reçue"),
    },
    "in_progress": {
        "en": ("In progress", "Staff are working on your request.", "In progress"),
        "fr": ("En traitement", "Le personnel traite votre demande.", "En traitement"),
    },
    "waiting_for_you": {
        "en": ("We need something from you", "We need more information from you. Read the note below or check your email.",
               "Waiting for the resident"),
        "fr": ("Nous attendons votre réponse", "Nous avons besoin de renseignements de votre part. Lisez la note ci-dessous ou consultez vos courriels.",
               "En attente du résident"),
    },
    "completed": {
        "en": ("Completed", "Your request is complete.", "Completed"),
        "fr": ("Terminée", "Votre demande est terminée.", "Terminée"),
    },
    "closed": {
        "en": ("Closed", "This request is closed.", "Closed"),
        "fr": ("Fermée", "Cette demande est fermée.", "Fermée"),
    },
}

STRINGS: dict[str, dict[str, str]] = {
    "title": {"en": "Check a request", "fr": "Suivre une demande"},
    "intro": {"en": "Enter the reference number from your confirmation to see where your request is.",
              "fr": "Entrez le numéro de référence de votre confirmation pour savoir où en est votre demande."},
    "ref_label": {"en": "Reference number", "fr": "Numéro de référence"},
    "ref_hint": {"en": "8 letters and numbers, for example ABCD-2345.",
                 "fr": "8 lettres et chiffres, par exemple ABCD-2345."},
    "check": {"en": "Check", "fr": "Vérifier"},
    "bad_format": {"en": "“{ref}” is not a reference number. A reference has 8 letters and numbers, like ABCD-2345 (it never uses O, 0, I, 1 or L).",
                   "fr": "« {ref} » n'est pas un numéro de référence. Une référence compte 8 lettres et chiffres, comme ABCD-2345 (sans O, 0, I, 1 ni L)."},
    "not_found": {"en": "We found no request with the reference {ref}. Check the number in your confirmation email, or call the help line shown on this page.",
                  "fr": "Aucune demande ne porte la référence {ref}. Vérifiez le numéro dans votre courriel de confirmation ou appelez la ligne d'aide indiquée sur cette page."},
    "request": {"en": "Request {ref}", "fr": "Demande {ref}"},
    "service": {"en": "Service", "fr": "Service"},
    "submitted": {"en": "Sent", "fr": "Envoyée"},
    "current": {"en": "Current status", "fr": "État actuel"},
    "history": {"en": "History", "fr": "Historique"},
    "date": {"en": "Date", "fr": "Date"},
    "status": {"en": "Status", "fr": "État"},
    "note": {"en": "Note", "fr": "Note"},
    "staff_title": {"en": "Update request {ref}", "fr": "Mettre à jour la demande {ref}"},
    "staff_intro": {"en": "The resident sees the status and the note on the status page. They do not see this page.",
                    "fr": "Le résident voit l'état et la note sur la page de suivi. Il ne voit pas cette page."},
    "staff_intro_email": {"en": "The resident sees the status and the note on the status page, and gets them by email. They do not see this page.",
                          "fr": "Le résident voit l'état et la note sur la page de suivi et les reçoit par courriel. Il ne voit pas cette page."},
    "new_status": {"en": "New status", "fr": "Nouvel état"},
    "note_label": {"en": "Note to the resident (optional)", "fr": "Note au résident (facultatif)"},
    "note_hint": {"en": "Plain words; no personal details: anyone with the reference can read it.",
                  "fr": "Des mots simples, sans renseignements personnels : toute personne ayant la référence peut la lire."},
    "save": {"en": "Save status", "fr": "Enregistrer l'état"},
    "saved": {"en": "Saved. The resident now sees: {status}.", "fr": "Enregistré. Le résident voit maintenant : {status}."},
    "saved_email": {"en": "Saved. The resident now sees: {status}. An email tells them.",
                    "fr": "Enregistré. Le résident voit maintenant : {status}. Un courriel l'en informe."},
    "form_error": {"en": "The status was not saved: choose a status and keep the note under {n} characters, then try again.",
                   "fr": "L'état n'a pas été enregistré : choisissez un état et gardez la note sous {n} caractères, puis réessayez."},
    "link_expired": {"en": "This link has expired. Ask the web administrator to resend it, or update the request in your usual system.",
                     "fr": "Ce lien a expiré. Demandez à l'administrateur du site de le renvoyer ou mettez la demande à jour dans votre système habituel."},
    "link_invalid": {"en": "This link is not valid. Use the link exactly as it is in the email.",
                     "fr": "Ce lien n'est pas valide. Utilisez le lien tel qu'il figure dans le courriel."},
    "link_problem": {"en": "Link problem", "fr": "Problème de lien"},
}

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
}

bp = Blueprint("status", __name__)


def init_app(app) -> None:
    app.register_blueprint(bp)


# -- shared with the delivery emails ----------------------------------------------


def t(key: str, lang: str, **values) -> str:
    return pick(STRINGS, key, lang, **values)


def status_label(status: str, lang: str, staff: bool = False) -> str:
    labels = STATUS_LABELS[status].get(lang) or STATUS_LABELS[status]["en"]
    return labels[2] if staff else labels[0]


def format_when(when: datetime, lang: str, tz: str) -> str:
    """``15 March 2024, 2:05 pm`` / ``15 mars 2024, 14 h 05`` in the city's time zone."""
    local = when.astimezone(ZoneInfo(tz))
    month = MONTHS.get(lang, MONTHS["en"])[local.month - 1]
    if lang == "fr":
        return f"{local.day} {month} {local.year}, {local.hour} h {local.minute:02d}"
    hour = local.hour % 12 or 12
    return f"{local.day} {month} {local.year}, {hour}:{local.minute:02d} {'am' if local.hour < 12 else 'pm'}"


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=STAFF_SALT)


def make_staff_token(secret_key: str, reference: str) -> str:
    return _serializer(secret_key).dumps({"ref": reference})


def read_staff_token(secret_key: str, token: str, max_age: int) -> str:
    """The reference a token names; raises ``SignatureExpired`` or ``BadSignature``."""
    data = _serializer(secret_key).loads(token, max_age=max_age)
    ref = normalize_reference(data.get("ref") if isinstance(data, dict) else None)
    if ref is None:
        raise BadSignature("no reference in token")
    return ref


# -- pages ----------------------------------------------------------------------------


def _page(template: str, lang: str, code: int = 200, **context):
    response = current_app.make_response((render_template(template, lang=lang, **context), code))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _strings(lang: str) -> dict[str, str]:
    return in_language(STRINGS, lang)


def _service_title(view, lang: str) -> str:
    """The service's name in the page's language from the catalogue, else as the resident saw it."""
    catalogue = current_app.extensions.get("guichet.catalogue")
    service = catalogue.services.get(view.service) if catalogue is not None else None
    return service.page(lang).meta.title if service is not None else view.service_title


def _history(view, lang: str, staff: bool = False) -> list[dict]:
    tz = current_app.config["TIMEZONE"]
    return [
        {"at": e.at.isoformat(), "when": format_when(e.at, lang, tz), "status": e.status,
         "label": status_label(e.status, lang, staff), "note": e.note}
        for e in reversed(view.events)
    ]


@bp.get("/status/", defaults={"lang": "en"}, endpoint="resident")
@bp.get("/fr/status/", defaults={"lang": "fr"}, endpoint="resident_fr")
def resident(lang: str):
    typed = (request.args.get("ref") or "").strip()[:40]
    context = {"t": _strings(lang), "error_prefix": chrome_text("error_prefix", lang), "typed": typed, "view": None, "error": None, "error_other": None}
    other = "fr" if lang == "en" else "en"
    if typed:
        ref = normalize_reference(typed)
        view = get_store().status_of(ref) if ref else None
        if ref is None:
            context["error"], context["error_other"] = t("bad_format", lang, ref=typed), t("bad_format", other, ref=typed)
        elif view is None:
            shown = format_reference(ref)
            context["error"], context["error_other"] = t("not_found", lang, ref=shown), t("not_found", other, ref=shown)
        else:
            tz = current_app.config["TIMEZONE"]
            current = view.current.status
            context.update(
                view=view,
                service_title=_service_title(view, lang),
                reference=format_reference(view.reference),
                submitted=format_when(view.submitted_at, lang, tz),
                submitted_iso=view.submitted_at.isoformat(),
                current_label=status_label(current, lang),
                current_help=(STATUS_LABELS[current].get(lang) or STATUS_LABELS[current]["en"])[1],
                history=_history(view, lang),
            )
    context["other_lang"] = other
    return _page("status/resident.html", lang, **context)


class StaffStatusForm(FlaskForm):
    status = StringField(validators=[DataRequired(), AnyOf(STATUSES)])  # shown as radio buttons
    note = TextAreaField(validators=[Length(max=NOTE_MAX)])


@bp.route("/status/staff/<token>", methods=["GET", "POST"], defaults={"lang": "en"}, endpoint="staff")
@bp.route("/fr/status/staff/<token>", methods=["GET", "POST"], defaults={"lang": "fr"}, endpoint="staff_fr")
def staff(token: str, lang: str):
    strings = _strings(lang)
    try:
        ref = read_staff_token(current_app.config["SECRET_KEY"], token, current_app.config["STATUS_LINK_MAX_AGE"])
    except SignatureExpired:
        return _page("status/link_problem.html", lang, 403, t=strings, message=strings["link_expired"])
    except BadSignature:
        return _page("status/link_problem.html", lang, 403, t=strings, message=strings["link_invalid"])
    store = get_store()
    view = store.status_of(ref)
    if view is None:
        abort(404)
    form = StaffStatusForm()
    code = 200
    if request.method == "POST":
        if form.validate_on_submit():
            store.set_status(ref, form.status.data, form.note.data or "", by="staff")
            return redirect(url_for(request.endpoint, token=token, saved=form.status.data), 303)
        code = 400
    elif request.args.get("status") in STATUSES:
        form.status.data = request.args["status"]  # a quick link only preselects; GET changes nothing
    else:
        form.status.data = view.current.status
    return _page(
        "status/staff.html", lang, code,
        t=strings, form=form, view=view, service_title=_service_title(view, lang),
        options=[(s, status_label(s, lang, staff=True), s == form.status.data) for s in STATUSES],
        reference=format_reference(ref),
        current_label=status_label(view.current.status, lang, staff=True),
        history=_history(view, lang, staff=True),
        intro=t("staff_intro_email" if view.emails_resident else "staff_intro", lang),
        saved=t("saved_email" if view.emails_resident else "saved", lang, status=status_label(view.current.status, lang))
        if request.args.get("saved") and code == 200 else None,
        form_error=t("form_error", lang, n=NOTE_MAX) if code == 400 else None,
    )
