"""The report's sections in order, in one language: what ``report.py`` and ``views.py`` print."""

from __future__ import annotations

from .view import Section, channels_section, delivery_section, promises_section
from .view_feedback import feedback_sections


def sections(report, catalogue, lang: str) -> list[Section]:
    return ([promises_section(report, catalogue, lang), channels_section(report, catalogue, lang)]
            + feedback_sections(report, catalogue, lang) + [delivery_section(report, lang)])
