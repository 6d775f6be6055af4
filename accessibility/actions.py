"""Actions that bring a page of the forms app into the state to check.

Each action drives the real browser as a resident would (clicks the real
submit button, so a form blocked by browser validation is reported), then
checks the HTTP status of the page it landed on. Every action accepts
``expect_status`` and ``capture: {name: regex}`` (a value read from the
landed page's text, usable later as ``{name}`` in a URL, e.g. a reference
number for the status page).

* ``submit-empty-form`` – submit the form untouched (the error state).
* ``fill-and-submit`` – ``values: {field: value}`` then submit.
* ``upload-too-large`` – ``field``, ``size_mb``: attach a file bigger than the
  server accepts and submit (the 413 page).
* ``repeat-post`` – ``max``: submit again and again until the server answers
  429 (the rate-limit page).
* ``bad-csrf`` – ``field``: overwrite the CSRF token and submit (the
  "session expired" page).
* ``press`` – ``button``: click this submit button (a selector), for a form
  with several, like every page's "Did you find what you needed? Yes / No".
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from playwright.async_api import Locator, Page
from playwright.async_api import TimeoutError as PlaywrightTimeout

SUBMIT = "button:not([type=button]):not([type=reset]), input[type=submit]"
DEFAULT_FORM = "main form[method=post i]"
# Names of the fields that would stop a real click from submitting (no `novalidate`).
BLOCKED_BY_BROWSER_VALIDATION = """f => (f.noValidate || f.querySelector('[formnovalidate]')) ? []
  : [...f.elements].filter(e => e.willValidate && !e.checkValidity()).map(e => e.name || e.id)"""


class StateError(RuntimeError):
    """The page could not be brought into the state to check."""


async def perform(page: Page, action: dict[str, Any], variables: dict[str, str], timeout_ms: int) -> None:
    name = action["action"]
    handler = HANDLERS.get(name)
    if handler is None:
        raise StateError(f"unknown action {name!r}; known: {sorted(HANDLERS)}")
    status = await handler(page, action, timeout_ms)
    expected = action.get("expect_status", DEFAULT_STATUS.get(name))
    if expected is not None and status != int(expected):
        raise StateError(f"{name}: expected HTTP {expected}, got {status} at {page.url}")
    if expected is None and status >= 500:
        raise StateError(f"{name}: the server failed with HTTP {status} at {page.url}")
    for var, pattern in (action.get("capture") or {}).items():
        text = await page.locator("body").inner_text()
        match = re.search(pattern, text)
        if not match:
            raise StateError(f"{name}: could not capture {var!r}: /{pattern}/ is not in the text of {page.url}")
        variables[var] = match.group(1) if match.groups() else match.group(0)


async def _form(page: Page, action: dict[str, Any]) -> Locator:
    selector = action.get("form", DEFAULT_FORM)
    form = page.locator(selector).first
    if await form.count() == 0:
        raise StateError(f"no form matches {selector!r} at {page.url}")
    return form


async def _submit(page: Page, form: Locator, timeout_ms: int, button: Locator | None = None) -> int:
    button = button or form.locator(SUBMIT).first
    if await button.count() == 0:
        raise StateError(f"the form at {page.url} has no submit button")
    invalid = await form.evaluate(BLOCKED_BY_BROWSER_VALIDATION)
    if invalid:
        raise StateError(
            f"the form at {page.url} did not submit: browser validation blocks it (fields {invalid}); "
            "server-side error messages need `novalidate` on the form"
        )
    try:
        async with page.expect_navigation(timeout=timeout_ms) as navigation:
            await button.click()
        response = await navigation.value
    except PlaywrightTimeout as exc:
        raise StateError(
            f"the form at {page.url} did not submit: browser validation (required attributes "
            "without novalidate?) or a script stopped it"
        ) from exc
    if response is None:
        raise StateError(f"submitting the form at {page.url} gave no response")
    return response.status


async def submit_empty_form(page: Page, action: dict[str, Any], timeout_ms: int) -> int:
    return await _submit(page, await _form(page, action), timeout_ms)


async def fill_and_submit(page: Page, action: dict[str, Any], timeout_ms: int) -> int:
    form = await _form(page, action)
    for field, value in (action.get("values") or {}).items():
        await fill_field(form, str(field), value)
    return await _submit(page, form, timeout_ms)


async def fill_field(form: Locator, name: str, value: Any) -> None:
    inputs = form.locator(f'[name="{name}"]')
    if await inputs.count() == 0:
        names = await form.evaluate("f => [...f.elements].map(e => e.name).filter(Boolean)")
        raise StateError(f"the form has no field named {name!r}; it has {sorted(set(names))}")
    kind = await inputs.first.evaluate("e => e.tagName.toLowerCase() === 'input' ? e.type : e.tagName.toLowerCase()")
    if kind == "radio":
        choice = form.locator(f'[name="{name}"][value="{value}"]')
        if await choice.count() == 0:
            values = await inputs.evaluate_all("es => es.map(e => e.value)")
            raise StateError(f"field {name!r} has no choice {value!r}; it has {values}")
        await choice.check()
    elif kind == "checkbox":
        if value:
            await inputs.first.check()
    elif kind == "select":
        await inputs.first.select_option(str(value))
    elif kind == "file":
        spec = value if isinstance(value, dict) else {"name": str(value)}
        await inputs.first.set_input_files(_file_payload(spec))
    else:
        await inputs.first.fill(str(value))


def _file_payload(spec: dict[str, Any]) -> dict[str, Any]:
    size = int(spec.get("bytes", 2048))
    head = b"%PDF-1.4\n%accessibility gate test file\n"
    return {
        "name": spec.get("name", "plans.pdf"),
        "mimeType": spec.get("mime", "application/pdf"),
        "buffer": head + b"0" * max(0, size - len(head)),
    }


async def upload_too_large(page: Page, action: dict[str, Any], timeout_ms: int) -> int:
    form = await _form(page, action)
    field = action.get("field", "plans")
    inputs = form.locator(f'[name="{field}"][type=file]')
    if await inputs.count() == 0:
        raise StateError(f"upload-too-large: no file field {field!r} at {page.url}")
    size = int(float(action.get("size_mb", 12)) * 1024 * 1024)
    with tempfile.TemporaryDirectory(prefix="a11y-upload-") as tmp:
        big = Path(tmp) / "plans.pdf"  # a path, not a buffer: Playwright caps buffers at 50 MB
        with big.open("wb") as out:
            out.write(b"%PDF-1.4\n")
            out.truncate(size)
        await inputs.first.set_input_files(big)
        return await _submit(page, form, timeout_ms)


async def repeat_post(page: Page, action: dict[str, Any], timeout_ms: int) -> int:
    start = page.url
    attempts = int(action.get("max", 60))
    status = 0
    for _ in range(attempts):
        if await page.locator(action.get("form", DEFAULT_FORM)).count() == 0:
            response = await page.goto(start, timeout=timeout_ms)
            status = response.status if response else 0
            if status == 429:
                return status
        status = await _submit(page, await _form(page, action), timeout_ms)
        if status == 429:
            return status
    raise StateError(f"repeat-post: {attempts} submissions at {start} never got HTTP 429 (last: {status})")


async def bad_csrf(page: Page, action: dict[str, Any], timeout_ms: int) -> int:
    form = await _form(page, action)
    field = action.get("field", "csrf_token")
    token = form.locator(f'[name="{field}"]')
    if await token.count() == 0:
        raise StateError(f"bad-csrf: the form at {page.url} has no {field!r} field (is CSRF protection on?)")
    await token.first.evaluate("(e) => { e.value = 'expired-or-forged-token'; }")
    return await _submit(page, form, timeout_ms)


async def press(page: Page, action: dict[str, Any], timeout_ms: int) -> int:
    button = page.locator(action["button"]).first
    if await button.count() == 0:
        raise StateError(f"press: no button matches {action['button']!r} at {page.url}")
    form = button.locator("xpath=ancestor::form[1]")
    if await form.count() == 0:
        raise StateError(f"press: the button {action['button']!r} at {page.url} is in no form")
    return await _submit(page, form, timeout_ms, button)


HANDLERS = {
    "submit-empty-form": submit_empty_form,
    "fill-and-submit": fill_and_submit,
    "upload-too-large": upload_too_large,
    "repeat-post": repeat_post,
    "bad-csrf": bad_csrf,
    "press": press,
}

DEFAULT_STATUS = {
    "fill-and-submit": 200,
    "upload-too-large": 413,
    "repeat-post": 429,
    "bad-csrf": 400,
    "press": 200,
}
