"""French typographic spacing (guichet.typography): what it changes, and what it must never touch."""

from __future__ import annotations

import pytest

from guichet.typography import french_html, french_text, typeset

from .french_spacing import page_violations, rules_broken, violations

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(("text", "typeset_text"), [
    ("Montant : 5 $", f"Montant{NBSP}: 5{NBSP}$"),
    ("de 8 h 30 à 16 h", f"de 8{NBSP}h{NBSP}30 à 16{NBSP}h"),
    ("Bellerive (Ontario) K0A 1A0", f"Bellerive (Ontario) K0A{NBSP}1A0"),
    ("« croisé »", f"«{NNBSP}croisé{NNBSP}»"),
    ("«croisé»", f"«{NNBSP}croisé{NNBSP}»"),  # guillemets always get their space
    (f"«{NBSP}croisé{NBSP}»", f"«{NBSP}croisé{NBSP}»"),  # a no-break space already there is kept
    ("Besoin d'aide ?", f"Besoin d'aide{NNBSP}?"),
    ("Besoin d'aide?", "Besoin d'aide?"),  # Canadian usage without a space: left as written
    ("Attention ! Oui ; non", f"Attention{NNBSP}! Oui{NNBSP}; non"),
    ("25 % de plus, 3 km, 12 kg, 45 min", f"25{NBSP}% de plus, 3{NBSP}km, 12{NBSP}kg, 45{NBSP}min"),
    ("1 500 $ par année", f"1{NBSP}500{NBSP}$ par année"),
    ("7,50 $ la page", f"7,50{NBSP}$ la page"),
    ("Montant\n: 5\n$", f"Montant{NBSP}: 5{NBSP}$"),  # a newline breaks a line too
    ("en 2026 100 personnes", "en 2026 100 personnes"),  # two numbers, no unit: not glued
    ("5 m'a dit, 5 minutes", "5 m'a dit, 5 minutes"),  # a word that starts like a unit is no unit
])
def test_french_text(text, typeset_text):
    assert french_text(text) == typeset_text
    assert violations(typeset_text) == [] or typeset_text == text


@pytest.mark.parametrize("text", [
    "https://bellerive.example.org/fr/status/?ref=ABCD-2345",
    "http://127.0.0.1:5000/fr/forms/dog-licence/",
    "Ouvert de 8:30 à 16:30",
    "mailto:clerk@bellerive.example.org",
])
def test_urls_and_colon_times_are_left_alone(text):
    assert french_text(text) == text


@pytest.mark.parametrize("text", ["Montant : 5 $", "« croisé »", "8 h 30", "K0A 1A0", "Quoi ? Oui !", "1 500 $"])
def test_idempotent(text):
    once = french_text(text)
    assert french_text(once) == once
    page = f'<p lang="fr">{text}</p>'
    assert french_html(french_html(page)) == french_html(page)


def test_english_is_untouched():
    english = "Note : keep 5 $ and 8 h 30 and « this » and K0A 1A0"
    assert typeset(english, "en") == english
    assert french_html(f"<p>{english}</p>", "en") == f"<p>{english}</p>"
    page = f'<html lang="fr"><body><p>Oui : non</p><a lang="en" href="/">{english}</a></body></html>'
    assert french_html(page) == page.replace("Oui : non", f"Oui{NBSP}: non")


def test_html_changes_text_only_never_tags_attributes_or_raw_elements():
    page = ('<!DOCTYPE html>\n<html lang="fr"><head><title>Erreur : page</title>'
            '<script>const a = "x : y ?";</script><style>a::after { content: " : "; }</style></head><body>'
            '<!-- note : commentaire ? -->'
            '<a href="/search?q=5 $ : x" title="Aide : ici" aria-label="« a »">Aide : ici</a>'
            '<input value="5 $ : x" placeholder="8 h 30"><pre>a : b</pre><code>x ?</code>'
            '<textarea name="n">Ma note : reste telle quelle ?</textarea>'
            '<p>Fin !</p></body></html>')
    out = french_html(page)
    for kept in ('<script>const a = "x : y ?";</script>', '<style>a::after { content: " : "; }</style>',
                 "<!-- note : commentaire ? -->", 'href="/search?q=5 $ : x"', 'title="Aide : ici"',
                 'aria-label="« a »"', '<input value="5 $ : x" placeholder="8 h 30">', "<pre>a : b</pre>",
                 "<code>x ?</code>", "<textarea name=\"n\">Ma note : reste telle quelle ?</textarea>"):
        assert kept in out
    assert f"<title>Erreur{NBSP}: page</title>" in out
    assert f">Aide{NBSP}: ici</a>" in out and f"<p>Fin{NNBSP}!</p>" in out
    assert page_violations(out) == []


def test_a_space_before_a_tag_then_the_colon_is_glued():
    out = french_html('<p lang="fr">Montant <strong>: 5 $</strong></p>')
    assert out == f'<p lang="fr">Montant{NBSP}<strong>: 5{NBSP}$</strong></p>'
    assert page_violations(out) == []


def test_a_greater_than_sign_in_a_quoted_attribute_does_not_end_the_tag():
    page = '<p lang="fr"><a title="a > b : c" href="/">x : y</a></p>'
    assert french_html(page) == page.replace("x : y", f"x{NBSP}: y")


def test_the_scan_catches_each_kind_of_breakable_space():
    planted = ("Montant : 5 $, « croisé », de 8 h 30, K0A 1A0, 3 km, 25 %, 1 500 $, Quoi ?")
    found = violations(planted)
    for rule in ("space before : ; ! ?", "space after «", "space before »", "N $", "N h N", "postal code",
                 "number and unit", "digit groups before a unit"):
        assert rule in rules_broken(found), (rule, found)
    assert violations(french_text(planted)) == []
    # in a page: only French text counts, attributes and code do not
    page = f'<html lang="fr"><body><p title="a : b">ok</p><code>a : b</code><p lang="en">a : b</p><p>{planted}</p></body></html>'
    assert len(page_violations(page)) == len(found)
    assert page_violations(french_html(page)) == []
