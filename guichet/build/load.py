"""Loading and checking a large catalogue on every core, for ``guichet build``.

Reading the pages' front matter (with line numbers) and the reading-level
check cost about 2 ms a page on one core: 40 s at 10,000 services × 2
languages. ``load_and_check`` splits the service files between processes;
each loads its share with the model's own ``load_page``/``load_form`` and runs
the per-page checks, and sends back the pages without their YAML trees (kept
only to name the line of a problem). This process then assembles the catalogue
(the taxonomy, synonyms and elsewhere lists through the model's ``load_frame``)
and runs the whole-catalogue checks.

That path is taken only for a catalogue with nothing to report: at the first
problem anywhere, the catalogue is loaded and checked again the ordinary way
(``load_catalogue`` + ``run_checks``), so every problem is named with its file
and line exactly as ``guichet check`` names it.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import replace
from pathlib import Path

from .. import DEFAULT_LANGUAGE
from ..check import page_problems, run_checks
from ..model.catalogue import Catalogue, load_catalogue, load_form, load_frame, load_page, page_language
from ..model.crossref import cross_check
from ..model.elsewhere import hidden_services
from ..model.entries import Service, rel
from ..model.problems import Problem

PARALLEL_FROM = 400  # service files; below that, one process is quicker


def _hidden(problem: Problem) -> bool:
    """What a build does not report: a stale page (``guichet check`` lists them)."""
    return problem.field == "last_reviewed" and problem.severity != "error"


def serial(root: Path, readability_check: bool) -> tuple[Catalogue, list[Problem]]:
    catalogue = load_catalogue(root)
    return catalogue, run_checks(catalogue, readability_check=readability_check)


def _share(args) -> tuple[list, list, list[Problem]]:
    """In a child: load and check some service files; their pages and forms without YAML trees."""
    root, paths, readability_check = args
    pages, forms, problems = [], [], []
    for path in paths:
        page = load_page(path, root, problems)
        if page is None:
            continue
        shown = rel(path, root)
        if b"TODO" in path.read_bytes():  # named, line by line, by the ordinary way (run_checks' placeholders)
            problems.append(Problem(shown, 1, "(body)", "still says TODO"))
        problems.extend(page_problems(page, shown, readability_check))
        pages.append(replace(page, node=None))
        slug, lang = page_language(path)
        form_path = path.with_name(f"{slug}.form.yml")
        if lang == DEFAULT_LANGUAGE and form_path.exists():
            form, _ = load_form(form_path, root, problems)
            forms.append((slug, form))
    return pages, forms, problems


def load_and_check(root: Path, readability_check: bool = True, jobs: int | None = None) -> tuple[Catalogue, list[Problem]]:
    """The catalogue and every problem ``guichet check`` would list (bar the stale-page warnings, when it is clean)."""
    root = Path(root)
    jobs = jobs or min(2, os.cpu_count() or 1)
    paths = sorted((root / "services").glob("*.md"))
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        return serial(root, readability_check)
    slugs = {slug: n for n, slug in enumerate(dict.fromkeys(page_language(path)[0] for path in paths))}
    split = [[path for path in paths if slugs[page_language(path)[0]] % jobs == i] for i in range(jobs)]  # a service's pages and form together: the forms, the slowest files, spread evenly
    with multiprocessing.get_context("fork").Pool(jobs - 1) as pool:  # this process loads the first share itself
        others = pool.map_async(_share, [(root, share, readability_check) for share in split[1:]])
        shares = [_share((root, split[0], readability_check)), *others.get()]
    if any(problems for _, _, problems in shares):
        return serial(root, readability_check)
    frame = load_frame(root)
    services: dict[str, Service] = {}
    for path in paths:  # the order load_catalogue gives: the files' sorted names
        slug, _ = page_language(path)
        services.setdefault(slug, Service(slug))
    for pages, forms, _ in shares:
        for page in pages:
            services[page.slug].pages[page.lang] = page
    for pages, forms, _ in shares:
        for slug, form in forms:
            if slug in services:
                services[slug].form = form
    catalogue = replace(frame, services={k: v for k, v in services.items() if v.pages}, problems=list(frame.problems))
    catalogue.problems.extend(cross_check(catalogue))
    catalogue.problems.extend(hidden_services(catalogue))
    problems = run_checks(catalogue, page_checks=False)  # the whole-catalogue checks (the files' own ran above)
    if any(not _hidden(p) for p in problems):
        return serial(root, readability_check)
    return catalogue, problems
