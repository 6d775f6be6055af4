"""``flask keys rotate`` at 10,000 requests: how long moving every sealed value to a new key takes.

    python bench/keys_bench.py                 # SQLite, 10,000 requests
    python bench/keys_bench.py --requests 2000 --db 'postgresql+psycopg://postgres@127.0.0.1:5432/test'

Seeds the queue bench's requests (``queue_bench.seed``: answers and contacts sealed, the blind
index) under one key, then times ``keys check`` and ``keys rotate`` (``store/rotation.py``) with a
new key first, and ``keys check`` again. Prints seconds and values sealed again.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from queue_bench import database, seed  # noqa: E402

from forms_app.store import Store, make_engine  # noqa: E402
from forms_app.store.rotation import check, rotate  # noqa: E402
from forms_app.store.sealing import Keyring, new_key  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--db", help="a PostgreSQL URL: a throwaway schema there instead of a SQLite file")
    args = parser.parse_args(argv)
    old, new = new_key(), new_key()
    with tempfile.TemporaryDirectory() as tmp, database(args.db, Path(tmp)) as url:
        engine = make_engine(url)
        store = Store(engine, keyring=Keyring([old]))
        store.create_tables()
        seed(engine, args.requests, datetime.now(UTC), random.Random(13), store.keyring)
        engine.dispose()
        engine = make_engine(url)
        store = Store(engine, keyring=Keyring([new, old]))
        timings = []
        for name, step in (("keys check (before)", check), ("keys rotate", rotate), ("keys check (after)", check)):
            start = time.perf_counter()
            tally = step(store, None)
            timings.append((name, time.perf_counter() - start, tally.total_values, tally.indexed, tally.skipped))
        engine.dispose()
    kind = "PostgreSQL" if args.db else "SQLite"
    print(f"\nkeys bench: {args.requests:,} requests on {kind}\n")
    print(f"{'step':<22}{'seconds':>9}{'values':>9}{'indexed':>9}{'skipped':>9}")
    for name, seconds, values, indexed, skipped in timings:
        print(f"{name:<22}{seconds:>9.1f}{values:>9}{indexed:>9}{skipped:>9}")


if __name__ == "__main__":
    main()
