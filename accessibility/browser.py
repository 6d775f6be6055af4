"""Which Chromium the gate and the Playwright tests launch, and with what flags.

Debian's ``/usr/bin/chromium`` when it exists (Playwright's own browser
download does not work on our machines); Playwright's bundled Chromium
otherwise. ``GUICHET_CHROMIUM`` names another executable.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

DEBIAN_CHROMIUM = "/usr/bin/chromium"

# Without the background-networking flags Chromium keeps calling home, which
# on a closed network floods it with refused connections.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


def chromium_executable() -> str | None:
    """The executable to launch, or None for Playwright's bundled Chromium."""
    chosen = os.environ.get("GUICHET_CHROMIUM") or DEBIAN_CHROMIUM
    return chosen if Path(chosen).exists() else None


def launch_options(headless: bool = True) -> dict[str, Any]:
    options: dict[str, Any] = {"headless": headless, "args": list(CHROMIUM_ARGS)}
    executable = chromium_executable()
    if executable:
        options["executable_path"] = executable
    return options
