"""Looking up bilingual words: every module keeps its own ``{key: {en, fr}}`` table
and reads it through these two functions, so the fallback rule is written once."""

from __future__ import annotations

from . import DEFAULT_LANGUAGE

Table = dict[str, dict[str, str]]


def pick(table: Table, key: str, lang: str, **values) -> str:
    """The text for ``key`` in ``lang`` (the default language when missing), formatted with ``values``."""
    words = table[key]
    text = words.get(lang) or words[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def in_language(table: Table, lang: str) -> dict[str, str]:
    """The whole table in one language, for a template."""
    return {key: pick(table, key, lang) for key in table}
