"""The theme (``overrides/``) rendered as the engines render it, for the preview.

The engines give ``main.html`` a ``page`` (``page.meta``: the front matter
``guichet build`` wrote; ``page.content``: the body) and ``config.extra``
(``chrome``, ``not_found``), with no autoescaping; so does this, with Jinja2,
from the same ``Site``, with the body in the placeholder's place as
``engines.pour_bodies`` puts it, and French spacing on the finished page: the
preview shows the page the build publishes.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from ..build.site import Page, Site
from ..typography import french_html

RELOAD_SCRIPT = "/__preview__/reload.js"


class Theme:
    def __init__(self, theme_dir: Path) -> None:
        self.env = Environment(loader=FileSystemLoader(str(theme_dir)), auto_reload=True)  # as mkdocs: no autoescape

    def _config(self, site: Site, lang: str, **extra) -> dict:
        return {"extra": {"chrome": site.chrome(lang), **extra}, "site_name": site.site_name(lang)}

    def page(self, site: Site, page: Page) -> str:
        context = {"page": {"meta": page.meta(), "content": page.body, "title": page.title, "url": page.url}, "config": self._config(site, page.lang)}
        return french_html(self.env.get_template("main.html").render(context), page.lang)

    def not_found(self, site: Site, lang: str) -> str:
        """The 404 page: only it reads ``config.extra.not_found`` (its body rendered here, not for every page)."""
        config = self._config(site, lang, not_found=site.not_found(lang))
        return french_html(self.env.get_template("404.html").render({"page": None, "config": config}), lang)

    @staticmethod
    def preview_extras(html: str, problems: list) -> str:
        """The errors' banner at the top of <main> (while there are any) and the reload script."""
        if problems:
            items = "".join(
                f"<li><code>{escape(p.path)}:{p.line}</code> {escape(p.field)}: {escape(p.message)}</li>" for p in problems
            )
            banner = (
                '<div class="gx-preview-errors" role="alert" style="border:4px solid #b00020;padding:1rem;margin:1rem 0">'
                f"<h2>The catalogue has {len(problems)} problem(s); this preview shows the last good version</h2>"
                f"<ul>{items}</ul><p>Fix them and save: this page updates by itself.</p></div>"
            )
            start = html.find("<main")
            end = html.find(">", start) + 1 if start >= 0 else 0
            html = html[:end] + banner + html[end:]
        return html.replace("</body>", f'<script src="{RELOAD_SCRIPT}" defer></script>\n</body>', 1)
