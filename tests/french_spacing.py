"""Where a French line could break and should not: a breakable space (U+0020, a tab or a newline)
before ``: ; ! ?``, after ``«`` or before ``»``, inside ``5 $``, ``8 h 30`` or ``K0A 1A0``, or
between a number and its unit.

Written apart from ``guichet.typography`` (which fixes them) so the scan checks the output,
not the code that made it. Pages are read with the standard library's HTML parser: only
text whose language (the nearest ``lang`` attribute) is French, never attributes, nor
``<script>``, ``<style>``, ``<pre>``, ``<code>``, ``<textarea>``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_B = r"[ \t\r\n]"  # a space a line may break at
UNITS = r"(?:km|m|cm|mm|kg|g|L|h|min|%|\$|ko|Mo|Go)(?![\w'’²³])"
RULES = {
    "space before : ; ! ?": re.compile(_B + r"+[:;!?]"),
    "space after «": re.compile("«" + _B),
    "space before »": re.compile(_B + "»"),
    "N $": re.compile(r"\d" + _B + r"+\$"),
    "N h N": re.compile(r"\d[ \t\r\n\u00a0\u202f]*h" + _B + r"+\d"),
    "postal code": re.compile(r"\b[A-Z]\d[A-Z]" + _B + r"+\d[A-Z]\d\b"),
    "number and unit": re.compile(r"(?<![\w,.])\d+(?:,\d+)?" + _B + "+" + UNITS),
    "digit groups before a unit": re.compile(r"(?<![\w,.])\d{1,3}" + _B + r"\d{3}(?:,\d+)?[ \u00a0\u202f]*" + UNITS),
}
SKIPPED = {"script", "style", "pre", "code", "textarea", "kbd", "samp"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
INLINE = {"a", "abbr", "b", "bdi", "cite", "data", "dfn", "em", "i", "mark", "q", "s", "small", "span", "strong",
          "sub", "sup", "time", "u"}  # a sentence runs on through these


def violations(text: str) -> list[str]:
    """Each breakable space in French ``text`` where French typography forbids one: ``rule → …context…``."""
    found = []
    for name, pattern in RULES.items():
        for match in pattern.finditer(text):
            context = text[max(0, match.start() - 25):match.end() + 15].replace("\n", "⏎")
            found.append(f"{name} → …{context}…")
    return found


class _FrenchText(HTMLParser):
    """The French text of a page, one string per run of text not broken by a block element."""

    def __init__(self, lang: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.default = lang
        self.skipping = 0
        self.runs: list[str] = []
        self.current = ""

    def _lang(self) -> str | None:
        return self.stack[-1][1] if self.stack else self.default

    def _break(self) -> None:
        if self.current:
            self.runs.append(self.current)
        self.current = ""

    def handle_starttag(self, tag, attrs):
        if tag not in INLINE:
            self._break()
        if tag in SKIPPED:
            self.skipping += 1
        if tag in VOID:
            return
        lang = dict(attrs).get("lang")
        self.stack.append((tag, lang if lang is not None else self._lang()))

    def handle_startendtag(self, tag, attrs):
        if tag not in INLINE:
            self._break()

    def handle_endtag(self, tag):
        if tag not in INLINE:
            self._break()
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        lang = self._lang() or ""
        if self.skipping or lang.split("-")[0].lower() != "fr":
            self._break()
            return
        self.current += data


def french_runs(html: str, lang: str | None = None) -> list[str]:
    parser = _FrenchText(lang)
    parser.feed(html)
    parser.close()
    parser._break()
    return parser.runs


def rules_broken(found: list[str]) -> set[str]:
    """The names of the rules in a list of ``violations``."""
    return {v.split(" → ")[0] for v in found}


def page_violations(html: str, lang: str | None = None) -> list[str]:
    """``violations`` in every French run of text of an HTML page or fragment."""
    return [v for run in french_runs(html, lang) for v in violations(run)]
