"""catalogue/elsewhere.yml: what another government handles, checked by ``guichet check`` like every catalogue file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from guichet.cli import main
from guichet.model import load_catalogue

from .copies import edit

FILE = "catalogue/elsewhere.yml"


def check(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--catalogue", str(root), "--no-readability", "--today", "2026-11-22"])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout.splitlines()


def line_of(root: Path, text: str) -> int:
    lines = (root / "elsewhere.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_the_demo_file_loads_in_both_languages(catalogue_copy):
    catalogue = load_catalogue(catalogue_copy)
    passport = catalogue.elsewhere["passport"]
    assert passport.url.get("fr").startswith("https://www.canada.ca/fr/")
    assert "passeport" in passport.words.get("fr") and "passport" in passport.words.get("en")
    assert "gouvernement du Canada" in passport.explanation.get("fr")
    assert not [p for p in catalogue.problems if p.path.endswith("elsewhere.yml")]


def test_the_file_is_optional(catalogue_copy):
    (catalogue_copy / "elsewhere.yml").unlink()
    catalogue = load_catalogue(catalogue_copy)
    assert catalogue.elsewhere == {} and catalogue.errors == []


@pytest.mark.parametrize(("old", "new", "near", "field", "message"), [
    ("    fr: https://www.canada.ca/fr/immigration-refugies-citoyennete/services/passeports-canadiens.html",
     "    fr: www.canada.ca/passeports", "www.canada.ca/passeports", "passport.url.fr", "is not a web address; write the whole address, starting with https://"),
    ("    fr: [passeport, passeports, passport]\n", "", "    en: [passport, passports, pasport]", "passport.words.fr", "required"),
    ("  link_text: {en: Canadian passports (Canada.ca), fr: Passeports canadiens (Canada.ca)}\n", "",
     "passport:", "passport.link_text", "required"),
    ("passport:\n", "Passport Office:\n", "Passport Office:", "Passport Office", "is not a slug"),
    ("    en: [health card, ohip,", "    en: [passport, ohip,", "    en: [passport, ohip,", "health-card.words.en", "'passport' is already a word of 'passport'"),
])
def test_a_mistake_is_named_on_its_line(catalogue_copy, old, new, near, field, message):
    edit(catalogue_copy / "elsewhere.yml", old, new)
    code, lines = check(catalogue_copy)
    assert code != 0
    mine = [line for line in lines if line.startswith(FILE + ":")]
    assert len(mine) == 1, lines
    where, found_field, text = mine[0].split(": ", 2)
    assert found_field == field and message in text, mine[0]
    expected = line_of(catalogue_copy, near)
    assert int(where.rsplit(":", 1)[1]) in (expected - 1, expected, expected + 1), mine[0]  # the key, its value or its parent


def test_a_word_of_a_city_service_is_a_warning(catalogue_copy):
    edit(catalogue_copy / "elsewhere.yml", "    en: [passport, passports, pasport]", "    en: [passport, passports, pasport, dog licence]")
    code, lines = check(catalogue_copy)
    [warning] = [line for line in lines if line.startswith(FILE + ":")]
    assert warning == (f"{FILE}:{line_of(catalogue_copy, 'dog licence')}: passport.words.en: warning: 'dog licence' is a title or keyword"
                       " of the City service 'dog-licence'; residents typing it would be sent elsewhere")


def test_not_a_mapping_is_said_plainly(catalogue_copy):
    (catalogue_copy / "elsewhere.yml").write_text("- passport\n- health card\n", encoding="utf-8")
    code, lines = check(catalogue_copy)
    assert code != 0 and f"{FILE}:1: (yaml): must be entries like 'passport:'" in "\n".join(lines)
