"""``flask --app forms_app deliver [--once] [--workers N] [--requeue ID]``."""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections import Counter
from contextlib import ExitStack

import click
from flask import current_app
from flask.cli import with_appcontext

from ..config import settings_of
from ..store import Store, get_store
from .catcher import MailCatcher
from .settings import mail_settings, smtp_settings, worker_settings
from .smtp import SmtpSettings
from .webhooks import targets
from .worker import Worker

log = logging.getLogger(__name__)

STOP_GRACE = 3.0  # seconds the workers get to finish the message in hand once asked to stop


@click.command("deliver")
@click.option("--once", is_flag=True, help="Send what is due now, then exit (for cron or a test).")
@click.option("--workers", type=click.IntRange(1, 16), default=1, show_default=True,
              help="Workers (threads) in this process; each claims its own rows.")
@click.option("--requeue", "requeue", type=int, multiple=True, metavar="ID",
              help="Make a failed or given-up outbox row due again, then exit.")
@click.option("--requeue-failed", is_flag=True,
              help="Make every failed or given-up message (not admin alerts) due again, then exit.")
@with_appcontext
def deliver_command(once: bool, workers: int, requeue: tuple[int, ...], requeue_failed: bool) -> None:
    """Send the outbox: submissions to departments, copies to residents, alerts to the admin."""
    app = current_app._get_current_object()
    store = get_store()
    if requeue or requeue_failed:
        for outbox_id in requeue:
            done = store.outbox.requeue(outbox_id)
            click.echo(f"outbox {outbox_id}: {'due again' if done else 'not failed or given up; unchanged'}")
        if requeue_failed:
            click.echo(f"{store.outbox.requeue()} failed or given-up message(s) due again")
        return
    if app.logger.level == logging.NOTSET:
        app.logger.setLevel(logging.INFO)  # forms_app.* loggers; Flask's handler writes them to stderr
    mail = mail_settings(app)
    settings = settings_of(app)
    if mail.admin_email is None:
        click.echo("warning: no ADMIN_EMAIL (setting or taxonomy site.admin_email); failures alert nobody", err=True)
    with ExitStack() as stack:
        smtp = smtp_settings(app)
        if smtp is None:
            if settings.ENV == "production":
                raise click.ClickException("FORMS_SMTP_HOST is not set; production will not use the local mail catcher.")
            catcher = stack.enter_context(MailCatcher(settings.MAIL_DIR, port=settings.MAIL_CATCHER_PORT))
            click.echo(f"No FORMS_SMTP_HOST: mail goes to the local catcher on port {catcher.port}, "
                       f"saved in {catcher.folder} (see /dev/mail/).")
            smtp = SmtpSettings(host=catcher.host, port=catcher.port, security="none",
                                timeout=settings.SMTP_TIMEOUT)
        stop = threading.Event()
        signals: list[int] = []

        def on_signal(signum, _frame) -> None:  # SIGTERM or Ctrl+C: stop, whatever the workers are doing
            signals.append(signum)
            stop.set()

        for signum in (signal.SIGTERM, signal.SIGINT):
            previous = signal.signal(signum, on_signal)
            if previous is not None:  # None: a handler not set from Python, which cannot be put back
                stack.callback(signal.signal, signum, previous)
        hooks = targets(settings.WEBHOOKS)
        pool = [Worker(store, mail, smtp, worker_settings(app), stop=stop, webhooks=hooks,
                       webhook_timeout=settings.WEBHOOK_TIMEOUT) for _ in range(workers)]
        if once:
            results = _in_threads(store, pool, lambda w: w.run_once(), stop, signals)
            outcomes = sum((r for r in results if r is not None), Counter())
            click.echo("deliver: " + (", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) or "nothing due"))
            return
        click.echo(f"Delivering every {pool[0].settings.poll_interval:g}s with {workers} worker(s); "
                   "Ctrl+C or SIGTERM to stop.")
        _in_threads(store, pool, lambda w: w.run_forever(), stop, signals)
        click.echo("Stopped.")


def _in_threads(store: Store, pool: list[Worker], run, stop: threading.Event, signals: list[int]) -> list:
    """Run ``run(worker)`` for each worker in its own thread until they all end, one fails or a
    signal sets ``stop``; then give them ``STOP_GRACE`` seconds to finish the message in hand.
    A worker still waiting on the mail server after that (a connect, a greeting that never
    comes) is left behind and the rows it holds are given back. Re-raise the first error."""
    results: list = [None] * len(pool)
    errors: list[BaseException] = []
    running = [len(pool)]
    lock = threading.Lock()

    def target(i: int) -> None:
        try:
            results[i] = run(pool[i])
        except BaseException as exc:  # handed to the main thread below
            errors.append(exc)
        finally:
            with lock:
                running[0] -= 1
                if errors or not running[0]:
                    stop.set()

    threads = [threading.Thread(target=target, args=(i,), daemon=True) for i in range(len(pool))]
    for t in threads:
        t.start()
    stop.wait()  # signal handlers run in this (main) thread while it waits
    if signals:
        log.info("%s received: stopping (at most %gs)", signal.Signals(signals[0]).name, STOP_GRACE)
    deadline = time.monotonic() + STOP_GRACE
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    for worker, t in zip(pool, threads):
        if t.is_alive():
            released = store.outbox.release(worker.owner)
            log.warning("worker %s still waiting on the mail server after %gs: left behind, %d row(s) released",
                        worker.owner, STOP_GRACE, released)
    if errors:
        raise errors[0]
    return results
