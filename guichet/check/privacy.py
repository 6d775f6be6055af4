"""A form's retention words must say what its ``keep_days`` does.

The notice promises residents a length of time ("We keep your answers for
2 years"); ``flask purge`` applies ``privacy.keep_days``. When the words
name a duration and none of them is ``keep_days`` (a year is 365 or 366
days, a month 28 to 31), ``guichet check`` warns: one of them is wrong.
Words without a number ("as long as the building stands") are not checked.
"""

from __future__ import annotations

import re

from ..model.catalogue import Catalogue, Service, rel
from ..model.problems import Problem

# (number, unit) in either language: "2 years", "90 days", "3 ans", "18 mois".
DURATION = re.compile(
    r"\b(\d{1,4})\s*(days?|weeks?|months?|years?|jours?|semaines?|mois|ans?|années?)\b",
    re.IGNORECASE,
)
SPAN = {"day": (1, 1), "jour": (1, 1), "week": (7, 7), "semaine": (7, 7),
        "month": (28, 31), "mois": (28, 31), "year": (365, 366), "an": (365, 366), "année": (365, 366)}


def durations(text: str) -> list[tuple[int, int, str]]:
    """Every duration the words name: (fewest days, most days, as written)."""
    out = []
    for number, unit in DURATION.findall(text):
        unit = unit.lower()
        key = unit if unit in SPAN else unit[:-1]
        low, high = SPAN[key]
        out.append((int(number) * low, int(number) * high, f"{number} {unit}"))
    return out


def agrees(text: str, days: int) -> bool | None:
    """None when the words name no duration; else whether one of them is ``days``."""
    found = durations(text)
    if not found:
        return None
    return any(low <= days <= high for low, high, _ in found)


def retention_words(service: Service, catalogue: Catalogue) -> list[Problem]:
    notice = service.form.privacy if service.form else None
    if notice is None:
        return []
    shown = rel(catalogue.root / "services" / f"{service.slug}.form.yml", catalogue.root)
    out = []
    for lang in ("en", "fr"):
        text = notice.retention.get(lang)
        if agrees(text, notice.keep_days) is False:
            named = ", ".join(w for _, _, w in durations(text))
            out.append(Problem(shown, service.form_line_of("privacy", "retention", lang), f"privacy.retention.{lang}",
                               f"says {named} but keep_days is {notice.keep_days}; make the words and the number agree "
                               "(a year is 365 days)", "warning"))
    return out


def check(catalogue: Catalogue) -> list[Problem]:
    out: list[Problem] = []
    for service in catalogue.services.values():
        out.extend(retention_words(service, catalogue))
    return out
