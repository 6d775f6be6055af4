"""Build-time bench: ``guichet build`` at several sizes, with stock mkdocs-material at one size as the ratio.

For each size it writes a synthetic catalogue (``bench/synthetic.py``), then
runs ``guichet build`` (``--engine``, mkdocs by default) in a child process
and reads the whole process tree's own resource usage from ``os.wait4``
(CPU time of the build and every process it waited for) while sampling the
tree's memory every 0.1 s from ``/proc`` (the sum of each process's PSS, so
pages a forked worker shares with its parent count once; the language
workers, the engines and the compressors run side by side). Stock
mkdocs-material (``mkdocs build -f mkdocs-stock.yml``, both languages through
mkdocs-static-i18n, no Guichet) is built at ``--stock-at`` services only.

    python bench/build_bench.py --sizes 1000,10000 [--engine mkdocs] [--stock-at 1000] [--out /tmp/guichet-bench]

Target: 10,000 services × 2 languages in ≤ 60 s on 2 cores, peak memory ≤ 1 GB, cost linear in pages.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402 - a sibling script, not a package
from guichet.build import DEFAULT_ENGINE, ENGINES  # noqa: E402

TARGET_SECONDS = 60.0
TARGET_SERVICES = 10_000
TARGET_MB = 1024
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class BuildResult:
    label: str
    services: int
    pages: int
    wall: float
    cpu: float
    peak_mb: float  # the process tree's memory (sum of PSS), at its highest

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall if self.wall else 0.0


class BuildFailed(RuntimeError):
    pass


def count_pages(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("*.html"))


def _pss(pid: int) -> int:
    """Proportional resident bytes of a process (shared pages split between sharers: forked workers are not counted twice)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_memory(root: int) -> int:
    """Memory of ``root`` and all its descendants (sum of PSS), from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                parents[int(entry)] = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except OSError:
            continue
    wanted, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in wanted:
                wanted.add(pid)
                frontier.append(pid)
    return sum(_pss(pid) for pid in wanted)


def run(command: list[str], cwd: Path, site_dir: Path, label: str, services: int) -> BuildResult:
    """``command`` in a child; its tree's CPU from ``os.wait4``, its peak memory sampled from /proc."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], _tree_memory(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)  # tell Popen it was reaped
    child.stdout.close()
    if child.returncode != 0:
        raise BuildFailed(f"{label} at {services} services: `{' '.join(command)}` exited {child.returncode}:\n{output.decode(errors='replace')[-3000:]}")
    peak_mb = max(peak[0], usage.ru_maxrss * 1024) / 2**20  # never below the largest single process
    return BuildResult(label, services, count_pages(site_dir), wall, usage.ru_utime + usage.ru_stime, peak_mb)


def bench_size(out: Path, services: int, engine: str, readability: bool, stock: bool) -> list[BuildResult]:
    target = out / f"n{services}"
    synthetic.write_catalogue(target, services)
    ours, stock_config = synthetic.write_configs(target, readability=readability)
    guichet = [sys.executable, "-m", "guichet.cli", "build", "-f", str(ours), "--engine", engine, "--site-dir", str(target / "site")]
    results = [run(guichet, target, target / "site", f"guichet ({engine})", services)]
    if stock:
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(stock_config), "-d", str(target / "site-stock")]
        results.append(run(command, target, target / "site-stock", "stock material", services))
    return results


def table(results: list[BuildResult]) -> str:
    head = f"{'build':<20} {'services':>8} {'pages':>6} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'pages/s':>8} {'ms cpu/page':>11}"
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(f"{r.label:<20} {r.services:>8} {r.pages:>6} {r.wall:>8.1f} {r.cpu:>8.1f} {r.peak_mb:>8.0f} {r.pages_per_s:>8.1f} {1000 * r.cpu / r.pages:>11.2f}")
    return "\n".join(lines)


def verdicts(results: list[BuildResult]) -> str:
    lines = []
    ours = sorted((r for r in results if r.label.startswith("guichet")), key=lambda r: r.services)
    by_size = {r.services: r for r in ours}
    for stock in (r for r in results if r.label == "stock material"):
        mine = by_size.get(stock.services)
        if mine:
            lines.append(f"{stock.services} services: guichet/stock wall {mine.wall / stock.wall:.2f}×, cpu {mine.cpu / stock.cpu:.2f}×")
    if len(ours) > 1:
        first, last = ours[0], ours[-1]
        lines.append(f"linearity: cpu/page {1000 * first.cpu / first.pages:.2f} ms at {first.services} → {1000 * last.cpu / last.pages:.2f} ms at {last.services} services")
    for r in ours:
        if r.services == TARGET_SERVICES:
            ok = r.wall <= TARGET_SECONDS and r.peak_mb <= TARGET_MB
            lines.append(f"target {TARGET_SERVICES:,} services ≤ {TARGET_SECONDS:.0f} s and ≤ {TARGET_MB} MB: wall {r.wall:.1f} s, "
                         f"cpu {r.cpu:.1f} s, peak {r.peak_mb:.0f} MB → {'OK' if ok else 'OVER'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated numbers of services")
    parser.add_argument("--engine", default=DEFAULT_ENGINE, choices=ENGINES)
    parser.add_argument("--stock-at", type=int, default=1000, help="build stock mkdocs-material at this size only (0: never)")
    parser.add_argument("--out", default="/tmp/guichet-bench", help="scratch folder for catalogues and sites")
    parser.add_argument("--no-readability", action="store_true", help="build with guichet: readability: false")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    results: list[BuildResult] = []
    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}, readability: {not args.no_readability}")
    for size in (int(s) for s in args.sizes.split(",")):
        done = bench_size(out, size, args.engine, readability=not args.no_readability, stock=size == args.stock_at)
        results.extend(done)
        print("\n".join(table(done).splitlines()[2:]), flush=True)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print()
    print(table(results))
    print(verdicts(results))


if __name__ == "__main__":
    main()
