"""A spreadsheet cell that is never run as a formula (OWASP's CSV injection advice).

No Flask and no store: the queue's export (``csv_export.py``) and the insights
report's CSV files (``forms_app/insights/report.py``, which runs without Flask) use it.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell Excel will never run as a formula: one starting with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return gets a leading apostrophe, so Excel shows it as text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
