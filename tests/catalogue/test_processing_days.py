"""``processing_days``: a service's promise in business days, checked like every other field."""

from __future__ import annotations

import pytest

from guichet.model.catalogue import load_catalogue

from .copies import PROJECT, edit
from .test_editor_errors import FR_PAGE, PAGE, check, line_of, reported


def test_the_demo_services_with_forms_promise_business_days():
    catalogue = load_catalogue(PROJECT / "catalogue")
    for slug, service in catalogue.services.items():
        days = {lang: page.meta.processing_days for lang, page in service.pages.items()}
        assert len(set(days.values())) == 1, slug
        if service.form is not None:
            assert days["en"] is not None and days["en"] >= 1, f"{slug}: give processing_days"
            prose = service.page("en").meta.processing_time
            if slug == "access-to-information":  # 30 calendar days: the 20 business days of the 4 whole weeks in them
                assert "30 calendar days" in prose and days["en"] == 20
            else:
                assert f"{days['en']} business day" in prose, slug  # the prose says the same number
    assert catalogue.services["dog-licence"].page("en").meta.processing_days == 10


@pytest.mark.parametrize("written", ["10 business days", "0", "-3", "2.5", "yes", "1000"])
def test_a_wrong_number_of_days_is_explained(catalogue_copy, written):
    page = catalogue_copy / "services" / "dog-licence.md"
    edit(page, "processing_days: 10", f"processing_days: {written}")
    reported(catalogue_copy, f"{PAGE}:{line_of(page, 'processing_days:')}: processing_days: must be a whole number of business "
             "days from 1 to 260, like 10, without words (write the words in processing_time), or leave the line out")


def test_both_languages_give_the_same_days(catalogue_copy):
    page = catalogue_copy / "services" / "dog-licence.fr.md"
    edit(page, "processing_days: 10", "processing_days: 12")
    reported(catalogue_copy, f"{FR_PAGE}:{line_of(page, 'processing_days:')}: processing_days: differs from {PAGE}; "
             "both languages must give the same value")


def test_the_line_may_be_left_out(catalogue_copy):
    for name in ("dog-licence.md", "dog-licence.fr.md"):
        edit(catalogue_copy / "services" / name, "processing_days: 10\n", "")
    code, lines = check(catalogue_copy)
    assert code == 0, lines
