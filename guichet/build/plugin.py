"""The ``guichet`` mkdocs plugin: validate, render, generate, export.

- on_config: load and check the catalogue; every problem is logged as
  ``file:line: field: message`` and errors stop the build (``--strict``
  also stops on warnings), the same list ``guichet check`` prints.
- on_files: add the generated pages (home, A–Z, topics, audiences).
- on_page_content: render service pages through one template + JSON-LD.
- on_page_context: the shared chrome and page facts for the theme.
- on_post_page (and the 404 in on_post_template): French typographic spacing
  on the French text of every page (``guichet.typography.french_html``).
- on_post_build: ``catalogue.json``, the Open Referral export (``hsds/``) and the search index (``search.sqlite3``).
"""

from __future__ import annotations

import logging
import os
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .. import DEFAULT_LANGUAGE
from ..check import run_checks
from ..hsds import write_hsds
from ..model.catalogue import Catalogue, load_catalogue, page_language
from ..search import build_index
from ..typography import french_html
from ..ui import chrome
from ..words import install as install_words
from .compress import precompress
from .export import export
from .labels import labels
from .pages import generated_pages, home_src, not_found_path
from .render import environment, json_ld, render_service

log = logging.getLogger("mkdocs.plugins.guichet")


class GuichetConfig(base.Config):
    readability = c.Type(bool, default=True)
    export = c.Type(str, default="catalogue.json")
    search_index = c.Type(str, default="search.sqlite3")
    css = c.Type(str, default="assets/stylesheets/guichet.css")


class GuichetPlugin(BasePlugin[GuichetConfig]):
    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.root = "/"

    def on_startup(self, *, command, dirty) -> None:  # makes the plugin live across `mkdocs serve` rebuilds
        self.catalogue = None

    def on_env(self, env, config, files):
        install_words(env)  # the theme's templates (overrides/) say {{ _("…") }} in the chrome's language
        return env

    def _nested_language_build(self, config) -> bool:
        i18n = config.plugins.get("i18n")
        return bool(i18n is not None and getattr(i18n, "building", False))

    @staticmethod
    def _language(config) -> str:
        i18n = config.plugins.get("i18n")
        return getattr(i18n, "current_language", None) or config.theme.get("language") or DEFAULT_LANGUAGE

    @event_priority(-150)
    def on_config(self, config):
        # After mkdocs-static-i18n (-100) picked this build's language: the
        # theme's <html lang> and strings follow it.
        config.theme["language"] = self._language(config)
        self.root = urlsplit(config.site_url or "/").path or "/"
        if self.catalogue is not None and self._nested_language_build(config):
            return config  # already loaded and checked for this build
        self.catalogue = load_catalogue(config.docs_dir)
        problems = run_checks(self.catalogue, readability_check=self.config.readability)
        for problem in problems:
            if problem.severity == "error":
                log.error(str(problem))
            elif problem.field == "last_reviewed":
                log.info(str(problem))  # stale pages do not break a build; `guichet check` shows them
            else:
                log.warning(str(problem))
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise PluginError(f"guichet: {len(errors)} problem(s) in the catalogue (listed above); run `guichet check` for the same list")
        return config

    @event_priority(-150)  # after mkdocs-static-i18n (-100) has chosen this build's language files
    def on_files(self, files: Files, config) -> Files:
        for src_uri, content in generated_pages(self.catalogue, self.root, [self._language(config)]):
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                raise PluginError(f"guichet: {config.docs_dir}/{src_uri}: this page is generated; delete the hand-written file")
            files.append(File.generated(config, src_uri, content=content))
        return files

    def _service_page(self, page):
        src = page.file.src_uri
        if not src.startswith("services/") or src.count("/") != 1:
            return None
        slug, lang = page_language(PurePosixPath(src))
        service = self.catalogue.services.get(slug)
        return service.pages.get(lang) if service else None

    def on_page_content(self, html: str, page, config, files) -> str:
        service_page = self._service_page(page)
        if service_page is None:
            return html
        body = render_service(service_page, self.catalogue, self.root, html)
        ld = json_ld(service_page, self.catalogue, config.site_url or "http://localhost/")
        return f'{body}\n<script type="application/ld+json">{ld}</script>'

    def _context(self, context, config, url: str, title: str | None, home: bool = False):
        path = self.root.rstrip("/") + "/" + url
        view = chrome(self._language(config), path, self.catalogue.taxonomy, self.root, css=self.config.css, header_search=not home)
        context["chrome"] = view
        context["guichet"] = {"title": f"{title} – {view['site_name']}" if title else view["site_name"]}
        return context

    def on_page_context(self, context, page, config, nav):
        lang = self._language(config)
        home = page.file.src_uri == home_src(lang)  # mkdocs' is_homepage is true only for the default language's
        title = page.title if page.title and not home else None
        context = self._context(context, config, page.url, title, home=home)  # the home has its own search form
        context["guichet"]["canonical"] = page.canonical_url
        return context

    def on_template_context(self, context, template_name, config):
        if template_name != "404.html":
            return context
        lang = self._language(config)
        lab = labels(lang)
        context = self._context(context, config, not_found_path(lang), lab["not_found_title"])
        context["guichet"]["not_found"] = environment().get_template("not_found.html").render(labels=lab, a_z_url=context["chrome"]["a_z_url"])
        return context

    def on_post_page(self, output: str, page, config) -> str:
        """French typography on every page's French text (``guichet.typography``), content and words alike."""
        return french_html(output, self._language(config))

    def on_post_template(self, output: str, template_name: str, config) -> str:
        """Each language keeps its own 404 page: ``404.html`` and ``fr/404.html``."""
        lang = self._language(config)
        if template_name != "404.html":
            return output
        output = french_html(output, lang)
        if lang == DEFAULT_LANGUAGE:
            return output
        path = os.path.join(config.site_dir, not_found_path(lang))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(output)
        return ""  # mkdocs skips an empty template: the default language's 404.html stays

    @event_priority(-150)  # after mkdocs-static-i18n (-100) has built the other languages into site_dir
    def on_post_build(self, config) -> None:
        if self._nested_language_build(config):
            return  # written once, for every language, by the outer build
        with open(os.path.join(config.site_dir, self.config.export), "w", encoding="utf-8") as fh:
            fh.write(export(self.catalogue, config.site_url or "http://localhost/"))
        write_hsds(self.catalogue, config.site_dir, config.site_url or "http://localhost/")  # Open Referral HSDS 3, docs/hsds.md
        build_index(self.catalogue, os.path.join(config.site_dir, self.config.search_index))
        counts = precompress(config.site_dir)
        log.info("guichet: pre-compressed %d files (.gz %d, .br %d)", counts.eligible, counts.gzip, counts.brotli)
