from __future__ import annotations

import pytest

from forms_app.store import format_reference, new_reference, normalize_reference
from forms_app.store.references import ALPHABET


def test_new_references_use_only_unambiguous_characters():
    refs = {new_reference() for _ in range(2000)}
    assert len(refs) == 2000
    for ref in refs:
        assert len(ref) == 8 and set(ref) <= set(ALPHABET)
    assert not set("0O1IL") & set(ALPHABET)


def test_format():
    assert format_reference("ABCD2345") == "ABCD-2345"
    assert format_reference("abcd 2345") == "ABCD-2345"


@pytest.mark.parametrize("typed", ["abcd-2345", "ABCD 2345", " ABCD2345 ", "abcd_2345", "ABCD-2345\t", "AB-CD-23-45"])
def test_normalize_accepts_what_residents_type(typed):
    assert normalize_reference(typed) == "ABCD2345"


@pytest.mark.parametrize("typed", [None, "", "ABCD234", "ABCD23456", "ABCD-234O", "ABCD-2341", "ABCD-IL23", "ABCD;2345", "ABCD\n2345x"])
def test_normalize_refuses_non_references(typed):
    assert normalize_reference(typed) is None
