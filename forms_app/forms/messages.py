"""Validation messages in both languages, derived from a field's label.

GOV.UK style: say what to do, name the field, give an example. Labels
come in three kinds, each phrased so the sentence stays grammatical:

* a question ("Do you own this property?"): quoted;
* an instruction ("Describe the work", "Décrivez les travaux"): used as is;
* a noun ("Your full name", "Code postal"): "Enter your full name".
  French needs an article: "Entrez votre nom complet" when the label
  starts with one, else "Remplissez le champ « Code postal »".
"""

from __future__ import annotations

from decimal import Decimal

NBSP = "\u00a0"

IMPERATIVES = {
    "en": {"describe", "tell", "give", "list", "explain", "enter", "write", "upload", "attach", "choose", "select", "add", "name", "say"},
    "fr": {"décrivez", "dites", "donnez", "indiquez", "expliquez", "entrez", "écrivez", "inscrivez", "téléversez", "joignez", "choisissez", "sélectionnez", "nommez", "précisez", "ajoutez"},
}
FR_DETERMINERS = (
    "votre ", "vos ", "le ", "la ", "les ", "l'", "l’", "un ", "une ", "des ", "du ",
    "mon ", "ma ", "mes ", "son ", "sa ", "ses ", "leur ", "leurs ", "ce ", "cet ", "cette ", "ces ",
)
KIND_NAMES = {"pdf": "PDF", "png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP", "heic": "HEIC"}


def quote(text: str, lang: str) -> str:
    return f"«{NBSP}{text}{NBSP}»" if lang == "fr" else f"“{text}”"


def lower_first(text: str) -> str:
    """"Your full name" → "your full name"; leaves acronyms ("TTY number") alone."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def label_kind(label: str, lang: str) -> str:
    if label.rstrip().endswith("?"):
        return "question"
    first = label.split(maxsplit=1)[0].casefold() if label.split() else ""
    if first in IMPERATIVES.get(lang, ()):
        return "instruction"
    if lang == "fr" and not label.casefold().startswith(FR_DETERMINERS):
        return "bare"
    return "noun"


def enter(label: str, lang: str) -> str:
    """What to do when a required answer is missing."""
    kind = label_kind(label, lang)
    if kind == "instruction":
        return label
    if lang == "fr":
        return {
            "question": f"Répondez à la question {quote(label, lang)}",
            "noun": f"Entrez {lower_first(label)}",
            "bare": f"Remplissez le champ {quote(label, lang)}",
        }[kind]
    return f"Answer {quote(label, lang)}" if kind == "question" else f"Enter {lower_first(label)}"


def subject(label: str, lang: str) -> str:
    """The field as the subject of a sentence: "Postal code must be…"."""
    kind = label_kind(label, lang)
    if kind in ("question", "instruction"):
        return f"Votre réponse à {quote(label, lang)}" if lang == "fr" else f"Your answer to {quote(label, lang)}"
    if kind == "bare":
        return f"Le champ {quote(label, lang)}"
    return label


def number(value: float | int | Decimal, lang: str) -> str:
    """1234567.5 → "1,234,567.5" (en) or "1 234 567,5" (fr)."""
    dec = Decimal(str(value)).normalize()
    whole, _, frac = f"{dec:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-') or 0):,}"
    if lang == "fr":
        whole = whole.replace(",", NBSP)
        return sign + whole + ("," + frac if frac else "")
    return sign + whole + ("." + frac if frac else "")


def join_or(items: list[str], lang: str) -> str:
    if len(items) == 1:
        return items[0]
    word = " ou " if lang == "fr" else " or "
    return ", ".join(items[:-1]) + word + items[-1]


MESSAGES = {
    "en": {
        "email": "Enter an email address in the correct format, like name@example.com",
        "email_one": "Enter only one email address, like name@example.com",
        "email_line": "Enter the email address on one line, like name@example.com",
        "phone": "{subject} must be like {example} or {example} ext. 12",
        "postal_code": "{subject} must be like {example}",
        "not_number": "{subject} must be a number",
        "min": "{subject} must be {min} or more",
        "max": "{subject} must be {max} or less",
        "between": "{subject} must be between {min} and {max}",
        "too_long": "{subject} must be {n} characters or fewer",
        "too_short": "{subject} must be {n} characters or more",
        "date_missing": "{subject} must include {parts}",
        "date_real": "{subject} must be a real date",
        "choose_one": "Choose one option for {quoted}",
        "choose_yes_no": "Choose yes or no for {quoted}",
        "choose_some": "Choose at least one option for {quoted}",
        "file_missing": "Choose a file for {quoted}",
        "file_empty": "The selected file is empty",
        "file_big": "The file must be smaller than {n} MB",
        "file_type": "The file must be a {kinds}",
        "file_archive": "The file must be a {kinds}, not an archive such as a ZIP",
        "file_again": "Choose the file again",
        "file_lost": "The file you attached is no longer kept (we keep it for a day). Choose it again",
    },
    "fr": {
        "email": "Entrez une adresse courriel dans le bon format, comme nom@exemple.com",
        "email_one": "Entrez une seule adresse courriel, comme nom@exemple.com",
        "email_line": "Entrez l’adresse courriel sur une seule ligne, comme nom@exemple.com",
        "phone": "{subject} doit ressembler à {example} ou à {example} poste 12",
        "postal_code": "{subject} doit ressembler à {example}",
        "not_number": "{subject} doit être un nombre",
        "min": "{subject} doit être {min} ou plus",
        "max": "{subject} doit être {max} ou moins",
        "between": "{subject} doit être entre {min} et {max}",
        "too_long": "{subject} doit compter {n} caractères ou moins",
        "too_short": "{subject} doit compter au moins {n} caractères",
        "date_missing": "{subject} doit comprendre {parts}",
        "date_real": "{subject} doit être une date réelle",
        "choose_one": "Choisissez une option pour {quoted}",
        "choose_yes_no": "Choisissez oui ou non pour {quoted}",
        "choose_some": "Choisissez au moins une option pour {quoted}",
        "file_missing": "Choisissez un fichier pour {quoted}",
        "file_empty": "Le fichier choisi est vide",
        "file_big": "Le fichier doit faire moins de {n} Mo",
        "file_type": "Le fichier doit être un {kinds}",
        "file_archive": "Le fichier doit être un {kinds}, pas une archive comme un ZIP",
        "file_again": "Choisissez le fichier de nouveau",
        "file_lost": "Le fichier que vous aviez joint n’est plus conservé (nous le gardons un jour). Choisissez-le de nouveau",
    },
}

# One example per kind of answer, used by both the hint under the question and the error message,
# so the two can never disagree (K0A 1A0 is Bellerive's own postal code).
EXAMPLES = {"phone": "613-555-0100", "postal_code": "K0A 1A0"}
HINTS = {
    "en": {"phone": "For example, {example}", "postal_code": "For example, {example}"},
    "fr": {"phone": "Par exemple, {example}", "postal_code": "Par exemple, {example}"},
}
EXTENSION_WORD = {"en": "ext.", "fr": "poste"}


def default_hint(kind: str, lang: str) -> str | None:
    """The hint of a phone or postal code question the editor gave no hint for: its example."""
    return HINTS[lang][kind].format(example=EXAMPLES[kind]) if kind in EXAMPLES else None


def example_message(kind: str, label: str, lang: str) -> str:
    """The error for a phone number or postal code in the wrong form, with the hint's example."""
    return message(kind, label, lang, example=EXAMPLES[kind])


DATE_PARTS = {
    "en": {"day": "a day", "month": "a month", "year": "a year"},
    "fr": {"day": "un jour", "month": "un mois", "year": "une année"},
}


def message(key: str, label: str, lang: str, **values) -> str:
    """The message ``key`` for the field labelled ``label``, in ``lang``."""
    return MESSAGES[lang][key].format(subject=subject(label, lang), quoted=quote(label, lang), **values)


def date_missing(label: str, lang: str, parts: list[str]) -> str:
    names = [DATE_PARTS[lang][p] for p in parts]
    word = " et " if lang == "fr" else " and "
    return message("date_missing", label, lang, parts=word.join(names))


def file_kinds(kinds: list[str], lang: str) -> str:
    names = [KIND_NAMES[k] for k in kinds]
    if lang == "fr":
        return join_or([names[0]] + [f"un {n}" for n in names[1:]], lang)
    return join_or(names, lang)
