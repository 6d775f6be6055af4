"""The fast address check agrees with Python's own email parser.

``is_single_address`` is a regular expression (the forms' hot path). The
oracle below is the check it replaced: email.headerregistry's parser plus
the same refusals. Hypothesis looks for a value on which they disagree.
"""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from forms_app.store.addresses import is_single_address, single_address

_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f,;<>\"()\[\]\\]")
_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$")


def oracle(value: str) -> bool:
    value = value.strip()
    if len(value) > 254 or _FORBIDDEN.search(value) or value.count("@") != 1 or " " in value:
        return False
    try:
        address = Address(addr_spec=value)
    except (ValueError, IndexError, HeaderParseError):
        return False
    return bool(address.username) and bool(_DOMAIN.match(address.domain or ""))


# Every character class the two could disagree on: atext, specials, dots, quotes, spaces, non-ASCII.
TRICKY = "aZ09.-_+@!#$%&'*/=?^`{|}~\"()<>[]\\,;: \t\r\n\x00é日\u2028"
LOCAL = st.text(alphabet=TRICKY, max_size=12)
DOMAIN = st.lists(st.text(alphabet="aZ09-é_.", min_size=0, max_size=6), min_size=1, max_size=4).map(".".join)


@settings(max_examples=3000, deadline=None)
@given(local=LOCAL, domain=DOMAIN, wrap=st.sampled_from(["", " ", "\n", "\t"]))
@example(local="jane.doe", domain="example.ca", wrap="")
@example(local="o'brien+dogs", domain="mail.example.org", wrap=" ")
@example(local=".jane", domain="example.ca", wrap="")
@example(local="jane..doe", domain="example.ca", wrap="")
@example(local="jane", domain="example", wrap="")
@example(local="jané", domain="example.ca", wrap="")
@example(local='"jane"', domain="example.ca", wrap="")
def test_agrees_with_the_email_parser_on_local_at_domain(local, domain, wrap):
    value = f"{wrap}{local}@{domain}{wrap}"
    assert is_single_address(value) == oracle(value), value


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=30))
def test_agrees_with_the_email_parser_on_any_text(value):
    assert is_single_address(value) == oracle(value), value


@pytest.mark.parametrize(
    "value, expected",
    [
        ("jane@example.ca", "jane@example.ca"),
        ("  jane@example.ca\n", "jane@example.ca"),
        ("Jane <jane@example.ca>", None),
        ("jane@example.ca, boss@example.ca", None),
        ("jane@example.ca\r\nBcc: x@example.ca", None),
        ("a" * 250 + "@example.ca", None),  # over 254 characters
        (None, None),
        ("", None),
    ],
)
def test_single_address_gives_the_address_or_none(value, expected):
    address = single_address(value)
    assert (address.addr_spec if address else None) == expected
    assert is_single_address(value) == (expected is not None)
