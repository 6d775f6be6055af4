"""Colour contrast of the theme's ``--gx-*`` custom properties (WCAG 1.4.3, 1.4.11).

Reads the custom properties from ``overrides/assets/stylesheets/guichet.css``
(the ``:root`` block, and any other block that redefines them, such as a
dark scheme in ``@media (prefers-color-scheme: dark)``), resolves ``var()``
references and computes the WCAG 2 contrast ratio of each documented
text/background pair from ``accessibility.yml``::

    contrast:
      css: overrides/assets/stylesheets/guichet.css
      pairs:
        - {fg: --gx-text, bg: --gx-bg, kind: text, where: body text}

``kind`` is ``text`` (4.5:1), ``large-text`` (3:1, 24px or 18.66px bold)
or ``ui`` (3:1: borders, focus indicators, icons).
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

MINIMUM = {"text": 4.5, "large-text": 3.0, "ui": 3.0}
NAMED = {"white": "#ffffff", "black": "#000000", "transparent": "#00000000"}
ROOT = ":root"


class ColourError(ValueError):
    """A colour value the checker cannot read, or a missing variable."""


@dataclass(frozen=True)
class Pair:
    fg: str
    bg: str
    kind: str = "text"
    where: str = ""

    @property
    def minimum(self) -> float:
        return MINIMUM[self.kind]


def parse_pairs(raw: list[dict]) -> list[Pair]:
    pairs = []
    for index, item in enumerate(raw):
        if item.get("kind", "text") not in MINIMUM:
            raise ColourError(f"contrast.pairs[{index}]: kind must be one of {sorted(MINIMUM)}")
        pairs.append(Pair(str(item["fg"]), str(item["bg"]), str(item.get("kind", "text")), str(item.get("where", ""))))
    return pairs


def custom_properties(css: str) -> dict[str, dict[str, str]]:
    """``{scope: {--name: value}}``; scope is the block's selector, prefixed by any at-rule around it."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    scopes: dict[str, dict[str, str]] = {}
    stack: list[str] = []
    prelude_start = 0
    for i, char in enumerate(css):
        if char == "{":
            stack.append(" ".join(css[prelude_start:i].split(";")[-1].split()))
            prelude_start = i + 1
        elif char == "}":
            body = css[prelude_start:i]
            if stack:
                scope = " ".join(stack)
                for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+)", body):
                    scopes.setdefault(scope, {})[name] = value.strip()
                stack.pop()
            prelude_start = i + 1
    return scopes


def schemes(css: str) -> dict[str, dict[str, str]]:
    """Each colour scheme's full set of variables: ``:root`` alone, then ``:root`` + each other scope."""
    scopes = custom_properties(css)
    base = scopes.get(ROOT, {})
    found = {ROOT: dict(base)}
    for scope, values in scopes.items():
        if scope != ROOT and any(name.startswith("--gx-") for name in values):
            found[scope] = {**base, **values}
    return found


def colour_names(variables: dict[str, str]) -> list[str]:
    """The ``--gx-*`` variables whose value is a colour."""
    names = []
    for name in variables:
        if name.startswith("--gx-"):
            try:
                resolve(name, variables)
            except ColourError:
                continue
            names.append(name)
    return names


def resolve(name: str, variables: dict[str, str], depth: int = 0) -> tuple[float, float, float, float]:
    """RGBA in 0..1 for a variable name or a literal colour."""
    if depth > 10:
        raise ColourError(f"var() loop at {name}")
    value = variables[name] if name in variables else name
    if value.startswith("--"):
        raise ColourError(f"{name} is not defined")
    value = value.strip().lower()
    ref = re.fullmatch(r"var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)", value)
    if ref:
        target, fallback = ref.groups()
        if target in variables:
            return resolve(target, variables, depth + 1)
        if fallback:
            return resolve(fallback, variables, depth + 1)
        raise ColourError(f"{name}: {target} is not defined")
    return parse_colour(value)


def parse_colour(value: str) -> tuple[float, float, float, float]:
    value = NAMED.get(value, value)
    if re.fullmatch(r"#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}", value):
        digits = value[1:]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        parts = [int(digits[i : i + 2], 16) / 255 for i in range(0, len(digits), 2)]
        return (parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else 1.0)
    func = re.fullmatch(r"(rgba?|hsla?)\((.*)\)", value)
    if not func:
        raise ColourError(f"not a colour the checker reads: {value!r}")
    kind, args = func.groups()
    parts = [p for p in re.split(r"[\s,/]+", args.strip()) if p]
    alpha = _number(parts[3], 1.0) if len(parts) > 3 else 1.0
    if kind.startswith("rgb"):
        r, g, b = (_number(p, 255.0) for p in parts[:3])
        return (r, g, b, alpha)
    hue = float(parts[0].removesuffix("deg")) / 360
    sat, light = (_number(p, 100.0) for p in parts[1:3])
    r, g, b = colorsys.hls_to_rgb(hue % 1, light, sat)
    return (r, g, b, alpha)


def _number(text: str, scale: float) -> float:
    return float(text[:-1]) / 100 if text.endswith("%") else float(text) / scale


def composite(fg: tuple[float, ...], bg: tuple[float, ...]) -> tuple[float, float, float]:
    """A translucent colour as seen over an opaque background."""
    a = fg[3]
    return tuple(fg[i] * a + bg[i] * (1 - a) for i in range(3))  # type: ignore[return-value]


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance of an sRGB colour (channels 0..1)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: tuple[float, float, float], bg: tuple[float, float, float]) -> float:
    light, dark = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def pair_ratio(pair: Pair, variables: dict[str, str]) -> float:
    bg = composite(resolve(pair.bg, variables), (1.0, 1.0, 1.0, 1.0))  # a translucent background sits on white
    fg = composite(resolve(pair.fg, variables), (*bg, 1.0))
    return contrast_ratio(fg, bg)
