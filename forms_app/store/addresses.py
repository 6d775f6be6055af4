"""One email address, checked: no CR/LF/NUL, exactly one ``local@domain``.

Used by the store (which copy rows to enqueue) and by message building
(what may reach a header), so both agree on what an address is.
"""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address

_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f,;<>\"()\[\]\\]")
_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$")


def single_address(value: str | None) -> Address | None:
    """An ``Address`` for a single plain ``local@domain`` value, or None.

    Display names, groups, lists, comments and control characters are all
    refused rather than repaired: a value that needs repairing is not trusted.
    """
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    if len(value) > 254 or _FORBIDDEN.search(value) or value.count("@") != 1 or " " in value:
        return None
    try:
        address = Address(addr_spec=value)
    except (ValueError, IndexError, HeaderParseError):
        return None
    if not address.username or not _DOMAIN.match(address.domain or ""):
        return None
    return address


def is_single_address(value: str | None) -> bool:
    return single_address(value) is not None
