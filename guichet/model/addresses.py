"""The one email-address rule: the catalogue's mailboxes, the forms' answers and the store.

An address is one plain ``local@domain``, checked with one regular expression:

* the part before ``@`` is a dot-atom of ASCII letters, digits and
  ``!#$%&'*+/=?^_`{|}~-`` (RFC 5322 atext), 64 characters at most, with no
  dot at either end and never two in a row;
* the domain is a host name of two or more labels (letters, digits and inner
  hyphens, 63 characters at most each), ending in letters (``.org``, ``.ca``)
  or an internationalised ``xn--`` label;
* 254 characters in all. Spaces around it are ignored.

Display names, comments, quoted strings, lists, IP literals and accented
letters are refused rather than repaired: a value that needs repairing is
not trusted. tests/store/test_addresses.py checks the expression against
Python's email parser on generated values.
"""

from __future__ import annotations

import re

MAX_LENGTH = 254
MAX_LOCAL = 64
EXAMPLE = "name@example.org"

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_TOP = r"(?:[A-Za-z]{2,63}|[Xx][Nn]--[A-Za-z0-9-]{0,58}[A-Za-z0-9])"  # .org, .ca, or punycode .xn--…
ADDRESS_RE = re.compile(rf"(?=[^@]{{1,{MAX_LOCAL}}}@){_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+{_TOP}", re.ASCII)

_ATEXT = re.compile(rf"(?:{_ATOM})?", re.ASCII)
_LABEL_RE = re.compile(_LABEL, re.ASCII)
_TOP_RE = re.compile(_TOP, re.ASCII)


def is_address(value: object) -> bool:
    """True when ``value`` (spaces around it aside) is one address by the rule above."""
    if not isinstance(value, str):
        return False
    value = value.strip()
    return len(value) <= MAX_LENGTH and ADDRESS_RE.fullmatch(value) is not None


def address_problem(value: object) -> str | None:
    """None for an address; otherwise what is wrong with it, in plain words (for editors)."""
    if is_address(value):
        return None
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return "it is empty"
    if any(ch.isspace() for ch in text) or any(ch in text for ch in ",;<>"):
        return "it must be one address alone, with no spaces, name or second address"
    if text.count("@") != 1:
        return "it must have exactly one @"
    if len(text) > MAX_LENGTH:
        return f"it is longer than {MAX_LENGTH} characters"
    local, domain = text.split("@")
    if not local or len(local) > MAX_LOCAL:
        return f"the part before @ must have 1 to {MAX_LOCAL} characters"
    if ".." in local or local.startswith(".") or local.endswith("."):
        return "the part before @ has two dots in a row, or a dot at its start or end"
    if not all(_ATEXT.fullmatch(part) for part in local.split(".")):
        return "the part before @ has a character addresses cannot use (accents, quotes, brackets…)"
    labels = domain.split(".")
    if len(labels) < 2:
        return "the part after @ needs a dot, like example.org"
    for label in labels:
        if not label:
            return "the part after @ has two dots in a row, or a dot at its start or end"
        if label.startswith("-") or label.endswith("-"):
            return f"'{label}' after @ starts or ends with a hyphen"
        if not _LABEL_RE.fullmatch(label):
            return f"'{label}' after @ may only use letters, digits and hyphens, 63 at most"
    if not _TOP_RE.fullmatch(labels[-1]):
        return "the part after @ must end with letters, like .org or .ca"
    return "it is not an email address"
