"""Comments are masked for likely personal data before they are stored (guichet.comments), in both
languages, and what is not personal stays as typed."""

from __future__ import annotations

import pytest

from guichet.comments import mask, only_masks

MASKED = [
    # names after an introducer, in English and French, listed or not
    ("My name is Jean Dupuis and the page is wrong", "My name is [name] and the page is wrong"),
    ("my name is zed quorax, the hours are wrong", "my name is [name], the hours are wrong"),
    ("my name's Bob and I'm fed up", "my name's [name] and I'm fed up"),
    ("Je m'appelle Marie-Claude Gagnon et la page est fausse", "Je m'appelle [name] et la page est fausse"),
    ("je m’appelle Olivier Zzyzx", "je m’appelle [name]"),
    ("Mon nom est Zoltan Q. Merci", "Mon nom est [name]. Merci"),
    ("Bonjour, mon nom est Wxy et le lien est brisé", "Bonjour, mon nom est [name] et le lien est brisé"),
    # listed names anywhere, and the capitalised word after a listed given name
    ("Thanks, Sylvie Tremblay", "Thanks, [name]"),
    ("Merci, Jean Zyxw", "Merci, [name]"),
    # email addresses
    ("write to jo.smith@example.net please", "write to [email] please"),
    ("écrivez à jean.d@exemple.ca svp", "écrivez à [email] svp"),
    # phone numbers
    ("call me at 613-555-0199", "call me at [phone]"),
    ("(613) 555 0199 ext 12 anytime", "[phone] anytime"),
    ("+1 613 555 0199", "[phone]"),
    ("mon numéro : 613.555.0199 poste 4", "mon numéro : [phone]"),
    ("555-0199", "[phone]"),
    # Canadian postal codes
    ("I live near K0A 1A0", "I live near [postal code]"),
    ("code postal h2x1y4 svp", "code postal [postal code] svp"),
    # long digit runs
    ("my card 4111 1111 1111 1111", "my card [number]"),
    ("NAS 123-456-789", "NAS [number]"),
    ("born 1980-05-12", "born [number]"),
    ("account 1234567", "account [number]"),
    # references and codes
    ("request ABCD-2345 not found", "request [reference] not found"),
    ("ma demande abcd2345 est perdue", "ma demande [reference] est perdue"),
    ("licence DL12345", "licence [code]"),
    # civic addresses
    ("I live at 45 rue Principale", "I live at [address]"),
    ("12 Elm Street flooded", "[address] flooded"),
    ("au 8 boulevard des Allumettières", "au [address]"),
]

KEPT = [
    "The opening hours on this page are wrong",
    "Les heures d’ouverture sur cette page sont fausses",
    "the page says 10 days but it took 30",
    "The fee is $45, not $40",
    "Le lien vers le formulaire ne fonctionne pas.",
    "water bill and business licence",  # ordinary words, an eight-letter word not a reference
    "I could not find the 2026 schedule",  # a year alone is not personal
    "Collection is on Monday; the page says Tuesday",
]


@pytest.mark.parametrize("typed, kept", MASKED)
def test_personal_data_is_masked(typed, kept):
    assert mask(typed) == kept


@pytest.mark.parametrize("typed", KEPT)
def test_what_is_not_personal_stays_as_typed(typed):
    assert mask(typed) == typed


def test_several_kinds_in_one_comment_are_all_masked():
    typed = "Je m'appelle Luc Bergeron, 613-555-0100, luc@exemple.ca, J8Y 3A1, dossier 9876543"
    assert mask(typed) == "Je m'appelle [name], [phone], [email], [postal code], dossier [number]"


def test_a_comment_of_only_personal_data_is_only_masks():
    assert only_masks(mask("jo@example.net 613-555-0100"))
    assert not only_masks(mask("the page is wrong, jo@example.net"))
