"""What to check: every page of the built site and every state of the forms.

* Site pages: every ``index.html`` under the built site (both languages,
  generated A–Z, topic and audience pages included) and every ``404.html``.
* Forms: each ``catalogue/services/<slug>.form.yml`` gives ``/forms/<slug>/``
  in each language, empty and after an empty submit (the error state).
* Anything else (confirmation, search, status, 413/429/CSRF pages) comes
  from ``urls:`` in the config, with the actions that reach it.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from .config import Config, StateSpec


def site_paths(site_dir: str | Path) -> list[str]:
    """URL paths of the built site's pages, sorted: ``/``, ``/fr/a-z/``, ``/404.html``."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise FileNotFoundError(f"the built site {site_dir} does not exist: run `guichet build --strict` first (or pass --build)")
    paths = []
    for file in site_dir.rglob("*.html"):
        rel = file.relative_to(site_dir).as_posix()
        if file.name == "index.html":
            paths.append("/" + rel[: -len("index.html")])
        elif file.name == "404.html":
            paths.append("/" + rel)
    return sorted(paths, key=lambda p: (p.endswith("404.html"), p))


def form_slugs(root: str | Path, pattern: str) -> list[str]:
    files = sorted(Path(root).glob(pattern))
    return [f.name.removesuffix(".form.yml") for f in files if f.name.endswith(".form.yml")]


def targets(config: Config, site_dir: str | Path | None, root: str | Path = ".") -> list[StateSpec]:
    """Every page and state the gate checks, in a stable order."""
    found: list[StateSpec] = []
    if config.discover_site and site_dir is not None:
        for path in site_paths(site_dir):
            if any(fnmatch.fnmatchcase(path, pattern) for pattern in config.site_exclude):
                continue
            found.append(StateSpec(name=path, url=path))
    if config.forms_glob:
        for slug in form_slugs(root, config.forms_glob):
            for prefix in config.form_languages:
                url = f"{prefix}/forms/{slug}/"
                if "empty" in config.form_states:
                    found.append(StateSpec(name=f"{url} (empty)", url=url))
                if "errors" in config.form_states:
                    found.append(
                        StateSpec(
                            name=f"{url} (errors)",
                            url=url,
                            actions=({"action": "submit-empty-form", "form": config.form_selector},),
                        )
                    )
    found.extend(config.urls)
    names = [t.name for t in found]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"two pages or states share a name: {duplicates}; give each urls: entry its own name")
    return found
