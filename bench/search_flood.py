"""The misses table under a loop of unique missed searches (issue #16: it grew by 359 rows a second).

    python bench/search_flood.py --seconds 5

Sends unique queries no service answers through the test client for a few
seconds, first from one client (``SEARCH_MISS_RATE_LIMIT`` applies), then
from a new client address each time (only the cap per language and month
holds), and prints how many rows ``search_misses`` then has.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forms_app.store import get_store  # noqa: E402
from tests.support.apps import create_test_app, dispose  # noqa: E402


def letters(n: int) -> str:
    return "".join(chr(97 + int(d)) for d in str(n))  # digits would be masked into one row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args(argv)
    for label, many in (("one client", False), ("a new client address per request", True)):
        app = create_test_app(Path(tempfile.mkdtemp()), RATELIMIT_KEY_PREFIX=f"flood-{many}")
        client = app.test_client()
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < args.seconds:
            ip = f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}" if many else "203.0.113.5"
            client.get(f"/search?q=zzq{letters(n)}x+qwfp{letters(n)}", environ_base={"REMOTE_ADDR": ip})
            n += 1
        with app.app_context():
            rows = get_store().misses.rows()
        dispose(app)
        print(f"{label}: {n} unique missed searches in {args.seconds:g} s -> {rows} rows in search_misses")


if __name__ == "__main__":
    main()
