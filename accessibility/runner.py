"""Run axe-core on every page and state, a few pages at a time.

One Chromium and ``concurrency`` workers, each with one browser page that
it reuses (cookies cleared before each state, so each has its own CSRF
session; a fresh context after any error). A page is loaded and
brought into its state once, then checked at each viewport width in turn
(resizing, not reloading, so a POST is never replayed). States run in
``phase`` order: a later phase can use a value captured by an earlier one
(``{ref}`` in its URL), and the rate-limit page runs last.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

from . import actions
from .axe import Violation, axe_source, axe_version, flatten, run_axe
from .browser import launch_options
from .config import Config, Ignore, StateSpec


@dataclass
class PageResult:
    name: str
    url: str
    viewport: str
    violations: list[Violation] = field(default_factory=list)
    ignored: list[tuple[Violation, Ignore]] = field(default_factory=list)
    review: list[Violation] = field(default_factory=list)  # axe's "incomplete": a person must look; never fails
    error: str | None = None
    seconds: float = 0.0


@dataclass
class Report:
    results: list[PageResult]
    expired_ignores: list[Ignore]
    runtime_s: float
    axe_version: str
    base_url: str

    @property
    def violations(self) -> list[Violation]:
        return [v for r in self.results for v in r.violations]

    @property
    def review(self) -> list[Violation]:
        return [v for r in self.results for v in r.review]

    @property
    def errors(self) -> list[PageResult]:
        return [r for r in self.results if r.error]

    @property
    def pages(self) -> int:
        return len({r.name for r in self.results})

    @property
    def ok(self) -> bool:
        return not self.violations and not self.errors and not self.expired_ignores


def run(config: Config, targets: list[StateSpec], base_url: str, launch: dict | None = None,
        variables: dict[str, str] | None = None) -> Report:
    """Run the gate to completion; safe to call where an event loop (or sync Playwright) already runs.

    ``variables`` are known before the first phase: ``{name}`` in URLs, and for ``staff`` states the
    cookie that signs the browser in (``STAFF_COOKIE`` and ``STAFF_TOKEN``, from ``server.staff_variables``)."""
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["report"] = asyncio.run(run_async(config, targets, base_url, launch, variables))
        except BaseException as exc:  # handed back to the caller below, not swallowed
            box["error"] = exc

    thread = threading.Thread(target=work, name="accessibility-gate")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["report"]  # type: ignore[return-value]


async def run_async(config: Config, targets: list[StateSpec], base_url: str, launch: dict | None = None,
                    known: dict[str, str] | None = None) -> Report:
    started = time.monotonic()
    base_url = base_url.rstrip("/") + "/"
    variables: dict[str, str] = dict(known or {})
    results: dict[str, list[PageResult]] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**(launch or launch_options()))
        try:
            for phase in sorted({t.phase for t in targets}):
                queue: asyncio.Queue[StateSpec] = asyncio.Queue()
                for target in targets:
                    if target.phase == phase:
                        queue.put_nowait(target)
                workers = min(config.concurrency, queue.qsize())
                await asyncio.gather(*(_worker(browser, queue, config, base_url, variables, results) for _ in range(workers)))
        finally:
            await browser.close()
    return Report(
        results=[r for t in targets for r in results.get(t.name, [])],
        expired_ignores=config.expired_ignores(),
        runtime_s=time.monotonic() - started,
        axe_version=axe_version(),
        base_url=base_url,
    )


STAFF_COOKIE = "staff_cookie"  # variables: the staff session cookie's name and value
STAFF_TOKEN = "staff_token"  # the config's member; STAFF_TOKEN + "_desk": a front-desk member


async def _new_page(browser: Browser, config: Config) -> tuple[BrowserContext, Page]:
    first = config.viewports[0]
    context = await browser.new_context(viewport={"width": first.width, "height": first.height})
    context.set_default_timeout(config.timeout_ms)
    await context.add_init_script(axe_source())  # in every document; V8 caches the compiled script per renderer
    return context, await context.new_page()


async def _worker(
    browser: Browser,
    queue: asyncio.Queue[StateSpec],
    config: Config,
    base_url: str,
    variables: dict[str, str],
    results: dict[str, list[PageResult]],
) -> None:
    """Check targets off the queue in one reused page: a fresh page costs more than the check."""
    context, page = await _new_page(browser, config)
    try:
        while not queue.empty():
            target = queue.get_nowait()
            found = await _check(page, config, target, base_url, variables)
            results[target.name] = found
            if any(r.error for r in found):  # the page may be unusable: start afresh
                await context.close()
                context, page = await _new_page(browser, config)
    finally:
        await context.close()


async def _sign_in(page: Page, base_url: str, variables: dict[str, str], target: StateSpec) -> None:
    """A staff state's browser carries the staff session cookie the server made (``server.staff_variables``)."""
    key = STAFF_TOKEN if target.staff == "member" else f"{STAFF_TOKEN}_{target.staff}"
    if key not in variables:
        raise actions.StateError(f"{target.name} is a staff state, but no staff session was made (config key 'staff')")
    await page.context.add_cookies([{"name": variables[STAFF_COOKIE], "value": variables[key], "url": base_url}])


def _fill(url: str, variables: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in variables:
            raise actions.StateError(f"{url} needs {{{name}}}, which no earlier phase captured")
        return variables[name]

    return re.sub(r"\{(\w+)\}", value, url)


async def _check(page: Page, config: Config, target: StateSpec, base_url: str, variables: dict[str, str]) -> list[PageResult]:
    started = time.monotonic()
    url = target.url
    try:
        await page.context.clear_cookies()  # each state starts a fresh session
        if target.staff:
            await _sign_in(page, base_url, variables, target)
        first = config.viewports[0]
        await page.set_viewport_size({"width": first.width, "height": first.height})
        url = urljoin(base_url, _fill(target.url, variables).lstrip("/"))
        response = await page.goto(url, timeout=config.timeout_ms)
        status = response.status if response else 0
        wanted = 200 if target.actions else target.expect_status
        if status != wanted:
            raise actions.StateError(f"expected HTTP {wanted} for {url}, got {status}")
        for action in target.actions:
            await actions.perform(page, action, variables, config.timeout_ms)
        results = []
        for viewport in config.viewports:
            await page.set_viewport_size({"width": viewport.width, "height": viewport.height})
            raw = await run_axe(page, config.tags)
            found = flatten(raw["violations"], target.name, page.url, viewport.label)
            result = _apply_ignores(PageResult(target.name, page.url, viewport.label), found, config)
            result.review = flatten(raw["incomplete"], target.name, page.url, viewport.label)
            results.append(result)
    except (actions.StateError, PlaywrightError) as exc:
        results = [PageResult(target.name, url, "-", error=f"{type(exc).__name__}: {exc}".splitlines()[0])]
    elapsed = time.monotonic() - started
    for result in results:
        result.seconds = elapsed / len(results)
    return results


def _apply_ignores(result: PageResult, found: list[Violation], config: Config) -> PageResult:
    parts = urlsplit(result.url)
    where = parts.path + (f"?{parts.query}" if parts.query else "")
    live = [i for i in config.ignores if i not in config.expired_ignores()]  # an expired ignore hides nothing
    for violation in found:
        rule = next((i for i in live if i.matches(violation.rule, where, violation.selector)), None)
        if rule is None:
            result.violations.append(violation)
        else:
            result.ignored.append((violation, rule))
    return result
