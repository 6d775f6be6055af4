"""``StaffDirectory``: who may use the staff workspace, their one-time sign-in links and their sessions.

* Staff are addresses an administrator registered (``flask staff add``), each with the
  departments whose requests they see; an administrator sees every department.
* A sign-in link is a row (address, expiry, used or not); the link sent by email is that
  row's id and address signed with the secret key (``forms_app/staff/links.py``), so
  the database never holds a working link. ``use_sign_in`` spends it once.
* A session is a random token in the staff cookie; the database keeps only its SHA-256.
  It ends on sign-out, after ``idle`` without a request, after ``lifetime`` in all,
  or when the staff member is removed.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from .audit import audit_row
from .engine import read_transaction, write_transaction
from .outbox import new_row
from .schema import audit_log, outbox, sign_in_links, staff, staff_departments, staff_sessions

SESSION_TOUCH = timedelta(seconds=60)  # last_seen_at is written at most once a minute per session


@dataclass(frozen=True)
class StaffMember:
    id: int
    email: str
    is_admin: bool
    departments: tuple[str, ...]

    def sees(self, department: str) -> bool:
        """This member may see the requests of ``department``."""
        return self.is_admin or department in self.departments


@dataclass(frozen=True)
class SignInLink:
    id: int
    email: str
    lang: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class StaffDirectory:
    def __init__(self, engine: Engine, clock: Callable[[], datetime]):
        self.engine = engine
        self.clock = clock

    # -- members -------------------------------------------------------------

    def add(self, email: str, departments: list[str], is_admin: bool = False, by: str = "admin (cli)") -> StaffMember:
        """Register ``email`` (or bring back a removed one), adding ``departments`` to those it has."""
        email = normalize_email(email)
        now = self.clock()
        with write_transaction(self.engine) as conn:
            row = conn.execute(select(staff.c.id, staff.c.is_admin).where(staff.c.email == email)).first()
            if row is None:
                staff_id = conn.execute(insert(staff).values(email=email, is_admin=is_admin, created_at=now)).inserted_primary_key[0]
            else:
                staff_id = row.id
                conn.execute(update(staff).where(staff.c.id == staff_id)
                             .values(removed_at=None, is_admin=bool(row.is_admin) or is_admin))
            have = set(conn.execute(select(staff_departments.c.department).where(staff_departments.c.staff_id == staff_id)).scalars())
            for department in sorted(set(departments) - have):
                conn.execute(insert(staff_departments).values(staff_id=staff_id, department=department))
            detail = f"staff={email} departments={','.join(sorted(set(departments) | have))} admin={is_admin}"
            conn.execute(insert(audit_log).values(audit_row(now, by, "staff_added", None, detail)))
        member = self.member(email)
        assert member is not None
        return member

    def remove(self, email: str, by: str = "admin (cli)") -> bool:
        """End ``email``'s access and every session it has; False when it is not registered."""
        email = normalize_email(email)
        now = self.clock()
        with write_transaction(self.engine) as conn:
            row = conn.execute(select(staff.c.id).where((staff.c.email == email) & staff.c.removed_at.is_(None))).first()
            if row is None:
                return False
            conn.execute(update(staff).where(staff.c.id == row.id).values(removed_at=now))
            conn.execute(delete(staff_departments).where(staff_departments.c.staff_id == row.id))
            conn.execute(update(staff_sessions).where((staff_sessions.c.staff_id == row.id) & staff_sessions.c.ended_at.is_(None))
                         .values(ended_at=now))
            conn.execute(insert(audit_log).values(audit_row(now, by, "staff_removed", None, f"staff={email}")))
        return True

    def member(self, email: str) -> StaffMember | None:
        """The registered (not removed) member with this address, or None."""
        email = normalize_email(email)
        with read_transaction(self.engine) as conn:
            row = conn.execute(select(staff).where((staff.c.email == email) & staff.c.removed_at.is_(None))).first()
            return self._member(conn, row) if row is not None else None

    def members(self) -> list[StaffMember]:
        with read_transaction(self.engine) as conn:
            rows = conn.execute(select(staff).where(staff.c.removed_at.is_(None)).order_by(staff.c.email)).all()
            return [self._member(conn, row) for row in rows]

    @staticmethod
    def _member(conn, row) -> StaffMember:
        departments = conn.execute(
            select(staff_departments.c.department).where(staff_departments.c.staff_id == row.id).order_by(staff_departments.c.department)
        ).scalars().all()
        return StaffMember(row.id, row.email, bool(row.is_admin), tuple(departments))

    # -- sessions ------------------------------------------------------------

    def start_session(self, member: StaffMember) -> str:
        """A new session for ``member``: the token for the cookie (only its hash is stored)."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with write_transaction(self.engine) as conn:
            conn.execute(insert(staff_sessions).values(token_hash=token_hash(token), staff_id=member.id, created_at=now,
                                                       last_seen_at=now))
        return token

    def session_member(self, token: str, idle: timedelta, lifetime: timedelta) -> StaffMember | None:
        """The member whose live session ``token`` is, or None; a session idle too long or too old ends here."""
        if not token or len(token) > 100:
            return None
        now = self.clock()
        with read_transaction(self.engine) as conn:
            row = conn.execute(
                select(staff_sessions.c.id.label("session_id"), staff_sessions.c.created_at, staff_sessions.c.last_seen_at, staff)
                .join(staff, staff.c.id == staff_sessions.c.staff_id)
                .where((staff_sessions.c.token_hash == token_hash(token)) & staff_sessions.c.ended_at.is_(None)
                       & staff.c.removed_at.is_(None))
            ).first()
            member = self._member(conn, row) if row is not None else None
        if row is None:
            return None
        if now - row.last_seen_at > idle or now - row.created_at > lifetime:
            self._end(row.session_id, now)
            return None
        if now - row.last_seen_at > SESSION_TOUCH:
            with write_transaction(self.engine) as conn:
                conn.execute(update(staff_sessions).where(staff_sessions.c.id == row.session_id).values(last_seen_at=now))
        return member

    def end_session(self, token: str) -> None:
        with write_transaction(self.engine) as conn:
            conn.execute(update(staff_sessions).where((staff_sessions.c.token_hash == token_hash(token))
                                                      & staff_sessions.c.ended_at.is_(None)).values(ended_at=self.clock()))

    def _end(self, session_id: int, now: datetime) -> None:
        with write_transaction(self.engine) as conn:
            conn.execute(update(staff_sessions).where(staff_sessions.c.id == session_id).values(ended_at=now))

    # -- sign-in links (the link flow itself: forms_app/staff/auth.py, links.py) --------

    def new_sign_in(self, email: str, max_age: timedelta, lang: str = "en") -> int | None:
        """For a registered address, in one transaction: a sign-in link row and the outbox row that
        emails it (kind ``sign_in``, about no request). None, and nothing written, for any other address."""
        email = normalize_email(email)
        now = self.clock()
        with write_transaction(self.engine) as conn:
            known = conn.execute(select(staff.c.id).where((staff.c.email == email) & staff.c.removed_at.is_(None))).first()
            if known is None:
                return None
            link_id = conn.execute(insert(sign_in_links).values(email=email, created_at=now, expires_at=now + max_age,
                                                                lang=lang)).inserted_primary_key[0]
            conn.execute(insert(outbox).values(new_row(None, "sign_in", email, now, sign_in_id=link_id)))
        return link_id

    def sign_in_link(self, link_id: int) -> SignInLink | None:
        """A sign-in link row (the worker reads its address and language), or None."""
        with read_transaction(self.engine) as conn:
            row = conn.execute(select(sign_in_links).where(sign_in_links.c.id == link_id)).first()
        return SignInLink(row.id, row.email, row.lang, row.created_at, row.expires_at, row.used_at) if row is not None else None

    def use_sign_in(self, link_id: int, email: str) -> StaffMember | None:
        """Spend a link once: the member it signs in, or None (unknown, used, expired, other address, removed).

        One conditional UPDATE spends it, so two clicks racing sign in once; the audit
        entry (``sign_in`` or ``sign_in_refused``, the link's id, never an address it
        was not sent to) commits with it."""
        email = normalize_email(email)
        now = self.clock()
        with write_transaction(self.engine) as conn:
            spent = conn.execute(
                update(sign_in_links)
                .where((sign_in_links.c.id == link_id) & sign_in_links.c.used_at.is_(None)
                       & (sign_in_links.c.expires_at > now) & (sign_in_links.c.email == email))
                .values(used_at=now)
            ).rowcount == 1
            row = conn.execute(select(staff).where((staff.c.email == email) & staff.c.removed_at.is_(None))).first() if spent else None
            member = self._member(conn, row) if row is not None else None
            if member is None:
                conn.execute(insert(audit_log).values(audit_row(now, "anonymous", "sign_in_refused", None, f"link={link_id}")))
            else:
                conn.execute(insert(audit_log).values(audit_row(now, member.email, "sign_in", None, f"link={link_id}")))
        return member

    # -- housekeeping (flask purge) ---------------------------------------------

    def sweep(self, before: datetime) -> int:
        """Delete sign-in links made before ``before`` (their emails too, once not waiting to go) and
        sessions that ended or were last used before it; how many rows went. The audit log keeps
        who signed in and when."""
        with write_transaction(self.engine) as conn:
            links = select(sign_in_links.c.id).where(sign_in_links.c.created_at < before)
            waiting = select(outbox.c.sign_in_id).where((outbox.c.status == "pending") & outbox.c.sign_in_id.is_not(None))
            emails = conn.execute(delete(outbox).where(outbox.c.sign_in_id.in_(links) & outbox.c.status.not_in(["pending"])))
            gone = conn.execute(delete(sign_in_links).where(sign_in_links.c.id.in_(links) & sign_in_links.c.id.not_in(waiting)))
            sessions = conn.execute(delete(staff_sessions).where(
                (staff_sessions.c.last_seen_at < before) | (staff_sessions.c.ended_at < before)))
        return emails.rowcount + gone.rowcount + sessions.rowcount
