"""Editor checks and the guichet command: each kind of broken page is named."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from guichet.check import run_checks
from guichet.cli import main
from guichet.model import load_catalogue

from .copies import PROJECT, edit

TODAY = dt.date(2026, 11, 22)


def problems_of(root, today=TODAY):
    return [str(p) for p in run_checks(load_catalogue(root), today=today)]


def test_demo_catalogue_passes_every_check():
    assert problems_of(PROJECT / "catalogue") == []


def test_cli_check_passes_on_the_demo():
    result = CliRunner().invoke(main, ["check", "--catalogue", str(PROJECT / "catalogue"), "--strict", "--today", "2026-11-22"])
    assert result.exit_code == 0, result.output
    assert "60 pages, 30 services: 0 error(s), 0 warning(s)" in result.output


BODY = "## Why your dog needs a licence\n"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (BODY, BODY + "\nRead the [rules](dog-rules.md).\n", "(link): broken link to 'dog-rules.md'; check the file name"),
        (BODY, BODY + "\n![](dog.png)\n", "(image): image dog.png has no alt text"),
        (BODY, BODY + '\n<img src="dog.png">\n', "(image): <img> has no alt text"),
        (BODY, BODY + "\nFor the rules, [click here](noise-complaint.md).\n", "(link text): link text 'click here' says nothing out of context"),
        (BODY, BODY + "\n# Dog licence\n", "(body): a '# ' heading repeats the page title"),
        (BODY, BODY + "\nThe municipal administration's comprehensive regulatory framework necessitates the systematic registration, identification and documentation of domesticated canines, notwithstanding exceptional circumstances, pursuant to applicable legislation and interdepartmental administrative procedures.\n" * 3,
         "(readability): English grade level is"),
    ],
)
def test_broken_english_page(catalogue_copy, old, new, expected):
    edit(catalogue_copy / "services" / "dog-licence.md", old, new)
    problems = problems_of(catalogue_copy)
    assert any(p.startswith("catalogue/services/dog-licence.md:") and expected in p for p in problems), problems


def test_vague_french_link_and_readability(catalogue_copy):
    path = catalogue_copy / "services" / "dog-licence.fr.md"
    edit(path, "## Médaille perdue\n", "## Médaille perdue\n\nPour les règles, [cliquez ici](noise-complaint.md).\n\n"
         + "L'administration municipale, conformément aux dispositions réglementaires applicables, exige l'immatriculation systématique des animaux domestiques canins, nonobstant certaines circonstances exceptionnelles particulièrement documentées. " * 12 + "\n")
    problems = problems_of(catalogue_copy)
    assert any("dog-licence.fr.md" in p and "(link text): link text 'cliquez ici'" in p for p in problems), problems
    assert any("dog-licence.fr.md" in p and "(readability): French reading ease is" in p for p in problems), problems


def test_stale_page_is_a_warning_and_strict_fails(catalogue_copy):
    problems = problems_of(catalogue_copy, today=dt.date(2028, 1, 1))
    assert any(p.startswith("catalogue/services/dog-licence.md:16: last_reviewed: warning: reviewed") for p in problems), problems
    runner = CliRunner()
    ok = runner.invoke(main, ["check", "--catalogue", str(catalogue_copy), "--today", "2028-01-01", "--no-readability"])
    assert ok.exit_code == 0, ok.output
    strict = runner.invoke(main, ["check", "--catalogue", str(catalogue_copy), "--today", "2028-01-01", "--strict", "--no-readability"])
    assert strict.exit_code == 1


def test_cli_fails_naming_file_line_field(catalogue_copy):
    edit(catalogue_copy / "services" / "report-pothole.fr.md", "topic: roads", "topic: routes")
    result = CliRunner().invoke(main, ["check", "--catalogue", str(catalogue_copy), "--no-readability"])
    assert result.exit_code == 1
    assert "catalogue/services/report-pothole.fr.md:" in result.output
    assert "topic: unknown topic 'routes'; use one of:" in result.output


def test_new_service_scaffolds_both_languages_and_check_demands_the_todos(catalogue_copy):
    runner = CliRunner()
    result = runner.invoke(main, ["new-service", "bike-licence", "--catalogue", str(catalogue_copy)])
    assert result.exit_code == 0, result.output
    en, fr = catalogue_copy / "services" / "bike-licence.md", catalogue_copy / "services" / "bike-licence.fr.md"
    assert en.exists() and fr.exists()
    problems = problems_of(catalogue_copy)
    assert any(p.startswith("catalogue/services/bike-licence.md:2: title: still says TODO") for p in problems), problems
    assert any(p.startswith("catalogue/services/bike-licence.fr.md:4: topic: 'TODO' is not a slug") for p in problems), problems
    again = runner.invoke(main, ["new-service", "bike-licence", "--catalogue", str(catalogue_copy)])
    assert again.exit_code != 0 and "already exists" in again.output
    bad = runner.invoke(main, ["new-service", "Bike Licence", "--catalogue", str(catalogue_copy)])
    assert bad.exit_code != 0 and "lower-case" in bad.output
