"""What every page template of the app gets: the shared header and footer (with the stylesheet's address), its language.

The templates come from ``forms_app/templates`` and the project's
``overrides/`` folder (the header and footer partials the static site uses).
"""

from __future__ import annotations

import os

from flask import Flask, current_app, request
from jinja2 import ChoiceLoader, FileSystemLoader

from guichet.ui import chrome
from guichet.words import install as install_words

from .catalogue import get_catalogue
from .routing import request_lang


def init_app(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader([FileSystemLoader(os.path.join(app.root_path, "templates")), FileSystemLoader(app.config["OVERRIDES_DIR"])])
    app.jinja_env.globals.update(page_chrome=page_chrome)
    install_words(app.jinja_env)  # {{ _("…") }}: guichet.words, in the page's lang
    app.context_processor(lambda: {"lang": request_lang()})


OWN_SEARCH = "guichet_own_search"  # a view attribute: the page has its own search form


def own_search(view):
    """Mark a view whose page has its own search form: the header leaves its search box out (one search per page)."""
    setattr(view, OWN_SEARCH, True)
    return view


def page_chrome(lang: str) -> dict:
    """The shared header and footer's view-model for the current request."""
    # The query stays on the other language's link after a POST too: a reply page's link holds its token there.
    query = request.query_string.decode("utf-8", "replace")
    # A page with its own search form (the search page, the staff lookup) has no second one in the header.
    view = current_app.view_functions.get(request.endpoint or "")
    own_search = getattr(view, OWN_SEARCH, False)
    return chrome(lang, request.script_root + request.path, get_catalogue().taxonomy, root=request.script_root or "/", query=query,
                  header_search=not own_search)
