"""#11 item 11: ``scripts/demo`` takes a port (``--port N`` or ``GUICHET_PORT``) and says plainly when it is taken.

The port is checked before anything is installed or built, so these runs take a moment.
"""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[1] / "scripts" / "demo"


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(DEMO), *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=30, check=False)


@pytest.fixture
def busy_port():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_help_shows_the_port_option():
    done = run("--help")
    assert done.returncode == 0 and "--port N" in done.stdout and "GUICHET_PORT" in done.stdout


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_taken_port_gets_one_line_saying_what_to_do(busy_port, how):
    done = run("--port", str(busy_port)) if how == "option" else run(GUICHET_PORT=str(busy_port))
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr  # no traceback, no install or build output
    assert f"port {busy_port} is already in use" in lines[0] and "./scripts/demo --port 80" in lines[0]


@pytest.mark.parametrize("port", ["abc", "80", "70000", ""])
def test_a_port_that_is_not_one_is_refused(port):
    done = run("--port", port)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1 and "is not a port" in done.stderr


def test_a_free_port_passes_the_check():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = run(f"--port={port}", "--check-port")
    assert done.returncode == 0 and done.stdout.strip() == f"port {port} is free"


def test_an_unknown_option_is_named():
    done = run("--prot", "8080")
    assert done.returncode == 2 and "unknown option '--prot'" in done.stderr
