"""What the bandwidth suites weigh: the budgets, the request recorder, gzip sizes."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

SERVICE = "dog-licence"
SERVICE_HTML_BUDGET = 14 * 1024
FIRST_VIEW_BUDGET = 30 * 1024


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


@dataclass
class Loaded:
    """What the browser fetched for one page: (url, resource type, status, gzip size)."""

    requests: list[tuple[str, str]] = field(default_factory=list)  # (url, resource type)
    responses: list[tuple[str, str, int, int]] = field(default_factory=list)  # (url, type, status, gzip bytes)

    @property
    def total_gzip(self) -> int:
        return sum(size for *_, size in self.responses)

    def table(self) -> str:
        return "\n".join(f"  {status} {kind:<10} {size / 1024:6.1f} KB  {url}" for url, kind, status, size in self.responses)


def record(page) -> Loaded:
    loaded = Loaded()
    page.on("request", lambda request: loaded.requests.append((request.url, request.resource_type)))

    def on_response(response) -> None:
        kind = response.request.resource_type
        if 300 <= response.status < 400:  # a redirect has no body; its target is a response of its own
            loaded.responses.append((response.url, kind, response.status, 0))
            return
        loaded.responses.append((response.url, kind, response.status, gzip_size(response.body())))

    page.on("response", on_response)
    return loaded


def first_topic(site: Path) -> str:
    names = sorted(p.parent.name for p in (site / "topics").glob("*/index.html"))
    assert names, f"no topic pages in {site / 'topics'}"
    return f"/topics/{names[0]}/"


def same_host(url: str, base: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "data" or parts.netloc == urlsplit(base).netloc
