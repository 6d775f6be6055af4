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

from guichet.formats import format_number
from guichet.i18n import Table, pick
from guichet.words import N_, NP_, gettext, word

NBSP = "\u00a0"

# The grammar that tells a label's kind is in the catalogue too, as word lists a translator writes.
IMPERATIVES = NP_("verbs that make a field label an instruction (Describe the work): lower case, separated by spaces",
                  "describe tell give list explain enter write upload attach choose select add name say")
ARTICLES = NP_("words a noun label starts with, such as articles and possessives: lower case, separated by spaces "
               "(an elided one with its apostrophe); a label starting with none of them is quoted in messages. "
               "Keep “-” if labels need no article",
               "-")
# French repeats the article before each kind after the first: "un PDF, un PNG ou un JPEG".
LATER_KIND = NP_("a kind of file after the first in a list, as in: The file must be a PDF, PNG or JPEG", "{kind}")
KIND_NAMES = {"pdf": "PDF", "png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP", "heic": "HEIC"}


QUOTED = NP_("quotation marks around a field's label in a message", "“{text}”")


def quote(text: str, lang: str) -> str:
    return word(lang, QUOTED, text=text)


def lower_first(text: str) -> str:
    """"Your full name" → "your full name"; leaves acronyms ("TTY number") alone."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def label_kind(label: str, lang: str) -> str:
    if label.rstrip().endswith("?"):
        return "question"
    first = label.split(maxsplit=1)[0].casefold() if label.split() else ""
    if first in word(lang, IMPERATIVES).split():
        return "instruction"
    articles = articles_of(lang)
    if articles and not label.casefold().startswith(articles):
        return "bare"
    return "noun"


def articles_of(lang: str) -> tuple[str, ...]:
    """``("votre ", "le ", "l'", …)``: a word, or an elided one (``l'``) glued to the next."""
    words = [w for w in word(lang, ARTICLES).split() if w != "-"]
    return tuple(w if w.endswith(("'", "’")) else w + " " for w in words)


ENTER: Table = {  # what to do when a required answer is missing, by kind of label
    "question": N_("Answer {quoted}"),
    "noun": N_("Enter {label}"),
    "bare": N_("Fill in the field {quoted}"),  # a noun label with none of the ARTICLES (French)
}


class Message(str):
    """A validation message that knows its key (``required``, ``too_long``, ``phone``…): the form
    funnels count the key of each field's error (forms/funnel.py), never the text or the answer."""

    key = "other"


def keyed(text: str, key: str) -> Message:
    found = Message(text)
    found.key = key
    return found


def enter(label: str, lang: str) -> str:
    """What to do when a required answer is missing."""
    kind = label_kind(label, lang)
    said = label if kind == "instruction" else pick(ENTER, kind, lang, quoted=quote(label, lang), label=lower_first(label))
    return keyed(said, "required")


def subject(label: str, lang: str) -> str:
    """The field as the subject of a sentence: "Postal code must be…"."""
    kind = label_kind(label, lang)
    if kind in ("question", "instruction"):
        return gettext(lang, "Your answer to {quoted}", quoted=quote(label, lang))
    if kind == "bare":
        return gettext(lang, "The field {quoted}", quoted=quote(label, lang))
    return label


def number(value: float | int | Decimal, lang: str) -> str:
    """1234567.5 → "1,234,567.5" (en) or "1 234 567,5" (fr): CLDR's, through ``guichet.formats``."""
    return format_number(value, lang)


def join_or(items: list[str], lang: str) -> str:
    if len(items) == 1:
        return items[0]
    return gettext(lang, "{items} or {last}", items=", ".join(items[:-1]), last=items[-1])


MESSAGES: Table = {
    "email": N_("Enter an email address in the correct format, like name@example.com"),
    "email_one": N_("Enter only one email address, like name@example.com"),
    "email_line": N_("Enter the email address on one line, like name@example.com"),
    "phone": N_("{subject} must be like {example} or {example} ext. 12"),
    "postal_code": N_("{subject} must be like {example}"),
    "not_number": N_("{subject} must be a number"),
    "min": N_("{subject} must be {min} or more"),
    "max": N_("{subject} must be {max} or less"),
    "between": N_("{subject} must be between {min} and {max}"),
    "too_long": N_("{subject} must be {n} characters or fewer"),
    "too_short": N_("{subject} must be {n} characters or more"),
    "date_missing": N_("{subject} must include {parts}"),
    "date_real": N_("{subject} must be a real date"),
    "choose_one": N_("Choose one option for {quoted}"),
    "choose_yes_no": N_("Choose yes or no for {quoted}"),
    "choose_some": N_("Choose at least one option for {quoted}"),
    "file_missing": N_("Choose a file for {quoted}"),
    "file_empty": N_("The selected file is empty"),
    "file_big": N_("The file must be smaller than {n} MB"),
    "file_type": N_("The file must be a {kinds}"),
    "file_archive": N_("The file must be a {kinds}, not an archive such as a ZIP"),
    "file_again": N_("Choose the file again"),
    "file_lost": N_("The file you attached is no longer kept (we keep it for a day). Choose it again"),
    "extension": NP_("a phone number's extension, as in 613-555-0100 ext. 12", "ext."),
}


def text(key: str, lang: str) -> str:
    """A message that names no field."""
    return keyed(pick(MESSAGES, key, lang), key)


# One example per kind of answer, used by both the hint under the question and the error message,
# so the two can never disagree (K0A 1A0 is Bellerive's own postal code).
EXAMPLES = {"phone": "613-555-0100", "postal_code": "K0A 1A0"}
HINT = N_("For example, {example}")


def default_hint(kind: str, lang: str) -> str | None:
    """The hint of a phone or postal code question the editor gave no hint for: its example."""
    return gettext(lang, HINT, example=EXAMPLES[kind]) if kind in EXAMPLES else None


def example_message(kind: str, label: str, lang: str) -> str:
    """The error for a phone number or postal code in the wrong form, with the hint's example."""
    return message(kind, label, lang, example=EXAMPLES[kind])


DATE_PARTS: Table = {"day": N_("a day"), "month": N_("a month"), "year": N_("a year")}


def message(key: str, label: str, lang: str, **values) -> str:
    """The message ``key`` for the field labelled ``label``, in ``lang``."""
    return keyed(pick(MESSAGES, key, lang, subject=subject(label, lang), quoted=quote(label, lang), **values), key)


def date_missing(label: str, lang: str, parts: list[str]) -> str:
    names = [pick(DATE_PARTS, p, lang) for p in parts]
    joined = names[0]
    for name in names[1:]:
        joined = gettext(lang, "{first} and {then}", first=joined, then=name)
    return message("date_missing", label, lang, parts=joined)


def file_kinds(kinds: list[str], lang: str) -> str:
    names = [KIND_NAMES[k] for k in kinds]
    return join_or([names[0]] + [word(lang, LATER_KIND, kind=n) for n in names[1:]], lang)
