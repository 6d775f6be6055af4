"""The submission's three INSERTs: the store's hand-prepared statements on the driver's
cursor (``store/prepared.py``) against SQLAlchemy Core's ``insert()``, in ONE run.

Both run in the same process on the same app and database, alternating
(A B B A …) in ``--rounds`` rounds of ``--requests`` submissions each, so
a drift of the machine's speed falls on both alike. Two measures:

- ``post``: a whole form POST through Flask's test client (production
  settings, as ``submit_profile.py``);
- ``save``: ``Store.save`` alone, the part that differs.

Each prints CPU ms per submission: the median of the rounds, their range
(the run-to-run noise), and the median of the paired differences.
``--callgrind --only core|prepared`` counts instructions of one of them
(repeatable to 0.3%):

    python bench/prepared_vs_core.py --rounds 10 --requests 300 --no-fsync
    valgrind --tool=callgrind --instr-atstart=no python bench/prepared_vs_core.py --callgrind --only core --no-fsync
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import insert  # noqa: E402
from submit_bench import ANSWERS  # noqa: E402
from submit_profile import make_app  # noqa: E402

from forms_app.store.outbox import new_row  # noqa: E402
from forms_app.store.schema import attachments, outbox, status_events, submissions  # noqa: E402

def core_insert(store) -> Callable:
    """``Store._insert`` written with SQLAlchemy Core's ``insert()`` (what would replace ``prepared.py``)."""
    new_submission = insert(submissions).returning(submissions.c.id)

    def _insert(self, conn, reference, submission, files, copy_to, now):
        submission_id = conn.execute(new_submission, dict(submission, reference=reference, created_at=now)).scalar_one()
        if files:
            conn.execute(insert(attachments), [dict(f, submission_id=submission_id) for f in files])
        rows = [new_row(submission_id, "department", submission["recipient"], now)]
        if copy_to is not None:
            rows.append(new_row(submission_id, "resident_copy", copy_to, now))
        conn.execute(insert(outbox), rows)
        conn.execute(insert(status_events),
                     dict(submission_id=submission_id, reference=reference, status="received", note="", at=now, by="system"))

    return types.MethodType(_insert, store)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--requests", type=int, default=300, help="submissions per round and implementation")
    parser.add_argument("--form", default="dog-licence", choices=sorted(ANSWERS))
    parser.add_argument("--no-fsync", action="store_true", help="database on /dev/shm (the app's own cost, not the disk's)")
    parser.add_argument("--callgrind", action="store_true", help="count instructions of --requests POSTs of --only")
    parser.add_argument("--only", choices=("core", "prepared"))
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="guichet-pvc-", dir="/dev/shm" if args.no_fsync else None))
    try:
        app = make_app(tmp)
        from forms_app.store import get_store
        from tests.support.submissions import new_submission

        with app.app_context():
            store = get_store()
        insert_of = {"core": core_insert(store), "prepared": store._insert}  # the store's own is prepared.py
        client = app.test_client()
        url = f"/forms/{args.form}/"
        page = client.get(url, base_url="https://localhost").data
        token = re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()
        data = dict(ANSWERS[args.form], csrf_token=token)
        headers = {"Referer": "https://localhost" + url}

        def post(n: int) -> None:
            for _ in range(n):
                response = client.post(url, data=data, base_url="https://localhost", headers=headers)
                if response.status_code != 303:
                    raise SystemExit(f"POST answered {response.status_code}")

        def save(n: int) -> None:
            for _ in range(n):
                store.save(new_submission())

        for name in ("core", "prepared"):  # warm both: compiled statements, caches, the pool
            store._insert = insert_of[name]
            post(50)
            save(50)
        if args.callgrind:
            store._insert = insert_of[args.only or "core"]
            subprocess.run(["callgrind_control", "--instr=on", str(os.getpid())], check=True, capture_output=True)
            post(args.requests)
            subprocess.run(["callgrind_control", "--instr=off", str(os.getpid())], check=True, capture_output=True)
            print(f"{args.requests} POSTs with {args.only or 'core'} under callgrind")
            return 0
        cpu: dict[tuple[str, str], list[float]] = {}
        for round_ in range(args.rounds):
            order = ("core", "prepared") if round_ % 2 == 0 else ("prepared", "core")  # A B, B A, …
            for measure, run in (("post", post), ("save", save)):
                for name in order:
                    store._insert = insert_of[name]
                    started = time.process_time()
                    run(args.requests)
                    cpu.setdefault((measure, name), []).append((time.process_time() - started) / args.requests * 1000)
        print(f"{args.rounds} rounds × {args.requests} submissions each, alternating; CPU ms per submission"
              f"{' (database on /dev/shm)' if args.no_fsync else ''}")
        for measure in ("post", "save"):
            core, prepared = cpu[measure, "core"], cpu[measure, "prepared"]
            diffs = [c - p for c, p in zip(core, prepared)]
            print(f"{measure:5} core     median {statistics.median(core):.3f} (rounds {min(core):.3f}–{max(core):.3f})")
            print(f"{measure:5} prepared median {statistics.median(prepared):.3f} (rounds {min(prepared):.3f}–{max(prepared):.3f})")
            print(f"{measure:5} core − prepared, paired by round: median {statistics.median(diffs):+.3f} ms "
                  f"({statistics.median(diffs) / statistics.median(prepared):+.1%}), rounds {min(diffs):+.3f}…{max(diffs):+.3f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
