"""Keyboard focus facts read from a sync Playwright page (for the keyboard tests)."""

from __future__ import annotations

from typing import Any

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const r = e.getBoundingClientRect(), cs = getComputedStyle(e);
  return {
    tag: e.tagName.toLowerCase(), id: e.id || null, name: e.getAttribute('name'), type: e.getAttribute('type'),
    value: 'value' in e ? e.value : null, checked: !!e.checked,
    text: (e.innerText || e.value || '').trim().replace(/\\s+/g, ' ').slice(0, 60),
    html: e.outerHTML.slice(0, 160),
    outline: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth) || 0, shadow: cs.boxShadow,
    top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height,
    vw: document.documentElement.clientWidth, vh: window.innerHeight,
    inHeaderNav: !!e.closest('header nav'), inSummary: !!e.closest('.gx-error-summary'),
    inMain: !!e.closest('main'),
  };
}"""


def focused(page: Any) -> dict[str, Any] | None:
    return page.evaluate(FOCUSED)


def describe(stop: dict[str, Any]) -> str:
    return stop["html"]


def indicator_visible(stop: dict[str, Any]) -> bool:
    """An outline or a box-shadow is drawn (WCAG 2.4.7)."""
    return (stop["outline"] != "none" and stop["outlineWidth"] > 0) or stop["shadow"] not in ("none", "")


def in_viewport(stop: dict[str, Any], tolerance: float = 1.0) -> bool:
    """Not hidden off-screen nor under the viewport's edge once focused (WCAG 2.4.11)."""
    return (
        stop["width"] > 0
        and stop["height"] > 0
        and stop["top"] >= -tolerance
        and stop["left"] >= -tolerance
        and stop["bottom"] <= stop["vh"] + tolerance
        and stop["right"] <= stop["vw"] + tolerance
    )


def same(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    return a is not None and b is not None and a["html"] == b["html"] and a["top"] == b["top"]


def tab_through(page: Any, limit: int = 150) -> list[dict[str, Any]]:
    """Every focus stop from the top of the page, pressing Tab, until focus leaves the page or loops."""
    stops: list[dict[str, Any]] = []
    seen: set[str] = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop is None:
            break
        key = f"{stop['html']}|{stop['id']}|{stop['name']}|{stop['value']}|{stop['text']}"
        if key in seen:
            break
        seen.add(key)
        stops.append(stop)
    return stops
