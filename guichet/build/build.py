"""``guichet build``: the whole site, Guichet's part first, then one engine run per language.

1. Load and check the catalogue (``guichet.check``): errors stop the build
   with the same ``file:line: field: message`` list ``guichet check`` prints.
2. Per language, in its own process (2 on 2 cores): render every page
   (``site.Site``), write the language's engine project (``engines.py``), run
   the engine on it and pour the bodies into its output; meanwhile this process writes ``catalogue.json``, the
   Open Referral export (``hsds/``), the search index and ``sitemap.xml``.
3. Each language worker drops what its engine writes that Guichet does not
   publish and pre-compresses its pages and the theme's files
   (``compress.py``) as soon as they are poured; this process compresses the
   data files meanwhile. Then the languages are put together (``site/``,
   ``site/fr/``) and swapped in for the previous site.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..hsds import write_hsds
from ..model.catalogue import Catalogue
from ..model.problems import Problem
from ..search import build_index
from .compress import precompress
from .engines import DEFAULT_ENGINE, ENGINE_LEFTOVERS, EngineFailed, built_dir, finish_engine, pour_bodies, start_engine, write_project
from .export import export
from .load import load_and_check
from .site import Site, SiteConfig

EXPORT = "catalogue.json"
SEARCH_INDEX = "search.sqlite3"


class CatalogueErrors(Exception):
    """The catalogue has errors (or warnings, when strict); ``problems`` lists them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the catalogue")
        self.problems = problems


@dataclass
class BuildReport:
    engine: str
    site_dir: Path
    pages: int = 0
    warnings: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def checked_catalogue(config: SiteConfig, strict: bool = False) -> tuple[Catalogue, list[Problem]]:
    """The loaded catalogue and its warnings; raises ``CatalogueErrors`` on errors (on warnings too when strict)."""
    catalogue, problems = load_and_check(config.docs_dir, readability_check=config.readability)
    shown = [p for p in problems if p.field != "last_reviewed" or p.severity == "error"]  # stale pages do not stop a build
    errors = [p for p in shown if p.severity == "error" or strict]
    if errors:
        raise CatalogueErrors(errors)
    return catalogue, [p for p in shown if p.severity != "error"]


def _language_worker(site: Site, lang: str, folder: Path, engine: str, queue) -> None:
    """In a child process: render the language's pages, write its project, run the engine."""
    try:
        pages = list(site.pages(lang))
        config = write_project(site, lang, folder, pages)
        child = start_engine(engine, config, folder / "out")
        finish_engine(engine, child)
        out = built_dir(engine, config, folder / "out")
        pour_bodies(out, pages, lang)
        count = len(pages)
        del pages
        _clean(out, lang)
        precompress(out, atomic=False)  # here, on this language's core, while the files are fresh (the theme's files too)
        queue.put((lang, count + (1 if (out / "404.html").is_file() else 0)))
    except Exception as exc:  # reported by the parent, one line
        queue.put((lang, f"{type(exc).__name__}: {exc}"))


def sitemap(site: Site) -> str:
    """Every page in both languages; the same whatever the engine."""
    urls = []
    for lang in LANGUAGES:
        for address in site.addresses(lang):
            urls.append(f"<url><loc>{escape(address)}</loc></url>")
    return '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(urls) + "\n</urlset>\n"


def _data_files(site: Site, folder: Path) -> None:
    """What Guichet publishes besides the pages: export, HSDS, search index, sitemap, the catalogue's own files."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / EXPORT).write_text(export(site.catalogue, site.config.site_url), encoding="utf-8")
    write_hsds(site.catalogue, str(folder), site.config.site_url)
    build_index(site.catalogue, folder / SEARCH_INDEX)
    (folder / "sitemap.xml").write_text(sitemap(site), encoding="utf-8")
    for source, rel in site.static_files():  # images and documents beside the pages, as they are
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def _clean(folder: Path, lang: str) -> None:
    """Drop what an engine writes that Guichet does not publish (and, but for the default
    language, the theme's files: every page links to the one copy at the root)."""
    for name in ENGINE_LEFTOVERS + (("assets",) if lang != DEFAULT_LANGUAGE else ()):
        path = folder / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def _assemble(work: Path, engine: str, site_dir: Path) -> None:
    """``work/<lang>/out`` → ``site_dir`` (default language) and ``site_dir/<lang>/``."""
    staged = work / "site"
    os.replace(built_dir(engine, work / DEFAULT_LANGUAGE / "mkdocs.yml", work / DEFAULT_LANGUAGE / "out"), staged)
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE:
            os.replace(built_dir(engine, work / lang / "mkdocs.yml", work / lang / "out"), staged / lang)
    for item in (work / "data").iterdir():
        if item.is_dir() and (staged / item.name).is_dir():  # e.g. a catalogue file under services/
            shutil.copytree(item, staged / item.name, dirs_exist_ok=True)
        else:
            os.replace(item, staged / item.name)
    if site_dir.exists():
        os.replace(site_dir, work / "previous")  # deleted with the work folder
    os.replace(staged, site_dir)  # the work folder sits beside site_dir: a rename, not a copy


def build(config: SiteConfig, engine: str = DEFAULT_ENGINE, strict: bool = False, jobs: int | None = None) -> BuildReport:
    """Build the whole site into ``config.site_dir`` with ``engine``; raises ``CatalogueErrors`` or ``EngineFailed``.

    The previous site stays in place until the new one is complete, then the two are swapped.
    """
    clock = time.perf_counter()
    report = BuildReport(engine, Path(config.site_dir))
    catalogue, report.warnings = checked_catalogue(config, strict=strict)
    site = Site(catalogue, config)
    report.seconds["load and check"] = time.perf_counter() - clock
    site_dir = Path(config.site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".guichet-build-", dir=site_dir.parent))
    try:
        start = time.perf_counter()
        context = multiprocessing.get_context("fork")  # children share the loaded catalogue
        queue = context.Queue()
        workers = [context.Process(target=_language_worker, args=(site, lang, work / lang, engine, queue)) for lang in LANGUAGES]
        for worker in workers:
            worker.start()
        _data_files(site, work / "data")
        precompress(work / "data", atomic=False)  # while the languages' workers run
        results = dict(queue.get() for _ in workers)
        for worker in workers:
            worker.join()
        failed = [f"{lang}: {message}" for lang, message in results.items() if isinstance(message, str)]
        if failed:
            raise EngineFailed("\n".join(failed))
        report.pages = sum(n for n in results.values() if isinstance(n, int))
        report.seconds["pages, engine, data files, pre-compress"] = time.perf_counter() - start
        start = time.perf_counter()
        _assemble(work, engine, site_dir)
        report.seconds["swap in"] = time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report
