"""Every word of the emails, in both languages."""

from __future__ import annotations

from guichet import DEFAULT_LANGUAGE, LANGUAGES
from guichet.i18n import pick
from guichet.urls import other_language

EMAIL_STRINGS: dict[str, dict[str, str]] = {
    # to the department
    "dept_intro": {"en": "A resident sent the form “{service}”.", "fr": "Un résident a envoyé le formulaire « {service} »."},
    "reference": {"en": "Reference", "fr": "Référence"},
    "sent_on": {"en": "Sent on", "fr": "Envoyé le"},
    "department": {"en": "Department", "fr": "Service municipal"},
    "answers": {"en": "Answers", "fr": "Réponses"},
    "no_answer": {"en": "(no answer)", "fr": "(sans réponse)"},
    "files": {"en": "Attached files", "fr": "Pièces jointes"},
    "file_missing": {"en": "could not be read on the server; ask the web administrator",
                     "fr": "n'a pas pu être lu sur le serveur; contactez l'administrateur du site"},
    "reply_yes": {"en": "Reply to this email to write to the resident.", "fr": "Répondez à ce courriel pour écrire au résident."},
    "reply_no": {"en": "The resident gave no email address: replying to this email will not reach them.",
                 "fr": "Le résident n'a pas donné d'adresse courriel : répondre à ce courriel ne le joindra pas."},
    "reply_bad": {"en": "The email address the resident gave cannot be used for replies (see their answers).",
                  "fr": "L'adresse courriel donnée par le résident ne peut pas servir aux réponses (voir ses réponses)."},
    "status_intro": {"en": "Keep the resident informed: they see the status of their request on the website.",
                     "fr": "Tenez le résident informé : il voit l'état de sa demande sur le site Web."},
    "status_update": {"en": "Update the status", "fr": "Mettre à jour l'état"},
    "status_quick": {"en": "Or go straight to", "fr": "Ou directement"},
    "links_valid": {"en": "These links work for {days} days. Do not forward this email outside the city.",
                    "fr": "Ces liens sont valides {days} jours. Ne transférez pas ce courriel hors de la Ville."},
    # to the resident
    "copy_subject": {"en": "We received your request {ref}", "fr": "Nous avons reçu votre demande {ref}"},
    "copy_thanks": {"en": "Thank you. We received your request “{service}” on {when}.",
                    "fr": "Merci. Nous avons reçu votre demande « {service} » le {when}."},
    "copy_ref": {"en": "Your reference number is {ref}. Keep it: you need it to check your request, or if you call us.",
                 "fr": "Votre numéro de référence est {ref}. Conservez-le : il vous servira à suivre votre demande ou si vous nous appelez."},
    "copy_status": {"en": "See where your request is:", "fr": "Voyez où en est votre demande :"},
    "copy_privacy": {"en": "To protect your privacy, this email does not repeat your answers.",
                     "fr": "Pour protéger vos renseignements personnels, ce courriel ne reprend pas vos réponses."},
    "copy_reply": {"en": "If you reply to this email, your reply goes to the staff handling your request.",
                   "fr": "Si vous répondez à ce courriel, votre réponse ira au personnel qui traite votre demande."},
    # to the resident, when staff change the status
    "update_subject": {"en": "Your request {ref}: {status}", "fr": "Votre demande {ref} : {status}"},
    "update_intro": {"en": "Your request “{service}” ({ref}) has a new status: {status}.",
                     "fr": "Votre demande « {service} » ({ref}) a un nouvel état : {status}."},
    "update_on": {"en": "Updated on {when}.", "fr": "Mise à jour le {when}."},
    "update_note": {"en": "Message from the staff:", "fr": "Message du personnel :"},
    # to the administrator
    "alert_subject": {"en": "Undeliverable: {service} {ref}", "fr": "Non distribuable : {service} {ref}"},
    "alert_intro": {"en": "A message could not be delivered and will not be tried again. The submission is kept.",
                    "fr": "Un message n'a pas pu être distribué et ne sera pas réessayé. La demande est conservée."},
    "alert_kind": {"en": "Message", "fr": "Message"},
    "alert_to": {"en": "To", "fr": "À"},
    "alert_outcome": {"en": "Outcome", "fr": "Résultat"},
    "alert_attempts": {"en": "Attempts", "fr": "Tentatives"},
    "alert_error": {"en": "Last error", "fr": "Dernière erreur"},
    "alert_requeue": {"en": "After fixing the cause, send it again with:", "fr": "Une fois la cause corrigée, renvoyez-le avec :"},
    "kind_department": {"en": "to the department", "fr": "au service municipal"},
    "kind_resident_copy": {"en": "confirmation to the resident", "fr": "confirmation au résident"},
    "kind_status_update": {"en": "status update to the resident", "fr": "mise à jour de l'état au résident"},
    "outcome_failed": {"en": "refused by the mail server (permanent)", "fr": "refusé par le serveur de courriel (définitif)"},
    "outcome_given_up": {"en": "still undelivered after the last retry", "fr": "toujours non distribué après le dernier essai"},
    "not_personal": {"en": "(a resident's address; see the database)", "fr": "(adresse d'un résident; voir la base de données)"},
}


def et(key: str, lang: str, **values) -> str:
    return pick(EMAIL_STRINGS, key, lang, **values)


def reading_order(first: str) -> list[str]:
    """Both languages, ``first`` first: every email to a resident is in both, theirs on top."""
    first = first if first in LANGUAGES else DEFAULT_LANGUAGE
    return [first, other_language(first)]
