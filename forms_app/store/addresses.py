"""One email address, checked: no CR/LF/NUL, exactly one ``local@domain``.

Used by the store (which copy rows to enqueue) and by message building
(what may reach a header). The rule itself is the model's
(``guichet.model.addresses``), shared with the catalogue and the forms, so a
department mailbox or an answer accepted there is never refused here.
"""

from __future__ import annotations

from email.errors import HeaderParseError
from email.headerregistry import Address

from guichet.model.addresses import is_address


def single_address(value: str | None) -> Address | None:
    """An ``Address`` for a single plain ``local@domain`` value, or None.

    Display names, groups, lists, comments and control characters are all
    refused rather than repaired: a value that needs repairing is not trusted.
    """
    if not is_address(value):
        return None
    try:
        return Address(addr_spec=value.strip())
    except (ValueError, IndexError, HeaderParseError):  # not expected for a value the rule accepted
        return None


def is_single_address(value: str | None) -> bool:
    """``single_address(value) is not None``, without building the ``Address`` (the forms' hot path)."""
    return is_address(value)
