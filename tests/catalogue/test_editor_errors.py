"""Issue #11 item 13: no editor input produces a traceback.

Each broken copy of a demo page or form gets one ``file:line: field: message``
in plain words, on the exact line the editor has to change. The expected
line is found in the broken file itself, so other edits to the demo pages
do not move it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from guichet.cli import main

from .copies import PROJECT, edit

PAGE = "catalogue/services/dog-licence.md"
FR_PAGE = "catalogue/services/dog-licence.fr.md"
FORM = "catalogue/services/dog-licence.form.yml"
DATE = "write it as YYYY-MM-DD, for example 2026-10-01"
RAW_WORDING = re.compile(
    r"Input should|Field required|Value error|valid dictionary|while (?:scanning|parsing)|could not find expected"
    r"|did not find expected|<unicode string>|Traceback|Error\b"
)


def check(root: Path) -> tuple[int, list[str]]:
    """Run ``guichet check`` as an editor does; (exit code, problem lines)."""
    result = CliRunner().invoke(main, ["check", "--catalogue", str(root), "--no-readability", "--today", "2026-11-22"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout.splitlines()


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line holding ``needle``."""
    for number, line in enumerate(path.read_bytes().split(b"\n"), start=1):
        if needle.encode() in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def reported(root: Path, expected: str) -> list[str]:
    code, lines = check(root)
    assert code == 1, lines
    assert expected in lines, "\n".join(lines)
    for line in lines:
        assert not RAW_WORDING.search(line), line
    return lines


# -- the page's front matter ---------------------------------------------------


@pytest.mark.parametrize("value, why", [
    ("2026-13-45", "not a real date (there is no month 13)"),
    ("2026-02-30", "not a real date (February 2026 has 28 days)"),
    ("2028-02-30", "not a real date (February 2028 has 29 days)"),
    ("2026-1-5", "not a date; write the month and the day with two digits each, like 2026-01-05"),
    ("2026-10-01 25:00:00", "not a date"),  # a timestamp at an hour that does not exist
    ("2026-10-01 10:00:00", "give the date only, without a time"),
    ("1 October", "not a date"),
])
def test_a_date_that_does_not_exist_is_named_on_its_line(catalogue_copy, value, why):
    page = catalogue_copy / "services" / "dog-licence.md"
    edit(page, "last_reviewed: 2026-10-01", f"last_reviewed: {value}")
    message = why if "two digits" in why else f"{why}; {DATE}"
    reported(catalogue_copy, f"{PAGE}:{line_of(page, 'last_reviewed:')}: last_reviewed: {message}")


def test_a_date_in_french_page_too(catalogue_copy):
    page = catalogue_copy / "services" / "dog-licence.fr.md"
    text = page.read_text(encoding="utf-8")
    old = re.search(r"last_reviewed: \S+", text).group()
    edit(page, old, "last_reviewed: 2026-02-30")
    reported(catalogue_copy, f"{FR_PAGE}:{line_of(page, 'last_reviewed:')}: last_reviewed: not a real date (February 2026 has 28 days); {DATE}")


@pytest.mark.parametrize("old, new, where, expected", [
    pytest.param("popular: true\n", "popular: true\ntitle: Dogs\n", "title: Dogs",
                 "title: written twice (first on line 2); keep one and delete the other", id="a key written twice"),
    pytest.param("  - dog tag\n", "\t- dog tag\n", "\t- dog tag",
                 "(front matter): this line is indented with a tab; indent with spaces only", id="a tab, on the tabbed line"),
    pytest.param("topic: pets\n", "topic pets\n", 4,  # PyYAML notices on the next line
                 "(front matter): this line has no ': ' after a field name; write 'field: value', or indent it under the field it continues",
                 id="a missing colon, on its own line not the next"),
    pytest.param("summary: Every", 'summary: "Every', 3,  # YAML stumbles only on the next quote, far below
                 "summary: the quote opened on this line is never closed; add the closing quote at the end of the text",
                 id="an unclosed quote, on the line that opens it"),
    pytest.param("audiences: [residents]", "audiences: [residents", 5,
                 "audiences: the '[' on this line is not closed; end the list with ']' and separate the items with commas",
                 id="an unclosed bracket"),
    pytest.param("processing_time: Your", "processing_time: Note: Your", "processing_time:",
                 "processing_time: YAML reads ': ' here as the start of another field; put the value in quotes if it contains ': ', or check the line's indentation",
                 id="a colon in a value"),
    pytest.param("last_reviewed: 2026-10-01", "last_reviewed: !!int soon", 16,
                 "last_reviewed: YAML cannot read this value as written; put it in quotes (and remove any '!!' before it)",
                 id="a YAML tag that cannot convert"),
])
def test_a_front_matter_mistake_is_named_on_the_editors_line(catalogue_copy, old, new, where, expected):
    """``where`` is the line number, or the text of the line (found in the broken file)."""
    page = catalogue_copy / "services" / "dog-licence.md"
    edit(page, old, new)
    line = where if isinstance(where, int) else line_of(page, where)
    reported(catalogue_copy, f"{PAGE}:{line}: {expected}")


def test_a_key_written_twice_in_a_form_field_names_the_field(catalogue_copy):
    form = catalogue_copy / "services" / "dog-licence.form.yml"
    edit(form, "  - name: breed\n    type: text\n", "  - name: breed\n    type: text\n    type: date\n")
    reported(catalogue_copy, f"{FORM}:{line_of(form, 'type: date')}: fields.breed.type: written twice (first on line {line_of(form, 'name: breed') + 1}); keep one and delete the other")


def test_an_unclosed_quote_at_the_end_of_the_front_matter(catalogue_copy):
    page = catalogue_copy / "services" / "dog-licence.md"
    text = page.read_text(encoding="utf-8")
    lines = text.split("\n")
    closing = lines.index("---", 1)
    lines.insert(closing, "next_steps: 'We mail you a tag")
    page.write_text("\n".join(lines), encoding="utf-8")
    reported(catalogue_copy, f"{PAGE}:{closing + 1}: next_steps: the quote opened on this line is never closed; add the closing quote at the end of the text")


def test_a_missing_closing_dashes(catalogue_copy):
    page = catalogue_copy / "services" / "dog-licence.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    del lines[lines.index("---", 1)]
    page.write_text("\n".join(lines), encoding="utf-8")
    reported(catalogue_copy, f"{PAGE}:1: (front matter): the '---' on this line is never closed; add a line with only '---' after the last field, before the text of the page")


def test_closing_dashes_without_a_line_break(catalogue_copy):
    """mkdocs itself would not see such a front matter and publish it as text."""
    page = catalogue_copy / "services" / "dog-licence.md"
    text = page.read_text(encoding="utf-8")
    cut = text[: text.index("\n---\n", 3) + 4]
    page.write_text(cut, encoding="utf-8")
    last = cut.count("\n") + 1
    reported(catalogue_copy, f"{PAGE}:{last}: (front matter): the closing '---' must end with a line break; press Enter after it")


def test_a_list_where_the_fields_belong(catalogue_copy):
    page = catalogue_copy / "services" / "dog-licence.md"
    page.write_text("---\n- title: Dog licence\n---\n\nText.\n", encoding="utf-8")
    reported(catalogue_copy, f"{PAGE}:2: (front matter): must be 'field: value' lines, not a list")


def test_a_mapping_where_a_list_belongs_and_the_reverse(catalogue_copy):
    page = catalogue_copy / "services" / "dog-licence.md"
    edit(page, "audiences: [residents]", "audiences: {residents: yes}")
    edit(page, "  phone:\n", "  phone: [311]\n  was_phone:\n")
    lines = reported(catalogue_copy, f"{PAGE}:5: audiences: must be a list, not a group of 'name: value' lines; write one item per line starting with '- '")
    assert f"{PAGE}:{line_of(page, 'phone: [311]')}: channels.phone: must be a group of 'name: value' lines, not a list; remove the '- ' in front of them" in lines


@pytest.mark.parametrize("content, expected", [
    (b"", "1: (file): the file is empty; start it with '---', the fields, then '---' (guichet new-service writes a page to fill in)"),
    (b"---\n---\n\nText.\n", "2: (front matter): empty; write the fields between the two '---' lines"),
    (b"---\ntitle: Dog licence\nsummary: Caf\xe9 for dogs.\n---\n", "3: (file): the file is not saved as UTF-8 (byte 0xE9 on this line cannot be read); save it again choosing the UTF-8 encoding in your editor"),
    (b"---\ntitle: Dog licence\n\nsummary: a\x0cb\n---\n", "4: summary: contains an invisible control character (U+000C) that YAML does not allow; delete it (retype the line if you cannot see it)"),
    ("---\ntitle: Dog licence\nsummary: a\u2028b\n---\n".encode(), "3: summary: contains an invisible line separator (U+2028) that YAML reads as a new line; delete it, and save the file with ordinary line endings"),
])
def test_empty_undecodable_and_invisible_characters(catalogue_copy, content, expected):
    (catalogue_copy / "services" / "dog-licence.md").write_bytes(content)
    reported(catalogue_copy, f"{PAGE}:{expected}")


def test_a_byte_order_mark_and_windows_line_endings_are_fine(catalogue_copy):
    page = catalogue_copy / "services" / "dog-licence.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n"))
    code, lines = check(catalogue_copy)
    assert [line for line in lines if "dog-licence.md" in line] == []


def test_body_lines_count_like_an_editor_with_form_feeds(catalogue_copy):
    """str.splitlines() also splits on \\x0c and U+2028: the link is on line N as editors count."""
    page = catalogue_copy / "services" / "dog-licence.md"
    edit(page, "## Why your dog needs a licence\n", "## Why your dog needs a licence\na\x0cb\u2028c\n\n[x](nowhere.md)\n")
    reported(catalogue_copy, f"{PAGE}:{line_of(page, '[x](nowhere.md)')}: (link): broken link to 'nowhere.md'; check the file name")


def test_a_link_no_file_can_have_is_a_broken_link(catalogue_copy):
    page = catalogue_copy / "services" / "dog-licence.md"
    edit(page, "## Why your dog needs a licence\n", "## Why your dog needs a licence\n\n[rules](a\x00b.md) [more](" + "x" * 300 + ".md)\n")
    lines = reported(catalogue_copy, f"{PAGE}:{line_of(page, '[rules]')}: (link): broken link to 'a\x00b.md'; check the file name")
    assert any(line.startswith(f"{PAGE}:{line_of(page, '[rules]')}: (link): broken link to 'xxx") for line in lines)


# -- the form file -------------------------------------------------------------


def test_a_form_problem_names_the_field_id(catalogue_copy):
    form = catalogue_copy / "services" / "dog-licence.form.yml"
    edit(form, "  - name: breed\n    type: text\n", "  - name: breed\n    type: text\n    required: maybe\n    reply_to: true\n")
    lines = reported(catalogue_copy, f"{FORM}:{line_of(form, 'required: maybe')}: fields.breed.required: must be true or false")
    assert not any("fields.6" in line for line in lines)


def test_a_form_rule_names_the_field_once(catalogue_copy):
    form = catalogue_copy / "services" / "dog-licence.form.yml"
    edit(form, "  - name: breed\n    type: text\n", "  - name: breed\n    type: text\n    reply_to: true\n")
    reported(catalogue_copy, f"{FORM}:{line_of(form, 'name: breed')}: fields.breed: reply_to only goes on an email field")


def test_a_form_field_with_a_bad_number_and_one_language(catalogue_copy):
    form = catalogue_copy / "services" / "dog-licence.form.yml"
    edit(form, "    label: {en: Breed, fr: Race}\n", "    label: Breed\n    min_length: lots\n")
    lines = reported(catalogue_copy, f"{FORM}:{line_of(form, 'label: Breed')}: fields.breed.label: must give both languages, like {{en: …, fr: …}}, not plain text")
    assert f"{FORM}:{line_of(form, 'min_length: lots')}: fields.breed.min_length: must be a whole number, like 100" in lines


def test_a_form_with_a_list_where_a_mapping_belongs(catalogue_copy):
    form = catalogue_copy / "services" / "dog-licence.form.yml"
    text = form.read_text(encoding="utf-8")
    block = text[text.index("privacy:\n"):text.index("fields:\n")]
    form.write_text(text.replace(block, "privacy: [purpose, who_sees, retention]\n"), encoding="utf-8")
    reported(catalogue_copy, f"{FORM}:{line_of(form, 'privacy:')}: privacy: must be a group of 'name: value' lines, not a list; remove the '- ' in front of them")


def test_a_form_with_a_mapping_where_the_list_of_fields_belongs(catalogue_copy):
    form = catalogue_copy / "services" / "dog-licence.form.yml"
    text = form.read_text(encoding="utf-8")
    form.write_text(text[: text.index("fields:\n")] + "fields:\n  name: owner_name\n  type: text\n", encoding="utf-8")
    reported(catalogue_copy, f"{FORM}:{line_of(form, 'fields:')}: fields: must be a list, not a group of 'name: value' lines; write one item per line starting with '- '")


@pytest.mark.parametrize("content, expected", [
    (b"", "1: (file): the file is empty; write its fields (see the editors' guide), or delete the file"),
    (b"# only a comment\n", "1: (file): the file is empty; write its fields (see the editors' guide), or delete the file"),
    (b"- title: x\n- fields: []\n", "1: (form): must be a group of 'name: value' lines, not a list; remove the '- ' in front of them"),
    (b"# The form\ntitle: {en: Dog, fr: Chien}\nintro: {en: Caf\xe9, fr: x}\n", "3: (file): the file is not saved as UTF-8 (byte 0xE9 on this line cannot be read); save it again choosing the UTF-8 encoding in your editor"),
    (b"title: {en: Dog, fr: Chien}\ntitle: {en: Dog, fr: Chien}\n", "2: title: written twice (first on line 1); keep one and delete the other"),
    (b"title: {en: Dog, fr: Chien}\nintro:\n\ten: x\n", "3: en: this line is indented with a tab; indent with spaces only"),
    (b"title: {en: Dog, fr: Chien\nintro: x\n", "1: title: the '{' on this line is not closed; end it with '}' and separate the parts with commas"),
    (b"title: {en: Dog, fr: Chien}\nintro: \"x\n", "2: intro: the quote opened on this line is never closed; add the closing quote at the end of the text"),
])
def test_broken_form_files(catalogue_copy, content, expected):
    (catalogue_copy / "services" / "dog-licence.form.yml").write_bytes(content)
    reported(catalogue_copy, f"{FORM}:{expected}")


# -- guichet build --strict ----------------------------------------------------


def guichet_build(catalogue: Path) -> subprocess.CompletedProcess:
    """A real ``guichet build --strict`` of a broken catalogue, as an editor runs it."""
    project = catalogue.parent
    shutil.copy(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    os.symlink(PROJECT / "overrides", project / "overrides")
    return subprocess.run(
        [sys.executable, "-m", "guichet.cli", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project, capture_output=True, text=True, timeout=120, check=False,
    )


@pytest.mark.parametrize("broken, expected", [
    (lambda c: edit(c / "services" / "dog-licence.md", "last_reviewed: 2026-10-01", "last_reviewed: 2026-13-45"),
     f"{PAGE}:16: last_reviewed: not a real date (there is no month 13); {DATE}"),
    (lambda c: (c / "services" / "dog-licence.form.yml").write_bytes(b"title: {en: Dog, fr: Chien}\nintro: \xe9\n"),
     f"{FORM}:2: (file): the file is not saved as UTF-8 (byte 0xE9 on this line cannot be read); save it again choosing the UTF-8 encoding in your editor"),
])
def test_guichet_build_strict_stops_with_the_same_list_and_no_traceback(catalogue_copy, broken, expected):
    broken(catalogue_copy)
    done = guichet_build(catalogue_copy)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert expected in done.stderr, done.stderr
    assert "guichet: 1 problem(s) in the catalogue (listed above)" in done.stderr


def test_a_pattern_that_is_no_regular_expression(catalogue_copy):
    """The forms app would refuse to start; guichet check says so first."""
    form = catalogue_copy / "services" / "dog-licence.form.yml"
    edit(form, "  - name: breed\n    type: text\n", "  - name: breed\n    type: text\n    pattern: '[a-'\n    pattern_message: {en: Letters, fr: Lettres}\n")
    reported(catalogue_copy, f"{FORM}:{line_of(form, 'name: breed')}: fields.breed: the pattern is not a valid regular expression (unterminated character set); check its brackets and backslashes")


def test_a_value_of_the_wrong_type_is_quoted_as_written(catalogue_copy):
    page = catalogue_copy / "services" / "dog-licence.md"
    edit(page, "summary: Every", "summary: yes\nprocessing: Every")
    edit(page, "processing_time: Your tag arrives by mail within 10 business days.", "processing_time:")
    lines = reported(catalogue_copy, f"{PAGE}:3: summary: must be text; put it in quotes, like \"yes\"")
    assert f"{PAGE}:{line_of(page, 'processing_time:')}: processing_time: empty; write its value after the ':' (or delete the line if the field is optional)" in lines


def test_a_bad_id_in_the_taxonomy_is_named_plainly(catalogue_copy):
    taxonomy = catalogue_copy / "taxonomy.yml"
    edit(taxonomy, "  pets:\n", "  Pets and animals:\n")
    lines = reported(catalogue_copy, f"catalogue/taxonomy.yml:{line_of(taxonomy, 'Pets and animals:')}: topics.Pets and animals: 'Pets and animals' is not a slug; use lower-case letters, digits and hyphens, like dog-licence")
    assert not any("[key]" in line for line in lines)


def test_a_colon_out_of_place_in_a_label_names_the_field_and_quotes_the_key(catalogue_copy):
    """Found by the fuzz test: ``{en:0 "Your full name"…}`` makes a key of ``en:0 "…"``; the problem
    names the label, says which name is wrong, and keeps to file:line: field: message (one colon each)."""
    form = catalogue_copy / "services" / "dog-licence.form.yml"
    edit(form, 'label: {en: "Is your dog spayed or neutered?"', 'label: {en:0 "Is your dog spayed or neutered?"')
    code, lines = check(catalogue_copy)
    assert code == 1
    line = line_of(form, 'en:0 "Is your dog')
    [problem] = [p for p in lines if p.startswith(f"{FORM}:{line}: fields.sterilized.label: ")]
    assert "the name 'en:0 \"Is your dog spayed or neutered?\"' is not a field name" in problem, problem
