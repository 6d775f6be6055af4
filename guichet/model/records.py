"""The promise records a service page may show (#15): how long requests really took, per service.

The forms app writes them (``flask --app forms_app insights --records catalogue/promise-records.json``,
``forms_app/insights/records.py``): for each service with enough completed requests in the last
twelve months, the count, the median and the 90th percentile of business days to completion. The
build never reads the database; it reads this file when it is there (an absent or unreadable file
means no records: the pages simply do not show one). A page shows its record only when its editor
sets ``show_processing_record: true``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

RECORDS_FILE = "promise-records.json"  # in the catalogue folder


@dataclass(frozen=True)
class PromiseRecord:
    completed: int  # requests completed in the period
    median_days: int  # business days from arrival to completion: half took at most this
    p90_days: int  # 9 in 10 took at most this ("most requests")
    until: dt.date  # the period's last day


def load_promise_records(root: Path | str) -> dict[str, PromiseRecord]:
    """slug → ``PromiseRecord`` from ``<root>/promise-records.json``; {} when the file is absent or unreadable."""
    path = Path(root) / RECORDS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        until = dt.date.fromisoformat(data["to"])
        services = data["services"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    found = {}
    for slug, record in services.items() if isinstance(services, dict) else ():
        try:
            found[slug] = PromiseRecord(int(record["completed"]), int(record["median_days"]), int(record["p90_days"]), until)
        except (KeyError, TypeError, ValueError):
            continue
    return found
