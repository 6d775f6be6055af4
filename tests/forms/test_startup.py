"""A catalogue or form the app cannot serve stops its start, naming every problem."""

from __future__ import annotations

import pytest

from forms_app import ConfigError, create_app

from tests.support.forms import CATALOGUE, config


def test_a_broken_catalogue_stops_the_start_with_every_problem(tmp_path):
    import shutil

    broken = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, broken)
    form = broken / "services" / "every-field.form.yml"
    form.write_text(form.read_text(encoding="utf-8").replace("type: yes_no", "type: maybe"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        create_app(config(tmp_path, CATALOGUE_DIR=str(broken)))
    assert "services/every-field.form.yml:" in str(caught.value) and "fields.owner.type" in str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("name: permit_number", "this name is reserved"),
        ('pattern: "[A-Z]{2}-[0-9]{4}"', "pattern is not a valid regular expression"),
    ],
)
def test_a_form_the_app_cannot_serve_stops_the_start(tmp_path, change, message):
    import shutil

    broken = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, broken)
    form = broken / "services" / "every-field.form.yml"
    replacement = {"name: permit_number": "name: csrf_token", 'pattern: "[A-Z]{2}-[0-9]{4}"': 'pattern: "[A-Z"'}[change]
    form.write_text(form.read_text(encoding="utf-8").replace(change, replacement), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        create_app(config(tmp_path, CATALOGUE_DIR=str(broken)))
