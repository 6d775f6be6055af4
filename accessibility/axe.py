"""axe-core in the page, from the ``axe-playwright-python`` package (no npm).

The package ships ``axe.min.js``; we inject it with ``page.evaluate`` (not
a ``<script>`` tag, so a strict Content-Security-Policy on the page under
test cannot block it) and run it with only the WCAG tags we gate on.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from playwright.async_api import Page

RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations', 'incomplete'],
  });
  const brief = r => ({id: r.id, impact: r.impact, help: r.help, helpUrl: r.helpUrl,
                       nodes: r.nodes.map(n => ({target: n.target, html: n.html, impact: n.impact}))});
  return {engine: results.testEngine, violations: results.violations, incomplete: results.incomplete.map(brief)};
}"""


@lru_cache(maxsize=1)
def axe_source() -> str:
    """The text of axe.min.js, read once on first use."""
    return (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_version() -> str:
    head = axe_source()[:200]
    marker = "axe v"
    start = head.find(marker)
    return head[start + len(marker) :].split()[0] if start >= 0 else "unknown"


@dataclass(frozen=True)
class Violation:
    page: str  # the page or state's name, e.g. "/forms/dog-licence/ (errors)"
    url: str
    viewport: str  # e.g. "375px"
    rule: str
    impact: str
    selector: str
    help: str
    help_url: str
    html: str
    summary: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


async def run_axe(page: Page, tags: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
    """axe's raw ``violations`` and ``incomplete`` (needs a person's review) for the page as it is now."""
    already = await page.evaluate("() => typeof window.axe === 'object'")
    if not already:
        await page.evaluate(axe_source())
    return await page.evaluate(RUN, list(tags))


def flatten(raw: list[dict[str, Any]], page: str, url: str, viewport: str) -> list[Violation]:
    """One Violation per failing element, so each one names its selector."""
    found = []
    for rule in raw:
        for node in rule.get("nodes", []):
            found.append(
                Violation(
                    page=page,
                    url=url,
                    viewport=viewport,
                    rule=rule["id"],
                    impact=node.get("impact") or rule.get("impact") or "unknown",
                    selector=" >>> ".join(_target(t) for t in node.get("target", [])),
                    help=rule.get("help", ""),
                    help_url=rule.get("helpUrl", ""),
                    html=" ".join(node.get("html", "").split())[:300],
                    summary=" ".join(node.get("failureSummary", "").split())[:500],
                )
            )
    return found


def _target(part: Any) -> str:
    # axe gives a string, or a list of strings for shadow DOM.
    return " >> ".join(part) if isinstance(part, list) else str(part)


def run_axe_sync(page: Any, tags: tuple[str, ...]) -> list[dict[str, Any]]:
    """``run_axe`` for pytest-playwright's sync ``page``."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(RUN, list(tags))["violations"]
