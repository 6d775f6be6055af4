"""The report's sections about what residents told and tried: page feedback, searches, form funnels.

Shares are "yes" answers over answers, with their Wilson 95 % interval (``stats.wilson``). Only pages
and services with ``model.MIN_RANKED`` answers or more are compared (listed worst first, by the low
end of the interval, and drawn in the chart); the others are listed after them, by address, and say
so. People who did not find what they needed answer more often than those who did, so the shares
are lower than the truth: compare pages with each other and over time, not with 100 %.
"""

from __future__ import annotations

from guichet.formats import format_date, format_number, format_percent
from guichet.words import N_, gettext, word

from .charts import Chart, Series
from .model import MIN_RANKED
from .view import Cell, Section, Table, count, service_cell, service_title

REASONS = {"cant_find": N_("Could not find it"), "hard_to_understand": N_("Hard to understand"),
           "something_wrong": N_("Something is wrong"), "other": N_("Other")}
MISS_KINDS = {"no_result": N_("Nothing found"), "related_only": N_("Only related services"),
              "elsewhere_only": N_("Only another organisation")}


def reason_text(reason: str | None, lang: str) -> str:
    return word(lang, REASONS[reason]) if reason in REASONS else (reason or "")


def answers_table(table_id: str, caption: str, first: str, answers, lang: str, key_cell) -> Table:
    rows = []
    for a in answers:
        share = Cell(format_percent(a.yes / a.total, lang), f"{a.yes / a.total:.4f}", True)
        interval = Cell(gettext(lang, "{low} to {high}", low=format_percent(a.low, lang), high=format_percent(a.high, lang)),
                        f"{a.low:.4f}–{a.high:.4f}", True)
        note = gettext(lang, "Compared") if a.ranked else gettext(lang, "Too few answers to compare")
        rows.append([key_cell(a.key), count(a.yes, lang), count(a.no, lang), count(a.total, lang), share, interval,
                     Cell(note, "ranked" if a.ranked else "too_few")])
    ranked = [a for a in answers if a.ranked]
    table = Table(table_id, caption, [first, gettext(lang, "Yes"), gettext(lang, "No"), gettext(lang, "Answers"),
                                      gettext(lang, "Share of yes"), gettext(lang, "95% interval"), gettext(lang, "Ranking")],
                  rows, ["key", "yes", "no", "answers", "share_yes", "interval_95", "ranking"])
    if ranked:
        table.chart = Chart("bars", gettext(lang, "Share of “yes” answers, in percent, for the pages with {n} answers or more, lowest first",
                                            n=format_number(MIN_RANKED, lang)),
                            [key_cell(a.key).text for a in ranked],
                            [Series(gettext(lang, "Share of yes"), [round(100 * a.yes / a.total) for a in ranked])], lang,
                            unit="%")
    return table


def feedback_sections(report, catalogue, lang: str) -> list[Section]:
    return [feedback_section(report, catalogue, lang), searches_section(report, lang), funnels_section(report, catalogue, lang)]


def feedback_section(report, catalogue, lang: str) -> Section:
    section = Section("feedback", gettext(lang, "Page feedback"), [
        gettext(lang, "Answers to “Did you find what you needed?” on each page. The 95% interval is where the true share of “yes” most likely lies: wide when there are few answers."),
        gettext(lang, "Pages and services are compared only from {n} answers; those with fewer are listed after them, by address.", n=format_number(MIN_RANKED, lang)),
        gettext(lang, "People who did not find what they needed answer more often than those who did: “no” answers are over-represented, so compare pages with each other and over time."),
    ])
    if not report.pages:
        section.empty = gettext(lang, "No answers in this period.")
        return section
    section.tables.append(answers_table("feedback-pages", gettext(lang, "Answers by page"), gettext(lang, "Page address"),
                                        report.pages, lang, lambda path: Cell(path, path)))
    if report.feedback_services:
        section.tables.append(answers_table("feedback-services", gettext(lang, "Answers by service"), gettext(lang, "Service"),
                                            report.feedback_services, lang, lambda slug: service_cell(catalogue, slug, lang)))
    if report.reasons:
        reasons = list(report.reasons.items())
        section.tables.append(Table(
            "feedback-reasons", gettext(lang, "What went wrong, for the “no” answers that said"),
            [gettext(lang, "Reason"), gettext(lang, "Answers")],
            [[Cell(reason_text(r, lang), r), count(n, lang)] for r, n in reasons], ["reason", "answers"],
            Chart("bars", gettext(lang, "What went wrong, by number of answers"), [reason_text(r, lang) for r, _ in reasons],
                  [Series(gettext(lang, "Answers"), [n for _, n in reasons])], lang)))
    if report.comments:
        section.tables.append(Table(
            "feedback-comments", gettext(lang, "Recent comments, newest first (personal information masked)"),
            [gettext(lang, "Day"), gettext(lang, "Page address"), gettext(lang, "Reason"), gettext(lang, "Comment")],
            [[Cell(format_date(c.day, lang), c.day.isoformat()), Cell(c.path, c.path), Cell(reason_text(c.reason, lang), c.reason or ""),
              Cell(c.text, c.text)] for c in report.comments], ["day", "page", "reason", "comment"]))
    return section


def searches_section(report, lang: str) -> Section:
    section = Section("searches", gettext(lang, "Searches that found nothing"), [
        gettext(lang, "What residents searched for and no City service answered, names and numbers masked (docs/search.md).")])
    if report.misses is None:
        section.empty = gettext(lang, "Searches belong to no department: only a report for every department shows them.")
        return section
    if not report.misses:
        section.empty = gettext(lang, "No such searches in this period.")
        return section
    section.tables.append(Table(
        "searches", gettext(lang, "The most frequent searches that found no City service"),
        [gettext(lang, "Words searched"), gettext(lang, "Language"), gettext(lang, "What it found"), gettext(lang, "Searches")],
        [[Cell(q, q), Cell(ql, ql), Cell(word(lang, MISS_KINDS[k]) if k in MISS_KINDS else k, k), count(n, lang)]
         for q, ql, k, n, *_ in report.misses], ["query", "lang", "kind", "searches"]))
    return section


def funnels_section(report, catalogue, lang: str) -> Section:
    section = Section("funnels", gettext(lang, "Form funnels"), [
        gettext(lang, "Per form: how many times it was opened, sent with or without errors, and the questions whose answers were refused most. Counted on the server, without cookies or anything about the person.")])
    if not report.funnels and not report.worst_fields:
        section.empty = gettext(lang, "No form was opened in this period.")
        return section
    rows = [[service_cell(catalogue, f.service, lang), count(f.views, lang), count(f.attempts, lang),
             count(f.with_errors, lang), count(f.successes, lang)] for f in report.funnels]
    section.tables.append(Table(
        "funnels", gettext(lang, "Form views, attempts and successes, by service"),
        [gettext(lang, "Service"), gettext(lang, "Views"), gettext(lang, "Attempts"), gettext(lang, "Attempts with errors"),
         gettext(lang, "Forms sent")], rows, ["service", "views", "attempts", "attempts_with_errors", "sent"]))
    if report.worst_fields:
        labels = [field_label(catalogue, s, f, lang) for s, f, _, _ in report.worst_fields]
        section.tables.append(Table(
            "funnel-fields", gettext(lang, "The questions refused most, with the kind of error"),
            [gettext(lang, "Question"), gettext(lang, "Service"), gettext(lang, "Kind of error"), gettext(lang, "Errors")],
            [[Cell(label, f"{s}.{f}"), Cell(service_title(catalogue, s, lang), s), Cell(m, m), count(n, lang)]
             for label, (s, f, m, n) in zip(labels, report.worst_fields)],
            ["field", "service", "error", "errors"],
            Chart("bars", gettext(lang, "The questions refused most, by number of errors"), labels,
                  [Series(gettext(lang, "Errors"), [n for *_, n in report.worst_fields])], lang)))
    return section


def field_label(catalogue, slug: str, name: str, lang: str) -> str:
    """A form question's label in ``lang`` (its name when the form no longer has it)."""
    service = catalogue.services.get(slug)
    form = service.form if service else None
    for f in (form.fields if form else []):
        if f.name == name:
            return getattr(f.label, lang, None) or name
    return name
