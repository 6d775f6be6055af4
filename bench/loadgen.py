"""Load generators for ``submit_bench.py``: wrk (C) or Python threads.

Both run ``clients`` concurrent connections on 127.0.0.1 that POST the same
valid answers for ``seconds``, each with the session cookie and CSRF token of
its own GET of the form (a resident per client), and count a response as a
stored submission only when it is a 303 to ``…/done/<reference>``.

- ``wrk`` (Debian's ``wrk``): an event loop in C, ~0.05 ms of CPU per request,
  so nearly all of the two cores go to the server under test. Latencies are
  wrk's own (corrected for coordinated omission is not needed: closed loop).
- ``python``: ``http.client`` threads in ``procs`` processes; ~0.6 ms of CPU
  per request, taken from the same two cores as the server. Kept to compare
  with earlier figures.

Each returns ``{"ok", "references" (python only, else None), "errors",
"error_kinds", "rate", "p50", "p99"}`` (latencies in ms).
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

HOST = "127.0.0.1"
CSRF_RE = re.compile(rb'name="csrf_token" value="([^"]+)"')

WRK_SCRIPT = r"""
-- One session (cookie + CSRF token) per request slot, round robin; counts 303s to /done/.
local sessions = {}
local next_one = 1
ok, bad, kinds = 0, 0, ""  -- globals: done() reads them with thread:get

function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    local cookie, body = line:match("^(.-)\t(.*)$")
    sessions[#sessions + 1] = wrk.format("POST", nil, {
      ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body)
  end
  f:close()
end

function request()
  local r = sessions[next_one]
  next_one = next_one % #sessions + 1
  return r
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"] or ""
  if status == 303 and location:find("/done/", 1, true) then
    ok = ok + 1
  else
    bad = bad + 1
    if not kinds:find(tostring(status), 1, true) then kinds = kinds .. tostring(status) .. "," end
  end
end

local threads = {}
function setup(thread) threads[#threads + 1] = thread end

function done(summary, latency, requests)
  local total_ok, total_bad, seen = 0, 0, ""
  for _, t in ipairs(threads) do
    total_ok = total_ok + t:get("ok")
    total_bad = total_bad + t:get("bad")
    seen = seen .. t:get("kinds")
  end
  io.write(string.format('GUICHET {"ok": %d, "bad": %d, "kinds": "%s", "p50": %f, "p99": %f, "socket_errors": %d}\n',
    total_ok, total_bad, seen, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, response.getheader("Location"), response.getheader("Set-Cookie"), data
    finally:
        conn.close()


def cookie_of(set_cookie: str | None, current: str) -> str:
    return set_cookie.split(";", 1)[0] if set_cookie else current


def new_session(port: int, url: str, answers: dict) -> tuple[str, bytes]:
    """GET the form as a new resident: their cookie and a POST body carrying their CSRF token."""
    status, _, set_cookie, page = request(port, "GET", url)
    found = CSRF_RE.search(page)
    if status != 200 or not found:
        raise RuntimeError(f"GET {url}: {status}, CSRF token {'found' if found else 'missing'}")
    body = urllib.parse.urlencode(dict(answers, csrf_token=found.group(1).decode())).encode()
    return cookie_of(set_cookie, ""), body


# -- wrk -----------------------------------------------------------------------

def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def drive_wrk(port: int, url: str, answers: dict, clients: int, seconds: float, **_) -> dict:
    with tempfile.TemporaryDirectory(prefix="guichet-wrk-") as tmp:
        sessions = Path(tmp, "sessions.tsv")
        lines = []
        for _ in range(clients):
            cookie, body = new_session(port, url, answers)
            lines.append(f"{cookie}\t{body.decode()}")
        sessions.write_text("\n".join(lines) + "\n")
        script = Path(tmp, "post.lua")
        script.write_text(WRK_SCRIPT)
        threads = min(2, clients)
        out = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{seconds:g}s", "--timeout", "30s",
             "-s", str(script), f"http://{HOST}:{port}{url}", "--", str(sessions)],
            capture_output=True, text=True, check=True, timeout=seconds + 120,
        ).stdout
    found = re.search(r"^GUICHET (\{.*\})$", out, re.M)
    if not found:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    r = json.loads(found.group(1))
    return {
        "ok": r["ok"], "references": None, "errors": r["bad"] + r["socket_errors"],
        "error_kinds": [k for k in r["kinds"].split(",") if k] + (["socket"] if r["socket_errors"] else []),
        "rate": r["ok"] / seconds, "p50": r["p50"], "p99": r["p99"],
    }


# -- Python threads ------------------------------------------------------------

def client_session(port: int, url: str, answers: dict, until: float, results: list) -> None:
    """One resident after another on the same browser: GET once, then POST until the time is up."""
    try:
        cookie, body = new_session(port, url, answers)
    except (OSError, RuntimeError) as exc:
        results.append(("error", f"GET {type(exc).__name__}", 0.0))
        return
    while time.monotonic() < until:
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        started = time.perf_counter()
        try:
            status, location, set_cookie, _ = request(port, "POST", url, body, headers)
        except OSError as exc:
            results.append(("error", type(exc).__name__, 0.0))
            continue
        elapsed = time.perf_counter() - started
        if status == 303 and location and "/done/" in location:
            results.append(("ok", location.split("?")[0].rsplit("/", 1)[1], elapsed))
            cookie = cookie_of(set_cookie, cookie)
        else:
            results.append(("error", f"POST {status}", elapsed))


def client_process(port: int, url: str, answers: dict, threads: int, start_at: float, seconds: float, queue) -> None:
    while time.monotonic() < start_at:
        time.sleep(0.001)
    results: list = []
    workers = [
        threading.Thread(target=client_session, args=(port, url, answers, start_at + seconds, results))
        for _ in range(threads)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    queue.put(results)


def drive_python(port: int, url: str, answers: dict, clients: int, seconds: float, procs: int = 4) -> dict:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    start_at = time.monotonic() + 1.0
    per_proc = [clients // procs + (1 if i < clients % procs else 0) for i in range(procs)]
    processes = [
        ctx.Process(target=client_process, args=(port, url, answers, n, start_at, seconds, queue))
        for n in per_proc if n
    ]
    for p in processes:
        p.start()
    results = [r for _ in processes for r in queue.get(timeout=seconds + 120)]
    for p in processes:
        p.join()
    oks = [r for r in results if r[0] == "ok"]
    latencies = sorted(r[2] for r in oks)
    errors = [r[1] for r in results if r[0] == "error"]
    return {
        "ok": len(oks),
        "references": {r[1] for r in oks},
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:5],
        "rate": len(oks) / seconds,
        "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else float("nan"),
    }
