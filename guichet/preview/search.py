"""The preview's ``/search``: the forms app's results page and JSON, from the preview's index in memory.

``Preview`` keeps a ``guichet.search.update.LiveIndex`` of its last good
catalogue: written once at start (and again when the catalogue is reloaded
whole), and changed in place when a service page is saved (that service's
rows, both languages). ``SearchPage`` answers ``GET /search?q=…&lang=…``
(also ``/fr/search``) as the forms app does (``forms_app/search.py``): the
same ``SearchIndex.search`` (so the same results in the same order), the
same view-model (``guichet.search.page.results_page``) rendered by the
forms app's own templates (``search/results.html`` and the layout, read as
files: nothing of Flask runs), and with ``format=json`` the contract of
docs/search.md, so the header's form and the results-as-you-type script
work in the preview. Searches are not counted (``search-report``).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from urllib.parse import parse_qs

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from .. import LANGUAGES
from ..build.site import Site
from ..search import SearchIndex
from ..search.index import DEFAULT_LIMIT
from ..search.page import results_json, results_page
from ..typography import french_html
from ..ui import chrome
from ..urls import search_url, split_language
from ..words import install as install_words

SEARCH_PATH = "/search"


def app_templates() -> Path:
    """The forms app's templates folder, found without importing the forms app (no Flask needed)."""
    spec = importlib.util.find_spec("forms_app")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the forms app (forms_app) is not installed: the preview has no search page without it")
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


class SearchPage:
    def __init__(self, theme_dir: Path) -> None:
        loader = ChoiceLoader([FileSystemLoader(str(app_templates())), FileSystemLoader(str(theme_dir))])
        self.env = Environment(loader=loader, autoescape=select_autoescape(["html"]), auto_reload=True)  # as Flask's
        install_words(self.env)

    @staticmethod
    def is_search(site: Site, path: str) -> bool:
        return split_language(path.removeprefix(site.root.rstrip("/")))[1] == SEARCH_PATH

    def answer(self, site: Site, index: SearchIndex, path: str, query: str) -> tuple[str, str, str]:
        """(kind, body, language) for a search request at ``path`` with query string ``query``:
        kind "json" or "html" (the page without the preview's banner and script)."""
        args = {key: values[0] for key, values in parse_qs(query).items()}
        root = site.root.rstrip("/")
        lang = args.get("lang") if args.get("lang") in LANGUAGES else split_language(path.removeprefix(root))[0] or LANGUAGES[0]
        response = index.search(args.get("q", ""), lang, DEFAULT_LIMIT)
        view = chrome(response.lang, path, site.catalogue.taxonomy, root=root or "/", query=query, header_search=False)
        facts = {"help_phone": view["help_phone"], "help_tty": view["help_tty"], "help_hours": view["help_hours"]}
        if args.get("format") == "json":
            return "json", json.dumps(results_json(response, root, **facts)), response.lang
        page = results_page(response, search_url=search_url(root or "/"), root=root, **facts)
        html = self.env.get_template("search/results.html").render(page=page, lang=response.lang, page_chrome=lambda _: view)
        return "html", french_html(html) if response.lang == "fr" else html, response.lang  # as forms_app/typeset.py
