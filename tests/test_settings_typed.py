"""#12: settings are one typed model (forms_app.config.Settings), validated once at start-up and read typed."""

from __future__ import annotations

import re
from pathlib import Path

from forms_app import create_app
from forms_app.config import Settings, settings_of

ROOT = Path(__file__).resolve().parents[1]
# A cast of a raw setting: int(app.config[…]), float(config.get(…)), int(current_app.config…), int(settings.X)
CAST = re.compile(r"\b(?:int|float|bool|str)\(\s*(?:current_app\.|app\.|self\.)?(?:config|settings)\b[.\[]")


def casts_in(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if CAST.search(line)]


def test_no_module_casts_a_setting_itself():
    found = {str(p.relative_to(ROOT)): lines for p in sorted((ROOT / "forms_app").rglob("*.py"))
             if (lines := casts_in(p.read_text(encoding="utf-8")))}
    assert found == {}, "read typed values with config.settings_of(app) instead of casting app.config values"


def test_the_cast_check_sees_a_cast():
    assert casts_in('    days = int(current_app.config["PURGE_AFTER_DAYS"])\n')
    assert casts_in("timeout=float(config.get('SMTP_TIMEOUT'))")
    assert not casts_in("days = settings.PURGE_AFTER_DAYS")


def test_values_from_the_environment_arrive_typed(monkeypatch, tmp_path):
    for key, value in {"SMTP_TIMEOUT": "7", "SEARCH_LIMIT": "5", "SERVE_SITE": "false", "SMTP_PORT": "2525"}.items():
        monkeypatch.setenv(f"FORMS_{key}", value)
    monkeypatch.setenv("FORMS_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    monkeypatch.setenv("FORMS_UPLOAD_DIR", str(tmp_path / "uploads"))
    monkeypatch.setenv("FORMS_MAIL_DIR", str(tmp_path / "mail"))
    settings = settings_of(create_app())
    assert isinstance(settings, Settings)
    assert (settings.SMTP_TIMEOUT, settings.SEARCH_LIMIT, settings.SERVE_SITE, settings.SMTP_PORT) == (7.0, 5, False, 2525)
    assert type(settings.SMTP_TIMEOUT) is float and settings.MAIL_DIR == str(tmp_path / "mail")


def test_every_setting_says_what_it_does():
    assert all(len(field.description or "") > 20 for field in Settings.model_fields.values())
