"""Editor checks beyond the schema: readability, links, images, staleness.

``run_checks(catalogue)`` returns the catalogue's own problems (schema,
references, translation parity) plus these; ``guichet check`` prints them
and ``guichet build --strict`` fails on the same list.
"""

from __future__ import annotations

import datetime as dt

from ..model.catalogue import Catalogue, ServicePage, rel
from ..model.problems import Problem
from . import markdown, privacy, promises, readability

STALE_AFTER_DAYS = 365


def staleness(catalogue: Catalogue, today: dt.date, days: int = STALE_AFTER_DAYS) -> list[Problem]:
    out = []
    for service in catalogue.services.values():
        for page in service.pages.values():
            age = (today - page.meta.last_reviewed).days
            shown = rel(page.path, catalogue.root)
            if age > days:
                out.append(Problem(shown, page.line_of("last_reviewed"), "last_reviewed", f"reviewed {age} days ago (over {days}); check the page and update the date", "warning"))
            elif age < -1:
                out.append(Problem(shown, page.line_of("last_reviewed"), "last_reviewed", "is in the future; use the date you checked the page"))
    return out


def placeholders(catalogue: Catalogue) -> list[Problem]:
    """Lines still holding a ``TODO`` from ``guichet new-service``."""
    out = []
    for path in sorted((catalogue.root / "services").glob("*.md")):
        # Lenient: a file that is not UTF-8 is reported by the loader; its TODOs are still found.
        text = path.read_bytes().decode("utf-8", errors="replace")
        for number, line in enumerate(text.split("\n"), start=1):
            if "TODO" in line:
                field = line.split(":", 1)[0].strip(" -") if ":" in line else "(body)"
                out.append(Problem(rel(path, catalogue.root), number, field, "still says TODO; replace it with the real text"))
    return out


def page_problems(page: ServicePage, shown: str, readability_check: bool = True) -> list[Problem]:
    """The problems one service page file has alone (Markdown, reading level); ``shown``: its path as problems name it."""
    problems = markdown.check(page, shown)
    return problems + readability.check(page, shown) if readability_check else problems


def run_checks(catalogue: Catalogue, today: dt.date | None = None, readability_check: bool = True,
               page_checks: bool = True) -> list[Problem]:
    """Every problem; ``page_checks=False`` leaves out the ones found in one page file alone (TODOs, Markdown,
    reading level), for ``guichet build``, which runs those while it loads the files (guichet/build/load.py)."""
    today = today or dt.date.today()
    problems = list(catalogue.problems)
    problems.extend(staleness(catalogue, today))
    if page_checks:
        problems.extend(placeholders(catalogue))
    problems.extend(promises.check(catalogue))
    problems.extend(privacy.check(catalogue))
    for service in catalogue.services.values() if page_checks else ():
        for page in service.pages.values():
            problems.extend(page_problems(page, rel(page.path, catalogue.root), readability_check))
    return sorted(set(problems))
