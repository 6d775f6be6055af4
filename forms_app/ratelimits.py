"""``worker-memory://``: rate-limit counters in the worker's own memory.

The default storage of ``RATELIMIT_STORAGE_URI``. It counts like the
``memory://`` storage of the ``limits`` library (fixed windows, per worker
process) but expires old counters itself, every ``SWEEP_SECONDS`` during a
hit, where ``memory://`` starts a timer thread after almost every hit
(~0.2 ms of CPU each, measured in ``bench/README.md``). Several workers or
servers need a shared store: ``redis://host:6379``.

Importing this module registers the scheme with ``limits`` (its documented
way to add a storage: subclass ``Storage`` with a ``STORAGE_SCHEME``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from limits.storage import Storage

SWEEP_SECONDS = 60.0


class WorkerMemoryStorage(Storage):
    """Fixed-window counters: ``key -> (count, window end)``. Thread-safe (gthread workers)."""

    STORAGE_SCHEME = ["worker-memory"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, clock: Callable[[], float] = time.time, **options):
        self._clock = clock
        self._lock = threading.Lock()
        self._counters: dict[str, tuple[int, float]] = {}
        self._next_sweep = 0.0
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception]:
        return ValueError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = self._clock()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            count, ends = self._counters.get(key, (0, 0.0))
            if ends <= now:
                count, ends = 0, now + expiry
            count += amount
            self._counters[key] = (count, ends)
            return count

    def get(self, key: str) -> int:
        return self._window(key)[0]

    def get_expiry(self, key: str) -> float:
        return self._window(key)[1]

    def _window(self, key: str) -> tuple[int, float]:
        """(count, end) of the key's window; (0, now) once it has ended or never began."""
        now = self._clock()
        count, ends = self._counters.get(key, (0, 0.0))
        return (count, ends) if ends > now else (0, now)

    def check(self) -> bool:
        return True

    def reset(self) -> int:
        with self._lock:
            removed = len(self._counters)
            self._counters.clear()
        return removed

    def clear(self, key: str) -> None:
        with self._lock:
            self._counters.pop(key, None)

    def counters_held(self) -> int:
        """How many counters are in memory (not ``__len__``: Flask-Limiter tests the storage's truth)."""
        return len(self._counters)

    def _sweep(self, now: float) -> None:
        """Drop the counters whose window has ended (called with the lock held)."""
        for key in [k for k, (_, ends) in self._counters.items() if ends <= now]:
            del self._counters[key]
        self._next_sweep = now + SWEEP_SECONDS
