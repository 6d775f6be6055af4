"""``flask --app forms_app deliver [--once] [--workers N] [--requeue ID]``."""

from __future__ import annotations

import logging
import signal
import threading
from collections import Counter
from contextlib import ExitStack

import click
from flask import current_app
from flask.cli import with_appcontext

from ..store import get_store
from .catcher import MailCatcher
from .settings import mail_settings, smtp_settings, worker_settings
from .smtp import SmtpSettings
from .worker import Worker

log = logging.getLogger(__name__)


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
    if mail.admin_email is None:
        click.echo("warning: no ADMIN_EMAIL (setting or taxonomy site.admin_email); failures alert nobody", err=True)
    with ExitStack() as stack:
        smtp = smtp_settings(app)
        if smtp is None:
            if app.config["ENV"] == "production":
                raise click.ClickException("FORMS_SMTP_HOST is not set; production will not use the local mail catcher.")
            catcher = stack.enter_context(MailCatcher(app.config["MAIL_DIR"], port=int(app.config["MAIL_CATCHER_PORT"])))
            click.echo(f"No FORMS_SMTP_HOST: mail goes to the local catcher on port {catcher.port}, "
                       f"saved in {catcher.folder} (see /dev/mail/).")
            smtp = SmtpSettings(host=catcher.host, port=catcher.port, security="none",
                                timeout=float(app.config["SMTP_TIMEOUT"]))
        pool = [Worker(store, mail, smtp, worker_settings(app)) for _ in range(workers)]
        if once:
            outcomes = sum(_in_threads(pool, lambda w: w.run_once()), Counter())
            click.echo("deliver: " + (", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) or "nothing due"))
            return
        stop = threading.Event()
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
        stack.callback(signal.signal, signal.SIGTERM, previous)
        click.echo(f"Delivering every {pool[0].settings.poll_interval:g}s with {workers} worker(s); Ctrl+C to stop.")
        try:
            _in_threads(pool, lambda w: w.run_forever(stop), stop)
        except KeyboardInterrupt:
            click.echo("Stopped.")


def _in_threads(pool: list[Worker], run, stop: threading.Event | None = None) -> list:
    """Run ``run(worker)`` for each worker (the first in this thread); re-raise the first error.
    If this thread is interrupted, ``stop`` is set so the others finish their round and end."""
    results: list = [None] * len(pool)
    errors: list[BaseException] = []

    def target(i: int) -> None:
        try:
            results[i] = run(pool[i])
        except BaseException as exc:  # handed to the main thread below
            errors.append(exc)

    threads = [threading.Thread(target=target, args=(i,), daemon=True) for i in range(1, len(pool))]
    for t in threads:
        t.start()
    try:
        results[0] = run(pool[0])
    except BaseException:
        if stop is not None:
            stop.set()
        raise
    finally:
        for t in threads:
            t.join()
    if errors:
        raise errors[0]
    return results
