"""Staff for tests: a registered member and a client signed in as them, without the email round trip.

The sign-in flow itself (the link sent by email, spent once) is tested in
``tests/staff/test_sign_in.py``; other suites start from a session made the
way the flow makes one (``StaffDirectory.start_session``).
"""

from __future__ import annotations

from forms_app.staff.session import cookie_name


def add_staff(app, email: str, departments=(), admin: bool = False):
    """Register ``email`` for ``departments`` (an administrator with ``admin``); the ``StaffMember``."""
    with app.app_context():
        from forms_app.store import get_store

        return get_store().staff.add(email, list(departments), is_admin=admin)


def sign_in(client, email: str, departments=(), admin: bool = False):
    """Register ``email`` and give ``client`` a live session as them; the ``StaffMember``."""
    app = client.application
    member = add_staff(app, email, departments, admin)
    with app.app_context():
        from forms_app.store import get_store

        token = get_store().staff.start_session(member)
        client.set_cookie(cookie_name(app), token)
    return member
