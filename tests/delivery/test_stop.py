"""``flask deliver`` (a real process) stops within seconds of SIGTERM/SIGINT, even with a backlog
while the mail server is down or hangs, and leaves every row it held due again (issue #11 item 6)."""

from __future__ import annotations

import logging
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from forms_app.delivery import RetryPolicy, SmtpSettings, Worker, WorkerSettings
from forms_app.delivery.catcher import free_port
from forms_app.store import Store, make_engine
from forms_app.store.schema import outbox
from forms_app.store.sealing import Keyring, attach

from tests.support.apps import ENCRYPTION_KEY, ROOT
from tests.support.submissions import full_submission
from tests.support.smtp_server import Capture

BACKLOG = 200
BATCH = 50
HANG_GUARD = 10  # seconds: only there so that a worker that does not stop fails the test instead of hanging it


@pytest.fixture
def start(tmp_path, backlog):
    """``start(smtp_port, *args, **settings)``: a ``Deliver`` on the backlog, killed after the test."""
    started: list[Deliver] = []

    def start(smtp_port: int, *args: str, **settings: str) -> Deliver:
        started.append(Deliver(backlog, tmp_path, smtp_port, *args, **settings))
        return started[-1]

    yield start
    for deliver in started:
        deliver.close()


@pytest.fixture
def backlog(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'guichet.sqlite3'}"
    engine = make_engine(url)
    store = Store(engine, keyring=Keyring([ENCRYPTION_KEY]))  # the worker's key: it opens what this seals
    store.create_tables()
    for _ in range(BACKLOG):
        store.save_submission(full_submission(resident_copy_to=None, attachments=[]))
    engine.dispose()
    return url


def rows(url: str) -> list[dict]:
    engine = make_engine(url)
    attach(engine, Keyring([ENCRYPTION_KEY]))
    try:
        with engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(outbox)).mappings()]
    finally:
        engine.dispose()


@contextmanager
def silent_server():
    """A mail server that accepts connections and never says a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener


class Deliver:
    """``flask deliver`` in its own process; its log lines read as they come."""

    def __init__(self, url: str, tmp_path: Path, smtp_port: int, *args: str, **settings: str):
        env = dict(os.environ, FORMS_SECRET_KEY="stop-tests", FORMS_DATABASE_URL=url,
                   FORMS_SMTP_HOST="127.0.0.1", FORMS_SMTP_PORT=str(smtp_port), FORMS_SMTP_SECURITY="none",
                   FORMS_UPLOAD_DIR=str(tmp_path / "uploads"), FORMS_MAIL_DIR=str(tmp_path / "mail"),
                   FORMS_SITE_DIR=str(tmp_path / "site"), FORMS_SERVE_SITE="false",
                   FORMS_DELIVERY_BATCH_SIZE=str(BATCH), FORMS_ENCRYPTION_KEYS=f'["{ENCRYPTION_KEY}"]',
                   **{f"FORMS_{k}": v for k, v in settings.items()})
        self.proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "forms_app", "deliver", *args],
                                     cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        self._new: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        with self.proc.stdout:
            for line in self.proc.stdout:
                self._new.put(line.rstrip("\n"))
        self._new.put(None)

    def close(self) -> None:
        """After the test, whatever happened: no process left running."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + 30
        while not any(text in line for line in self.lines):
            line = self._new.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line is not None, f"deliver ended before logging {text!r}:\n" + "\n".join(self.lines)
            self.lines.append(line)

    def stop(self, signum: int) -> float:
        """Send ``signum``; return how many seconds the process took to exit."""
        started = time.monotonic()
        self.proc.send_signal(signum)
        try:
            self.proc.wait(HANG_GUARD)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            pytest.fail(f"deliver still running {HANG_GUARD}s after {signal.Signals(signum).name}")
        took = time.monotonic() - started
        while (line := self._new.get(timeout=10)) is not None:
            self.lines.append(line)
        return took

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stops_at_once_while_the_mail_server_hangs(start, backlog, signum):
    with silent_server() as server:
        # the default SMTP_TIMEOUT (30 s): only stopping, not a time-out, can end the wait in time
        deliver = start(server.getsockname()[1])
        deliver.wait_for("worker ")  # started
        server.settimeout(60)
        connection, _ = server.accept()  # the worker has claimed a batch and waits for a greeting
        with connection:
            took = deliver.stop(signum)
    assert deliver.proc.returncode == 0, deliver.lines
    assert took < 6, f"{took:.1f}s to stop"
    assert deliver.count(f"left behind, {BATCH} row(s) released") == 1, deliver.lines
    after = rows(backlog)
    # the claimed batch is given back untried: due now, no lease, no attempt counted, nothing logged as a retry
    assert [(r["status"], r["lease_owner"], r["lease_until"], r["attempts"]) for r in after] == \
        [("pending", None, None, 0)] * BACKLOG
    assert deliver.count("retry ref=") == 0


def test_a_refused_connection_backs_off_instead_of_spinning(start, backlog):
    # Retry delays of 1 s: rows become due again while the backlog is being worked through.
    deliver = start(free_port(), RETRY_FIRST_DELAY="1", RETRY_DELAY="1")
    deliver.wait_for("mail server unreachable")
    took = deliver.stop(signal.SIGTERM)
    assert deliver.proc.returncode == 0, deliver.lines
    assert took < 6, f"{took:.1f}s to stop"
    after = rows(backlog)
    attempted = [r for r in after if r["attempts"]]
    assert all(r["lease_owner"] is None and r["status"] == "pending" for r in after)
    # one connection try for one batch, each row logged once; the rest of the backlog untouched
    assert [r["attempts"] for r in attempted] == [1] * BATCH
    assert [r["last_error"] for r in attempted] == ["connection refused"] * BATCH
    assert deliver.count("retry ref=") == BATCH
    assert deliver.count("mail server unreachable") == 1


def test_two_workers_stop_together_while_the_mail_server_hangs(start, backlog):
    with silent_server() as server:
        deliver = start(server.getsockname()[1], "--workers", "2")
        server.settimeout(60)
        first, _ = server.accept()
        second, _ = server.accept()
        with first, second:
            took = deliver.stop(signal.SIGTERM)
    assert deliver.proc.returncode == 0, deliver.lines
    assert took < 6, f"{took:.1f}s to stop"
    assert [(r["lease_owner"], r["attempts"]) for r in rows(backlog)] == [(None, 0)] * BACKLOG


# -- the same rules in-process, on both databases --

class StopAfterFirst(Capture):
    """Keeps the first message, then asks the worker to stop (as SIGTERM would)."""

    def __init__(self, stop: threading.Event):
        super().__init__()
        self.stop = stop

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        self.stop.set()
        return reply


def test_stopping_finishes_the_message_in_hand_and_gives_back_the_rest(store, smtp, mail, clock):
    refs = [store.save_submission(full_submission(resident_copy_to=None, attachments=[])) for _ in range(5)]
    stop = threading.Event()
    smtp.handler = StopAfterFirst(stop)
    smtp.stop()
    smtp.start()
    worker = Worker(store, mail, smtp.settings, WorkerSettings(batch_size=5), clock=clock, stop=stop)
    assert worker.run_once() == {"sent": 1, "released": 4}
    after = [row for ref in refs for row in store.outbox.rows_for(ref)]
    assert [(r.status, r.attempts, r.lease_owner, r.next_attempt_at) for r in after] == \
        [("sent", 1, None, clock())] + [("pending", 0, None, clock())] * 4
    assert len(smtp.received) == 1


class TryLaterAndTickTheClock(Capture):
    """Answers 451 to every message, and each answer takes two (fake) seconds."""

    def __init__(self, clock):
        super().__init__()
        self.clock = clock

    async def handle_DATA(self, server, session, envelope):
        self.clock.advance(seconds=2)
        return "451 4.3.0 try again later"


def test_a_round_tries_each_row_once_however_short_the_retry_delay(store, smtp, mail, clock, caplog):
    refs = [store.save_submission(full_submission(resident_copy_to=None, attachments=[])) for _ in range(5)]
    smtp.handler = TryLaterAndTickTheClock(clock)
    smtp.stop()
    smtp.start()
    quick = RetryPolicy(first_delay=timedelta(seconds=1), delay=timedelta(seconds=1), give_up_after=timedelta(minutes=1))
    worker = Worker(store, mail, smtp.settings, WorkerSettings(batch_size=2, retry=quick), clock=clock)
    with caplog.at_level(logging.INFO):
        assert worker.run_once() == {"retry": 5}  # before the fix: the round never ended
    after = [row for ref in refs for row in store.outbox.rows_for(ref)]
    assert [(r.status, r.attempts, r.lease_owner) for r in after] == [("pending", 1, None)] * 5
    assert caplog.text.count("retry ref=") == 5


def test_waits_grow_while_the_server_stays_down_and_timeouts_are_bounded(store, mail, clock):
    worker = Worker(store, mail, SmtpSettings("127.0.0.1", 25, "none", timeout=2), WorkerSettings(poll_interval=5))
    assert [worker.backoff(n) for n in (1, 2, 3, 6, 7, 30)] == [5, 10, 20, 160, 300, 300]
    for timeout in (0, -1, 301, float("inf")):
        with pytest.raises(ValueError, match="SMTP_TIMEOUT"):
            SmtpSettings("127.0.0.1", 25, "none", timeout=timeout)
