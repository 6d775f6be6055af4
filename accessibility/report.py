"""The gate's report: readable text, JSON and JUnit XML.

Text names, for every failing element: page, viewport, rule id, impact,
selector and the rule's help URL, then any pages that could not be
checked, expired ignores, and the runtime.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from .runner import PageResult, Report


def text(report: Report) -> str:
    lines = [f"Accessibility gate: axe-core {report.axe_version} on {report.base_url}"]
    by_page: dict[str, list[PageResult]] = defaultdict(list)
    for result in report.results:
        by_page[result.name].append(result)
    for name, results in by_page.items():
        for result in results:
            if result.error:
                lines.append(f"ERROR {name}: could not be checked: {result.error}")
            for v in result.violations:
                lines.append(f"FAIL  {name} @{v.viewport}  {v.rule} [{v.impact}]  {v.selector}")
                lines.append(f"      {v.help} - {v.help_url}")
                if v.html:
                    lines.append(f"      element: {v.html}")
    review: dict[str, list] = defaultdict(list)
    for v in report.review:
        review[v.rule].append(v)
    for rule, items in sorted(review.items()):
        pages = sorted({v.page for v in items})
        lines.append(f"REVIEW {rule}: {len(items)} elements on {len(pages)} pages need a person's check "
                     f"(e.g. {items[0].page} @{items[0].viewport} {items[0].selector}) - {items[0].help_url}")
    for ignore in report.expired_ignores:
        lines.append(
            f"EXPIRED ignore of {ignore.rule} on {ignore.url} (expired {ignore.expires.isoformat()}): "
            f"fix it or renew it with a new reason. Reason was: {ignore.reason}"
        )
    ignored = sum(len(r.ignored) for r in report.results)
    checked = sum(1 for r in report.results if not r.error)
    lines.append(
        f"{report.pages} pages/states, {checked} page x viewport checks: "
        f"{len(report.violations)} violations, {len(report.errors)} not checked, "
        f"{ignored} ignored (with reason), {len(report.expired_ignores)} expired ignores, "
        f"{len(report.review)} to review (not failing)"
    )
    lines.append(f"{'PASSED' if report.ok else 'FAILED'} in {report.runtime_s:.1f}s")
    return "\n".join(lines)


def as_json(report: Report) -> dict:
    return {
        "ok": report.ok,
        "axe_version": report.axe_version,
        "base_url": report.base_url,
        "runtime_s": round(report.runtime_s, 2),
        "pages": report.pages,
        "violations": [v.as_dict() for v in report.violations],
        "needs_review": [v.as_dict() for v in report.review],
        "errors": [{"page": r.name, "url": r.url, "error": r.error} for r in report.errors],
        "ignored": [
            {**v.as_dict(), "reason": i.reason, "expires": i.expires.isoformat()}
            for r in report.results
            for v, i in r.ignored
        ],
        "expired_ignores": [
            {"rule": i.rule, "url": i.url, "reason": i.reason, "expires": i.expires.isoformat()}
            for i in report.expired_ignores
        ],
        "results": [
            {"page": r.name, "url": r.url, "viewport": r.viewport, "violations": len(r.violations),
             "error": r.error, "seconds": round(r.seconds, 2)}
            for r in report.results
        ],
    }


def write_json(report: Report, path: str | Path) -> None:
    Path(path).write_text(json.dumps(as_json(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def junit(report: Report) -> ET.ElementTree:
    failures = sum(1 for r in report.results if r.violations)
    suite = ET.Element(
        "testsuite",
        name="accessibility",
        tests=str(len(report.results) + len(report.expired_ignores)),
        failures=str(failures + len(report.expired_ignores)),
        errors=str(len(report.errors)),
        time=f"{report.runtime_s:.2f}",
    )
    for r in report.results:
        case = ET.SubElement(suite, "testcase", classname="accessibility", name=f"{r.name} @{r.viewport}", time=f"{r.seconds:.2f}")
        if r.error:
            ET.SubElement(case, "error", message=r.error).text = r.error
        elif r.violations:
            body = "\n".join(f"{v.rule} [{v.impact}] {v.selector} - {v.help} {v.help_url}" for v in r.violations)
            ET.SubElement(case, "failure", message=f"{len(r.violations)} WCAG violations", type="axe").text = body
    for i in report.expired_ignores:
        case = ET.SubElement(suite, "testcase", classname="accessibility.config", name=f"ignore {i.rule} on {i.url}")
        ET.SubElement(case, "failure", message=f"ignore expired {i.expires.isoformat()}", type="expired-ignore").text = i.reason
    return ET.ElementTree(suite)


def write_junit(report: Report, path: str | Path) -> None:
    tree = junit(report)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
