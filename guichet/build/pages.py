"""Pages generated from the front matter: home, A–Z, topics, audiences (each and their index).

Never hand-maintained: each is a virtual Markdown file holding one HTML
block rendered from a view-model, so the theme treats it like any page.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..model.catalogue import Catalogue, ServicePage
from ..urls import a_z_url, audience_url, lang_prefix, search_url, service_url, topic_url
from .labels import labels
from .privacy_page import SRC as PRIVACY_SRC, privacy_view
from .render import environment


def _src(path: str, lang: str) -> str:
    """``a-z.md`` → ``fr/a-z.md``: generated files are added after mkdocs-static-i18n
    has laid out the build's files, so they carry their final place."""
    return lang_prefix(lang).lstrip("/") + "/" + path if lang != DEFAULT_LANGUAGE else path


def home_src(lang: str) -> str:
    """The generated home page's file: ``index.md``, ``fr/index.md``."""
    return _src("index.md", lang)


def not_found_path(lang: str) -> str:
    """Where a language's 404 page is written: ``404.html``, ``fr/404.html``."""
    return _src("404.html", lang)


def _item(page: ServicePage, root: str) -> dict:
    return {"title": page.meta.title, "summary": page.meta.summary, "url": service_url(page.lang, page.slug, root)}


def _page(title: str, template: str, view: dict) -> str:
    html = environment().get_template(template).render(view=view)
    safe_title = title.replace('"', "'")
    return f'---\ntitle: "{safe_title}"\n---\n\n{html}\n'


def _a_z(catalogue: Catalogue, lang: str, root: str) -> dict:
    lab = labels(lang)
    groups: dict[str, list] = {}
    for page in catalogue.in_language(lang):
        letter = page.meta.title[:1].upper()
        letter = {"É": "E", "È": "E", "À": "A", "Ô": "O", "Î": "I"}.get(letter, letter)
        groups.setdefault(letter, []).append(_item(page, root))
    view = {"title": lab["a_z"], "groups": [{"id": f"letter-{k.lower()}", "heading": k, "items": v} for k, v in sorted(groups.items())]}
    return view



def generated_pages(catalogue: Catalogue, root: str, languages=LANGUAGES) -> Iterator[tuple[str, str]]:
    """Yield (src_uri, markdown) for every generated page in the given languages."""
    for src, title, template, view in generated_views(catalogue, root, languages):
        yield src, _page(title, template, view)


def generated_views(catalogue: Catalogue, root: str, languages=LANGUAGES) -> Iterator[tuple[str, str, str, dict]]:
    """Yield (src_uri, title, template, view) for every generated page, not rendered (the sitemap needs only where they go)."""
    tax = catalogue.taxonomy
    if tax is None:
        return
    for lang in languages:
        lab = labels(lang)
        pages = catalogue.in_language(lang)
        topics = []
        for tid, topic in tax.topics.items():
            members = [p for p in pages if p.meta.topic == tid]
            if not members:
                continue
            topics.append({"url": topic_url(lang, root=root, topic=tid), "name": topic.name.get(lang), "description": topic.description.get(lang), "count": len(members)})
            view = {"title": topic.name.get(lang), "intro": topic.description.get(lang), "groups": [{"heading": None, "items": [_item(p, root) for p in members]}]}
            yield _src(f"topics/{tid}.md", lang), topic.name.get(lang), "list.html", view
        audiences = []
        for aid, audience in tax.audiences.items():
            members = [p for p in pages if aid in p.meta.audiences]
            if not members:
                continue
            title = f"{lab['audience']} {audience.name.get(lang).lower()}"
            audiences.append({"url": audience_url(lang, root=root, audience=aid), "title": audience.name.get(lang), "summary": audience.description.get(lang)})
            view = {"title": title, "intro": audience.description.get(lang), "groups": [{"heading": None, "items": [_item(p, root) for p in members]}]}
            yield _src(f"audiences/{aid}.md", lang), title, "list.html", view
        yield _src("topics/index.md", lang), lab["topics"], "topics.html", {"title": lab["topics"], "topics": topics, "audiences": audiences, "labels": lab}
        if audiences:  # /audiences/: the same list as the topics page's "for you" section
            view = {"title": lab["for_you"], "groups": [{"heading": None, "items": audiences}]}
            yield _src("audiences/index.md", lang), lab["for_you"], "list.html", view
        yield _src("a-z.md", lang), lab["a_z"], "list.html", _a_z(catalogue, lang, root)
        privacy = privacy_view(catalogue, lang, root)  # /privacy/: every form's notice (#14)
        yield _src(PRIVACY_SRC, lang), privacy["title"], "privacy.html", privacy
        home = {
            "title": tax.site.name.get(lang),
            "lang": lang,
            "labels": lab,
            "search_url": search_url(root),
            "a_z_url": a_z_url(lang, root),
            "popular": [_item(p, root) for p in pages if p.meta.popular],
            "topics": topics,
        }
        yield home_src(lang), tax.site.name.get(lang), "home.html", home
