"""Insights (#15): what the city learns from its own rows, with no third party and no cookies.

* ``model.py``: every number, computed once from the store (``store/insights.py``) for a period and
  departments: promises kept, the channel mix with the contact tally, page feedback, searches that
  found nothing, form funnels, delivery outcomes;
* ``view.py`` + ``view_feedback.py``: one language's sections and tables (words, formats, "fewer than 5");
* ``charts.py``: the charts as inline SVG (no JavaScript), each with a text alternative;
* ``report.py``: the static report's files (a page per language, CSVs); ``views.py``: the same report
  in the staff workspace (``/staff/insights/``); ``records.py``: the promise records the site build
  reads; ``cli.py``: ``flask insights``.

The contact tally's page is a staff room (``forms_app/staff/tally.py``). docs/insights.md tells all.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import views
    from .cli import insights_command

    app.register_blueprint(views.bp)
    app.cli.add_command(insights_command)
