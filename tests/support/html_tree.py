"""Pages read as HTML, not as strings: a small element tree from the standard library's parser, and the
readers the suites share (error messages, the error summary, an element by id, its attributes, the title)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose text runs on with their neighbours' (no space added between them when reading text).
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
          "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}
SPACES = re.compile(r"[ \t\n\r\f]+")  # ASCII white space only: a no-break space is part of the text


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    def _raw(self) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag in INLINE:
                parts.append(child._raw())
            else:
                parts.append(f" {child._raw()} ")
        return "".join(parts)

    def text(self) -> str:
        """The text inside as a reader gets it: ASCII white space collapsed, block elements apart."""
        return SPACES.sub(" ", self._raw()).strip()

    def exact_text(self) -> str:
        """Every character of text inside, as written (entities decoded), nothing collapsed or added."""
        return "".join(c if isinstance(c, str) else c.exact_text() for c in self.children)

    def get(self, name: str) -> str | None:
        """An attribute's value; a boolean attribute written bare (``checked``) reads as its name; absent: None."""
        if name not in self.attrs:
            return None
        value = self.attrs[name]
        return name if value is None else value

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, *, cls: str | None = None, **attrs: str) -> list[Node]:
        """Descendants (and self) with this tag (any if None), this class among theirs and these exact
        attribute values (``class_`` for the whole class attribute, ``aria_describedby`` for aria-describedby)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [n for n in self.iter() if n.tag != "#document" and (tag is None or n.tag == tag)
                and (cls is None or cls in n.classes) and all(n.attrs.get(k) == v for k, v in wanted.items())]

    def find(self, tag: str | None = None, *, cls: str | None = None, **attrs: str) -> Node:
        """The one element that matches (fails the test when there are none or several)."""
        found = self.find_all(tag, cls=cls, **attrs)
        assert len(found) == 1, f"expected one <{tag or '*'} class~={cls} {attrs}>, found {len(found)}"
        return found[0]

    def by_id(self, element_id: str) -> Node:
        return self.find(id=element_id)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(page) -> Node:
    """The element tree of ``page`` (HTML text, or a response)."""
    if not isinstance(page, str):
        page = page.get_data(as_text=True)
    builder = _Builder()
    builder.feed(page)
    builder.close()
    return builder.root


# -- what the suites read -------------------------------------------------------

def _tree(page) -> Node:
    return page if isinstance(page, Node) else parse(page)


def field_errors(page) -> dict[str, str]:
    """{field id: its error message} as shown above each field (without the hidden "Error:" prefix)."""
    found = {}
    for p in _tree(page).find_all("p", cls="gx-error-message"):
        element_id = p.attrs.get("id") or ""
        assert element_id.endswith("-error"), f"an error message without its field's id: {p.attrs}"
        hidden = [c for c in p.children if isinstance(c, Node) and "gx-visually-hidden" in c.classes]
        assert len(hidden) == 1, f"error message of {element_id} has no single visually hidden prefix"
        message = Node("p", {}, [c for c in p.children if c is not hidden[0]]).text()
        found[element_id.removesuffix("-error")] = message
    return found


def summary(page) -> list[tuple[str, str]]:
    """[(link target, message)] of the error summary; [] when there is none."""
    lists = _tree(page).find_all("ul", cls="gx-error-summary__list")
    if not lists:
        return []
    [items] = lists
    return [(a.get("href"), a.text()) for li in items.find_all("li") for a in li.find_all("a")]


def element(page, element_id: str) -> Node:
    """The element with this id (exactly one)."""
    return _tree(page).by_id(element_id)


def title(page) -> str:
    return _tree(page).find("title").text()


def hidden_value(page, name: str) -> str:
    """The value of the hidden input called ``name`` (the CSRF token, a kept-file token)."""
    found = _tree(page).find("input", type="hidden", name=name).get("value")
    assert found, f"hidden input {name} has no value"
    return found


def csrf_token(page) -> str:
    """The page's CSRF token (every form of a page carries the same one)."""
    tokens = {i.get("value") for i in _tree(page).find_all("input", type="hidden", name="csrf_token")}
    assert len(tokens) == 1 and None not in tokens, f"expected one CSRF token on the page, found {tokens}"
    return tokens.pop()


def attr(node: Node, name: str) -> str | None:
    """``node``'s attribute ``name`` (see :meth:`Node.get`)."""
    return node.get(name)
