"""The message building blocks: label kinds, French articles, numbers, file kinds."""

from __future__ import annotations

import pytest

from forms_app.forms import messages as m
from forms_app.forms.uploads import detect_kind, display_name

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("label", "lang", "enter", "subject"),
    [
        ("Your full name", "en", "Enter your full name", "Your full name"),
        ("TTY number", "en", "Enter TTY number", "TTY number"),
        ("Describe the work", "en", "Describe the work", "Your answer to “Describe the work”"),
        ("Do you own this property?", "en", "Answer “Do you own this property?”", "Your answer to “Do you own this property?”"),
        ("Votre nom complet", "fr", "Entrez votre nom complet", "Votre nom complet"),
        ("L'adresse des travaux", "fr", "Entrez l'adresse des travaux", "L'adresse des travaux"),
        ("Code postal", "fr", f"Remplissez le champ «{NBSP}Code postal{NBSP}»", f"Le champ «{NBSP}Code postal{NBSP}»"),
        ("Décrivez les travaux", "fr", "Décrivez les travaux", f"Votre réponse à «{NBSP}Décrivez les travaux{NBSP}»"),
        ("Êtes-vous propriétaire?", "fr", f"Répondez à la question «{NBSP}Êtes-vous propriétaire?{NBSP}»", f"Votre réponse à «{NBSP}Êtes-vous propriétaire?{NBSP}»"),
    ],
)
def test_messages_read_well_whatever_the_label(label, lang, enter, subject):
    assert m.enter(label, lang) == enter
    assert m.subject(label, lang) == subject


@pytest.mark.parametrize(
    ("value", "en", "fr"),
    [(0, "0", "0"), (100, "100", "100"), (2000, "2,000", f"2{NBSP}000"), (100000000.0, "100,000,000", f"100{NBSP}000{NBSP}000"),
     (2.5, "2.5", "2,5"), (-1500, "-1,500", f"-1{NBSP}500")],
)
def test_numbers_are_written_the_local_way(value, en, fr):
    assert m.number(value, "en") == en
    assert m.number(value, "fr") == fr


def test_file_kinds_are_listed_in_each_language():
    assert m.file_kinds(["pdf"], "en") == "PDF"
    assert m.file_kinds(["pdf", "png", "jpeg"], "en") == "PDF, PNG or JPEG"
    assert m.file_kinds(["pdf", "png", "jpeg"], "fr") == "PDF, un PNG ou un JPEG"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n%", "pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
        (b"\xff\xd8\xff\xdb\x00", "jpeg"),
        (b"GIF87a\x01\x00", "gif"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "webp"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "heic"),  # a whole ftyp box
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x00\x00isomiso2", None),  # an MP4 video
        (b"MZ\x90\x00", None),
        (b"PK\x03\x04", None),  # a ZIP (or .docx)
        (b"", None),
    ],
)
def test_file_kinds_come_from_magic_bytes(head, kind):
    assert detect_kind(head) == kind


@pytest.mark.parametrize(
    ("filename", "shown"),
    [
        ("plan.pdf", "plan.pdf"),
        ("C:\\Users\\jo\\plan.pdf", "plan.pdf"),
        ("../../etc/passwd", "passwd.pdf"),  # the detected kind's extension, always
        ('a"<b>\x07.pdf', "a_b.pdf"),
        ("x" * 300 + ".pdf", "x" * 80 + ".pdf"),
        ("...", "file.pdf"),
    ],
)
def test_file_names_shown_to_staff_are_tidied(filename, shown):
    assert display_name(filename, "pdf") == shown
