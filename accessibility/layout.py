"""Layout checks run in the page (sync Playwright): reflow, clipping, target size, motion.

Each function returns a list of human-readable problems, empty when the
page passes, naming the offending element by a short CSS-ish path.
"""

from __future__ import annotations

from typing import Any

# WCAG 1.4.12 Text Spacing: the values of the W3C's text-spacing bookmarklet.
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

_PATH = """function path(e) {
  const parts = [];
  for (let n = e; n && n.nodeType === 1 && parts.length < 4; n = n.parentElement) {
    let p = n.tagName.toLowerCase();
    if (n.id) { parts.unshift(p + '#' + n.id); break; }
    const cls = [...n.classList].slice(0, 2).join('.');
    if (cls) p += '.' + cls;
    parts.unshift(p);
  }
  return parts.join(' > ');
}
function hiddenForAll(e) {  // visually hidden on purpose, or not rendered
  const r = e.getBoundingClientRect();
  if (r.width <= 1 || r.height <= 1) return true;
  for (let n = e; n; n = n.parentElement) {
    const cs = getComputedStyle(n);
    if (cs.visibility === 'hidden' || cs.display === 'none' || n.getAttribute('aria-hidden') === 'true') return true;
    if (cs.clipPath && cs.clipPath !== 'none' && n.getBoundingClientRect().width <= 1) return true;
  }
  return false;
}"""

OVERFLOW = "(() => {" + _PATH + """
{
  const width = document.documentElement.clientWidth;
  const wide = [...document.body.querySelectorAll('*')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.right > width + 1 && !hiddenForAll(e) && r.bottom > -100;
  });
  const innermost = wide.filter(e => !wide.some(o => o !== e && e.contains(o)));
  return {scrollWidth: document.documentElement.scrollWidth, width,
          offenders: innermost.slice(0, 6).map(e => path(e) + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + 'px)')};
}
})()"""

CLIPPED = "(() => {" + _PATH + """
{
  const found = [];
  for (const e of document.body.querySelectorAll('*')) {
    if (!e.textContent.trim() || hiddenForAll(e)) continue;
    const cs = getComputedStyle(e);
    const clips = v => v === 'hidden' || v === 'clip';
    const cutX = clips(cs.overflowX) && e.scrollWidth > e.clientWidth + 1;
    const cutY = clips(cs.overflowY) && e.scrollHeight > e.clientHeight + 1;
    const ellipsis = cs.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1;
    if (cutX || cutY || ellipsis) found.push(path(e) + ' (' + e.scrollWidth + 'x' + e.scrollHeight + ' content in ' + e.clientWidth + 'x' + e.clientHeight + ')');
  }
  return found.slice(0, 10);
}
})()"""

# WCAG 2.5.8: at least 24 by 24 CSS px, or spaced so a 24px circle on its
# centre meets no other target; inline links in a sentence are excepted.
TARGETS = "(() => {" + _PATH + """
{
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';
  const items = [];
  for (const e of document.querySelectorAll(sel)) {
    if (hiddenForAll(e) || e.closest('[aria-hidden=true]')) continue;
    let r = e.getBoundingClientRect();
    if (r.bottom + window.scrollY < 0) continue;  // parked off-screen until focused (the skip link)
    if ((e.type === 'radio' || e.type === 'checkbox') && e.labels && e.labels.length) {
      const l = e.labels[0].getBoundingClientRect();  // the label is part of the target
      r = {left: Math.min(r.left, l.left), top: Math.min(r.top, l.top), right: Math.max(r.right, l.right), bottom: Math.max(r.bottom, l.bottom)};
    }
    const block = e.parentElement;
    const inline = e.tagName === 'A' && getComputedStyle(e).display === 'inline'
      && block && block.textContent.trim().length > e.textContent.trim().length + 2;
    items.push({e, r, inline, w: r.right - r.left, h: r.bottom - r.top});
  }
  const problems = [];
  for (const t of items) {
    if (t.inline || (t.w >= 24 - 0.5 && t.h >= 24 - 0.5)) continue;
    const cx = (t.r.left + t.r.right) / 2, cy = (t.r.top + t.r.bottom) / 2;
    const crowded = items.some(o => {
      if (o === t) return false;
      const dx = Math.max(o.r.left - cx, 0, cx - o.r.right), dy = Math.max(o.r.top - cy, 0, cy - o.r.bottom);
      const small = !(o.w >= 24 && o.h >= 24) && !o.inline;
      const ox = (o.r.left + o.r.right) / 2, oy = (o.r.top + o.r.bottom) / 2;
      return Math.hypot(dx, dy) < 12 || (small && Math.hypot(ox - cx, oy - cy) < 24);
    });
    if (crowded) problems.push(path(t.e) + ' is ' + Math.round(t.w) + 'x' + Math.round(t.h) + 'px');
  }
  return problems;
}
})()"""

MOTION = "(() => {" + _PATH + """
{
  const moving = [];
  const secs = v => Math.max(...v.split(',').map(s => parseFloat(s) * (s.trim().endsWith('ms') ? 0.001 : 1)));
  for (const e of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const cs = getComputedStyle(e, pseudo);
      const anim = cs.animationName !== 'none' && secs(cs.animationDuration) > 0.01;
      const trans = secs(cs.transitionDuration) > 0.01 && cs.transitionProperty !== 'none';
      if (anim || trans) moving.push(path(e) + (pseudo || '') + (anim ? ' animation ' + cs.animationName : ' transition ' + cs.transitionProperty));
    }
  }
  return moving.slice(0, 10);
}
})()"""


def overflow(page: Any) -> list[str]:
    found = page.evaluate(OVERFLOW)
    if found["scrollWidth"] <= found["width"]:
        return []
    return [f"scrolls sideways: {found['scrollWidth']}px of content in {found['width']}px; wide: {found['offenders']}"]


def clipped(page: Any) -> list[str]:
    return [f"text cut off: {c}" for c in page.evaluate(CLIPPED)]


def small_targets(page: Any) -> list[str]:
    return [f"target under 24x24 and crowded: {t}" for t in page.evaluate(TARGETS)]


def moving(page: Any) -> list[str]:
    return [f"moves despite prefers-reduced-motion: {m}" for m in page.evaluate(MOTION)]


# WCAG 1.3.1 / 4.1.2: a control people can see (and click) must not be
# hidden from assistive technology, e.g. a spam trap left on screen.
HIDDEN_BUT_VISIBLE = "(() => {" + _PATH + """
{
  const found = [];
  for (const e of document.querySelectorAll('[aria-hidden=true] :is(a[href], button, input, select, textarea, label)')) {
    const r = e.getBoundingClientRect(), cs = getComputedStyle(e);
    const offscreen = r.right <= 0 || r.bottom + window.scrollY <= 0 || r.left >= document.documentElement.scrollWidth;
    if (r.width > 1 && r.height > 1 && cs.visibility !== 'hidden' && cs.opacity !== '0' && !offscreen) found.push(path(e));
  }
  return found;
}
})()"""


def visible_but_hidden_from_at(page: Any) -> list[str]:
    return [f"on screen but aria-hidden: {e}" for e in page.evaluate(HIDDEN_BUT_VISIBLE)]
