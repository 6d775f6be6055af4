"""The staff queue at 10,000 requests: seed them, then time ``/staff/requests/`` as staff see it.

    python bench/queue_bench.py                         # SQLite, 10,000 requests, 100 rounds a case
    python bench/queue_bench.py --requests 2000 --rounds 20
    python bench/queue_bench.py --db 'postgresql+psycopg://postgres@127.0.0.1:5432/test'  # a fresh schema there

Seeds N requests spread over six departments and their services, every status
and channel, the last year of dates, half with a due date (a fifth overdue),
names and phones to search, written in bulk with SQLAlchemy Core into the
store's own tables (the indexes the app has: ``ix_submissions_queue``). Then, through
the Flask test client of ``forms_app.create_app`` (the whole page: session lookup,
the two queries, the template), times for a member of three departments (about
half the requests) and for an administrator (all):

- the default list (received, newest first), a status filter, overdue only,
  a personal search by name (audited: one row written per search), page 50.

Prints p50/p95/max wall-clock milliseconds and CPU p50/p95 of the calling thread
(the database's time is in wall clock only). Target: p95 < 100 ms. With ``--db`` a new
schema is made on that PostgreSQL server and dropped afterwards.
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert  # noqa: E402

from forms_app.store import STATUSES, Store, make_engine, new_reference  # noqa: E402
from forms_app.store import blind_index  # noqa: E402
from forms_app.store.schema import CHANNELS, contact_index, submissions  # noqa: E402
from forms_app.store.sealing import Keyring, new_key  # noqa: E402

DEPARTMENTS = {
    "clerk": ["council-delegation", "access-to-information", "marriage-licence"],
    "animal-services": ["dog-licence", "animal-shelter-adoption"],
    "building": ["building-permit"],
    "environment": ["bulky-item-collection"],
    "recreation": ["facility-rental"],
    "bylaw": ["noise-complaint"],
}
MEMBER_DEPARTMENTS = ["clerk", "animal-services", "building"]
NAMES = ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Smith", "Brown",
         "Wilson", "Martin", "Li", "Singh", "Nguyen", "Patel", "Ahmed", "Campbell", "Anderson"]
FIRST = ["Jo", "Marie", "Sam", "Alex", "Priya", "Jean", "Chen", "Omar", "Sofia", "Luc"]


def seed(engine, n: int, now: datetime, rng: random.Random, keyring: Keyring) -> None:
    """``n`` requests in bulk, 1,000 per transaction: contacts and answers sealed (the store's types), the
    search's blind index (``blind_index.py``) under ``keyring``'s newest key, as ``Store.save`` writes them."""
    departments = list(DEPARTMENTS)
    rows, refs = [], set()
    for i in range(n):
        department = rng.choice(departments)
        service = rng.choice(DEPARTMENTS[department])
        created = now - timedelta(minutes=rng.randint(0, 365 * 24 * 60))
        status = rng.choices(STATUSES, weights=[30, 25, 10, 25, 10])[0]
        ref = new_reference()
        while ref in refs:
            ref = new_reference()
        refs.add(ref)
        name = f"{rng.choice(FIRST)} {rng.choice(NAMES)}"
        email = f"{name.split()[0].lower()}.{i}@example.net" if rng.random() < 0.7 else None
        rows.append(dict(
            id=i + 1, reference=ref, service=service, lang=rng.choice(["en", "fr"]), service_title=service.replace("-", " ").title(),
            department=department, recipient=f"{department}@bellerive.example.org",
            answers=[{"name": "name", "label": "Your name", "value": name}], reply_to=email, resident_copy_to=email,
            created_at=created, channel=rng.choices(CHANNELS, weights=[70, 15, 8, 5, 2])[0], status=status,
            status_at=created + timedelta(days=rng.randint(0, 10)),
            due_on=(created + timedelta(days=rng.randint(5, 30))).date() if rng.random() < 0.5 else None,
            contact_name=name, contact_phone=f"613-555-{rng.randint(0, 9999):04d}" if rng.random() < 0.6 else None,
        ))
    for r in rows[::1000]:
        r["contact_phone"] = "613-555-0142"  # the phone the bench searches for: ten requests
    index = [d for r in rows for d in blind_index.rows(keyring.index_keys[0], r["id"], blind_index.terms(
        r["reply_to"], r["resident_copy_to"], r["contact_name"], r["contact_phone"]))]
    for start in range(0, n, 1000):
        with engine.begin() as conn:
            conn.execute(insert(submissions), rows[start:start + 1000])
    for start in range(0, len(index), 5000):
        with engine.begin() as conn:
            conn.execute(insert(contact_index), index[start:start + 5000])


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)], ordered[-1]


def timed(client, query: dict, rounds: int) -> tuple[list[float], list[float], int]:
    wall, cpu, rows = [], [], 0
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.thread_time()
        reply = client.get("/staff/requests/", query_string=query)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
        assert reply.status_code == 200, reply.status_code
        rows = reply.get_data(as_text=True).count('class="gx-reference"')
    return wall, cpu, rows


@contextmanager
def database(db: str | None, tmp: Path):
    if not db:
        yield f"sqlite:///{tmp / 'bench.sqlite3'}"
        return
    admin = create_engine(db)
    schema = "bench_" + secrets.token_hex(6)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield f"{db}{'&' if '?' in db else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


def posted(client, form: dict) -> dict:
    """A personal search is posted (it never goes in an address): the query string its redirect names."""
    from urllib.parse import parse_qsl, urlsplit

    from tests.support.html_tree import csrf_token

    token = csrf_token(client.get("/staff/requests/"))
    reply = client.post("/staff/requests/", data={**form, "csrf_token": token}, headers={"Origin": "http://localhost"})
    assert reply.status_code == 303, reply.status_code
    return dict(parse_qsl(urlsplit(reply.headers["Location"]).query))


CASES = [
    ("default (newest first)", {}),
    ("status=in_progress", {"status": "in_progress"}),
    ("overdue only", {"overdue": "1"}),
    ("search by name", {"q": "tremblay", "in": "name"}),
    ("search by phone", {"q": "(613) 555-0142", "in": "phone"}),
    ("page 50", {"page": "50"}),
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=100, help="timed requests per case (after 5 to warm up)")
    parser.add_argument("--db", help="a PostgreSQL URL: a throwaway schema there instead of a SQLite file")
    args = parser.parse_args(argv)
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as tmp, database(args.db, Path(tmp)) as url:
        key = new_key()
        engine = make_engine(url)
        store = Store(engine, keyring=Keyring([key]))
        store.create_tables()
        start = time.perf_counter()
        seed(engine, args.requests, datetime.now(UTC), rng, store.keyring)
        seeded = time.perf_counter() - start
        engine.dispose()

        from forms_app import create_app
        from tests.support.staff import sign_in

        app = create_app({
            "SECRET_KEY": "bench", "CATALOGUE_DIR": str(ROOT / "catalogue"), "SITE_DIR": str(Path(tmp) / "site"),
            "SERVE_SITE": False, "DATABASE_URL": url, "UPLOAD_DIR": str(Path(tmp) / "uploads"),
            "MAIL_DIR": str(Path(tmp) / "mail"), "PUBLIC_URL": "http://localhost", "ENCRYPTION_KEYS": [key],
        })
        results = []
        for who, departments, admin in (("3 departments", MEMBER_DEPARTMENTS, False), ("administrator", [], True)):
            client = app.test_client()
            sign_in(client, f"{who.split()[0]}@bellerive.example.org", departments, admin)
            for name, query in CASES:
                query = posted(client, query) if "in" in query else query
                timed(client, query, 5)
                wall, cpu, rows = timed(client, query, args.rounds)
                results.append((who, name, rows, wall, cpu))
        app.extensions["guichet_store"].engine.dispose()

    kind = "PostgreSQL" if args.db else "SQLite"
    print(f"\nqueue bench: {args.requests:,} requests on {kind} (seeded in {seeded:.1f} s), {args.rounds} rounds a case\n")
    print(f"{'viewer':<15}{'case':<24}{'rows':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'CPU p50':>9}{'CPU p95':>9}")
    for who, name, rows, wall, cpu in results:
        p50, p95, top = percentiles(wall)
        c50, c95, _ = percentiles(cpu)
        print(f"{who:<15}{name:<24}{rows:>5}{p50:>9.1f}{p95:>9.1f}{top:>9.1f}{c50:>9.1f}{c95:>9.1f}")


if __name__ == "__main__":
    main()
