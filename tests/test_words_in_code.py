"""#12 Words in the code: no interface word written in Python or a template outside the gettext catalogue.

Each rule is a function over files, checked once on the real tree and once on a copy with a planted
fault, so the test is seen to fail (the catalogue's own rules: tests/test_words.py).
"""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# --- 3. no French word outside the catalogue ---------------------------------------------------

# A word with a French accent, or (in text with a space: prose, not a key like "le") a French little word.
ACCENTED = re.compile(r"[^\W\d_]*[àâçéèêëîïôûùüÿœ][^\W\d_]+|[^\W\d_]+[àâçéèêëîïôûùüÿœ]", re.IGNORECASE)
LITTLE_WORDS = re.compile(
    r"\b(?:vous|votre|vos|nous|notre|est|une|avec|pour|dans|sur|le|la|les|des|du|ou|et|à|ce|cette|aux|pas)\b",
    re.IGNORECASE)


def is_french(text: str) -> bool:
    return bool(ACCENTED.search(text) or (" " in text.strip() and LITTLE_WORDS.search(text)))


# Language data, not interface words: what the code reads in French text, never what it shows.
LANGUAGE_DATA = {
    ("guichet/search/analysis.py", "STOP_WORDS"),  # words search ignores
    ("guichet/check/promises.py", "PAY_WORDS"),  # words an editor's page uses to promise a payment
    ("guichet/check/markdown.py", "VAGUE"),  # link texts an editor's page must not use
    ("guichet/check/privacy.py", "DURATION"),  # "3 ans", "18 mois": a retention notice's durations
    ("guichet/check/privacy.py", "SPAN"),
    ("guichet/formats.py", "PROVINCES_FR"),  # Canada Post's French names in a French address (Bellerive (Ontario))
    ("guichet/search/names.py", "GIVEN_NAMES"),  # people's names a missed search never keeps
    ("guichet/search/names.py", "SURNAMES"),
    ("guichet/search/names.py", "INTRODUCERS"),  # "je m'appelle": a name follows
    ("guichet/comments.py", "STREET_FR"),  # "45 rue Principale": a civic address a comment never keeps
    ("guichet/comments.py", "EXTRA_INTRODUCERS"),  # "mon nom c'est": a name follows
}
PRODUCT = ("guichet", "forms_app", "overrides")
TEMPLATE_SUFFIXES = (".html", ".txt", ".js")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _allowed_nodes(tree: ast.AST, rel: str) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and (rel, t.id) in LANGUAGE_DATA for t in targets):
            ids |= {id(n) for n in ast.walk(node)}
    return ids


def french_in_python(path: Path, rel: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _allowed_nodes(tree, rel)
    return [f"{rel}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            and is_french(node.value)]


def french_in_template(path: Path, rel: str) -> list[str]:
    return [f"{rel}:{n}: {line.strip()}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if is_french(line)]


def french_literals(root: Path) -> list[str]:
    found = []
    for top in PRODUCT:
        for path in sorted((root / top).rglob("*")):
            rel = path.relative_to(root).as_posix()
            if "locale" in path.parts or not path.is_file():
                continue
            if path.suffix == ".py":
                found += french_in_python(path, rel)
            elif path.suffix in TEMPLATE_SUFFIXES:
                found += french_in_template(path, rel)
    return found


def test_no_interface_word_in_python_or_templates_outside_the_catalogue():
    assert french_literals(ROOT) == []


def test_a_french_word_in_code_or_a_template_is_found(tmp_path):
    for top in PRODUCT:
        (tmp_path / top).mkdir()
    (tmp_path / "forms_app" / "room.py").write_text(
        '"""Docstrings may quote French: « Votre demande »."""\n'
        'STOP_WORDS = {"fr": {"décrivez"}}\n'  # allowed only in guichet/search/analysis.py
        'WORDS = {"title": {"en": "Request", "fr": "Demande reçue"}}\n'
        'def f(lang):\n    return "Merci" if lang == "en" else f"Votre demande {lang}"\n')
    (tmp_path / "overrides" / "page.html").write_text("<p>{{ _('Home') }}</p>\n<p>Retour à l'accueil</p>\n")
    assert french_literals(tmp_path) == [
        "forms_app/room.py:2: 'décrivez'",
        "forms_app/room.py:3: 'Demande reçue'",
        "forms_app/room.py:5: 'Votre demande '",
        "overrides/page.html:2: <p>Retour à l'accueil</p>",
    ]


# A template prints words, it holds none: left after its Jinja tags, no text and no wordy attribute
# (title, aria-label, alt, placeholder, value, content) has a word in it, in any language.
JINJA_TAGS = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
WORDY_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder", "value", "content"}
A_WORD = re.compile(r"[^\W\d_]{2,}")
COMMAND = re.compile(r"^flask --app forms_app [a-z -]+$")  # a command to type, shown in <code> or in a text email


class _TemplateText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.code = 0

    def handle_starttag(self, tag, attrs):
        self.code += tag in ("code", "script", "style")
        values = dict(attrs)
        if tag == "meta" and values.get("name") == "viewport":
            return
        self.words += [f"{tag} {name}={value!r}" for name, value in attrs
                       if name in WORDY_ATTRIBUTES and value and A_WORD.search(value)]

    def handle_endtag(self, tag):
        self.code -= tag in ("code", "script", "style")

    def handle_data(self, data):
        if A_WORD.search(data) and not self.code:
            self.words.append(data.strip())


def words_in_templates(root: Path) -> list[str]:
    found = []
    for top in PRODUCT:
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in (".html", ".txt") or "templates" not in path.parts and top != "overrides":
                continue
            text = JINJA_TAGS.sub(" ", path.read_text(encoding="utf-8"))
            if path.suffix == ".html":
                parser = _TemplateText()
                parser.feed(text)
                words = parser.words
            else:
                words = [line.strip() for line in text.splitlines() if A_WORD.search(line) and not COMMAND.match(line.strip())]
            found += [f"{path.relative_to(root).as_posix()}: {w}" for w in words]
    return found


def test_templates_hold_no_words_of_their_own():
    assert words_in_templates(ROOT) == []


def test_a_word_written_in_a_template_is_found(tmp_path):
    for top in PRODUCT:
        (tmp_path / top).mkdir()
    templates = tmp_path / "forms_app" / "templates"
    templates.mkdir()
    (templates / "page.html").write_text(
        '{# Words in a comment are fine #}<h1>{{ _("Search") }}</h1><p>Back to the <a href="/">{{ home }}</a></p>\n'
        '<button aria-label="Close">×</button><code>flask --app forms_app deliver --once</code>\n')
    (templates / "mail.txt").write_text("{{ intro }}\nflask --app forms_app deliver --once\nThanks, {{ name }}\n")
    assert words_in_templates(tmp_path) == [
        "forms_app/templates/mail.txt: Thanks,",
        "forms_app/templates/page.html: Back to the",
        "forms_app/templates/page.html: button aria-label='Close'",
    ]
