"""How many mails per second the delivery worker moves from the outbox to an SMTP server.

    python bench/mail_bench.py                    # SQLite, 500 submissions, 1 worker
    python bench/mail_bench.py --workers 4        # 4 workers (threads) on the same database
    python bench/mail_bench.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test

Each submission has six answers and a 20 KB attachment; the SMTP server is a
local aiosmtpd (in its own process) that accepts and counts. The figure is delivered mails divided
by the time the workers took to drain the outbox (the target is ≥ 50 mails/s).
The database is a temporary SQLite file, or a temporary schema on PostgreSQL.
"""

from __future__ import annotations

import argparse
import multiprocessing
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from sqlalchemy import create_engine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forms_app.delivery import MailSettings, SmtpSettings, Worker, WorkerSettings  # noqa: E402
from forms_app.delivery.catcher import free_port  # noqa: E402
from forms_app.delivery.settings import parse_mail_from  # noqa: E402
from forms_app.store import Answer, Attachment, NewSubmission, Store, make_engine  # noqa: E402


class Count:
    def __init__(self, received, size):
        self.received, self.size = received, size

    async def handle_DATA(self, server, session, envelope):
        with self.received.get_lock():
            self.received.value += 1
            self.size.value += len(envelope.original_content)
        return "250 OK"


def serve(port: int, received, size, ready, stop) -> None:
    """The SMTP server, in its own process as a real relay would be (no shared GIL)."""
    controller = Controller(Count(received, size), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def submission(i: int, copies: bool) -> NewSubmission:
    return NewSubmission(
        service="dog-licence", lang="en" if i % 2 else "fr", service_title="Dog licence", department="clerk",
        recipient="clerk@bellerive.example.org",
        answers=[Answer("name", "Your name", f"Resident {i}"), Answer("dog", "Dog's name", "Rex"),
                 Answer("breed", "Breed", "Labrador"), Answer("vaccinated", "Is the dog vaccinated?", "Yes"),
                 Answer("date", "Date of vaccination", "2024-03-15"),
                 Answer("notes", "Anything else?", "He is friendly.\nHe likes cats.")],
        reply_to=f"resident{i}@example.net", resident_copy_to=f"resident{i}@example.net" if copies else None,
        attachments=[Attachment("bench-file", "vaccination.pdf", "application/pdf", 20_000)],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=500, help="submissions (default 500)")
    parser.add_argument("--workers", type=int, default=1, help="worker threads (default 1)")
    parser.add_argument("--batch", type=int, default=50, help="rows claimed at a time (default 50)")
    parser.add_argument("--copies", action="store_true", help="also send each resident a confirmation")
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "bench-file").write_bytes(secrets.token_bytes(20_000))
        schema = None
        if args.database_url:
            schema = "bench_" + secrets.token_hex(4)
            admin = create_engine(args.database_url)
            with admin.begin() as conn:
                conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
            url = f"{args.database_url}?options=-csearch_path%3D{schema}"
        else:
            url = f"sqlite:///{tmp / 'bench.sqlite3'}"
        engine = make_engine(url)
        try:
            store = Store(engine)
            store.create_tables()
            t0 = time.perf_counter()
            for i in range(args.n):
                store.save_submission(submission(i, args.copies))
            saving = time.perf_counter() - t0

            port = free_port()
            received, size = multiprocessing.Value("i", 0), multiprocessing.Value("q", 0)
            ready, stop = multiprocessing.Event(), multiprocessing.Event()
            server = multiprocessing.Process(target=serve, args=(port, received, size, ready, stop))
            server.start()
            ready.wait(30)
            mail = MailSettings(
                mail_from=parse_mail_from("City of Bellerive <no-reply@bellerive.example.org>"),
                public_url="https://forms.bellerive.example.org", secret_key="bench", upload_dir=tmp,
                timezone="America/Toronto", link_max_age=90 * 86400,
                site_name={"en": "City of Bellerive", "fr": "Ville de Bellerive"}, admin_email="admin@bellerive.example.org",
            )
            smtp = SmtpSettings(host="127.0.0.1", port=port, security="none", timeout=10)
            workers = [Worker(store, mail, smtp, WorkerSettings(batch_size=args.batch)) for _ in range(args.workers)]
            results = []
            threads = [threading.Thread(target=lambda w=w: results.append(w.run_once())) for w in workers]
            t0, cpu0 = time.perf_counter(), time.process_time()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
            stop.set()
            server.join(30)
        finally:
            engine.dispose()
            if schema:
                with admin.begin() as conn:
                    conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
                admin.dispose()

    expected = args.n * (2 if args.copies else 1)
    sent = sum(r.get("sent", 0) for r in results)
    db = "PostgreSQL" if args.database_url else "SQLite"
    print(f"saving: {args.n} submissions in {saving:.2f} s ({args.n / saving:.0f}/s)")
    print(f"delivery: {sent} mails ({received.value} received, {size.value / 1e6:.1f} MB) in {elapsed:.2f} s "
          f"with {args.workers} worker(s), {db}: {sent / elapsed:.0f} mails/s")
    print(f"worker CPU: {cpu * 1000 / max(sent, 1):.1f} ms per mail ({sent / cpu:.0f} mails per CPU-second; "
          f"the wall-clock figure also waits for disk syncs, the SMTP server and other load on the machine)")
    if received.value != expected or sent != expected:
        sys.exit(f"expected {expected} mails, the server received {received.value}")


if __name__ == "__main__":
    main()
