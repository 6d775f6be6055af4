"""The engines that put the theme around Guichet's pages: mkdocs (default), ProperDocs, Zensical.

``write_project`` lays out one language as a plain project any of them builds:
``mkdocs.yml`` (no plugins, no hooks, theme ``name: null`` with ``overrides/``
as its only folder, the shared chrome in ``extra``) and ``docs/`` with one
Markdown file per page whose front matter carries the page's facts and whose
body is a placeholder (``BODY``). The engine renders the theme around it
(``<html lang>``, title, canonical and language links, header, footer, the
404 page, the theme's files); ``pour_bodies`` then puts each page's body,
rendered by Guichet, in the placeholder's place. (Handing the engines the
HTML bodies instead made their Python-Markdown re-parse every tag: 7 ms a page
with mkdocs, 20 ms with Zensical 0.1.3, the whole budget of a 10,000-service
build; the bytes were the same.) One run per language, in a child process, as
Zensical builds one language per project.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from ..typography import french_html
from ..urls import lang_prefix
from . import DEFAULT_ENGINE, ENGINES  # noqa: F401 - still importable from here
from .site import Page, Site

SHIMS = Path(__file__).parent / "shims"
# What an engine writes that Guichet's site does not publish (Guichet writes its own search index and sitemap).
ENGINE_LEFTOVERS = ("search.json", "sitemap.xml", "sitemap.xml.gz", "search", "objects.inv")


class EngineFailed(RuntimeError):
    """An engine exited non-zero; the message carries its output."""


def _yaml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


BODY = "<!--guichet:body-->"  # what the engines render as page.content; Guichet's body replaces it


def front_matter(page: Page) -> str:
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in page.meta().items()] + ["---", "", BODY, ""]
    return "\n".join(lines)


def write_project(site: Site, lang: str, folder: Path, pages: list[Page]) -> Path:
    """One language's engine project in ``folder``; returns its config file."""
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    made = set()
    for page in pages:
        target = docs / page.src
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(front_matter(page), encoding="utf-8")
    prefix = lang_prefix(lang).lstrip("/") + "/" if lang_prefix(lang) else ""
    config = {
        "site_name": site.site_name(lang),
        "site_url": site.config.site_url.rstrip("/") + "/" + prefix,
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": {"name": None, "custom_dir": str(site.config.theme_dir.resolve()), "locale": lang, "static_templates": ["404.html"]},
        "plugins": [],
        "markdown_extensions": [],
        "validation": {"omitted_files": "info", "absolute_links": "info", "unrecognized_links": "info", "anchors": "info"},
        "extra": {"chrome": site.chrome(lang), "not_found": site.not_found(lang)},
    }
    path = folder / "mkdocs.yml"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    return path


def command(engine: str, config: Path, site_dir: Path) -> tuple[list[str], dict]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if engine in ("mkdocs", "properdocs"):  # ProperDocs keeps mkdocs' command line
        return [sys.executable, "-m", engine, "build", "--quiet", "-f", str(config), "-d", str(site_dir)], env
    if engine == "zensical":
        if importlib.util.find_spec("zensical_ui") is None:  # zensical 0.1.3 imports it; our theme never reads it
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SHIMS), env.get("PYTHONPATH")]))
        return [sys.executable, "-m", "zensical", "build", "-f", str(config)], env
    raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")


def available(engine: str) -> bool:
    return importlib.util.find_spec(engine) is not None


def start_engine(engine: str, config: Path, site_dir: Path) -> subprocess.Popen:
    args, env = command(engine, config, site_dir)
    return subprocess.Popen(args, cwd=config.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def finish_engine(engine: str, child: subprocess.Popen) -> None:
    output, _ = child.communicate()
    if child.returncode != 0:
        raise EngineFailed(f"{engine} exited {child.returncode}:\n{output.decode(errors='replace')}")


def built_dir(engine: str, config: Path, site_dir: Path) -> Path:
    """Where the engine put the pages (Zensical takes ``site_dir`` from the config only)."""
    return config.parent / "site" if engine == "zensical" else site_dir


def output_file(out: Path, page: Page) -> Path:
    """Where an engine writes a page (directory URLs): ``services/x/index.html``, ``index.html``."""
    return out / page.url / "index.html"


def pour_bodies(out: Path, pages: list[Page], lang: str) -> None:
    """Put each page's body where the engine left the placeholder, and French spacing on the finished
    page (``guichet.typography.french_html``, by its ``lang`` attributes); the 404 page too."""
    for page in pages:
        path = output_file(out, page)
        html = path.read_text(encoding="utf-8")
        at = html.find(BODY)
        if at < 0:
            raise EngineFailed(f"{path}: the engine did not render the page's body (no {BODY} in its output)")
        path.write_text(french_html(html[:at] + page.body + html[at + len(BODY):], lang), encoding="utf-8")
    not_found = out / "404.html"
    if not_found.is_file():
        not_found.write_text(french_html(not_found.read_text(encoding="utf-8"), lang), encoding="utf-8")
