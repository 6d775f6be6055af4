"""The promise records the site build reads (``flask insights --records FILE``): per service, how long
requests took to complete over the last ``RECORD_DAYS`` days, when enough of them were completed.

The static build never reads the database: this JSON file (``catalogue/promise-records.json`` by
default, read by ``guichet.model.records``) carries the numbers, and a service page shows "Most
requests are completed within N business days" when the editor sets ``show_processing_record: true``
and the file has the service. N is the 90th percentile ("most": 9 in 10 took at most N).
A service is in the file only with ``MIN_RECORDED`` completed requests or more. Nothing about a
person: counts and durations per service.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .model import Scope, scope_promises

RECORD_DAYS = 365  # the last twelve months
MIN_RECORDED = 20  # completed requests a service needs before its page may show its record
FORMAT = 1


def promise_records(store, catalogue, today: dt.date, timezone: str) -> dict:
    """The records file's content for the ``RECORD_DAYS`` days to ``today``."""
    scope = Scope(today - dt.timedelta(days=RECORD_DAYS - 1), today, None, timezone)
    services = {
        p.service: {"completed": p.completed, "median_days": p.done_median, "p90_days": p.done_p90,
                    "processing_days": p.promised}
        for p in scope_promises(store, catalogue, scope) if p.completed >= MIN_RECORDED and p.done_p90 is not None
    }
    return {"format": FORMAT, "from": scope.first.isoformat(), "to": scope.last.isoformat(),
            "min_completed": MIN_RECORDED, "services": services}


def write_records(path: Path, records: dict) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
