"""French typographic spacing, applied once at the output of each channel.

A French line must not break between a word and the ``: ; ! ?`` after it,
inside ``« »``, in ``5 $``, ``8 h 30``, ``K0A 1A0`` or between a number and
its unit. ``french_text`` fixes a plain French string; ``french_html`` fixes
the text of an HTML document wherever its language (the nearest ``lang``
attribute) is French, and nothing else: tags, attributes, URLs, comments
and the contents of ``<script>``, ``<style>``, ``<pre>``, ``<code>``,
``<textarea>`` are copied byte for byte, and English text is left alone.

The site build (``guichet.build.plugin``), the forms app (an
``after_request`` hook) and the emails (``forms_app.delivery.messages``)
call these, so editors' content and interface words are typeset alike.
Both functions are idempotent.

Only a space that is already there is made unbreakable before ``: ; ! ?``
(Canadian usage writes ``Besoin d'aide?`` without one); guillemets always
get one inside. A no-break space already there (``\u00a0`` or ``\u202f``) is kept. No Flask, no mkdocs.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"  # no-break space: before ':', in numbers and units
NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and inside « »

_SPACE = r"[ \t\r\n\u00a0\u202f]"
_BREAKABLE = r"[ \t\r\n]"
# A number as written in French: 1500, 1 500, 7,50, 1 500,25.
_NUMBER = r"(?<![\w,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\w])|(?<![\w,.])\d+(?:,\d+)?"
UNITS = ("km", "m", "cm", "mm", "m²", "m³", "kg", "g", "L", "mL", "h", "min", "%", "$", "ko", "Ko", "Mo", "Go")
_UNIT = "(?:" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + r")(?![\w²³'’])"


def _kept_space(spaces: str) -> str:
    """The no-break space an author already put there (U+00A0 or U+202F), else a narrow one."""
    return next((c for c in spaces if c in (NBSP, NNBSP)), NNBSP)


_AFTER_DIGIT = re.compile(r"\d[ \t\r\n\u00a0\u202f]")  # cheap test: a rule about numbers could apply
# (cheap test, pattern, replacement): the pattern runs only when the test finds something
_RULES: list[tuple[re.Pattern, re.Pattern, object]] = [
    # 8 h 30, 14 h 05: the whole time holds together
    (_AFTER_DIGIT, re.compile(r"(?<![\w,.])(\d{1,2})" + _SPACE + r"+h" + _SPACE + r"+(\d{2})(?!\w)"),
     rf"\1{NBSP}h{NBSP}\2"),
    # a number and its unit: 5 $, 1 500 $, 25 %, 3 km, 8 h
    (_AFTER_DIGIT, re.compile("(" + _NUMBER + ")" + _SPACE + "+(" + _UNIT + ")"),
     lambda m: re.sub(_SPACE, NBSP, m[1]) + NBSP + m[2]),
    # Canadian postal codes: K0A 1A0
    (re.compile("[A-Z]" + _BREAKABLE + r"\d"), re.compile(r"\b([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])" + _BREAKABLE + r"+(\d[ABCEGHJ-NPRSTV-Z]\d)\b"),
     rf"\1{NBSP}\2"),
    # a space before : ; ! ? becomes unbreakable (a no-break space before the colon, a narrow one before the rest)
    (re.compile(_BREAKABLE + ":"), re.compile(_BREAKABLE + r"+:(?!//)"), NBSP + ":"),
    (re.compile(_BREAKABLE + "[;!?]"), re.compile(_BREAKABLE + r"+([;!?])"), NNBSP + r"\1"),
    # inside guillemets, always a narrow no-break space
    (re.compile("«"), re.compile("«" + _SPACE + "*"), lambda m: "«" + _kept_space(m[0])),
    (re.compile("»"), re.compile(_SPACE + "*»"), lambda m: _kept_space(m[0]) + "»"),
]


_CANDIDATE = re.compile(r"[:;!?«»\d]")  # a text with none of these has nothing to typeset


def french_text(text: str) -> str:
    """A French string with its spaces made unbreakable where French typography wants them."""
    if not _CANDIDATE.search(text):
        return text
    for test, pattern, repl in _RULES:
        if test.search(text):
            text = pattern.sub(repl, text)
    return text


# --- HTML -------------------------------------------------------------------

_TAG = re.compile(
    r"<!--.*?-->"  # a comment
    r"|<![^>]*>|<\?[^>]*>"  # doctype, processing instruction
    r"|<(/?)([A-Za-z][^\s/>]*)(?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*(/?)>",  # a tag, quotes respected
    re.S)
_LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
RAW = frozenset({"script", "style", "pre", "code", "textarea", "kbd", "samp"})  # copied as they are
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Punctuation a text node may open with, whose breakable space ended the previous text node.
_OPENS_WITH = re.compile(r"^[:;!?»]")
_TRAILING = re.compile(_BREAKABLE + "+$")


def _is_french(lang: str | None) -> bool:
    return bool(lang) and lang.lower().split("-")[0] == "fr"


def _own_lang(tag: str) -> str | None:
    if "lang" not in tag:
        return None
    found = _LANG.search(tag)
    return next((g for g in found.groups() if g is not None), None) if found else None


def french_html(html: str, lang: str | None = None) -> str:
    """``html`` with ``french_text`` applied to every text node whose language is French.

    The language is the nearest ``lang`` attribute (``<html lang="fr">``,
    ``<div lang="fr">``, ``<a lang="en">``) or ``lang`` for a fragment with none.
    """
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (element, whether its text is French)
    french = _is_french(lang)  # the language of the text here
    raw_until: str | None = None  # inside <script>…: the end tag that ends it
    last_text: int | None = None  # index in out of the previous French text node, for punctuation after a tag
    pos = 0
    for match in _TAG.finditer(html):
        start = match.start()
        if start > pos:
            text = html[pos:start]
            if raw_until is None and french and not text.isspace():
                if last_text is not None and _OPENS_WITH.match(text) and _TRAILING.search(out[last_text]):
                    out[last_text] = _TRAILING.sub("", out[last_text]) + (NNBSP if text[0] != ":" else NBSP)
                text = french_text(text)
                last_text = len(out)
            elif not text.isspace():
                last_text = None
            out.append(text)
        pos = match.end()
        tag = match[0]
        out.append(tag)
        name = match[2]
        if name is None:  # a comment, a doctype
            continue
        name = name.lower()
        if raw_until is not None:
            if match[1] and name == raw_until:
                raw_until = None
            continue
        if match[1]:  # an end tag: back to the language of the element that encloses it
            while stack:
                if stack.pop()[0] == name:
                    break
            french = stack[-1][1] if stack else _is_french(lang)
            continue
        if match[3] or name in VOID:
            continue
        if name in RAW:
            raw_until = name
            continue
        own = _own_lang(tag)
        if own is not None:
            french = _is_french(own)
        stack.append((name, french))
    if pos < len(html):
        tail = html[pos:]
        out.append(french_text(tail) if raw_until is None and french else tail)
    return "".join(out)


def typeset(text: str, lang: str) -> str:
    """``text`` in ``lang``: French gets ``french_text``, any other language is returned as it is."""
    return french_text(text) if _is_french(lang) else text
