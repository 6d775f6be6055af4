"""Tables of interface words: a module names its words once (``{key: N_("English")}``)
and reads them through these two functions, which translate through the one
catalogue (:mod:`guichet.words`)."""

from __future__ import annotations

from .words import Word, word

Table = dict[str, Word]


def pick(table: Table, key: str, lang: str, **values) -> str:
    """The text for ``key`` in ``lang`` (English when the catalogue has none), formatted with ``values``."""
    return word(lang, table[key], **values)


def in_language(table: Table, lang: str) -> dict[str, str]:
    """The whole table in one language, for a template."""
    return {key: pick(table, key, lang) for key in table}
