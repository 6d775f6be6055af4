"""``python -m accessibility``: the WCAG 2.2 AA gate from the command line.

    python -m accessibility [--site site] [--build] [--base-url URL]
                            [--config accessibility.yml] [--json out.json]
                            [--junit out.xml] [--only GLOB] [--concurrency N]

Without ``--base-url`` it starts the forms app (which serves the built
site too) on a free loopback port. Exit status: 0 clean, 1 violations,
pages that could not be checked or expired ignores, 2 bad usage or config.
"""

from __future__ import annotations

import argparse
import dataclasses
import fnmatch
import sys
import tempfile
import time
from pathlib import Path

from . import config as config_mod
from . import discover, report, runner, server


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m accessibility", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default="site", help="the built site (default: site)")
    parser.add_argument("--build", action="store_true", help="run `guichet build --strict` into --site first")
    parser.add_argument("--base-url", help="check a server already running here instead of starting one")
    parser.add_argument("--config", default="accessibility.yml", help="the gate's config (default: accessibility.yml)")
    parser.add_argument("--root", default=".", help="the repo root: catalogue/ and mkdocs.yml (default: .)")
    parser.add_argument("--json", dest="json_out", help="write the JSON report here")
    parser.add_argument("--junit", dest="junit_out", help="write a JUnit XML report here")
    parser.add_argument("--only", action="append", default=[], help="check only pages/states whose name matches this glob (repeatable)")
    parser.add_argument("--concurrency", type=int, help="pages checked at once (overrides the config)")
    parser.add_argument("--viewport", type=int, action="append", help="viewport width in CSS px (repeatable; overrides the config)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    try:
        cfg = config_mod.load(args.config)
    except (OSError, config_mod.ConfigError) as exc:
        print(f"accessibility: {exc}", file=sys.stderr)
        return 2
    cfg = _overrides(cfg, args)
    site = Path(args.site)
    if args.build:
        print(f"Building the site into {site} (guichet build --strict)...", flush=True)
        server.build_site(site, root=args.root)
    try:
        targets = discover.targets(cfg, site if cfg.discover_site else None, root=args.root)
    except (FileNotFoundError, ValueError) as exc:
        print(f"accessibility: {exc}", file=sys.stderr)
        return 2
    if args.only:
        targets = [t for t in targets if any(fnmatch.fnmatchcase(t.name, g) for g in args.only)]
    print(f"Checking {len(targets)} pages/states at {', '.join(v.label for v in cfg.viewports)} "
          f"({cfg.concurrency} at a time)...", flush=True)
    if args.base_url:
        staff_states = [t for t in targets if t.staff]
        if staff_states:  # no way to sign in to a server this process did not start
            print(f"Skipping {len(staff_states)} staff states: they need the gate's own server (no --base-url).", flush=True)
            targets = [t for t in targets if not t.staff]
        result = runner.run(cfg, targets, args.base_url)
    else:
        with tempfile.TemporaryDirectory(prefix="a11y-instance-") as instance:
            app = server.create_live_app(site.resolve(), instance, root=args.root)
            variables = server.staff_variables(app, cfg.staff) if cfg.staff else {}
            with server.LiveServer(app) as live:
                result = runner.run(cfg, targets, live.url, variables=variables)
    print(report.text(result))
    if args.json_out:
        report.write_json(result, args.json_out)
    if args.junit_out:
        report.write_junit(result, args.junit_out)
    print(f"Total runtime {time.monotonic() - started:.1f}s")
    return 0 if result.ok else 1


def _overrides(cfg: config_mod.Config, args: argparse.Namespace) -> config_mod.Config:
    changes: dict = {}
    if args.concurrency:
        changes["concurrency"] = args.concurrency
    if args.viewport:
        changes["viewports"] = tuple(config_mod.Viewport(w) for w in args.viewport)
    return dataclasses.replace(cfg, **changes) if changes else cfg
