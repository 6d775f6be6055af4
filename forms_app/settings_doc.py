"""Print docs/settings.md from the SETTINGS table: ``python -m forms_app.settings_doc``."""

from __future__ import annotations

from .config import SETTINGS

HEADER = """# Settings

Every setting of the forms app, with its default. Set them in the
environment as `FORMS_<KEY>` (read with `app.config.from_prefixed_env("FORMS")`;
values are parsed as JSON when they can be, so `FORMS_SEARCH_LIMIT=10` is a
number) or pass them to `create_app({...})` without the prefix.
Flask-Limiter's own keys work the same way: `FORMS_RATELIMIT_STORAGE_URI=redis://…`.

This page is generated from `forms_app/config.py`
(`python -m forms_app.settings_doc > docs/settings.md`); a test keeps the two in step.

| setting | default | what it does |
|---|---|---|
"""


def _default(value) -> str:
    if value is None or value == "":
        return "(unset)"
    return f"`{value}`"


def render() -> str:
    rows = [f"| `FORMS_{s.key}` | {_default(s.default)} | {s.help} |" for s in SETTINGS]
    return HEADER + "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(render(), end="")
