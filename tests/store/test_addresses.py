"""The one address rule agrees with Python's own email parser.

``guichet.model.addresses.is_address`` is a regular expression (the forms'
hot path), used by the catalogue, the forms and the store
(``forms_app.store.addresses``). The oracle below is email.headerregistry's
parser plus the same refusals, written without regular expressions.
Hypothesis looks for a value on which they disagree.
"""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from forms_app.store.addresses import is_single_address, single_address
from guichet.model.addresses import address_problem, is_address

_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f,;<>\"()\[\]\\]")


def _label(label: str) -> bool:
    return (1 <= len(label) <= 63 and label[0] != "-" and label[-1] != "-"
            and all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in label))


def _host_name(domain: str) -> bool:
    labels = domain.split(".")
    last = labels[-1]
    top = (last.isascii() and last.isalpha() and len(last) >= 2) or (last.lower().startswith("xn--") and len(last) > 4)
    return len(labels) >= 2 and all(_label(label) for label in labels) and top


def oracle(value: str) -> bool:
    value = value.strip()
    if len(value) > 254 or _FORBIDDEN.search(value) or value.count("@") != 1 or " " in value:
        return False
    try:
        address = Address(addr_spec=value)
    except (ValueError, IndexError, HeaderParseError):
        return False
    return 1 <= len(address.username) <= 64 and _host_name(address.domain or "")


# Every character class the two could disagree on: atext, specials, dots, quotes, spaces, non-ASCII.
TRICKY = "aZ09.-_+@!#$%&'*/=?^`{|}~\"()<>[]\\,;: \t\r\n\x00é日\u2028"
LOCAL = st.text(alphabet=TRICKY, max_size=12)
DOMAIN = st.lists(st.text(alphabet="aZ09-é_.xnXN", min_size=0, max_size=6), min_size=1, max_size=4).map(".".join)


@settings(max_examples=3000, deadline=None)
@given(local=LOCAL, domain=DOMAIN, wrap=st.sampled_from(["", " ", "\n", "\t"]))
@example(local="jane.doe", domain="example.ca", wrap="")
@example(local="o'brien+dogs", domain="mail.example.org", wrap=" ")
@example(local=".jane", domain="example.ca", wrap="")
@example(local="jane..doe", domain="example.ca", wrap="")
@example(local="a..b", domain="example.org", wrap="")
@example(local="clerk", domain="-bad-.example.org", wrap="")
@example(local="jane", domain="example", wrap="")
@example(local="jane", domain="example.123", wrap="")
@example(local="jane", domain="example.xn--p1ai", wrap="")
@example(local="jane", domain="example.XN--P1AI", wrap="")
@example(local="jane", domain="example.xn---a", wrap="")
@example(local="jane", domain="example.xn--", wrap="")
@example(local="jane", domain="a" * 63 + ".ca", wrap="")
@example(local="jane", domain="a" * 64 + ".ca", wrap="")
@example(local="j" * 64, domain="example.ca", wrap="")
@example(local="j" * 65, domain="example.ca", wrap="")
@example(local="jané", domain="example.ca", wrap="")
@example(local='"jane"', domain="example.ca", wrap="")
def test_agrees_with_the_email_parser_on_local_at_domain(local, domain, wrap):
    value = f"{wrap}{local}@{domain}{wrap}"
    assert is_address(value) == is_single_address(value) == oracle(value), value
    assert (address_problem(value) is None) == oracle(value), value


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=30))
def test_agrees_with_the_email_parser_on_any_text(value):
    assert is_address(value) == is_single_address(value) == oracle(value), value


@pytest.mark.parametrize(
    "value, expected",
    [
        ("jane@example.ca", "jane@example.ca"),
        ("  jane@example.ca\n", "jane@example.ca"),
        ("Jane <jane@example.ca>", None),
        ("jane@example.ca, boss@example.ca", None),
        ("jane@example.ca\r\nBcc: x@example.ca", None),
        ("a" * 250 + "@example.ca", None),  # over 254 characters
        ("a..b@example.org", None),  # issue #11 item 15: the catalogue used to accept these two
        ("clerk@-bad-.example.org", None),
        (None, None),
        ("", None),
    ],
)
def test_single_address_gives_the_address_or_none(value, expected):
    address = single_address(value)
    assert (address.addr_spec if address else None) == expected
    assert is_single_address(value) == (expected is not None)
