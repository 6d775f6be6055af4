"""Every word the status pages show, and the dates they write (shared with the delivery emails)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from guichet.i18n import in_language, pick

# For each status: (label for residents, what it means for them, label for staff).
# The explanation never repeats the label: the page shows both side by side.
STATUS_LABELS: dict[str, dict[str, tuple[str, str, str]]] = {
    "received": {
        "en": ("Received", "Staff will look at your request soon.", "Received"),
        "fr": ("Reçue", "Le personnel examinera votre demande bientôt.", "Reçue"),
    },
    "in_progress": {
        "en": ("In progress", "Staff are working on your request.", "In progress"),
        "fr": ("En traitement", "Le personnel s'occupe de votre demande.", "En traitement"),
    },
    "waiting_for_you": {
        "en": ("We need something from you", "Read the note below or check your email, then reply to the department.",
               "Waiting for the resident"),
        "fr": ("Nous attendons votre réponse", "Lisez la note ci-dessous ou consultez vos courriels, puis écrivez au service.",
               "En attente du résident"),
    },
    "completed": {
        "en": ("Completed", "The department has finished with your request. Nothing more is needed from you.", "Completed"),
        "fr": ("Terminée", "Le service a fini de traiter votre demande. Vous n'avez plus rien à faire.", "Terminée"),
    },
    "closed": {
        "en": ("Closed", "The department will take no further action on this request.", "Closed"),
        "fr": ("Fermée", "Le service ne donnera pas d'autre suite à cette demande.", "Fermée"),
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
    "success": {"en": "Success", "fr": "Succès"},
    "saved": {"en": "Saved. The resident now sees: {status}.", "fr": "Enregistré. Le résident voit maintenant : {status}."},
    "saved_email": {"en": "Saved. The resident now sees: {status}. An email tells them.",
                    "fr": "Enregistré. Le résident voit maintenant : {status}. Un courriel l'en informe."},
    "saved_closed": {"en": "The request is now closed, so this link no longer works. If it must be reopened, ask the web administrator.",
                     "fr": "La demande est maintenant fermée : ce lien ne fonctionne plus. S'il faut la rouvrir, demandez-le à l'administrateur du site."},
    "form_error": {"en": "The status was not saved: choose a status and keep the note under {n} characters, then try again.",
                   "fr": "L'état n'a pas été enregistré : choisissez un état et gardez la note sous {n} caractères, puis réessayez."},
    "link_expired": {"en": "This link has expired. Ask the web administrator to resend it, or update the request in your usual system.",
                     "fr": "Ce lien a expiré. Demandez à l'administrateur du site de le renvoyer ou mettez la demande à jour dans votre système habituel."},
    "link_invalid": {"en": "This link is not valid. Use the link exactly as it is in the email.",
                     "fr": "Ce lien n'est pas valide. Utilisez le lien tel qu'il figure dans le courriel."},
    "link_revoked": {"en": "This link was withdrawn by the web administrator. Ask them for a new link, or update the request in your usual system.",
                     "fr": "Ce lien a été retiré par l'administrateur du site. Demandez-lui un nouveau lien ou mettez la demande à jour dans votre système habituel."},
    "link_closed": {"en": "This request is completed or closed, so its links no longer work. If it must be reopened, ask the web administrator.",
                    "fr": "Cette demande est terminée ou fermée : ses liens ne fonctionnent plus. S'il faut la rouvrir, demandez-le à l'administrateur du site."},
    "link_problem": {"en": "Link problem", "fr": "Problème de lien"},
    "too_many": {"en": "You have checked too many references", "fr": "Vous avez vérifié trop de références"},
    "too_many_body": {"en": "Wait a minute, then check your reference again.",
                      "fr": "Attendez une minute, puis vérifiez votre référence de nouveau."},
    "too_many_help": {"en": "If you need help now, call us: the number is at the bottom of this page.",
                      "fr": "Si vous avez besoin d'aide maintenant, appelez-nous : le numéro est au bas de cette page."},
}

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
}


def t(key: str, lang: str, **values) -> str:
    return pick(STRINGS, key, lang, **values)


def strings(lang: str) -> dict[str, str]:
    """Every string in one language, for a template."""
    return in_language(STRINGS, lang)


def status_label(status: str, lang: str, staff: bool = False) -> str:
    labels = STATUS_LABELS[status].get(lang) or STATUS_LABELS[status]["en"]
    return labels[2] if staff else labels[0]


def status_help(status: str, lang: str) -> str:
    """What a status means for the resident (never the label again)."""
    return (STATUS_LABELS[status].get(lang) or STATUS_LABELS[status]["en"])[1]


def format_when(when: datetime, lang: str, tz: str) -> str:
    """``15 March 2024, 2:05 pm`` / ``15 mars 2024, 14 h 05`` in the city's time zone."""
    local = when.astimezone(ZoneInfo(tz))
    month = MONTHS.get(lang, MONTHS["en"])[local.month - 1]
    if lang == "fr":
        return f"{local.day} {month} {local.year}, {local.hour} h {local.minute:02d}"
    hour = local.hour % 12 or 12
    return f"{local.day} {month} {local.year}, {hour}:{local.minute:02d} {'am' if local.hour < 12 else 'pm'}"


def machine_time(when: datetime) -> str:
    """The ``<time datetime>`` value: UTC to the second, ``2026-12-01T15:04:05Z`` (HTML's global date and time)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
