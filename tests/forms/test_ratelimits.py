"""worker-memory://, the default rate-limit storage: fixed windows, swept, no thread per hit."""

from __future__ import annotations

import threading

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from forms_app import ratelimits
from forms_app.ratelimits import WorkerMemoryStorage


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_the_scheme_is_registered_with_limits():
    storage = storage_from_string("worker-memory://")
    assert isinstance(storage, WorkerMemoryStorage)
    assert storage  # an empty storage is still a storage (Flask-Limiter asserts it)


def test_counts_within_a_window_and_starts_again_after_it():
    clock = Clock()
    storage = WorkerMemoryStorage(clock=clock)
    limiter = FixedWindowRateLimiter(storage)
    limit = parse("3 per minute")
    assert [limiter.hit(limit, "client-a") for _ in range(4)] == [True, True, True, False]
    assert limiter.hit(limit, "client-b")  # another client has its own count
    assert storage.get(limit.key_for("client-a")) == 4  # the refused hit counted too (limits' fixed window)
    stats = limiter.get_window_stats(limit, "client-a")
    assert stats.remaining == 0 and stats.reset_time == clock.now + 60
    clock.now += 60
    assert storage.get(limit.key_for("client-a")) == 0
    assert limiter.hit(limit, "client-a")
    assert limiter.get_window_stats(limit, "client-a").remaining == 2


def test_ended_windows_are_swept_so_memory_stays_bounded():
    clock = Clock()
    storage = WorkerMemoryStorage(clock=clock)
    for n in range(500):
        storage.incr(f"client-{n}", expiry=60)
    assert storage.counters_held() == 500
    clock.now += ratelimits.SWEEP_SECONDS + 1  # every window has ended, and a sweep is due
    storage.incr("late-client", expiry=60)
    assert storage.counters_held() == 1


def test_clear_and_reset():
    storage = WorkerMemoryStorage()
    storage.incr("a", 60)
    storage.incr("b", 60, amount=2)
    storage.clear("a")
    assert storage.get("a") == 0 and storage.get("b") == 2
    assert storage.reset() == 1 and storage.get("b") == 0


def test_a_hit_starts_no_thread():
    """limits' memory:// starts a timer thread after most hits; this storage must not."""
    storage = WorkerMemoryStorage()
    before = threading.active_count()
    for _ in range(200):
        storage.incr("client", 60)
    assert threading.active_count() == before
