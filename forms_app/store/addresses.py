"""One email address, checked: no CR/LF/NUL, exactly one ``local@domain``.

Used by the store (which copy rows to enqueue) and by message building
(what may reach a header), so both agree on what an address is.
"""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"  # RFC 5322 atext, ASCII only
# A dot-atom local part and a host name: the only shape ``single_address`` accepts.
# Checked without building an email.headerregistry.Address (a tenth of the time);
# tests/store/test_addresses.py checks that both agree on generated values.
_PLAIN = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+", re.ASCII)


def single_address(value: str | None) -> Address | None:
    """An ``Address`` for a single plain ``local@domain`` value, or None.

    Display names, groups, lists, comments and control characters are all
    refused rather than repaired: a value that needs repairing is not trusted.
    """
    if not is_single_address(value):
        return None
    try:
        return Address(addr_spec=value.strip())
    except (ValueError, IndexError, HeaderParseError):  # not expected for a value _PLAIN matched
        return None


def is_single_address(value: str | None) -> bool:
    """``single_address(value) is not None``, without building the ``Address`` (the forms' hot path)."""
    if not value or not isinstance(value, str):
        return False
    value = value.strip()
    return len(value) <= 254 and _PLAIN.fullmatch(value) is not None
