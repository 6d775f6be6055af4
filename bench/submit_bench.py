"""Form submissions per second, end to end, against a bare Flask endpoint.

Starts two gunicorn servers on 127.0.0.1 (free ports): the forms app in
production mode (CSRF on, a real secret, rate limits on with a limit the
bench cannot reach, SQLite in a temporary folder) and a bare Flask app
whose POST handler only reads the form and redirects. Then, for each,
``--clients`` concurrent clients (``--procs`` processes of threads, each
with its own keep-nothing ``http.client`` connection per request, as
gunicorn's sync workers close them) post for ``--seconds`` seconds.

A form client first GETs the form (its session cookie and CSRF token),
then posts valid answers again and again, following nothing: a 303 to
``/done/`` means ``save_submission`` returned, so the submission and its
outbox row are committed. At the end the submissions table is counted
and must equal the 303s.

    python bench/submit_bench.py --seconds 10 --clients 32 --workers 4

Prints a table; exits non-zero when a request failed or rows are missing.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import secrets
import signal
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
ANSWERS = {
    "dog-licence": {
        "owner_name": "Bench Resident",
        "address": "100 Main Street",
        "postal_code": "K0A 1A0",
        "phone": "613-555-0100",
        "email": "bench@example.net",
        "dog_name": "Rex",
        "breed": "mixed",
        "birth_date-day": "15",
        "birth_date-month": "3",
        "birth_date-year": "2024",
        "sterilized": "yes",
        "tag_type": "new",
    }
}


def bare_app():
    """The yardstick: Flask, a form parse and a redirect; no CSRF, no checks, no database."""
    from flask import Flask, redirect, request

    app = Flask("bare")

    @app.get("/forms/<slug>/")
    def show(slug):
        return '<form method="post"><input type="hidden" name="csrf_token" value="none"></form>'

    @app.post("/forms/<slug>/")
    def submit(slug):
        return redirect(f"/forms/{slug}/done/{len(request.form)}", 303)

    return app


# -- servers -------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start(target: str, port: int, workers: int, worker_class: str, threads: int, env: dict, pythonpath: str, url: str) -> subprocess.Popen:
    cmd = [
        sys.executable, "-m", "gunicorn", target,
        "--bind", f"{HOST}:{port}", "--workers", str(workers), "--worker-class", worker_class,
        "--threads", str(threads), "--backlog", "2048", "--log-level", "warning", "--pythonpath", pythonpath,
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn for {target} exited with {proc.returncode}")
        try:
            # Every worker loads the app lazily: wait until a run of GETs is fast, so all are up.
            timings = []
            for _ in range(workers * 4):
                started = time.perf_counter()
                status = request(port, "GET", url)[0]
                timings.append(time.perf_counter() - started)
                if status != 200:
                    raise SystemExit(f"GET {url} on {target}: {status}")
            if max(timings) < 0.5:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"gunicorn for {target} did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# -- clients -------------------------------------------------------------------

def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, response.getheader("Location"), response.getheader("Set-Cookie"), data
    finally:
        conn.close()


def cookie_of(set_cookie: str | None, current: str) -> str:
    return set_cookie.split(";", 1)[0] if set_cookie else current


def client_session(port: int, url: str, answers: dict, until: float, results: list) -> None:
    """One resident after another on the same browser: GET once, then POST until the time is up."""
    try:
        status, _, set_cookie, page = request(port, "GET", url)
    except OSError as exc:
        results.append(("error", f"GET {type(exc).__name__}", 0.0))
        return
    found = re.search(rb'name="csrf_token" value="([^"]+)"', page)
    if status != 200 or not found:
        results.append(("error", f"GET {status}", 0.0))
        return
    cookie = cookie_of(set_cookie, "")
    token = found.group(1).decode()
    body = urllib.parse.urlencode(dict(answers, csrf_token=token)).encode()
    while time.monotonic() < until:
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        started = time.perf_counter()
        try:
            status, location, set_cookie, _ = request(port, "POST", url, body, headers)
        except OSError as exc:
            results.append(("error", type(exc).__name__, 0.0))
            continue
        elapsed = time.perf_counter() - started
        if status == 303 and location and "/done/" in location:
            results.append(("ok", location.rsplit("/", 1)[1], elapsed))
            cookie = cookie_of(set_cookie, cookie)
        else:
            results.append(("error", f"POST {status}", elapsed))


def client_process(port: int, url: str, answers: dict, threads: int, start_at: float, seconds: float, queue) -> None:
    while time.monotonic() < start_at:
        time.sleep(0.001)
    results: list = []
    workers = [
        threading.Thread(target=client_session, args=(port, url, answers, start_at + seconds, results))
        for _ in range(threads)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    queue.put(results)


def drive(port: int, url: str, answers: dict, clients: int, procs: int, seconds: float) -> dict:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    start_at = time.monotonic() + 1.0
    per_proc = [clients // procs + (1 if i < clients % procs else 0) for i in range(procs)]
    processes = [
        ctx.Process(target=client_process, args=(port, url, answers, n, start_at, seconds, queue))
        for n in per_proc if n
    ]
    for p in processes:
        p.start()
    results = [r for _ in processes for r in queue.get(timeout=seconds + 120)]
    for p in processes:
        p.join()
    oks = [r for r in results if r[0] == "ok"]
    latencies = sorted(r[2] for r in oks)
    errors = [r[1] for r in results if r[0] == "error"]
    return {
        "ok": len(oks),
        "references": {r[1] for r in oks},
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:5],
        "rate": len(oks) / seconds,
        "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else float("nan"),
    }


# -- the run -------------------------------------------------------------------

def postgres_schema(url: str, schema: str) -> str:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine.dispose()
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def drop_schema(url: str, schema: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    engine.dispose()


def create_tables(database_url: str) -> None:
    """Before the workers start: each worker's create_app() would race the others to CREATE TABLE."""
    sys.path.insert(0, str(ROOT))
    from forms_app.store import Store, make_engine

    engine = make_engine(database_url)
    Store(engine).create_tables()
    engine.dispose()


def count_rows(database_url: str, form_references: set[str]) -> tuple[int, int]:
    """How many of this run's submissions, and of their outbox rows, the database holds."""
    from sqlalchemy import create_engine, func, select

    sys.path.insert(0, str(ROOT))
    from forms_app.store.schema import outbox, submissions

    engine = create_engine(database_url)
    refs = sorted(form_references)
    stored = queued = 0
    with engine.connect() as conn:
        for i in range(0, len(refs), 500):
            chunk = refs[i : i + 500]
            ids = select(submissions.c.id).where(submissions.c.reference.in_(chunk))
            stored += conn.execute(select(func.count()).select_from(ids.subquery())).scalar()
            queued += conn.execute(select(func.count()).where(outbox.c.submission_id.in_(ids))).scalar()
    engine.dispose()
    return stored, queued

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--procs", type=int, default=4, help="client processes the clients are spread over")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--form", default="dog-licence", choices=sorted(ANSWERS))
    parser.add_argument("--postgres", default=None, metavar="URL",
                        help="bench on this PostgreSQL server (postgresql+psycopg://…), in a schema made and dropped for the run; "
                             "default: a new SQLite file, the app's default database")
    parser.add_argument("--sqlite-dir", default=None,
                        help="folder of the SQLite file (default: a temporary folder on the system disk); "
                             "/dev/shm takes the disk's fsync out, to see the app's own cost: not durable")
    parser.add_argument("--ratelimit-storage", default="memory://", help="for example redis://127.0.0.1:6379")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the servers, files and schema are cleaned up

    tmp = Path(tempfile.mkdtemp(prefix="guichet-bench-", dir=args.sqlite_dir))
    schema = f"submit_bench_{secrets.token_hex(4)}"
    database_url = postgres_schema(args.postgres, schema) if args.postgres else f"sqlite:///{tmp / 'bench.sqlite3'}"
    env = dict(
        os.environ,
        FORMS_ENV="production",
        FORMS_SECRET_KEY=secrets.token_urlsafe(32),
        FORMS_DATABASE_URL=database_url,
        FORMS_RATELIMIT_STORAGE_URI=args.ratelimit_storage,
        FORMS_RATELIMIT_KEY_PREFIX=f"bench-{secrets.token_hex(4)}",
        FORMS_UPLOAD_DIR=str(tmp / "uploads"),
        FORMS_MAIL_DIR=str(tmp / "mail"),
        FORMS_SERVE_SITE="false",
        FORMS_RATELIMIT_SUBMIT="1000000 per second",
    )
    url = f"/forms/{args.form}/"
    rows = []
    try:
        create_tables(database_url)
        for name, target in (("bare Flask POST", "submit_bench:bare_app()"), ("form submission", "forms_app:create_app()")):
            port = free_port()
            server = start(target, port, args.workers, args.worker_class, args.threads, env, str(ROOT / "bench"), url)
            try:
                result = drive(port, url, ANSWERS[args.form], args.clients, args.procs, args.seconds)
            finally:
                stop(server)
            rows.append((name, result))
        stored, outbox = count_rows(database_url, form_references=rows[1][1]["references"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if args.postgres:
            drop_schema(args.postgres, schema)

    print(f"\n{args.clients} clients, {args.seconds:g} s each, gunicorn {args.workers} × {args.worker_class}"
          f"{f' × {args.threads} threads' if args.threads > 1 else ''}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, {database_url.split(':')[0]}, rate limits in {args.ratelimit_storage.split(':')[0]}\n")
    print(f"{'endpoint':<18} {'requests':>9} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, r in rows:
        print(f"{name:<18} {r['ok']:>9} {r['rate']:>8.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['errors']:>7}")
    bare, form = rows[0][1], rows[1][1]
    print(f"\nform / bare throughput: {form['rate'] / bare['rate']:.2f}")
    print(f"submissions stored: {stored} (303s: {form['ok']}, distinct references: {len(form['references'])}); outbox rows: {outbox}")
    target_met = form["rate"] >= 500 and form["p99"] < 100
    print(f"target (>= 500 submissions/s, p99 < 100 ms): {'met' if target_met else 'not met'}")
    failed = not form["ok"] or form["errors"] or bare["errors"] or stored != form["ok"] or len(form["references"]) != form["ok"]
    if failed:
        print(f"FAILED: errors {form['error_kinds'] or bare['error_kinds']}, stored {stored} vs {form['ok']}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
