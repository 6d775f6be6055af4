"""What a loaded catalogue is: its services, their pages in each language, and the problems found.

Below the loader (``catalogue.py``) and the whole-catalogue checks
(``crossref.py``), which both use these and never each other's importer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import DEFAULT_LANGUAGE
from .form import FormSpec
from .problems import Problem, yaml_line
from .service import ServiceMeta
from .taxonomy import Taxonomy


@dataclass
class ServicePage:
    slug: str
    lang: str
    path: Path
    meta: ServiceMeta
    body: str
    body_line: int  # the file's line number of the body's first line
    node: yaml.Node | None = None

    def line_of(self, *loc) -> int:
        return yaml_line(self.node, loc, offset=1)


@dataclass
class Service:
    slug: str
    pages: dict[str, ServicePage] = field(default_factory=dict)
    form: FormSpec | None = None
    form_node: yaml.Node | None = None  # the form file's YAML tree, for its line numbers

    def form_line_of(self, *loc) -> int:
        return yaml_line(self.form_node, loc)

    def page(self, lang: str) -> ServicePage:
        """The page in ``lang``, else in the default language, else any that loaded."""
        return self.pages.get(lang) or self.pages.get(DEFAULT_LANGUAGE) or next(iter(self.pages.values()))


@dataclass
class Catalogue:
    root: Path
    taxonomy: Taxonomy | None
    services: dict[str, Service]
    synonyms: dict[str, list[list[str]]]
    problems: list[Problem]
    elsewhere: dict = field(default_factory=dict)  # slug → guichet.model.elsewhere.Elsewhere (elsewhere.yml)
    elsewhere_node: yaml.Node | None = None  # elsewhere.yml's YAML tree, for its line numbers
    promise_records: dict = field(default_factory=dict)  # slug → records.PromiseRecord (promise-records.json, #15)
    taxonomy_node: yaml.Node | None = None  # taxonomy.yml's YAML tree, for its line numbers

    def elsewhere_line(self, *loc) -> int:
        return yaml_line(self.elsewhere_node, loc)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def in_language(self, lang: str) -> list[ServicePage]:
        return sorted(
            (s.pages[lang] for s in self.services.values() if lang in s.pages),
            key=lambda p: p.meta.title.casefold(),
        )


def rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
