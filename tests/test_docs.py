"""Docs kept honest: every FORMS_ setting is in docs/settings.md with its default, every command README shows exists."""

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


README = DOCS.parent / "README.md"


def readme_commands(program: str) -> list[list[str]]:
    """The commands README shows for ``program`` (``flask --app forms_app`` or ``guichet``), as argument lists
    up to the first placeholder or option: ``status revoke REF`` → ``["status", "revoke"]``."""
    found = []
    for line in README.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if not words or not words[0].endswith(f"/{program.split()[0]}"):
            continue
        words = words[len(program.split()):]  # after the program and its options
        end = next((i for i, w in enumerate(words) if w.isupper() or w.startswith("-") or w == "my-slug"), len(words))
        found.append(words[:end])
    return found


def test_every_flask_command_in_the_readme_exists(runner):
    commands = readme_commands("flask --app forms_app")
    assert ["status", "revoke"] in commands and ["db", "upgrade"] in commands  # the parser reads the README
    for words in commands:
        if words == ["run"]:
            continue  # Flask's own development server
        result = runner.invoke(args=[*words, "--help"])
        assert result.exit_code == 0, f"README shows `flask --app forms_app {' '.join(words)}`: {result.output}"


def test_every_guichet_command_in_the_readme_exists():
    from click.testing import CliRunner

    from guichet.cli import main

    commands = readme_commands("guichet")
    assert ["check"] in commands and ["new-service"] in commands
    for words in commands:
        result = CliRunner().invoke(main, [*words, "--help"])
        assert result.exit_code == 0, f"README shows `guichet {' '.join(words)}`: {result.output}"
