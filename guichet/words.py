"""Every interface word, through one gettext catalogue (Babel).

The catalogue is ``guichet/locale/messages.pot`` (the English messages,
extracted from the code by ``pybabel extract -F babel.cfg``) and one
``guichet/locale/<lang>/LC_MESSAGES/messages.po`` per other language. The
site build, the forms app and the emails all read words here, so a word
exists once. English is the source language: its text is the ``msgid``.

Placeholders are Python's braces (``"Request {ref}"``, filled by
``str.format``). A message whose English needs two translations carries a
context (``msgctxt``, :func:`NP_`).

No ``.mo`` file is committed: each ``.po`` is compiled in memory the first
time its language is asked for (``functools.cache``), so a translator edits
only the ``.po``. Fuzzy entries are never used (``tests/test_words.py``
fails on them anyway).
"""

from __future__ import annotations

import gettext as _gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from . import DEFAULT_LANGUAGE

LOCALE = Path(__file__).parent / "locale"
DOMAIN = "messages"

# A word in a table: its English text, or (context, English text).
Word = str | tuple[str, str]

# What ``pybabel extract -F babel.cfg`` must look for: the functions below, by argument position
# (scripts/words passes them to pybabel; tests/test_words.py extracts with the same list).
KEYWORDS = ("N_", "NP_:1c,2", "gettext:2", "pgettext:2c,3", "ngettext:2,3", "_", "_n:1,2")


def N_(msgid: str) -> str:
    """Mark a message for extraction where it is declared (a table); translate it later."""
    return msgid


def NP_(context: str, msgid: str) -> tuple[str, str]:
    """Like :func:`N_`, for a message with a context (the same English, another translation)."""
    return (context, msgid)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalogue_languages() -> tuple[str, ...]:
    """The source language, then every language that has a ``.po`` file."""
    found = sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (DEFAULT_LANGUAGE, *[lang for lang in found if lang != DEFAULT_LANGUAGE])


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``lang``; English (or a language with no ``.po``) reads the msgids."""
    path = po_path(lang)
    if lang == DEFAULT_LANGUAGE or not path.is_file():
        return _gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def _fill(text: str, values: dict) -> str:
    return text.format(**values) if values else text


def gettext(lang: str, msgid: str, **values) -> str:
    """``msgid`` in ``lang``, its ``{placeholders}`` filled with ``values``."""
    return _fill(translations(lang).gettext(msgid), values)


def pgettext(lang: str, context: str, msgid: str, **values) -> str:
    return _fill(translations(lang).pgettext(context, msgid), values)


def ngettext(lang: str, singular: str, plural: str, n: int, **values) -> str:
    """The form of ``lang`` for ``n`` (French: 0 and 1 are singular); ``{n}`` is filled too."""
    return _fill(translations(lang).ngettext(singular, plural, n), {"n": n, **values})


def word(lang: str, entry: Word, **values) -> str:
    """A table's entry (:func:`N_` or :func:`NP_`) in ``lang``."""
    if isinstance(entry, tuple):
        return pgettext(lang, *entry, **values)
    return gettext(lang, entry, **values)


# In templates: ``{{ _("Search") }}``, ``{{ _("Request {ref}", ref=reference) }}``,
# ``{{ _n("{n} result", "{n} results", count) }}``, in the language of the page being rendered.

def template_language(context: Context) -> str:
    """The page's language: the context's ``lang`` (the app), else its ``view``'s (the build's pages),
    else the shared chrome's (the site's theme templates)."""
    lang = context.get("lang")
    if isinstance(lang, str):
        return lang
    for holder in ("view", "chrome"):
        value = context.get(holder)
        if isinstance(value, dict) and isinstance(value.get("lang"), str):
            return value["lang"]
    raise LookupError("a template that says _() needs `lang` (or a `view` or `chrome` with one) in its context")


@pass_context
def template_gettext(context: Context, msgid: str, **values) -> str:
    return gettext(template_language(context), msgid, **values)


@pass_context
def template_ngettext(context: Context, singular: str, plural: str, n: int, **values) -> str:
    return ngettext(template_language(context), singular, plural, n, **values)


def install(env: Environment) -> None:
    """Give a Jinja environment ``_`` and ``_n`` (the Flask app's, the build's, mkdocs' theme)."""
    env.globals.update(_=template_gettext, _n=template_ngettext)
