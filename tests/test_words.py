"""#12 Words: every interface word is in one gettext catalogue (guichet/locale), translated.

Each rule is a function over files, checked once on the real catalogue and
once on a copy with a planted fault, so the test is seen to fail.
"""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po

from guichet import LANGUAGES
from guichet.search.index import SearchResponse
from guichet.words import KEYWORDS, LOCALE, catalogue_languages, gettext, ngettext, po_path

ROOT = Path(__file__).resolve().parents[1]
POT = LOCALE / "messages.pot"
TRANSLATED = [lang for lang in LANGUAGES if po_path(lang).is_file()]


def read(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def key(message) -> tuple[str | None, str]:
    return message.context, message.id[0] if isinstance(message.id, tuple) else message.id


def keys(catalog) -> set[tuple[str | None, str]]:
    return {key(m) for m in catalog if m.id}


# --- 1. every message translated, nothing fuzzy -----------------------------------------------

def translation_problems(pot: Path, po: Path) -> list[str]:
    """Messages of the template missing from ``po``, untranslated, fuzzy or left over."""
    template, catalog = read(pot), read(po)
    problems = [f"missing: {k}" for k in sorted(keys(template) - keys(catalog), key=str)]
    problems += [f"not in the template (obsolete): {k}" for k in sorted(keys(catalog) - keys(template), key=str)]
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s.strip() for s in strings):
            problems.append(f"untranslated: {key(message)}")
        if message.fuzzy:
            problems.append(f"fuzzy: {key(message)}")
    return problems


def test_french_is_a_language_with_a_catalogue():
    assert "fr" in TRANSLATED


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_has_a_translation_and_none_is_fuzzy(lang):
    assert translation_problems(POT, po_path(lang)) == []


def test_a_missing_an_empty_and_a_fuzzy_translation_are_caught(tmp_path):
    po = tmp_path / "messages.po"
    text = po_path("fr").read_text(encoding="utf-8")
    text = text.replace('msgid "Your session expired"\nmsgstr "Votre session a expiré"\n', "")
    text = text.replace('msgid "Search results"\nmsgstr "Résultats de recherche"', 'msgid "Search results"\nmsgstr ""')
    text = text.replace('msgid "Skip to main content"\n', '#, fuzzy\nmsgid "Skip to main content"\n')
    po.write_text(text, encoding="utf-8")
    assert translation_problems(POT, po) == [
        "missing: (None, 'Your session expired')",
        "untranslated: (None, 'Search results')",
        "fuzzy: (None, 'Skip to main content')",
    ]


# --- 2. the template holds exactly the words of the code ---------------------------------------

def extracted(root: Path) -> set[tuple[str | None, str]]:
    """What ``pybabel extract -F babel.cfg`` finds under ``root``, with the project's keywords."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            root, method_map, options_map, keywords=parse_keywords(list(KEYWORDS))):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def test_the_template_is_up_to_date_with_the_code():
    in_code, in_template = extracted(ROOT), keys(read(POT))
    assert sorted(in_code - in_template, key=str) == [], "run pybabel extract (docs/translating.md)"
    assert sorted(in_template - in_code, key=str) == [], "run pybabel extract (docs/translating.md)"


def test_a_new_word_in_the_code_is_seen_missing_from_the_template(tmp_path):
    planted = tmp_path / "guichet"
    planted.mkdir()
    (planted / "room.py").write_text('from guichet.words import N_, gettext\nWORDS = {"x": N_("A brand new word")}\n'
                                     'def f(lang):\n    return gettext(lang, "Another new word")\n')
    (tmp_path / "forms_app" / "templates").mkdir(parents=True)
    (tmp_path / "forms_app" / "templates" / "page.html").write_text('<p>{{ _("A word in a template") }}</p>')
    assert extracted(tmp_path) - keys(read(POT)) == {
        (None, "A brand new word"), (None, "Another new word"), (None, "A word in a template")}


# --- 4. placeholders survive translation ---------------------------------------------------------

def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def placeholder_problems(po: Path) -> list[str]:
    problems = []
    for message in read(po):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(placeholders(i) for i in ids))
        problems += [f"{key(message)}: {s!r}" for s in strings if s and placeholders(s) != expected]
    return problems


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_translation_keeps_the_placeholders_of_its_message(lang):
    assert placeholder_problems(po_path(lang)) == []


def test_a_lost_or_misspelt_placeholder_is_caught(tmp_path):
    po = tmp_path / "messages.po"
    text = po_path("fr").read_text(encoding="utf-8")
    text = text.replace('msgstr "Demande {ref}"', 'msgstr "Demande {reff}"')
    text = text.replace('msgstr "Nous avons reçu votre demande {ref}"', 'msgstr "Nous avons reçu votre demande"')
    po.write_text(text, encoding="utf-8")
    assert placeholder_problems(po) == [
        "(None, 'Request {ref}'): 'Demande {reff}'",
        "(None, 'We received your request {ref}'): 'Nous avons reçu votre demande'",
    ]


# --- one message per English text; languages; the loader ----------------------------------------

def test_words_said_in_several_places_are_one_message_each():
    ids = [k for k in keys(read(POT)) if k[0] is None]
    for word in ("Your session expired", "Error:", "TTY", "Search", "Search city services", "Page not found",
                 "Check a request", "Call"):
        assert ids.count((None, word)) == 1, word
    normal = [re.sub(r"[\s:.]+$", "", i).casefold() for _, i in ids]
    assert sorted(i for i in set(normal) if normal.count(i) > 1) == []


def test_the_languages_are_the_source_and_those_with_a_catalogue():
    assert catalogue_languages() == LANGUAGES


def test_a_new_po_file_is_a_new_language(tmp_path, monkeypatch):
    import guichet.words as words
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale)
    (locale / "de" / "LC_MESSAGES").mkdir(parents=True)
    (locale / "de" / "LC_MESSAGES" / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: de\\n"\n\n'
        'msgid "Request {ref}"\nmsgstr "Antrag {ref}"\n', encoding="utf-8")
    monkeypatch.setattr(words, "LOCALE", locale)
    words.translations.cache_clear()
    try:
        assert words.catalogue_languages() == ("en", "de", "fr")
        assert words.gettext("de", "Request {ref}", ref="ABCD-2345") == "Antrag ABCD-2345"
        assert words.gettext("de", "Search") == "Search"  # untranslated: the English
    finally:
        words.translations.cache_clear()


def test_english_reads_the_messages_and_french_the_catalogue():
    assert gettext("en", "Request {ref}", ref="ABCD-2345") == "Request ABCD-2345"
    assert gettext("fr", "Request {ref}", ref="ABCD-2345") == "Demande ABCD-2345"
    assert [ngettext("fr", "{n} result", "{n} results", n) for n in (0, 1, 2)] == ["0 résultat", "1 résultat", "2 résultats"]
    assert [ngettext("en", "{n} result", "{n} results", n) for n in (0, 1, 2)] == ["0 results", "1 result", "2 results"]


def test_the_search_script_announces_the_count_in_the_page_language():
    """overrides/assets/javascripts/guichet-search.js shows ``count_text``; it holds no words of its own."""
    assert SearchResponse("permis", "fr", []).as_json()["count_text"] == "0 résultat"
    assert SearchResponse("dog", "en", []).as_json()["count_text"] == "0 results"


def test_scripts_words_extracts_with_the_keywords_of_guichet_words():
    lines = (ROOT / "scripts" / "words").read_text(encoding="utf-8").splitlines()
    command = " ".join(line for line in lines if not line.startswith("#"))
    assert tuple(re.findall(r"(?<!\S)-k (\S+)", command)) == KEYWORDS


def test_every_jinja_environment_says_underscore_in_the_page_language():
    from jinja2 import Environment

    from guichet.build.plugin import GuichetPlugin
    from guichet.build.render import environment

    build = environment().from_string('{{ _("Search") }}, {{ _n("{n} result", "{n} results", 2) }}')
    assert build.render(view={"lang": "fr"}) == "Rechercher, 2 résultats"
    theme = GuichetPlugin().on_env(Environment(autoescape=True), None, None)  # mkdocs' env for overrides/
    assert theme.from_string('{{ _("Request {ref}", ref=r) }}').render(chrome={"lang": "fr"}, r="<b>") == "Demande &lt;b&gt;"
    with pytest.raises(LookupError):
        theme.from_string('{{ _("Search") }}').render()


def test_the_app_templates_say_underscore_in_the_request_language(app):
    from flask import render_template_string

    with app.test_request_context("/fr/status/"):
        assert render_template_string('{{ _("Check a request") }}') == "Suivre une demande"
    with app.test_request_context("/status/"):
        assert render_template_string('{{ _("Check a request") }}') == "Check a request"
