"""The forms' own words in English and French (validation messages are in messages.py)."""

from __future__ import annotations

from guichet.i18n import in_language, pick

STRINGS: dict[str, dict[str, str]] = {
    "error_hidden": {"en": "Error:", "fr": "Erreur :"},
    "problem": {"en": "There is a problem", "fr": "Il y a un problème"},
    "optional": {"en": "(optional)", "fr": "(facultatif)"},
    "day": {"en": "Day", "fr": "Jour"},
    "month": {"en": "Month", "fr": "Mois"},
    "year": {"en": "Year", "fr": "Année"},
    "send": {"en": "Send form", "fr": "Envoyer le formulaire"},
    "colon": {"en": ":", "fr": "\u00a0:"},  # French puts a (non-breaking) space before a colon
    "privacy_title": {"en": "How we use your information", "fr": "Comment nous utilisons vos renseignements"},
    "privacy_purpose": {"en": "Why we ask", "fr": "Pourquoi nous les demandons"},
    "privacy_who": {"en": "Who sees your answers", "fr": "Qui voit vos réponses"},
    "privacy_retention": {"en": "How long we keep them", "fr": "Combien de temps nous les gardons"},
    "honeypot_label": {"en": "Leave this field empty", "fr": "Laissez ce champ vide"},
    # A file kept while the resident fixes other answers (forms/pending.py), and one that could not be kept.
    "file_kept": {"en": "{name}, attached", "fr": "{name}, joint"},
    "file_remove": {"en": "Remove this file", "fr": "Retirer ce fichier"},
    "file_replace": {"en": "To replace it, choose another file.", "fr": "Pour le remplacer, choisissez un autre fichier."},
    "file_not_kept": {
        "en": "The file you chose was not kept. If you want to send it, choose it again.",
        "fr": "Le fichier que vous aviez choisi n’a pas été conservé. Pour l’envoyer, choisissez-le de nouveau.",
    },
    "expired_title": {"en": "Your session expired", "fr": "Votre session a expiré"},
    "expired_body": {
        "en": "We could not send your form because the page was open too long or your browser did not send its cookie. Your answers are still below, except files. Check them and send the form again.",
        "fr": "Nous n’avons pas pu envoyer votre formulaire : la page est restée ouverte trop longtemps ou votre navigateur n’a pas envoyé son témoin (cookie). Vos réponses sont encore ci-dessous, sauf les fichiers. Vérifiez-les et envoyez le formulaire de nouveau.",
    },
    "start_again_title": {"en": "Please fill in the form again", "fr": "Veuillez remplir le formulaire de nouveau"},
    "start_again_body": {
        "en": "We could not send the form: it did not come from this page of our site, or your session expired. For your safety, nothing it contained is shown. Fill in the form below and send it.",
        "fr": "Nous n’avons pas pu envoyer le formulaire : il ne venait pas de cette page de notre site, ou votre session a expiré. Pour votre sécurité, nous n’affichons rien de ce qu’il contenait. Remplissez le formulaire ci-dessous et envoyez-le.",
    },
    "cookies_title": {"en": "Your browser blocks the cookie this form needs", "fr": "Votre navigateur bloque le témoin (cookie) dont ce formulaire a besoin"},
    "cookies_body": {
        "en": "We could not send your form: your browser did not send back the cookie we gave it, twice. This one cookie protects your form from forgery; we do not use cookies to follow you. Turn on cookies for this site, then send the form again. Your answers are still below, except files. If you cannot turn cookies on, call us (the number is at the bottom of this page) or apply another way: the service page lists them.",
        "fr": "Nous n’avons pas pu envoyer votre formulaire : votre navigateur ne nous a pas renvoyé le témoin (cookie) que nous lui avons donné, deux fois de suite. Ce seul témoin protège votre formulaire contre la falsification; nous n’utilisons pas de témoins pour vous suivre. Activez les témoins pour ce site, puis envoyez le formulaire de nouveau. Vos réponses sont encore ci-dessous, sauf les fichiers. Si vous ne pouvez pas activer les témoins, appelez-nous (le numéro est au bas de cette page) ou faites votre demande autrement : la page du service indique comment.",
    },
    "done_title": {"en": "Form sent", "fr": "Formulaire envoyé"},
    "done_reference": {"en": "Your reference number", "fr": "Votre numéro de référence"},
    "done_keep": {
        "en": "Write down this number. You need it to check your request or when you call us.",
        "fr": "Notez ce numéro. Il vous servira pour suivre votre demande ou quand vous nous appelez.",
    },
    "done_copy": {
        "en": "If you gave an email address, we will email you this reference number and a link to follow your request.",
        "fr": "Si vous avez donné une adresse courriel, nous vous enverrons ce numéro de référence et un lien pour suivre votre demande.",
    },
    "done_next": {"en": "What happens next", "fr": "La suite"},
    "done_status_title": {"en": "Check your request", "fr": "Suivre votre demande"},
    "done_status_link": {"en": "Check the status of your request", "fr": "Voir où en est votre demande"},
    "done_back": {"en": "Back to the service page", "fr": "Retour à la page du service"},
    "sent_body": {
        "en": "Thank you. We have your form. If you do not hear from us, call 311 and tell us which form you sent.",
        "fr": "Merci. Nous avons reçu votre formulaire. Si nous ne communiquons pas avec vous, composez le 311 et dites-nous quel formulaire vous avez envoyé.",
    },
}


def t(key: str, lang: str) -> str:
    return pick(STRINGS, key, lang)


def strings(lang: str) -> dict[str, str]:
    return in_language(STRINGS, lang)
