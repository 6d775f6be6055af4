"""What ``flask purge`` needs from the catalogue: each form's retention rule and the administrator's address.

The store knows no catalogue (the import contracts); ``privacy.init_app`` hands it this function
(``store.retention.PLAN_EXTENSION``). A service whose form is gone keeps the ``PURGE_AFTER_DAYS`` rule.
"""

from __future__ import annotations

from flask import Flask

from ..catalogue import catalogue_of
from ..delivery.settings import mail_settings
from ..store.retention import Rule


def rules_of(catalogue) -> dict[str, Rule]:
    """Each service's ``privacy.keep_days`` after ``keep_after``, for the services with a form."""
    found = {}
    for slug, service in catalogue.services.items():
        form = getattr(service, "form", None)
        if form is not None:
            found[slug] = Rule(form.privacy.keep_days, form.privacy.keep_after)
    return found


def retention_inputs(app: Flask) -> tuple[dict[str, Rule], str | None]:
    return rules_of(catalogue_of(app)), mail_settings(app).admin_email
