"""Load and cross-check the whole catalogue: taxonomy, services, forms, synonyms.

Loading never raises on bad content: it returns a ``Catalogue`` with the
services that parsed and a list of ``Problem``s for everything else, so
an editor sees every mistake at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from .. import DEFAULT_LANGUAGE, LANGUAGES
from .form import FormSpec
from .problems import Problem, from_validation_error, yaml_line
from .service import SHARED_FIELDS, ServiceMeta, channel_numbers
from .taxonomy import Taxonomy

FRONT_MATTER = "---"


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

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def in_language(self, lang: str) -> list[ServicePage]:
        return sorted(
            (s.pages[lang] for s in self.services.values() if lang in s.pages),
            key=lambda p: p.meta.title.casefold(),
        )


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (yaml text, body, body's first line number)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER:
        return None, text, 1
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == FRONT_MATTER:
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    return None, text, 1


def page_language(path: Path) -> tuple[str, str]:
    """``dog-licence.fr.md`` → (``dog-licence``, ``fr``)."""
    stem = path.name[: -len(".md")]
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE and stem.endswith("." + lang):
            return stem[: -len(lang) - 1], lang
    return stem, DEFAULT_LANGUAGE


def rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~6× faster


def parse_yaml(text: str):
    """Parse once; return (data, node): the values and the tree with line numbers."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def read_yaml(path: Path, root: Path, problems: list[Problem]):
    """Parse a YAML file; a syntax error becomes a Problem. Returns (data, node)."""
    try:
        text = path.read_text(encoding="utf-8")
        return parse_yaml(text)
    except FileNotFoundError:
        problems.append(Problem(rel(path, root), 1, "(file)", "missing; create it (see the editors' guide)"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problems.append(Problem(rel(path, root), line, "(yaml)", f"not valid YAML ({exc.problem or exc}); check indentation and quotes"))
    return None, None


def load_page(path: Path, root: Path, problems: list[Problem]) -> ServicePage | None:
    slug, lang = page_language(path)
    shown = rel(path, root)
    text = path.read_text(encoding="utf-8")
    raw, body, body_line = split_front_matter(text)
    if raw is None:
        problems.append(Problem(shown, 1, "(front matter)", "missing; start the file with '---', the fields, then '---'"))
        return None
    try:
        data, node = parse_yaml(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(shown, (mark.line + 2) if mark else 1, "(front matter)", f"not valid YAML ({getattr(exc, 'problem', exc)}); check indentation and quotes"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, "(front matter)", "must be a list of 'field: value' lines"))
        return None
    try:
        meta = ServiceMeta.model_validate(data)
    except ValidationError as exc:
        problems.extend(from_validation_error(exc, shown, node, offset=1))
        return None
    return ServicePage(slug, lang, path, meta, body, body_line, node)


def load_form(path: Path, root: Path, problems: list[Problem]) -> FormSpec | None:
    data, node = read_yaml(path, root, problems)
    if data is None:
        return None
    try:
        return FormSpec.model_validate(data)
    except ValidationError as exc:
        problems.extend(from_validation_error(exc, rel(path, root), node))
        return None


def load_catalogue(root: Path | str) -> Catalogue:
    root = Path(root)
    problems: list[Problem] = []
    taxonomy = None
    data, node = read_yaml(root / "taxonomy.yml", root, problems)
    if data is not None:
        try:
            taxonomy = Taxonomy.model_validate(data)
        except ValidationError as exc:
            problems.extend(from_validation_error(exc, rel(root / "taxonomy.yml", root), node))
    synonyms = load_synonyms(root, problems)

    services: dict[str, Service] = {}
    for path in sorted((root / "services").glob("*.md")):
        page = load_page(path, root, problems)
        slug, lang = page_language(path)
        service = services.setdefault(slug, Service(slug))
        if page is not None:
            service.pages[lang] = page
        form_path = path.with_name(f"{slug}.form.yml")
        if lang == DEFAULT_LANGUAGE and form_path.exists():
            service.form = load_form(form_path, root, problems)
    from .crossref import cross_check

    catalogue = Catalogue(root, taxonomy, {k: v for k, v in services.items() if v.pages}, synonyms, problems)
    problems.extend(cross_check(catalogue))
    problems.sort()
    return catalogue


def load_synonyms(root: Path, problems: list[Problem]) -> dict[str, list[list[str]]]:
    """``synonyms.yml``: ``{en: [[word, word…], …], fr: […]}``, each group interchangeable."""
    path = root / "synonyms.yml"
    if not path.exists():
        return {lang: [] for lang in LANGUAGES}
    data, _ = read_yaml(path, root, problems)
    result = {lang: [] for lang in LANGUAGES}
    if not isinstance(data, dict):
        return result
    for lang in LANGUAGES:
        for group in data.get(lang) or []:
            if isinstance(group, list) and len(group) >= 2:
                result[lang].append([str(w).strip() for w in group])
            else:
                problems.append(Problem(rel(path, root), 1, lang, "each synonym group is a list of at least two words"))
    return result


__all__ = ["Catalogue", "Service", "ServicePage", "load_catalogue", "SHARED_FIELDS", "channel_numbers"]
