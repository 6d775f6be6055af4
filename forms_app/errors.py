"""The words of every error page, in both languages (templates only print them).

``error_text(key, lang, limit_mb=…)`` returns the title, paragraphs and the
home link; ``page_title`` carries the ``Error: `` prefix where the resident's
form was not sent, so screen-reader users hear it first.
"""

from __future__ import annotations

from guichet.ui import t as chrome_text

HOME = {"en": "Go to the home page", "fr": "Aller à la page d’accueil"}
CALL = {
    "en": "If it keeps happening, call us: the number is at the bottom of this page.",
    "fr": "Si le problème continue, appelez-nous : le numéro est au bas de cette page.",
}

PAGES: dict[str, dict] = {
    "400": {
        "en": ("Sorry, there is a problem with your request", ["We could not understand what your browser sent.", "Go back and try again. " + CALL["en"]]),
        "fr": ("Désolés, il y a un problème avec votre demande", ["Nous n’avons pas compris ce que votre navigateur a envoyé.", "Revenez en arrière et essayez de nouveau. " + CALL["fr"]]),
    },
    "404": {
        "en": ("Page not found", ["If you typed the web address, check it is correct.", "If you pasted the web address, check you copied the entire address.", "You can search for the service you need with the search box at the top of this page."]),
        "fr": ("Page introuvable", ["Si vous avez tapé l’adresse web, vérifiez qu’elle est exacte.", "Si vous avez collé l’adresse web, vérifiez que vous l’avez copiée au complet.", "Vous pouvez chercher le service voulu avec la boîte de recherche en haut de cette page."]),
    },
    "413": {
        "prefix": True,
        "en": ("Your form is too large to send", ["Nothing was sent. Everything you send at once, files included, must be smaller than {limit_mb} MB.", "Go back, choose a smaller file or leave it out, shorten any very long answer, and send the form again. You can also mail large documents or bring them to City Hall."]),
        "fr": ("Votre formulaire est trop volumineux", ["Rien n’a été envoyé. Ce que vous envoyez en une fois, fichiers compris, doit faire moins de {limit_mb} Mo.", "Revenez en arrière, choisissez un fichier plus petit ou retirez-le, raccourcissez toute réponse très longue, puis envoyez le formulaire de nouveau. Vous pouvez aussi poster les gros documents ou les apporter à l’hôtel de ville."]),
    },
    "429": {
        "prefix": True,
        "en": ("You have sent this form too many times", ["Nothing was sent this time. Wait a few minutes, then send the form again.", "If you need help now, call us: the number is at the bottom of this page."]),
        "fr": ("Vous avez envoyé ce formulaire trop de fois", ["Rien n’a été envoyé cette fois-ci. Attendez quelques minutes, puis envoyez le formulaire de nouveau.", "Si vous avez besoin d’aide maintenant, appelez-nous : le numéro est au bas de cette page."]),
    },
    "500": {
        "en": ("Sorry, there is a problem with the service", ["Try again later.", "If you were sending a form and did not get a reference number, it was not sent. Send it again later, or call us: the number is at the bottom of this page."]),
        "fr": ("Désolés, le service éprouve un problème", ["Réessayez plus tard.", "Si vous envoyiez un formulaire et n’avez pas reçu de numéro de référence, il n’a pas été envoyé. Envoyez-le de nouveau plus tard, ou appelez-nous : le numéro est au bas de cette page."]),
    },
    "csrf": {
        "prefix": True,
        "en": ("Your session expired", ["For your security, we could not accept what you sent: the page was open too long or your browser did not send its cookie.", "Go back, reload the page and try again."]),
        "fr": ("Votre session a expiré", ["Pour votre sécurité, nous n’avons pas pu accepter ce que vous avez envoyé : la page est restée ouverte trop longtemps ou votre navigateur n’a pas envoyé son témoin (cookie).", "Revenez en arrière, rechargez la page et essayez de nouveau."]),
    },
    "error": {
        "en": ("Sorry, there is a problem", ["We could not do what you asked.", "Go back and try again. " + CALL["en"]]),
        "fr": ("Désolés, il y a un problème", ["Nous n’avons pas pu faire ce que vous avez demandé.", "Revenez en arrière et essayez de nouveau. " + CALL["fr"]]),
    },
}


def error_text(key: str, lang: str, **values) -> dict:
    page = PAGES.get(key, PAGES["error"])
    title, body = page.get(lang) or page["en"]
    prefix = chrome_text("error_prefix", lang) if page.get("prefix") else ""
    return {
        "title": title,
        "page_title": prefix + title,
        "body": [paragraph.format(**values) for paragraph in body],
        "home": HOME.get(lang, HOME["en"]),
    }
