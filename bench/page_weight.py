"""Page weight of a built site: every resource a representative page loads, raw and gzip.

For home, A–Z, a topic, a service page and (through the forms app, when it
serves one) a form page, it parses the HTML for stylesheets, scripts, images
and icons, sizes each one (raw and gzip -9) and checks the budgets: service
page HTML ≤ 14 KB gzip, first view ≤ 30 KB gzip. Requests to another host
are listed and fail the budget (no third-party requests). When a stock
mkdocs-material build of the same Markdown is given, its figures for the
same page are printed alongside.

    python bench/page_weight.py --demo [--engine zensical]  # builds the demo (and stock) into a temp dir
    python bench/page_weight.py --synthetic /tmp/gb/n1000   # a bench/build_bench.py output folder
    python bench/page_weight.py --site site [--stock site-stock] [--catalogue catalogue]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from guichet.build import DEFAULT_ENGINE, ENGINES  # noqa: E402

SERVICE_HTML_BUDGET = 14 * 1024
FIRST_VIEW_BUDGET = 30 * 1024
ORIGIN = "http://localhost"
RESOURCE_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class Resources(HTMLParser):
    """The URLs a page makes the browser fetch at load: stylesheets, scripts, images, icons."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and a.get("href") and RESOURCE_RELS & set(a.get("rel", "").lower().split()):
            self.urls.append((a["rel"].lower(), a["href"]))
        elif tag == "script" and a.get("src"):
            self.urls.append(("script", a["src"]))
        elif tag in ("img", "source") and (a.get("src") or a.get("srcset")):
            self.urls.append(("img", a.get("src") or a["srcset"].split()[0]))


def resources(html: bytes, page_url: str) -> list[tuple[str, str]]:
    parser = Resources()
    parser.feed(html.decode("utf-8", errors="replace"))
    return [(kind, urljoin(page_url, url)) for kind, url in parser.urls]


@dataclass
class Row:
    kind: str
    url: str
    raw: int | None  # None: not fetched (another host, or missing)
    gz: int | None
    note: str = ""


@dataclass
class PageWeight:
    name: str
    path: str
    rows: list[Row] = field(default_factory=list)

    @property
    def html_gz(self) -> int:
        return self.rows[0].gz or 0

    @property
    def total_raw(self) -> int:
        return sum(r.raw or 0 for r in self.rows)

    @property
    def total_gz(self) -> int:
        return sum(r.gz or 0 for r in self.rows)

    @property
    def third_party(self) -> list[Row]:
        return [r for r in self.rows if r.note == "third-party"]

    def problems(self) -> list[str]:
        out = []
        if self.name == "service" and self.html_gz > SERVICE_HTML_BUDGET:
            out.append(f"service HTML {kb(self.html_gz)} gzip > {kb(SERVICE_HTML_BUDGET)}")
        if self.total_gz > FIRST_VIEW_BUDGET:
            out.append(f"first view {kb(self.total_gz)} gzip > {kb(FIRST_VIEW_BUDGET)}")
        out.extend(f"third-party request {r.url}" for r in self.third_party)
        out.extend(f"missing {r.url}" for r in self.rows if r.note == "missing")
        return out


Fetch = Callable[[str], "bytes | None"]


def site_fetcher(site_dir: Path) -> Fetch:
    """Files of a built site by URL path (``/a-z/`` → ``a-z/index.html``)."""

    def fetch(path: str) -> bytes | None:
        rel = path.lstrip("/")
        candidate = site_dir / rel
        if rel == "" or path.endswith("/"):
            candidate = candidate / "index.html"
        return candidate.read_bytes() if candidate.is_file() else None

    return fetch


def app_fetcher(client, fallback: Fetch) -> Fetch:
    """The built site first, then the forms app (forms, search) through Flask's test client."""

    def fetch(path: str) -> bytes | None:
        data = fallback(path)
        if data is not None:
            return data
        response = client.get(path)
        return response.data if response.status_code == 200 else None

    return fetch


def weigh(name: str, path: str, fetch: Fetch) -> PageWeight | None:
    html = fetch(path)
    if html is None:
        return None
    page = PageWeight(name, path, [Row("html", path, len(html), gzip_size(html))])
    seen = {path}
    for kind, url in resources(html, ORIGIN + path):
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            page.rows.append(Row(kind, url, None, None, "third-party"))
            continue
        if parts.path in seen:
            continue
        seen.add(parts.path)
        data = fetch(parts.path)
        page.rows.append(Row(kind, parts.path, None, None, "missing") if data is None else Row(kind, parts.path, len(data), gzip_size(data)))
    return page


def first_dir(site_dir: Path, folder: str, prefer: str | None = None) -> str | None:
    base = site_dir / folder
    if prefer and (base / prefer / "index.html").is_file():
        return f"/{folder}/{prefer}/"
    names = sorted(p.parent.name for p in base.glob("*/index.html")) if base.is_dir() else []
    return f"/{folder}/{names[0]}/" if names else None


def form_slug(site_dir: Path, catalogue: Path | None, prefer: str) -> str | None:
    if catalogue is None:
        return None
    forms = sorted(p.name.removesuffix(".form.yml") for p in (catalogue / "services").glob("*.form.yml"))
    return prefer if prefer in forms else (forms[0] if forms else None)


def representative_pages(site_dir: Path, catalogue: Path | None, service: str | None) -> list[tuple[str, str]]:
    slug = form_slug(site_dir, catalogue, service or "dog-licence")
    pages = [("home", "/"), ("A–Z", "/a-z/")]
    topic = first_dir(site_dir, "topics")
    if topic:
        pages.append(("topic", topic))
    svc = first_dir(site_dir, "services", service or slug)
    if svc:
        pages.append(("service", svc))
    if slug:
        pages.append(("form", f"/forms/{slug}/"))
    return pages


def kb(n: int | None) -> str:
    return "—" if n is None else f"{n / 1024:.1f} KB"


def render(pages: list[PageWeight], stock: dict[str, PageWeight | None]) -> str:
    lines = []
    head = f"{'page':<8} {'resource':<46} {'raw':>10} {'gzip':>10}"
    for page in pages:
        lines += ["", f"{page.name}  {page.path}", head, "-" * len(head)]
        for r in page.rows:
            lines.append(f"{'':<8} {(r.kind + ' ' + r.url)[:46]:<46} {kb(r.raw):>10} {kb(r.gz):>10} {r.note}")
        lines.append(f"{'':<8} {'total (' + str(len(page.rows)) + ' requests)':<46} {kb(page.total_raw):>10} {kb(page.total_gz):>10}")
    lines += ["", "Summary (gzip -9)", ""]
    head = f"{'page':<8} {'HTML':>9} {'first view':>11} {'requests':>8} {'budget':>7} {'stock HTML':>11} {'stock view':>11} {'stock req':>9}"
    lines += [head, "-" * len(head)]
    for page in pages:
        s = stock.get(page.name)
        verdict = "OK" if not page.problems() else "OVER"
        lines.append(
            f"{page.name:<8} {kb(page.html_gz):>9} {kb(page.total_gz):>11} {len(page.rows):>8} {verdict:>7} "
            f"{kb(s.html_gz if s else None):>11} {kb(s.total_gz if s else None):>11} {(len(s.rows) if s else '—')!s:>9}"
        )
    lines.append(f"budgets: service page HTML ≤ {kb(SERVICE_HTML_BUDGET)} gzip; first view ≤ {kb(FIRST_VIEW_BUDGET)} gzip; no third-party requests")
    for page in pages:
        for problem in page.problems():
            lines.append(f"  {page.name}: {problem}")
    return "\n".join(lines)


def forms_client(site_dir: Path, catalogue: Path, instance: Path):
    from accessibility.server import create_live_app

    app = create_live_app(site_dir, instance, root=ROOT, extra={"CATALOGUE_DIR": str(catalogue)})
    return app.test_client()


def report(site_dir: Path, stock_dir: Path | None, catalogue: Path | None, service: str | None, with_app: bool = True) -> tuple[str, bool]:
    fetch = site_fetcher(site_dir)
    with tempfile.TemporaryDirectory(prefix="guichet-weight-") as instance:
        if with_app and catalogue is not None:
            fetch = app_fetcher(forms_client(site_dir, catalogue, Path(instance)), fetch)
        pages = [p for name, path in representative_pages(site_dir, catalogue, service) if (p := weigh(name, path, fetch))]
    stock: dict[str, PageWeight | None] = {}
    if stock_dir is not None:
        ours = {p.name: p.path for p in pages}
        stock = {name: weigh(name, path, site_fetcher(stock_dir)) for name, path in ours.items() if name != "form"}
    ok = all(not p.problems() for p in pages)
    return render(pages, stock), ok


def build_demo(dest: Path, engine: str = DEFAULT_ENGINE) -> tuple[Path, Path]:
    """The demo built by ``guichet build --engine ENGINE`` and with stock material (same Markdown)."""
    import subprocess

    import yaml

    import synthetic
    from accessibility.server import build_site

    site = build_site(dest / "site", root=ROOT, engine=engine)
    stock_config = synthetic.stock_config(dest)
    stock_config["docs_dir"] = str(ROOT / "catalogue")
    config = dest / "mkdocs-stock.yml"
    config.write_text(yaml.safe_dump(stock_config, allow_unicode=True), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True, capture_output=True)
    return site, Path(stock_config["site_dir"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--demo", action="store_true", help="build the demo and stock material into a temp dir and weigh them")
    group.add_argument("--synthetic", help="a bench folder with site/, site-stock/ and catalogue/ (bench/build_bench.py)")
    group.add_argument("--site", help="a built site folder")
    parser.add_argument("--stock", help="the stock mkdocs-material build of the same Markdown")
    parser.add_argument("--catalogue", help="the catalogue the site was built from (for the form page)")
    parser.add_argument("--service", help="the service slug to weigh (default: dog-licence, else the first with a form)")
    parser.add_argument("--engine", default=DEFAULT_ENGINE, choices=ENGINES, help="with --demo: the engine guichet build uses")
    args = parser.parse_args(argv)
    if args.demo:
        with tempfile.TemporaryDirectory(prefix="guichet-demo-") as tmp:
            site, stock = build_demo(Path(tmp), args.engine)
            text, ok = report(site, stock, ROOT / "catalogue", args.service)
    elif args.synthetic:
        base = Path(args.synthetic).resolve()
        stock = base / "site-stock"
        text, ok = report(base / "site", stock if stock.is_dir() else None, base / "catalogue", args.service)
    else:
        text, ok = report(Path(args.site), Path(args.stock) if args.stock else None, Path(args.catalogue) if args.catalogue else None, args.service)
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
