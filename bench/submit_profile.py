"""Where one form submission's time goes, in process (no network, no gunicorn).

Makes the forms app in production mode (CSRF, rate limits, a real secret,
SQLite in a temporary folder), GETs the form once, then POSTs valid answers
``--requests`` times through Flask's test client and prints the mean time
per POST. With ``--profile`` it also prints the functions that took the
most time (cProfile, which roughly doubles every figure, so compare
shares, not milliseconds). ``--no-fsync`` puts the database on /dev/shm to
see the app's own cost without the disk.

    python bench/submit_profile.py --requests 2000
    python bench/submit_profile.py --requests 500 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from submit_bench import ANSWERS  # noqa: E402


def make_app(tmp: Path):
    from forms_app import create_app

    return create_app({
        "ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "PUBLIC_URL": "https://services.bellerive.example.org",
        "DATABASE_URL": f"sqlite:///{tmp / 'profile.sqlite3'}",
        "UPLOAD_DIR": str(tmp / "uploads"),
        "MAIL_DIR": str(tmp / "mail"),
        "SMTP_HOST": "127.0.0.1",
        "SERVE_SITE": False,
        "RATELIMIT_SUBMIT": "1000000 per second",
        **dict(a.split("=", 1) for a in os.environ.get("EXTRA", "").split(",") if a),
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--form", default="dog-licence", choices=sorted(ANSWERS))
    parser.add_argument("--profile", action="store_true", help="print the 30 functions with the most cumulative time")
    parser.add_argument("--callgrind", action="store_true",
                        help="run under valgrind --tool=callgrind --instr-atstart=no: counts instructions of the POSTs only")
    parser.add_argument("--no-fsync", action="store_true", help="database on /dev/shm (not durable; diagnostic)")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="guichet-profile-", dir="/dev/shm" if args.no_fsync else None))
    try:
        app = make_app(tmp)
        client = app.test_client()
        url = f"/forms/{args.form}/"
        page = client.get(url, base_url="https://localhost").data
        token = re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()
        data = dict(ANSWERS[args.form], csrf_token=token)

        def post_all(n: int) -> None:
            for _ in range(n):
                response = client.post(url, data=data, base_url="https://localhost", headers={"Referer": "https://localhost" + url})
                if response.status_code != 303:
                    raise SystemExit(f"POST answered {response.status_code}")

        post_all(50)  # warm caches, compiled statements and the connection pool
        profiler = cProfile.Profile() if args.profile else None
        started, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        if args.callgrind:
            subprocess.run(["callgrind_control", "--instr=on", str(os.getpid())], check=True, capture_output=True)
        post_all(args.requests)
        if args.callgrind:
            subprocess.run(["callgrind_control", "--instr=off", str(os.getpid())], check=True, capture_output=True)
        if profiler:
            profiler.disable()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"{args.requests} POSTs to {url}: {wall / args.requests * 1000:.2f} ms wall, "
              f"{cpu / args.requests * 1000:.2f} ms CPU per submission{' (under cProfile)' if profiler else ''}")
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
