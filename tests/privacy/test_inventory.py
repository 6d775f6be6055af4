"""Issue #14: ``guichet privacy-inventory``, from the form declarations: every personal-data field per
form with its type, purpose, authority, retention, recipients, storage and encryption, as CSV and Markdown."""

from __future__ import annotations

import csv
import io
import shutil

from click.testing import CliRunner

from forms_app.store import schema
from guichet.cli import main
from guichet.model.catalogue import load_catalogue
from guichet.privacy import inventory
from tests.support.apps import CATALOGUE


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["privacy-inventory", "--catalogue", str(CATALOGUE), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_rows_of_the_dog_licence():
    rows = [r for r in csv_rows(run("--format", "csv")) if r["service"] == "dog-licence"]
    by_field = {r["field"]: r for r in rows}
    # Every field but the yes/no and choice questions, and the age question, declared personal.
    assert list(by_field) == ["owner_name", "address", "postal_code", "phone", "email", "dog_name", "breed",
                              "birth_date", "colour", "rabies_shot", "owner_senior", "current_tag"]
    assert "sterilized" not in by_field and "tag_type" not in by_field
    assert by_field["owner_senior"]["personal_rule"] == "declared" and by_field["owner_senior"]["type"] == "yes_no"
    for row in rows:
        assert row["form"] == "Apply for a dog licence"
        assert row["authority"].startswith("Animal Control By-law No. 2019-45")
        assert row["keep_days"] == "1095" and row["keep_after"] == "closed"
        assert row["department"] == "Animal Services" and row["department_email"] == "animals@bellerive.example.org"
        assert row["who_sees"] == "Only Animal Services staff."
        assert row["purpose"].startswith("We use your answers to issue your dog's licence")
        assert "database: submissions.answers" in row["storage"]
        assert row["encryption"].startswith("Fernet (AES-128-CBC + HMAC-SHA256), key outside the database")
    email = by_field["email"]
    assert email["type"] == "email" and email["required"] == "no"
    for column in ("submissions.reply_to", "submissions.resident_copy_to", "outbox.recipient", "contact_index.digest"):
        assert column in email["storage"]
    assert "submissions.contact_name" in by_field["owner_name"]["storage"]
    assert "submissions.contact_phone" in by_field["phone"]["storage"]
    assert by_field["breed"]["storage"] == "database: submissions.answers"


def test_a_file_field_names_its_folder_and_the_french_inventory():
    rows = {(r["service"], r["field"]): r for r in csv_rows(run("--format", "csv", "--lang", "fr"))}
    photo = rows[("report-pothole", "photo")]
    assert photo["type"] == "file" and "attachments.filename" in photo["storage"] and "disk: UPLOAD_DIR" in photo["storage"]
    assert photo["label"] == "Photo" and photo["department"] == "Travaux publics"
    assert rows[("building-permit", "applicant_name")]["keep_after"] == "delivered"
    assert ("bulky-item-collection", "item_count") not in rows  # personal: false


def test_every_form_and_every_personal_field_is_listed():
    catalogue = load_catalogue(CATALOGUE)
    rows = csv_rows(run("--format", "csv"))
    expected = [(slug, f.name) for slug, s in sorted(catalogue.services.items()) if s.form
                for f in s.form.fields if inventory.is_personal(f)]
    assert [(r["service"], r["field"]) for r in rows] == expected
    assert len({r["service"] for r in rows}) == 13
    assert list(rows[0]) == inventory.COLUMNS


def test_the_storage_it_names_is_the_apps_and_sealed():
    sealed = {f"{table}.{column}" for table, columns in schema.SEALED_COLUMNS.items() for column in columns}
    for column in (inventory.ANSWERS, inventory.FILE_NAME, *inventory.REPLY_TO, inventory.COPY_TO,
                   inventory.CONTACT_NAME, inventory.CONTACT_PHONE):
        assert column in sealed, column
    table, column = inventory.CONTACT_INDEX.split(".")
    assert column in schema.metadata.tables[table].c


def test_markdown_to_a_file(tmp_path):
    out = tmp_path / "inventory.md"
    result = CliRunner().invoke(main, ["privacy-inventory", "--catalogue", str(CATALOGUE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Personal data inventory\n")
    assert "## Apply for a dog licence (`dog-licence`)" in text
    assert "- Retention: 1095 days after the request is closed" in text
    assert "| `owner_senior` | Are you 65 or older? | yes_no | yes |" in text
    assert "Not personal on their own: `sterilized`, `tag_type`." in text
    assert text.count("\n## ") == 13


def test_a_broken_catalogue_gives_no_inventory(tmp_path):
    copy = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, copy)
    form = copy / "services" / "dog-licence.form.yml"
    form.write_text(form.read_text(encoding="utf-8").replace("  keep_days: 1095\n", ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["privacy-inventory", "--catalogue", str(copy)])
    assert result.exit_code == 1
    assert "privacy.keep_days: required" in result.output and "fix them first" in result.output
