"""Form submissions per second, end to end, against a bare Flask endpoint.

Starts two gunicorn servers on 127.0.0.1 (free ports), one after the other:
the forms app in production mode (CSRF on, a real secret, rate limits on
with a limit the bench cannot reach, SQLite in a temporary folder) and a
bare Flask app whose POST handler only reads the form and redirects. Then
``--clients`` concurrent clients post valid answers for ``--seconds``
seconds (``bench/loadgen.py``: wrk when installed, else Python threads).

Each client is a resident: it GETs the form once (its own session cookie
and CSRF token), then posts again and again, following nothing. A 303 to
``/done/`` means ``save_submission`` returned, so the submission and its
outbox rows were committed. At the end the database is counted: every
303 must have its row, and every row its department outbox row.

The server's CPU time (gunicorn's processes, from /proc) is printed per
request too: it does not depend on how much of the machine the load
generator takes.

    python bench/submit_bench.py --seconds 10 --clients 32 --workers 4
    python bench/submit_bench.py --client python   # the earlier Python load generator

Prints a table; exits non-zero when a request failed or rows are missing.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import loadgen

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
        "colour": "brown",
        "rabies_shot-day": "2",
        "rabies_shot-month": "6",
        "rabies_shot-year": "2026",
        "owner_senior": "no",
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
                status = loadgen.request(port, "GET", url)[0]
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


def count_rows(database_url: str) -> tuple[int, int]:
    """The run's submissions, and how many of them lack a department outbox row."""
    from sqlalchemy import create_engine, func, select

    sys.path.insert(0, str(ROOT))
    from forms_app.store.schema import outbox, submissions

    engine = create_engine(database_url)
    queued = select(outbox.c.submission_id).where(outbox.c.kind == "department")
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(submissions)).scalar()
        unqueued = conn.execute(select(func.count()).where(submissions.c.id.not_in(queued))).scalar()
    engine.dispose()
    return stored, unqueued


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a gunicorn master and its workers so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()]
    total = 0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--client", choices=("wrk", "python"), default="wrk" if loadgen.have_wrk() else "python",
                        help="load generator (default: wrk when installed: apt-get install wrk)")
    parser.add_argument("--procs", type=int, default=4, help="processes the Python clients are spread over")
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
    parser.add_argument("--ratelimit-storage", default="worker-memory://", help="for example redis://127.0.0.1:6379")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the servers, files and schema are cleaned up
    drive = loadgen.drive_wrk if args.client == "wrk" else loadgen.drive_python

    tmp = Path(tempfile.mkdtemp(prefix="guichet-bench-", dir=args.sqlite_dir))
    schema = f"submit_bench_{secrets.token_hex(4)}"
    database_url = postgres_schema(args.postgres, schema) if args.postgres else f"sqlite:///{tmp / 'bench.sqlite3'}"
    env = dict(
        os.environ,
        FORMS_ENV="production",
        FORMS_SECRET_KEY=secrets.token_urlsafe(32),
        FORMS_PUBLIC_URL="https://services.bellerive.example.org",
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
                cpu = server_cpu(server.pid)
                result = drive(port, url, ANSWERS[args.form], args.clients, args.seconds, procs=args.procs)
                result["cpu_ms"] = (server_cpu(server.pid) - cpu) / max(result["ok"], 1) * 1000
            finally:
                stop(server)
            rows.append((name, result))
        stored, unqueued = count_rows(database_url)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if args.postgres:
            drop_schema(args.postgres, schema)
    return report(args, database_url, rows, stored, unqueued)


def report(args, database_url: str, rows: list, stored: int, unqueued: int) -> int:
    print(f"\n{args.clients} clients ({args.client}), {args.seconds:g} s each, gunicorn {args.workers} × {args.worker_class}"
          f"{f' × {args.threads} threads' if args.threads > 1 else ''}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
          f"{database_url.split(':')[0]}, rate limits in {args.ratelimit_storage.split(':')[0]}\n")
    print(f"{'endpoint':<18} {'requests':>9} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'server CPU ms/req':>18}")
    for name, r in rows:
        print(f"{name:<18} {r['ok']:>9} {r['rate']:>8.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['errors']:>7} {r['cpu_ms']:>18.2f}")
    bare, form = rows[0][1], rows[1][1]
    print(f"\nform / bare throughput: {form['rate'] / bare['rate']:.2f}")
    # wrk stops with up to one request per connection in flight: stored, but its 303 never counted.
    in_flight = args.clients if form["references"] is None else 0
    distinct = form["ok"] if form["references"] is None else len(form["references"])
    print(f"submissions stored: {stored} (303s: {form['ok']}, at most {in_flight} more in flight at the end); "
          f"without a department outbox row: {unqueued}")
    target_met = form["rate"] >= 500 and form["p99"] < 100
    print(f"target (>= 500 submissions/s, p99 < 100 ms): {'met' if target_met else 'not met'}")
    failed = (not form["ok"] or form["errors"] or bare["errors"] or unqueued or distinct != form["ok"]
              or not form["ok"] <= stored <= form["ok"] + in_flight)
    if failed:
        print(f"FAILED: errors {form['error_kinds'] or bare['error_kinds']}, stored {stored} vs {form['ok']}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
