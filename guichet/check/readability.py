"""Plain-language scores: Flesch-Kincaid grade (English), Kandel-Moles ease (French)."""

from __future__ import annotations

import re

from textstat.textstat import textstatistics

from ..model.catalogue import ServicePage
from ..model.problems import Problem

MAX_GRADE_EN = 8.0
MIN_EASE_FR = 55.0  # Kandel & Moles (1958): 50–60 "fairly difficult", 60–70 "standard"

_MD_NOISE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links → their text
    (re.compile(r"<[^>]+>"), " "),  # html tags
    (re.compile(r"^#+\s*.*$", re.M), " "),  # headings are not sentences
    (re.compile(r"[*_`>|]"), " "),
]


def prose(page: ServicePage) -> str:
    """The words a resident reads on the page, as sentences."""
    meta = page.meta
    parts = [meta.summary, *meta.eligibility, *meta.what_you_need, meta.processing_time, meta.next_steps or ""]
    ch = meta.channels
    for part in (ch.online and ch.online.description, ch.mail and ch.mail.instructions, ch.in_person and ch.in_person.accessibility):
        parts.append(part or "")
    body = page.body
    for pattern, repl in _MD_NOISE:
        body = pattern.sub(repl, body)
    body = re.sub(r"^\s*[-*+]\s+|^\s*\d+\.\s+", "", body, flags=re.M)
    parts.extend(line for line in body.splitlines() if line.strip())
    sentences = [p.strip() for p in parts if p and p.strip()]
    return " ".join(s if s[-1] in ".!?:" else s + "." for s in sentences)


_STATS: dict[str, textstatistics] = {}


def _stats(lang: str) -> textstatistics:
    """One textstat instance per language: making one (and ``set_lang``) loads the
    hyphenation dictionary and clears every cache, 40% of the check's time per page."""
    if lang not in _STATS:
        stats = textstatistics()
        stats.set_lang(lang)
        _STATS[lang] = stats
    return _STATS[lang]


def score(text: str, lang: str) -> float:
    stats = _stats(lang)
    if lang == "fr":
        return stats.flesch_reading_ease(text)
    return stats.flesch_kincaid_grade(text)


def check(page: ServicePage, shown: str) -> list[Problem]:
    text = prose(page)
    if len(text.split()) < 20:
        return []
    value = score(text, page.lang)
    if page.lang == "fr" and value < MIN_EASE_FR:
        return [Problem(shown, page.body_line, "(readability)", f"French reading ease is {value:.0f}, below {MIN_EASE_FR:.0f}; use shorter sentences and common words")]
    if page.lang == "en" and value > MAX_GRADE_EN:
        return [Problem(shown, page.body_line, "(readability)", f"English grade level is {value:.1f}, above {MAX_GRADE_EN:.0f}; use shorter sentences and common words")]
    return []
