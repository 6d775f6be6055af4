from __future__ import annotations

import pytest

from forms_app.store import Answer, Attachment, NewSubmission, Store, make_engine

from .dbs import DATABASES, Clock, database_url


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture(params=DATABASES)
def db_url(request, tmp_path):
    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db_url, clock):
    engine = make_engine(db_url)
    store = Store(engine, clock=clock)
    store.create_tables()
    yield store
    engine.dispose()


def new_submission(**changes) -> NewSubmission:
    values = dict(
        service="dog-licence",
        lang="en",
        service_title="Dog licence",
        department="clerk",
        recipient="clerk@bellerive.example.org",
        answers=[Answer("name", "Your name", "Jo Tremblay"), Answer("dog", "Dog's name", "Rex")],
        reply_to="jo@example.net",
        resident_copy_to="jo@example.net",
        attachments=[Attachment("f3a9c2", "vaccination.pdf", "application/pdf", 1234)],
    )
    values.update(changes)
    return NewSubmission(**values)
