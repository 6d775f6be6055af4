"""The preview's site in memory: the last good catalogue, its problems, and pages rendered on request.

``Preview.refresh()`` looks at the catalogue's files (their modification
times; a stat each, a few milliseconds at 1,000 services). When only service
pages changed, it reloads just those files, checks them (schema, Markdown,
reading level, the cross-checks that name them) and, if they are good, puts
them in the catalogue and forgets what they appear in: the page, its language
twin, the pages that list it as related, and the language's generated pages
(home, A–Z, topic, audience). Any other change (taxonomy, forms, a page
added or deleted) reloads the whole catalogue. A page with errors keeps its
last good version in the catalogue; its problems are shown on every page
(``errors``) until they are fixed.

The site search (``/search``, ``search.py``) reads an index in memory of
the same last good catalogue: written at start and at each whole reload,
and for a saved service page only that service's rows are replaced
(``guichet.search.update``).

Pages are rendered by ``guichet.build.site.Site`` and the theme
(``theme.py``): the same code, templates and words as ``guichet build``.
"""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path

from .. import LANGUAGES
from ..check import page_problems, run_checks
from ..model.catalogue import load_catalogue, load_page, page_language
from ..model.crossref import cross_check
from ..model.entries import rel
from ..model.problems import Problem
from ..urls import split_language
from ..build.site import Page, Site, SiteConfig
from ..search.update import LiveIndex
from .search import SearchPage
from .theme import Theme


class Preview:
    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.root = Path(config.docs_dir)
        self.theme = Theme(config.theme_dir)
        self.lock = threading.RLock()
        self.version = 0  # goes up at every change the browser should see
        self.errors: dict[str, list[Problem]] = {}  # file → its errors, shown until fixed
        self.site: Site | None = None
        self.search_page = SearchPage(config.theme_dir)
        self.search_index: LiveIndex | None = None  # of ``site.catalogue``
        self._mtimes = self._scan()
        self._services: dict[tuple[str, str], Page] = {}
        self._generated: dict[str, dict[str, Page]] = {}
        self._full_load()

    # -- watching the files ------------------------------------------------------

    def _scan(self) -> dict[str, tuple[int, int]]:
        out = {}
        for folder in (self.root, self.root / "services"):
            try:
                entries = list(os.scandir(folder))
            except FileNotFoundError:
                continue
            for entry in entries:
                if entry.is_file() and entry.name.endswith((".md", ".yml", ".yaml", ".json")):  # .json: the promise records
                    stat = entry.stat()
                    out[entry.path] = (stat.st_mtime_ns, stat.st_size)
        return out

    def refresh(self) -> bool:
        """Take in what changed on disk since the last look; True if anything did."""
        with self.lock:
            now = self._scan()
            if now == self._mtimes:
                return False
            changed = {p for p in now.keys() | self._mtimes.keys() if now.get(p) != self._mtimes.get(p)}
            pages_only = all(p in now and p in self._mtimes and p.endswith(".md") and Path(p).parent.name == "services" for p in changed)
            self._mtimes = now
            if pages_only and self.site is not None:
                for path in sorted(changed):
                    self._reload_page(Path(path))
            else:
                self._full_load()
            self.version += 1
            return True

    def _forget(self, slug: str | None = None) -> None:
        if slug is None:
            self._services.clear()
        else:
            for key in [k for k, page in self._services.items() if k[1] == slug or slug in self._related(k)]:
                del self._services[key]
        self._generated.clear()

    def _related(self, key: tuple[str, str]) -> list[str]:
        service = self.site.catalogue.services.get(key[1]) if self.site else None
        page = service.pages.get(key[0]) if service else None
        return page.meta.related if page else []

    def _full_load(self) -> None:
        catalogue = load_catalogue(self.root)
        problems = run_checks(catalogue, readability_check=self.config.readability)
        errors = [p for p in problems if p.severity == "error"]
        self.errors = {}
        for problem in errors:
            self.errors.setdefault(problem.path, []).append(problem)
        if not errors or self.site is None:
            self.site = Site(catalogue, self.config)  # the first load serves what loaded, errors shown
            if self.search_index is None:
                self.search_index = LiveIndex(catalogue)
            else:
                self.search_index.rebuild(catalogue)
        self._forget()

    def _reload_page(self, path: Path) -> None:
        catalogue = self.site.catalogue
        shown = rel(path, self.root)
        slug, lang = page_language(path)
        problems: list[Problem] = []
        page = load_page(path, self.root, problems)
        service = catalogue.services.get(slug)
        if page is not None and service is not None:
            problems.extend(page_problems(page, shown, self.config.readability))
            trial = replace(service, pages={**service.pages, lang: page})
            view = replace(catalogue, services={**catalogue.services, slug: trial})
            mine = {rel(p.path, self.root) for p in trial.pages.values()} | {f"services/{slug}.form.yml"}
            problems.extend(p for p in cross_check(view) if p.path in mine or p.path.endswith(f"services/{slug}.form.yml"))
        errors = sorted({p for p in problems if p.severity == "error"})
        twin_files = {rel(p.path, self.root) for p in service.pages.values()} if service else {shown}
        for name in twin_files | {shown}:
            self.errors.pop(name, None)  # parity problems name the twin: checked again just now
        if errors:
            for problem in errors:
                self.errors.setdefault(problem.path, []).append(problem)
            return  # the last good version keeps serving
        before = dict(service.pages)  # as the search index holds them
        service.pages[lang] = page
        self.search_index.update(catalogue, slug, before)
        self._forget(slug)

    # -- pages -------------------------------------------------------------------

    def _generated_pages(self, lang: str) -> dict[str, Page]:
        if lang not in self._generated:
            self._generated[lang] = {page.url: page for page in self.site.generated(lang)}
        return self._generated[lang]

    def page(self, path: str) -> Page | None:
        """The page at an absolute site path (``/fr/services/x/``), or None."""
        lang, bare = split_language(path.removeprefix(self.site.root.rstrip("/")))
        lang = lang or LANGUAGES[0]
        url = bare.lstrip("/")
        if url and not url.endswith("/") and not url.endswith(".html"):
            url += "/"
        if url.startswith("services/") and url.count("/") == 2:
            slug = url.split("/")[1]
            key = (lang, slug)
            if key not in self._services:
                service = self.site.catalogue.services.get(slug)
                source = service.pages.get(lang) if service else None
                if source is None:
                    return None
                self._services[key] = self.site.service_page(source)
            return self._services[key]
        return self._generated_pages(lang).get(url.removesuffix("index.html"))

    def render(self, path: str) -> tuple[int, str]:
        """(status, HTML) for a site path, with the errors' banner while there are any."""
        with self.lock:
            self.refresh()
            page = self.page(path)
            lang = split_language(path.removeprefix(self.site.root.rstrip("/")))[0] or LANGUAGES[0]
            if page is None:
                status, html = 404, self.theme.not_found(self.site, lang)
            else:
                status, html = 200, self.theme.page(self.site, page)
            return status, self.theme.preview_extras(html, self._problems())

    def _problems(self) -> list[Problem]:
        return [p for name in sorted(self.errors) for p in self.errors[name]]

    def search(self, path: str, query: str) -> tuple[str, str] | None:
        """("json" or "html", body) for ``/search`` (``/fr/search``) with its query string; None for another path."""
        with self.lock:
            self.refresh()
            if not self.search_page.is_search(self.site, path):
                return None
            kind, body, _ = self.search_page.answer(self.site, self.search_index.index, path, query)
            return kind, body if kind == "json" else self.theme.preview_extras(body, self._problems())
