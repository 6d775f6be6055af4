"""Preview bench: time from saving a service file to ``guichet serve`` serving the change, page and search.

For each size it copies a catalogue (the demo's 30 services, or a synthetic
one from ``bench/synthetic.py``) to a scratch folder, starts ``guichet serve``
on a free port in a child process, waits for its first page, then 5 times
rewrites one service page with a new title and asks for that page every 5 ms
until it shows the title: the time from the file being saved (written and
closed) to the first reply that shows it. Then 5 times it adds a new word
(letters only, never seen before) to that page's keywords and asks the
preview's search (``/search?q=<word>&format=json``, as the header's script
does) every 5 ms until the page is among the results. It reports the median
and the worst of each 5, and how long the preview took to start (the search
index in memory included).

    python bench/preview_bench.py --sizes 30,1000 [--edits 5] [--out /tmp/guichet-preview-bench]

Target: an edited service page shows within 1 s at 1,000 services × 2 languages.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import string
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402 - a sibling script, not a package

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as reply:
            return reply.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


def catalogue_for(size: int, out: Path) -> tuple[Path, str]:
    """A scratch catalogue of ``size`` services (30: the demo's) and the slug to edit."""
    target = out / f"n{size}"
    if target.exists():
        shutil.rmtree(target)
    if size == 30:
        shutil.copytree(ROOT / "catalogue", target / "catalogue")
        return target / "catalogue", "dog-licence"
    synthetic.write_catalogue(target, size)
    return target / "catalogue", synthetic.slug_of(size // 2)


def bench(size: int, edits: int, out: Path) -> dict:
    catalogue, slug = catalogue_for(size, out)
    page = catalogue / "services" / f"{slug}.md"
    port = free_port()
    command = [sys.executable, "-m", "guichet.cli", "serve", "--port", str(port), "-f", str(ROOT / "mkdocs.yml"), "--catalogue", str(catalogue)]
    start = time.perf_counter()
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/services/{slug}/"
    try:
        deadline = time.monotonic() + 300
        while fetch(url) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"guichet serve did not start: {server.stderr.read().decode(errors='replace')}")
            time.sleep(0.05)
        started = time.perf_counter() - start
        text = page.read_text(encoding="utf-8")
        title_line = next(line for line in text.splitlines() if line.startswith("title:"))
        times, search_times = [], []
        for n in range(edits):
            title = f"Edited title {n} {time.time_ns()}"
            page.write_text(text.replace(title_line, f"title: {title}", 1), encoding="utf-8")
            saved = time.perf_counter()
            while title not in (fetch(url) or ""):
                time.sleep(0.005)
            times.append(time.perf_counter() - saved)
            time.sleep(0.3)  # a person does not save twice in the same instant
        for n in range(edits):
            word = "zq" + "".join(random.choices(string.ascii_lowercase, k=10))
            page.write_text(with_keyword(text, word), encoding="utf-8")
            saved = time.perf_counter()
            while slug not in found(f"http://127.0.0.1:{port}/search?q={word}&lang=en&format=json"):
                time.sleep(0.005)
            search_times.append(time.perf_counter() - saved)
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"size": size, "start": started, "median": statistics.median(times), "worst": max(times), "times": times,
            "search_median": statistics.median(search_times), "search_worst": max(search_times), "search_times": search_times}


def with_keyword(text: str, word: str) -> str:
    """The page's text with ``word`` as one more keyword (the first of its list)."""
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("keywords:"))
    item = lines[at + 1]
    lines.insert(at + 1, item[: item.index("-")] + f"- {word}\n")
    return "".join(lines)


def found(url: str) -> list[str]:
    """The slugs of a search's results (none while the preview does not answer)."""
    reply = fetch(url)
    return [r["slug"] for r in json.loads(reply)["results"]] if reply else []


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="30,1000", help="comma-separated numbers of services (30: the demo catalogue)")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--out", default="/tmp/guichet-preview-bench")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'services':>8} {'shown':>7} {'start s':>8} {'median s':>9} {'worst s':>8}  each edit (s)")
    for size in (int(s) for s in args.sizes.split(",")):
        r = bench(size, args.edits, out)
        for shown, key in (("page", ""), ("search", "search_")):
            verdict = "OK" if r[key + "median"] <= TARGET_SECONDS else "OVER"
            print(f"{r['size']:>8} {shown:>7} {r['start']:>8.1f} {r[key + 'median']:>9.3f} {r[key + 'worst']:>8.3f}  "
                  f"{' '.join(f'{t:.3f}' for t in r[key + 'times'])}  {verdict}", flush=True)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
