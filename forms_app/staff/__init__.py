"""The staff workspace: where every channel's requests meet (``/staff/``, ``/fr/staff/``).

Rooms, one module and blueprint each:

* ``auth.py``: sign in with a one-time link sent by email, sign out (``session.py`` is the
  session itself: cookie, idle and absolute limits, ``current_staff()``, ``staff_required``);
* ``queue.py``: the department queue (filters, search, sort, pages) and its CSV export;
* ``request_page.py``: one request: answers, files, history; status changes and notes;
* ``lookup.py``: any department's request by the reference a resident reads out (what the resident
  sees plus the history's shape: a 311 agent's or counter clerk's view);
* ``assisted.py``: a request entered for a caller, a visitor or a paper form;
* ``audit_page.py``: the audit log, for administrators;
* ``tally.py``: the contact tally, one click per call, visit or letter (#15; the report is ``forms_app/insights``);
* ``cli.py``: ``flask staff add|list|remove``, ``flask audit``, ``flask digest``.

Department staff see only their departments' requests; the store's queries take the
signed-in member and enforce it (``store/queue.py``); the lookup by reference shows any
request's status view, never its answers, files or contacts. Every page is ``no-store``.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import assisted, audit_page, auth, lookup, queue, request_page, tally
    from .cli import register_commands

    auth.init_app(app)
    for module in (queue, request_page, lookup, assisted, audit_page, tally):
        app.register_blueprint(module.bp)
    register_commands(app)
