"""Cleaning and checking one answer: pure functions, no Flask.

Each ``check_*`` takes what the resident sent, the field's spec and the
language, and returns the answer as staff will read it, or raises
``Invalid`` with the message to show. Nothing is silently changed except
invisible characters: control characters are dropped and a one-line
answer has its line breaks turned into spaces. Phone numbers and postal
codes are written the one usual way (613-555-0100 ext. 12, K0A 1A0).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from guichet.i18n import Table, in_language
from guichet.model.addresses import is_address
from guichet.model.form import FieldType, FormField
from guichet.words import N_

from . import messages as m


class Invalid(ValueError):
    """An answer that cannot be accepted; ``parts`` names the date boxes to fix (all when empty)."""

    def __init__(self, message: str, parts: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.parts = parts


DEFAULT_MAX = {FieldType.text: 500, FieldType.address: 500, FieldType.long_text: 10000}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\r\n\t\u2028\u2029]+")
_HEADER_BREAKERS = re.compile(r"[\r\n\x00\u2028\u2029\x85]")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
POSTAL_RE = re.compile(r"^[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z][0-9][ABCEGHJ-NPRSTV-Z][0-9]$")
PHONE_RE = re.compile(  # the number, then an extension if any: "ext. 12", "x12", "poste 12", "p. 12", "#12"
    r"^(?P<number>\+?[0-9 ().\-]{7,25}?)\s*,?\s*(?:(?:ext\.?|extension|x|poste|p\.|#)\s*(?P<ext>[0-9]{1,6}))?$", re.IGNORECASE)
NANP_RE = re.compile(r"^1?(?P<area>[2-9][0-9]{2})(?P<exchange>[2-9][0-9]{2})(?P<line>[0-9]{4})$")
NUMBER_RE = re.compile(r"^-?[0-9]{1,15}(?:\.[0-9]{1,6})?$")
THOUSANDS_RE = re.compile(r"^-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")


def label(spec: FormField, lang: str) -> str:
    return spec.label.get(lang)


def one_line(raw: str) -> str:
    return _SPACES.sub(" ", _CONTROL.sub("", _LINE_BREAKS.sub(" ", raw or ""))).strip()


def block(raw: str) -> str:
    text = (raw or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def required(text: str, spec: FormField, lang: str) -> bool:
    """True when there is an answer to check; raises when a required one is missing."""
    if text:
        return True
    if spec.required:
        raise Invalid(m.enter(label(spec, lang), lang))
    return False


def check_length(text: str, spec: FormField, lang: str) -> str:
    top = spec.max_length or DEFAULT_MAX.get(spec.type)
    if top and len(text) > top:
        raise Invalid(m.message("too_long", label(spec, lang), lang, n=m.number(top, lang)))
    if spec.min_length and len(text) < spec.min_length:
        raise Invalid(m.message("too_short", label(spec, lang), lang, n=m.number(spec.min_length, lang)))
    if spec.pattern and not re.fullmatch(spec.pattern, text):
        raise Invalid(m.keyed(spec.pattern_message.get(lang), "pattern"))
    return text


def check_text(raw: str, spec: FormField, lang: str) -> str:
    text = block(raw) if spec.type in (FieldType.long_text, FieldType.address) else one_line(raw)
    return check_length(text, spec, lang) if required(text, spec, lang) else ""


def check_email(raw: str, spec: FormField, lang: str) -> str:
    """One plain address, safe for a Reply-To header: no line breaks, no lists."""
    raw = raw or ""
    if _HEADER_BREAKERS.search(raw.strip()):
        raise Invalid(m.text("email_line", lang))
    text = raw.strip()
    if not required(text, spec, lang):
        return ""
    if text.count("@") > 1 or re.search(r"[,;\s]", text):
        raise Invalid(m.text("email_one", lang))
    if not email_ok(text):
        raise Invalid(m.text("email", lang))
    return check_length(text, spec, lang)


def email_ok(text: str) -> bool:
    """The model's one address rule (the catalogue's and the store's), so the resident's copy is really sent."""
    return is_address(text)


def phone_number(text: str, lang: str) -> str | None:
    """A North American number (10 digits, or 11 starting with 1; area code and exchange
    2–9, not N11) written 613-555-0100, plus " ext. 12"/" poste 12"; or, starting with +
    and another country code, 8 to 15 digits as typed. None when it is neither."""
    found = PHONE_RE.match(text)
    if not found:
        return None
    number, ext = found.group("number").strip(), found.group("ext")
    digits = re.sub(r"[^0-9]", "", number)
    suffix = f" {m.text('extension', lang)} {ext}" if ext else ""
    if number.startswith("+") and not digits.startswith("1"):
        return number + suffix if 8 <= len(digits) <= 15 else None
    nanp = NANP_RE.match(digits)
    if not nanp or any(part[1:] == "11" for part in (nanp["area"], nanp["exchange"])):
        return None
    return f"{nanp['area']}-{nanp['exchange']}-{nanp['line']}{suffix}"


def check_phone(raw: str, spec: FormField, lang: str) -> str:
    text = one_line(raw)
    if not required(text, spec, lang):
        return ""
    number = phone_number(text, lang)
    if number is None:
        raise Invalid(m.example_message("phone", label(spec, lang), lang))
    return check_length(number, spec, lang)


def check_postal_code(raw: str, spec: FormField, lang: str) -> str:
    text = one_line(raw)
    if not required(text, spec, lang):
        return ""
    compact = re.sub(r"[\s\-]", "", text).upper()
    if not POSTAL_RE.match(compact):
        raise Invalid(m.example_message("postal_code", label(spec, lang), lang))
    return f"{compact[:3]} {compact[3:]}"


def parse_number(text: str, lang: str) -> Decimal | None:
    """"1 500", "1,500.50", "$1500" (en) and "1 500,50", "1500 $" (fr) → Decimal."""
    text = _SPACES.sub("", text).replace("$", "").replace("\u2212", "-")
    if "," in text:
        if lang == "fr" and "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")
        elif THOUSANDS_RE.match(text):
            text = text.replace(",", "")
        else:
            return None
    if not NUMBER_RE.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - NUMBER_RE admits only decimals
        return None


def check_number(raw: str, spec: FormField, lang: str) -> str:
    text = one_line(raw)
    if not required(text, spec, lang):
        return ""
    value = parse_number(text, lang)
    name = label(spec, lang)
    if value is None:
        raise Invalid(m.message("not_number", name, lang))
    low = Decimal(str(spec.minimum)) if spec.minimum is not None else None
    high = Decimal(str(spec.maximum)) if spec.maximum is not None else None
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            raise Invalid(m.message("between", name, lang, min=m.number(low, lang), max=m.number(high, lang)))
        if low is not None:
            raise Invalid(m.message("min", name, lang, min=m.number(low, lang)))
        raise Invalid(m.message("max", name, lang, max=m.number(high, lang)))
    return f"{value.normalize():f}" if value != value.to_integral() else str(int(value))


DATE_PARTS = ("day", "month", "year")


def check_date(raw: dict[str, str], spec: FormField, lang: str) -> str:
    """Three boxes, day, month and year, as GOV.UK's date input."""
    parts = {p: one_line((raw or {}).get(p, "")) for p in DATE_PARTS}
    name = label(spec, lang)
    missing = [p for p in DATE_PARTS if not parts[p]]
    if len(missing) == 3:
        if spec.required:
            raise Invalid(m.enter(name, lang))
        return ""
    if missing:
        raise Invalid(m.date_missing(name, lang, missing), parts=tuple(missing))
    longest = {"day": 2, "month": 2, "year": 4}
    bad = [p for p in DATE_PARTS if not (parts[p].isascii() and parts[p].isdigit() and len(parts[p]) <= longest[p])]
    if len(parts["year"]) != 4 and "year" not in bad:
        bad.append("year")
    if bad:
        raise Invalid(m.message("date_real", name, lang), parts=tuple(bad))
    try:
        when = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        raise Invalid(m.message("date_real", name, lang)) from None
    return when.isoformat()


YES_NO: Table = {"yes": N_("Yes"), "no": N_("No")}


def choice_labels(spec: FormField, lang: str) -> dict[str, str]:
    if spec.type is FieldType.yes_no:
        return in_language(YES_NO, lang)
    return {c.value: c.label.get(lang) for c in spec.choices}


def check_choice(raw: str, spec: FormField, lang: str) -> str:
    options = choice_labels(spec, lang)
    key = "choose_yes_no" if spec.type is FieldType.yes_no else "choose_one"
    if not raw and not spec.required:
        return ""
    if raw not in options:
        raise Invalid(m.message(key, label(spec, lang), lang))
    return options[raw]


def check_choices(raw: list[str], spec: FormField, lang: str) -> str:
    options = choice_labels(spec, lang)
    chosen = [v for v in raw if v]
    if (not chosen and spec.required) or any(v not in options for v in chosen) or len(set(chosen)) != len(chosen):
        raise Invalid(m.message("choose_some", label(spec, lang), lang))
    return "; ".join(options[v] for v in options if v in chosen)
