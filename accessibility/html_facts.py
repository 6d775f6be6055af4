"""Facts about one HTML page read without a browser: lang, title, headings, chrome order.

Fast enough to run over every page of the built site (and the app's pages
fetched with Flask's test client): one ``<h1>``, no skipped heading level,
a unique ``<title>``, ``lang`` on ``<html>`` and on the language toggle, and
the help block in the same place on every page (WCAG 3.2.6).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# Landmarks of the shared chrome, in the order a page shows them; each is
# (name, test on the tag and its attributes, test on the open ancestors).
MARKERS = (
    ("skip link", lambda tag, a: tag == "a" and "gx-skip" in a.get("class", "").split()),
    ("header", lambda tag, a: tag == "header"),
    ("navigation", lambda tag, a: tag == "nav"),
    ("search", lambda tag, a: a.get("role") == "search"),
    ("main", lambda tag, a: tag == "main"),
    ("help", lambda tag, a: "gx-help" in a.get("class", "").split()),
    ("footer", lambda tag, a: tag == "footer"),
)


@dataclass
class PageFacts:
    lang: str | None = None
    title: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)  # MARKERS names in document order, first occurrences
    help_links: list[str] = field(default_factory=list)  # hrefs inside the help block
    toggle_lang: str | None = None  # lang of the header link that has hreflang
    toggle_hreflang: str | None = None

    def heading_problems(self) -> list[str]:
        problems = []
        h1s = [text for level, text in self.headings if level == 1]
        if len(h1s) != 1:
            problems.append(f"{len(h1s)} <h1> elements ({h1s}); a page has exactly one")
        # Counting starts as if after an <h1>: an error summary's <h2> may come
        # before the page's <h1> (the GOV.UK pattern), an <h3> may not.
        previous = 1
        for level, text in self.headings:
            if level > previous + 1:
                problems.append(f"<h{level}> {text!r} follows <h{previous}>: a level is skipped")
            previous = level
        return problems


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self._text: list[str] | None = None  # collecting a heading's or the title's text
        self._collecting: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "html":
            self.facts.lang = a.get("lang") or None
        for name, test in MARKERS:
            if name not in self.facts.chrome and test(tag, a):
                self.facts.chrome.append(name)
        inside = [t for t, _ in self.stack]
        if tag == "a" and any("gx-help" in attrs_.get("class", "").split() for _, attrs_ in self.stack):
            self.facts.help_links.append(a.get("href", ""))
        if tag == "a" and "hreflang" in a and "header" in inside and self.facts.toggle_hreflang is None:
            self.facts.toggle_lang, self.facts.toggle_hreflang = a.get("lang"), a["hreflang"]
        if (tag == "title" and "svg" not in inside) or (len(tag) == 2 and tag[0] == "h" and tag[1] in "123456"):
            self._collecting, self._text = tag, []
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._collecting and self._text is not None:
            text = " ".join("".join(self._text).split())
            if tag == "title":
                self.facts.title = text
            else:
                self.facts.headings.append((int(tag[1]), text))
            self._collecting, self._text = None, None
        for i in range(len(self.stack) - 1, -1, -1):  # close up to the matching tag (HTML lets some end tags go)
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def page_facts(html: str) -> PageFacts:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.facts
