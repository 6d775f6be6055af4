"""Docs kept honest: every FORMS_ setting is in docs/settings.md with its default."""

from __future__ import annotations

from pathlib import Path

from forms_app.config import SETTINGS
from forms_app.settings_doc import render

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_setting_is_documented_with_its_default():
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    missing = [s.key for s in SETTINGS if f"`FORMS_{s.key}`" not in text]
    assert not missing, f"add these to docs/settings.md (python -m forms_app.settings_doc prints the table): {missing}"
    documented = {line.split("`")[1] for line in text.splitlines() if line.startswith("| `FORMS_")}
    unknown = documented - {f"FORMS_{s.key}" for s in SETTINGS}
    assert not unknown, f"documented but not in forms_app/config.py: {sorted(unknown)}"


def test_settings_doc_shows_every_default_and_help_as_the_code_has_them():
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    assert text == render(), "docs/settings.md is out of date: python -m forms_app.settings_doc > docs/settings.md"
