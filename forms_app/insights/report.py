"""The report as files: one HTML page per language, linked to each other, and a CSV per table.

``write_report(out, report, catalogue, css)`` writes into ``out``::

    index.html          the English report
    fr/index.html       the French one (each links to the other)
    guichet.css         the site's stylesheet, copied
    insights.css        the report's few extra rules
    csv/<table>.csv     every table, language-free: slugs, ISO dates, numbers ("<5" where masked)

``printable(sections, csv_href)`` is what both the pages and the staff page's template print (no
logic in templates): tables with their SVG markup ready and which columns are numbers. No Flask.
"""

from __future__ import annotations

import csv
import io
import shutil
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from guichet import DEFAULT_LANGUAGE, LANGUAGES
from guichet.formats import format_date
from guichet.typography import french_html
from guichet.ui import LANGUAGE_NAME
from guichet.words import gettext, word
from guichet.words import install as install_words

from ..staff.csv_cells import neutralise
from .layout import sections
from .view import Section

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
CSS = Path(__file__).resolve().parent / "static" / "insights.css"


def printable(found: list[Section], csv_href=None) -> list[dict]:
    """The sections as the template prints them; ``csv_href(table_id)`` links each table's CSV (None: no link)."""
    out = []
    for section in found:
        tables = []
        for table in section.tables:
            numeric = [any(row[i].numeric for row in table.rows) for i in range(len(table.head))]
            tables.append({"id": table.id, "caption": table.caption, "head": table.head, "rows": table.rows,
                           "numeric": numeric, "svg": Markup(table.chart.svg(f"chart-{table.id}")) if table.chart else None,
                           "csv_href": csv_href(table.id) if csv_href else None})
        out.append({"id": section.id, "title": section.title, "notes": section.notes, "empty": section.empty,
                    "tables": tables})
    return out


def csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        # a value a spreadsheet would run as a formula is quoted as text (comments are residents' words), as in
        # the queue's export; a number ("-3") stays a number
        writer.writerow([v if _number(v) else neutralise(v) for v in row])
    return buffer.getvalue()


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def period_text(scope, lang: str) -> str:
    return gettext(lang, "From {first} to {last}", first=format_date(scope.first, lang), last=format_date(scope.last, lang))


def scope_text(scope, catalogue, lang: str) -> str:
    if scope.departments is None:
        return gettext(lang, "Report for every department.")
    if not scope.departments:
        return gettext(lang, "You belong to no department: an administrator can make the report for every department.")
    taxonomy = catalogue.taxonomy
    names = sorted(getattr(taxonomy.departments[d].name, lang) if taxonomy and d in taxonomy.departments else d
                   for d in scope.departments)
    return gettext(lang, "Report for these departments: {names}.", names=", ".join(names))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    install_words(env)
    return env


def page_path(lang: str) -> str:
    """A language's page under the output folder: ``index.html``, ``fr/index.html``."""
    return "index.html" if lang == DEFAULT_LANGUAGE else f"{lang}/index.html"


def _up(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else "../"


def render_page(report, catalogue, lang: str, found: list[Section]) -> str:
    """``lang``'s page of ``report``, whose sections in that language are ``found``."""
    up = _up(lang)
    other = next(code for code in LANGUAGES if code != lang)
    html = environment().get_template("insights/static.html").render(
        lang=lang, title=gettext(lang, "Insights report"), period=period_text(report.scope, lang),
        intro=[scope_text(report.scope, catalogue, lang), gettext(lang, "Made from the forms app's database: no cookies, no third party. Each chart has a table with every value after it, and each table a CSV file.")],
        other={"lang": other, "label": word(other, LANGUAGE_NAME), "href": up + page_path(other)},
        css={"site": up + "guichet.css", "insights": up + "insights.css"},
        sections=printable(found, lambda table_id: f"{up}csv/{table_id}.csv"),
    )
    return french_html(html, lang)  # French spacing, as every French page of the site and the app gets


def write_report(out: Path, report, catalogue, site_css: Path) -> list[Path]:
    """Write every page, stylesheet and CSV into ``out``; the files written."""
    out = Path(out)
    written = []
    found = {lang: sections(report, catalogue, lang) for lang in LANGUAGES}
    for lang in LANGUAGES:
        path = out / page_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_page(report, catalogue, lang, found[lang]), encoding="utf-8")
        written.append(path)
    (out / "csv").mkdir(parents=True, exist_ok=True)
    for section in found[DEFAULT_LANGUAGE]:  # the CSV's cells are the same in every language
        for table in section.tables:
            path = out / "csv" / f"{table.id}.csv"
            path.write_text(csv_text(table.csv_rows()), encoding="utf-8")
            written.append(path)
    for source, name in ((site_css, "guichet.css"), (CSS, "insights.css")):
        shutil.copyfile(source, out / name)
        written.append(out / name)
    return written
