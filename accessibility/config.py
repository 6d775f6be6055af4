"""The gate's configuration: ``accessibility.yml`` at the repo root.

In the spirit of ``.pa11yci``: which pages and states to check, at which
viewport widths, with which rules ignored (each with a reason and an
expiry date), and how many pages at once. ``docs/accessibility.md``
documents every key. Nothing is read at import time.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
DEFAULT_VIEWPORTS = (375, 1280)
DEFAULT_HEIGHT = 800


class ConfigError(ValueError):
    """The configuration file is wrong; the message says where and why."""


@dataclass(frozen=True)
class Viewport:
    width: int
    height: int = DEFAULT_HEIGHT

    @property
    def label(self) -> str:
        return f"{self.width}px"


@dataclass(frozen=True)
class Ignore:
    """One rule switched off, on some pages, for a written reason, until a date."""

    rule: str
    reason: str
    expires: dt.date
    url: str = "*"  # glob on the page's path and query, e.g. "/fr/*"
    selector: str = "*"  # glob on the element's CSS selector

    def matches(self, rule: str, url_path: str, selector: str) -> bool:
        return (
            rule == self.rule
            and fnmatch.fnmatchcase(url_path, self.url)
            and fnmatch.fnmatchcase(selector, self.selector)
        )

    def expired(self, today: dt.date) -> bool:
        return today > self.expires


@dataclass(frozen=True)
class StateSpec:
    """A page of the forms app reached by a URL and then some actions."""

    name: str
    url: str
    actions: tuple[dict[str, Any], ...] = ()
    phase: int = 1
    expect_status: int = 200
    staff: str = ""  # reached signed in to the staff workspace: "" no, "member" the config's ``staff`` member, "desk" a front-desk one


@dataclass(frozen=True)
class Config:
    tags: tuple[str, ...] = DEFAULT_TAGS
    viewports: tuple[Viewport, ...] = tuple(Viewport(w) for w in DEFAULT_VIEWPORTS)
    concurrency: int = 3
    timeout_ms: int = 30_000
    discover_site: bool = True
    site_exclude: tuple[str, ...] = ()
    forms_glob: str | None = "catalogue/services/*.form.yml"
    form_languages: tuple[str, ...] = ("", "/fr")
    form_states: tuple[str, ...] = ("empty", "errors")
    form_selector: str = "main form[method=post i]"
    urls: tuple[StateSpec, ...] = ()
    ignores: tuple[Ignore, ...] = ()
    contrast: dict[str, Any] = field(default_factory=dict)
    staff: dict[str, Any] = field(default_factory=dict)  # the member staff states sign in as: email, admin, departments
    source: str = "<defaults>"

    def expired_ignores(self, today: dt.date | None = None) -> list[Ignore]:
        today = today or dt.date.today()
        return [i for i in self.ignores if i.expired(today)]


def load(path: str | Path) -> Config:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    return parse(raw, source=str(path))


def parse(raw: dict[str, Any], source: str = "<dict>") -> Config:
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: the top level must be a mapping")
    known = {"standard", "viewports", "concurrency", "timeout_ms", "site", "forms", "urls", "ignore", "contrast", "staff"}
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) {sorted(unknown)}; known: {sorted(known)}")
    site = _mapping(raw.get("site", {}), f"{source}: site")
    forms = _mapping(raw.get("forms", {}), f"{source}: forms")
    concurrency = int(raw.get("concurrency", 3))
    if not 1 <= concurrency <= 16:
        raise ConfigError(f"{source}: concurrency must be between 1 and 16, not {concurrency}")
    return Config(
        tags=tuple(raw.get("standard", DEFAULT_TAGS)),
        viewports=tuple(_viewport(v, source) for v in raw.get("viewports", DEFAULT_VIEWPORTS)),
        concurrency=concurrency,
        timeout_ms=int(raw.get("timeout_ms", 30_000)),
        discover_site=bool(site.get("discover", True)),
        site_exclude=tuple(site.get("exclude", ())),
        forms_glob=forms.get("discover", "catalogue/services/*.form.yml"),
        form_languages=tuple(forms.get("languages", ("", "/fr"))),
        form_states=tuple(forms.get("states", ("empty", "errors"))),
        form_selector=str(forms.get("form", "main form[method=post i]")),
        urls=tuple(_state(i, u, source) for i, u in enumerate(raw.get("urls", []) or [])),
        ignores=tuple(_ignore(i, ig, source) for i, ig in enumerate(raw.get("ignore", []) or [])),
        contrast=_mapping(raw.get("contrast", {}), f"{source}: contrast"),
        staff=_mapping(raw.get("staff", {}), f"{source}: staff"),
        source=source,
    )


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a mapping")
    return value


def _viewport(value: Any, source: str) -> Viewport:
    if isinstance(value, int):
        return Viewport(value)
    if isinstance(value, dict) and "width" in value:
        return Viewport(int(value["width"]), int(value.get("height", DEFAULT_HEIGHT)))
    raise ConfigError(f"{source}: viewports: {value!r} is neither a width nor {{width, height}}")


def _state(index: int, value: Any, source: str) -> StateSpec:
    where = f"{source}: urls[{index}]"
    if isinstance(value, str):
        return StateSpec(name=value, url=value)
    value = _mapping(value, where)
    if "url" not in value:
        raise ConfigError(f"{where}: needs a url")
    actions = []
    for action in value.get("actions", []) or []:
        if isinstance(action, str):
            action = {"action": action}
        if not isinstance(action, dict) or "action" not in action:
            raise ConfigError(f"{where}: each action is a name or a mapping with an 'action' key, not {action!r}")
        actions.append(action)
    return StateSpec(
        name=str(value.get("name", value["url"])),
        url=str(value["url"]),
        actions=tuple(actions),
        phase=int(value.get("phase", 1)),
        expect_status=int(value.get("expect_status", 200)),
        staff=_staff_state(value.get("staff", False), where),
    )


def _staff_state(value: Any, where: str) -> str:
    """``staff: true`` (the config's member), ``staff: desk`` (a front-desk member), or not a staff state."""
    if value is True:
        return "member"
    if value in (False, None):
        return ""
    if value == "desk":
        return "desk"
    raise ConfigError(f"{where}: staff is true, false or desk, not {value!r}")


def _ignore(index: int, value: Any, source: str) -> Ignore:
    where = f"{source}: ignore[{index}]"
    value = _mapping(value, where)
    missing = [k for k in ("rule", "reason", "expires") if not value.get(k)]
    if missing:
        raise ConfigError(f"{where}: an ignored rule needs {', '.join(missing)} (a written reason and an expiry date)")
    if len(str(value["reason"]).strip()) < 10:
        raise ConfigError(f"{where}: the reason must say why, in a sentence (got {value['reason']!r})")
    expires = value["expires"]
    if isinstance(expires, str):
        try:
            expires = dt.date.fromisoformat(expires)
        except ValueError as exc:
            raise ConfigError(f"{where}: expires must be a date like 2026-12-31, not {value['expires']!r}") from exc
    if not isinstance(expires, dt.date):
        raise ConfigError(f"{where}: expires must be a date like 2026-12-31, not {expires!r}")
    return Ignore(
        rule=str(value["rule"]),
        reason=str(value["reason"]).strip(),
        expires=expires,
        url=str(value.get("url", "*")),
        selector=str(value.get("selector", "*")),
    )
