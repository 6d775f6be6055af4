"""Guichet's own build step, before any engine: the site's pages as data.

``SiteConfig`` reads the project's ``mkdocs.yml`` (site name and address, the
catalogue folder, the theme folder, the Markdown extensions): the one file a
city edits, whichever engine renders the pages.

``Site`` turns a loaded catalogue into one ``Page`` per address and language:
service pages rendered from the schema (``render.py``) with the editor's
prose (Python-Markdown, the extensions of ``mkdocs.yml``) and JSON-LD, and the
generated home, A–Z, topic, audience (and privacy) pages (``pages.py``).
Each page carries its body as HTML and every fact the theme shows (title,
canonical address, the language toggle's address); what is the same on every
page of a language (the header's and footer's words and links) is
``Site.chrome(lang)``. The engines (``engines.py``) and the preview
(``guichet.preview``) render these pages through the same theme
(``overrides/``), so both give the same page.

French typographic spacing (``guichet.typography.french_html``) is applied to
each finished page, where its body is poured into the engine's output
(``engines.pour_bodies``) or the preview renders it: the whole document, by
its ``lang`` attributes, as the mkdocs plugin did; no engine needs a hook.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import markdown
import yaml

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..model.catalogue import Catalogue, ServicePage
from ..model.records import RECORDS_FILE
from ..ui import chrome as chrome_view
from ..urls import lang_prefix, service_url, translate_path
from .labels import labels
from .pages import generated_pages, generated_views
from .render import environment, json_ld, render_service

CONFIG_FILE = "mkdocs.yml"
_TITLE = re.compile(r'\A---\ntitle: "(.*)"\n---\n\n', re.S)
_MD_LINK = re.compile(r'href="(?:\./)?([a-z0-9][a-z0-9-]*)\.md(#[^"]*)?"')  # another service's file: dog-licence.md
_FILE_LINK = re.compile(r'(href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"#?]+)([#?][^"]*)?"')  # a file of the catalogue: ../files/x.pdf
STATIC_SKIP = (".md", ".yml", ".yaml")  # what is content, not a file to publish as it is


@dataclass
class SiteConfig:
    """What ``mkdocs.yml`` says about the site (the rest of it is for editors' tools)."""

    project: Path
    site_name: str = "Guichet"
    site_url: str = "http://localhost:8000/"
    docs_dir: Path = Path("catalogue")
    site_dir: Path = Path("site")
    theme_dir: Path = Path("overrides")
    extensions: list = field(default_factory=list)
    extension_configs: dict = field(default_factory=dict)
    readability: bool = True
    favicon: str = "assets/favicon.svg"

    @property
    def root(self) -> str:
        """The path the site is served under: ``/`` or ``/city/``."""
        return urlsplit(self.site_url).path or "/"


def load_site_config(path: str | Path = CONFIG_FILE, **overrides) -> SiteConfig:
    path = Path(path).resolve()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    project = path.parent
    extensions, configs = [], {}
    for entry in data.get("markdown_extensions") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        extensions.append(name)
        if options:
            configs[name] = options
    guichet = data.get("guichet") or {}
    theme = data.get("theme") or {}
    config = SiteConfig(
        project=project,
        site_name=data.get("site_name", "Guichet"),
        site_url=data.get("site_url") or "http://localhost:8000/",
        docs_dir=project / data.get("docs_dir", "catalogue"),
        site_dir=project / data.get("site_dir", "site"),
        theme_dir=project / theme.get("custom_dir", "overrides"),
        extensions=extensions,
        extension_configs=configs,
        readability=bool(guichet.get("readability", True)),
        favicon=theme.get("favicon", "assets/favicon.svg"),
    )
    for key, value in overrides.items():
        if value is not None:
            setattr(config, key, Path(value) if key in ("docs_dir", "site_dir", "theme_dir") else value)
    return config


@dataclass
class Page:
    """One page of one language: where it goes, what the theme shows around its body."""

    lang: str
    src: str  # within the language: "services/dog-licence.md", "index.md"
    url: str  # within the language: "services/dog-licence/", ""
    title: str  # the <title>: "Dog licence – City of Bellerive"
    canonical: str
    other_lang_url: str  # the language toggle
    has_search: bool  # the page has its own search form (the home): no second one in the header
    body: str

    path: str = ""  # the page's absolute path on the site: "/fr/services/x/" (the feedback form says which page)

    def meta(self) -> dict:
        """The front matter an engine reads (``page.meta`` in the theme)."""
        return {"title": self.title, "canonical": self.canonical, "other_lang_url": self.other_lang_url,
                "has_search": self.has_search, "path": self.path}


def src_url(src: str) -> str:
    """``services/x.md`` → ``services/x/``; ``index.md`` → ``""`` (directory URLs, as the engines make them)."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


class Site:
    """The pages of a catalogue, rendered by Guichet; no engine, no file written."""

    def __init__(self, catalogue: Catalogue, config: SiteConfig) -> None:
        self.catalogue = catalogue
        self.config = config
        self.root = config.root
        self.base = config.site_url.rstrip("/")
        self._md = markdown.Markdown(extensions=config.extensions, extension_configs=config.extension_configs)

    # -- what every page of a language shares --------------------------------

    def chrome(self, lang: str) -> dict:
        return chrome_view(lang, self.root.rstrip("/") + lang_prefix(lang) + "/", self.catalogue.taxonomy, self.root)

    def site_name(self, lang: str) -> str:
        tax = self.catalogue.taxonomy
        return tax.site.name.get(lang) if tax else self.config.site_name

    def not_found(self, lang: str) -> dict:
        """The 404 page's title, body and language toggle (the engines render ``404.html`` with no page)."""
        lab = labels(lang)
        chrome = self.chrome(lang)
        body = environment().get_template("not_found.html").render(labels=lab, a_z_url=chrome["a_z_url"])
        path = "/404.html"
        other = chrome_view(lang, self.root.rstrip("/") + lang_prefix(lang) + path, self.catalogue.taxonomy, self.root)["other_lang_url"]
        return {"title": self._title(lang, lab["not_found_title"]), "body": body, "other_lang_url": other,
                "path": self.root.rstrip("/") + lang_prefix(lang) + path}

    # -- pages ----------------------------------------------------------------

    def _title(self, lang: str, title: str | None) -> str:
        name = self.site_name(lang)
        return f"{title} – {name}" if title else name

    def _canonical(self, lang: str, src: str) -> str:
        return self.base + lang_prefix(lang) + "/" + src_url(src)

    def _page(self, lang: str, src: str, title: str | None, body: str) -> Page:
        url = src_url(src)
        path = self.root.rstrip("/") + lang_prefix(lang) + "/" + url
        other = self.root.rstrip("/") + translate_path(path.removeprefix(self.root.rstrip("/")), lang)  # as chrome() says it
        home = src == "index.md"
        return Page(lang, src, url, self._title(lang, None if home else title), self._canonical(lang, src),
                    other, home, body, path)

    def prose(self, page: ServicePage) -> str:
        """The editor's Markdown as HTML; a link to another service's file (``dog-licence.md``) goes to its
        page in the same language (an absolute path: no engine rewrites it)."""
        self._md.reset()
        html = self._md.convert(page.body)
        html = _MD_LINK.sub(lambda m: f'href="{service_url(page.lang, m.group(1), self.root)}{m.group(2) or ""}"', html)
        return _FILE_LINK.sub(self._file_link, html)

    def _file_link(self, m: re.Match) -> str:
        """A link or image to a file beside the pages (``../files/x.pdf``) goes to where the build copies
        it (``static_files``): an absolute path under the site's root, the same from either language."""
        target = posixpath.normpath(posixpath.join("services", m.group(2)))
        if target.startswith("../"):
            return m.group(0)
        return f'{m.group(1)}="{self.root.rstrip("/")}/{target}{m.group(3) or ""}"'

    def static_files(self):
        """(source, relative path) of every file in the catalogue folder published as it is (images, PDFs)."""
        root = Path(self.config.docs_dir)
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and published_as_is(rel):
                yield path, rel

    def service_page(self, page: ServicePage) -> Page:
        body = render_service(page, self.catalogue, self.root, self.prose(page))
        ld = json_ld(page, self.catalogue, self.config.site_url)
        body = f'{body}\n<script type="application/ld+json">{ld}</script>'
        return self._page(page.lang, f"services/{page.slug}.md", page.meta.title, body)

    def service_pages(self, lang: str):
        for slug in sorted(self.catalogue.services):
            page = self.catalogue.services[slug].pages.get(lang)
            if page is not None:
                yield self.service_page(page)

    @staticmethod
    def _in_language(lang: str, src: str) -> str:
        """``fr/a-z.md`` → ``a-z.md``: a generated page's file within its language."""
        return src.removeprefix(lang_prefix(lang).lstrip("/") + "/") if lang != DEFAULT_LANGUAGE else src

    def generated(self, lang: str):
        """Home, A–Z, topics, audiences (and what else ``pages.generated_pages`` yields), as ``Page``s."""
        for src, text in generated_pages(self.catalogue, self.root, [lang]):
            match = _TITLE.match(text)
            title, body = (match.group(1), text[match.end():]) if match else (None, text)
            yield self._page(lang, self._in_language(lang, src), title, body.strip("\n"))

    def pages(self, lang: str):
        yield from self.generated(lang)
        yield from self.service_pages(lang)

    def addresses(self, lang: str):
        """Every page's canonical address in ``lang``, without rendering any page."""
        for src, *_ in generated_views(self.catalogue, self.root, [lang]):
            yield self._canonical(lang, self._in_language(lang, src))
        for slug in sorted(self.catalogue.services):
            if lang in self.catalogue.services[slug].pages:
                yield self.base + service_url(lang, slug)


def published_as_is(rel: str) -> bool:
    """A file of the catalogue folder (``rel``: its path within it) that the site publishes as it is (an image,
    a PDF): not content, not hidden, not the promise records (data for the build, not a page)."""
    parts = rel.split("/")
    return PurePosixPath(rel).suffix.lower() not in STATIC_SKIP and rel != RECORDS_FILE and not any(p.startswith(".") for p in parts)


def service_of(src: str) -> str | None:
    """``services/x.md`` → ``x``."""
    if src.startswith("services/") and src.count("/") == 1:
        return src.removeprefix("services/").removesuffix(".md")
    return None


__all__ = ["LANGUAGES", "Page", "Site", "SiteConfig", "load_site_config", "published_as_is", "service_of", "src_url", "service_url"]
