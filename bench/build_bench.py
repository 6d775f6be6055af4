"""Build-time bench: Guichet's theme and plugin vs stock mkdocs-material, at several sizes.

For each size it writes a synthetic catalogue (``bench/synthetic.py``), then
runs ``mkdocs build`` in a subprocess for each config and reads the child's
own resource usage with ``os.wait4`` (wall time, CPU time, peak RSS).
CPU time is the steadier figure on a shared machine; wall time is what a
deploy waits for.

    python bench/build_bench.py --sizes 100,1000 [--out /tmp/guichet-bench] [--no-readability] [--no-stock]

Target: 1,000 services × 2 languages in ≤ 60 s on 2 cores; cost linear in pages.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402 - a sibling script, not a package

TARGET_SECONDS_AT_1000 = 60.0


@dataclass
class BuildResult:
    label: str
    services: int
    pages: int
    wall: float
    cpu: float
    peak_mb: float

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall if self.wall else 0.0


class BuildFailed(RuntimeError):
    pass


def count_pages(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("*.html"))


def run_build(config: Path, site_dir: Path, label: str, services: int) -> BuildResult:
    """``mkdocs build`` in a child process; its own rusage comes back from ``os.wait4``."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=config.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # tell Popen it was reaped
    child.stdout.close()
    if child.returncode != 0:
        raise BuildFailed(f"{label} at {services} services: `{' '.join(command)}` exited {child.returncode}:\n{output.decode(errors='replace')}")
    return BuildResult(label, services, count_pages(site_dir), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def bench_size(out: Path, services: int, readability: bool, stock: bool) -> list[BuildResult]:
    target = out / f"n{services}"
    synthetic.write_catalogue(target, services)
    ours, stock_config = synthetic.write_configs(target, readability=readability)
    results = [run_build(ours, target / "site", "guichet", services)]
    if stock:
        results.append(run_build(stock_config, target / "site-stock", "stock material", services))
    return results


def table(results: list[BuildResult]) -> str:
    head = f"{'build':<16} {'services':>8} {'pages':>6} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'pages/s':>8} {'ms cpu/page':>11}"
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(f"{r.label:<16} {r.services:>8} {r.pages:>6} {r.wall:>8.1f} {r.cpu:>8.1f} {r.peak_mb:>8.0f} {r.pages_per_s:>8.1f} {1000 * r.cpu / r.pages:>11.1f}")
    return "\n".join(lines)


def ratios(results: list[BuildResult]) -> str:
    lines = []
    by = {(r.label, r.services): r for r in results}
    for r in results:
        stock = by.get(("stock material", r.services))
        if r.label == "guichet" and stock:
            lines.append(f"{r.services} services: guichet/stock wall {r.wall / stock.wall:.2f}×, cpu {r.cpu / stock.cpu:.2f}×")
    ours = sorted((r for r in results if r.label == "guichet"), key=lambda r: r.services)
    if len(ours) > 1:
        first, last = ours[0], ours[-1]
        lines.append(f"linearity: cpu/page {1000 * first.cpu / first.pages:.1f} ms at {first.services} → {1000 * last.cpu / last.pages:.1f} ms at {last.services} services")
    for r in ours:
        if r.services == 1000:
            verdict = "OK" if r.wall <= TARGET_SECONDS_AT_1000 else "OVER"
            lines.append(f"target 1,000 services ≤ {TARGET_SECONDS_AT_1000:.0f} s: wall {r.wall:.1f} s, cpu {r.cpu:.1f} s → {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,3000", help="comma-separated numbers of services")
    parser.add_argument("--out", default="/tmp/guichet-bench", help="scratch folder for catalogues and sites")
    parser.add_argument("--no-readability", action="store_true", help="build with the guichet plugin's readability: false")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock mkdocs-material builds")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    results: list[BuildResult] = []
    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}, readability: {not args.no_readability}")
    for size in (int(s) for s in args.sizes.split(",")):
        done = bench_size(out, size, readability=not args.no_readability, stock=not args.no_stock)
        results.extend(done)
        print("\n".join(table(done).splitlines()[2:]), flush=True)
    print()
    print(table(results))
    print(ratios(results))


if __name__ == "__main__":
    main()
