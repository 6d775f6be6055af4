"""Issue #14: a form whose privacy notice misses a part fails ``guichet check`` (and so the
build, which runs the same checks), one ``file:line: field: message`` with the fix each."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from guichet.check import privacy
from guichet.cli import main
from guichet.model.catalogue import load_catalogue
from tests.support.apps import CATALOGUE

FORM = "catalogue/services/dog-licence.form.yml"


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, target)
    return target


def check(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--catalogue", str(root), "--no-readability", "--today", "2026-11-22"])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout.splitlines()


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1) if needle in line)


def drop(path: Path, pattern: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, "", text, count=1, flags=re.MULTILINE)
    assert changed != text, pattern
    path.write_text(changed, encoding="utf-8")


def test_the_demo_notices_are_complete_and_agree_with_their_numbers():
    catalogue = load_catalogue(CATALOGUE)
    assert not catalogue.errors
    forms = {s.slug: s.form for s in catalogue.services.values() if s.form}
    assert len(forms) == 13
    for slug, form in forms.items():
        notice = form.privacy
        assert notice.authority.en and notice.authority.fr, slug
        assert notice.keep_days > 0 and notice.keep_after in ("closed", "delivered"), slug
        assert privacy.agrees(notice.retention.en, notice.keep_days), slug
        assert privacy.agrees(notice.retention.fr, notice.keep_days), slug
    assert forms["dog-licence"].privacy.keep_days == 1095
    assert forms["building-permit"].privacy.keep_after == "delivered"
    officer = catalogue.taxonomy.site.privacy_officer
    assert officer.email == "privacy@bellerive.example.org" and officer.address.fr


@pytest.mark.parametrize("part, pattern", [
    ("purpose", r"^  purpose:\n    en: .*\n    fr: .*\n"),
    ("authority", r"^  authority:\n    en: .*\n    fr: .*\n"),
    ("who_sees", r"^  who_sees:\n    en: .*\n    fr: .*\n"),
    ("retention", r"^  retention:\n    en: .*\n    fr: .*\n"),
    ("keep_days", r"^  keep_days: .*\n"),
])
def test_a_notice_without_a_part_fails_the_check_with_its_line_and_fix(copy, part, pattern):
    form = copy / "services" / "dog-licence.form.yml"
    drop(form, pattern)
    code, lines = check(copy)
    assert code == 1
    mine = [line for line in lines if f": privacy.{part}: " in line]
    assert len(mine) == 1, lines
    assert mine[0].startswith(f"{FORM}:{line_of(form, 'privacy:')}: privacy.{part}: required: ")
    assert " add " in mine[0]  # the fix
    assert "Field required" not in mine[0]


def test_a_form_with_no_notice_at_all(copy):
    form = copy / "services" / "noise-complaint.form.yml"
    text = form.read_text(encoding="utf-8")
    form.write_text(text[: text.index("privacy:\n")] + text[text.index("fields:\n"):], encoding="utf-8")
    code, lines = check(copy)
    assert code == 1
    assert any(line.startswith("catalogue/services/noise-complaint.form.yml:") and ": privacy: required: every form needs a privacy notice" in line
               for line in lines), lines


def test_keep_days_must_be_a_positive_whole_number(copy):
    form = copy / "services" / "dog-licence.form.yml"
    for bad, message in [("0", "must be more than 0"), ("three years", "must be a whole number, like 100")]:
        form.write_text(re.sub(r"keep_days: .*", f"keep_days: {bad}", form.read_text(encoding="utf-8")), encoding="utf-8")
        code, lines = check(copy)
        assert code == 1
        assert f"{FORM}:{line_of(form, 'keep_days:')}: privacy.keep_days: {message}" in lines, lines


def test_keep_after_is_closed_or_delivered(copy):
    form = copy / "services" / "dog-licence.form.yml"
    form.write_text(form.read_text(encoding="utf-8").replace("  keep_days: 1095\n", "  keep_days: 1095\n  keep_after: paid\n"), encoding="utf-8")
    code, lines = check(copy)
    assert code == 1
    assert any(line.startswith(f"{FORM}:{line_of(form, 'keep_after:')}: privacy.keep_after: 'paid' is not one of the choices") for line in lines), lines


def test_forms_without_a_privacy_officer_fail_on_the_taxonomy(copy):
    taxonomy = copy / "taxonomy.yml"
    drop(taxonomy, r"^  # Who residents.*\n  privacy_officer:\n(?:    .*\n)+")
    code, lines = check(copy)
    assert code == 1
    line = f"catalogue/taxonomy.yml:{line_of(taxonomy, 'site:')}: site.privacy_officer: required: "
    assert any(entry.startswith(line) and "add privacy_officer: under site:" in entry for entry in lines), lines


def test_a_catalogue_without_forms_needs_no_privacy_officer(copy):
    drop(copy / "taxonomy.yml", r"^  # Who residents.*\n  privacy_officer:\n(?:    .*\n)+")
    for form in (copy / "services").glob("*.form.yml"):
        form.unlink()
        page = form.with_name(form.name.replace(".form.yml", ".md"))
        for path in (page, page.with_name(page.name.replace(".md", ".fr.md"))):
            path.write_text(path.read_text(encoding="utf-8").replace("form: true", "form: false"), encoding="utf-8")
    assert not [p for p in load_catalogue(copy).errors if "privacy" in str(p)]


def test_retention_words_that_disagree_with_keep_days_warn(copy):
    form = copy / "services" / "dog-licence.form.yml"
    form.write_text(form.read_text(encoding="utf-8").replace("keep_days: 1095", "keep_days: 730"), encoding="utf-8")
    code, lines = check(copy)
    assert code == 0  # a warning; --strict fails on it
    assert f"{FORM}:{line_of(form, 'en: We keep your answers for 3 years')}: privacy.retention.en: warning: says 3 years but keep_days is 730; make the words and the number agree (a year is 365 days)" in lines, lines
    assert any(": privacy.retention.fr: warning: says 3 ans but keep_days is 730" in line for line in lines), lines


@pytest.mark.parametrize("words, days, expected", [
    ("We keep your answers for 2 years.", 730, True),
    ("We keep your answers for 2 years.", 731, True),  # a leap year
    ("Nous gardons vos réponses 18 mois.", 540, True),
    ("We keep them 90 days after delivery.", 90, True),
    ("We keep them 90 days after delivery.", 91, False),
    ("Nous gardons les dossiers tant que le bâtiment existe.", 30, None),
    ("The agenda is permanent. We delete your phone after 1 year.", 365, True),
])
def test_durations_in_words(words, days, expected):
    assert privacy.agrees(words, days) is expected
