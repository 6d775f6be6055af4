"""The queue as a spreadsheet: a CSV that opens in Excel in English and in French.

* UTF-8 with a byte order mark, so Excel reads accents;
* the separator Excel expects in the page's language: ``,`` in English, ``;`` in French
  (a French-Canadian Windows writes decimals with a comma and lists with a semicolon);
* dates as ISO dates Excel reads as dates: ``2026-03-02`` and ``2026-03-02 09:00`` in the
  city's time zone;
* no formulas: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  gets a leading apostrophe (OWASP's CSV injection advice), so Excel shows it as text.
"""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from guichet.words import gettext

from ..store import format_reference
from ..store.queue import QueueRow
from .csv_cells import neutralise
from .text import channel_label, language_name, staff_status

BOM = "\ufeff"


def delimiter(lang: str) -> str:
    return ";" if lang == "fr" else ","


def headers(lang: str) -> list[str]:
    return [gettext(lang, "Reference"), gettext(lang, "Service"), gettext(lang, "Date received"), gettext(lang, "Channel"),
            gettext(lang, "Language"), gettext(lang, "Status"), gettext(lang, "Days open"), gettext(lang, "Due date"),
            gettext(lang, "Overdue")]


def csv_text(rows: list[QueueRow], titles: dict[str, str], lang: str, tz: str) -> str:
    """The whole file, BOM first; ``titles``: a service's name in ``lang`` by slug (else the stored one)."""
    zone = ZoneInfo(tz)
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=delimiter(lang), lineterminator="\r\n")
    writer.writerow(headers(lang))
    yes, no = gettext(lang, "Yes"), gettext(lang, "No")
    for r in rows:
        cells = [
            format_reference(r.reference),
            titles.get(r.service) or r.service_title,
            r.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            channel_label(r.channel, lang),
            language_name(r.lang, lang),
            staff_status(r.status, lang),
            str(r.days_open),
            r.due_on.isoformat() if r.due_on else "",
            yes if r.overdue else no,
        ]
        writer.writerow([neutralise(c) for c in cells])
    return out.getvalue()
