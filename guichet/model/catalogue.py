"""Load and cross-check the whole catalogue: taxonomy, services, forms, synonyms, elsewhere.

What a loaded catalogue is (``Catalogue``, ``Service``, ``ServicePage``)
lives in ``entries.py``, below both this loader and the checks that need the
whole catalogue (``crossref.py``), so neither imports the other's importer.

Loading never raises on bad content: it returns a ``Catalogue`` with the
services that parsed and a list of ``Problem``s for everything else, so
an editor sees every mistake at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from .. import DEFAULT_LANGUAGE, LANGUAGES
from .crossref import cross_check
from .elsewhere import FILE as ELSEWHERE_FILE, hidden_services, read_elsewhere
from .entries import Catalogue, Service, ServicePage, rel
from .form import FormSpec
from .problems import Problem, from_validation_error, yaml_line
from .records import load_promise_records
from .service import SHARED_FIELDS, ServiceMeta, channel_numbers
from .taxonomy import Taxonomy
from .yaml_source import parse, read_text

OPENING = re.compile(r"---[ \t]*\r?")
CLOSING = re.compile(r"(?:---|\.\.\.)[ \t]*\r?")  # what mkdocs itself takes as the end


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (yaml text, body, body's first line number).

    Lines are counted on ``\n`` as editors count them; the delimiters are
    the ones mkdocs recognises, so both read the same front matter."""
    lines = text.split("\n")
    if not OPENING.fullmatch(lines[0]):
        return None, text, 1
    for i, line in enumerate(lines[1:], start=1):
        if CLOSING.fullmatch(line):
            return "\n".join(lines[1:i]) + "\n", "\n".join(lines[i + 1 :]), min(i + 2, len(lines))
    return None, text, 1


def page_language(path: Path) -> tuple[str, str]:
    """``dog-licence.fr.md`` → (``dog-licence``, ``fr``)."""
    stem = path.name[: -len(".md")]
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE and stem.endswith("." + lang):
            return stem[: -len(lang) - 1], lang
    return stem, DEFAULT_LANGUAGE


def read_yaml(path: Path, root: Path, problems: list[Problem], allow_empty: bool = False):
    """Parse a YAML file; every mistake in it becomes a Problem. Returns (data, node)."""
    shown = rel(path, root)
    text = read_text(path, shown, problems)
    if text is None:
        return None, None
    data, node, found = parse(text, shown, whole="(yaml)")
    problems.extend(found)
    if not found and data is None and not allow_empty:
        problems.append(Problem(shown, 1, "(file)", "the file is empty; write its fields (see the editors' guide), or delete the file"))
    return data, node


def _front_matter(text: str, shown: str, problems: list[Problem]):
    """(data, node, body, body_line) of a page, or None after reporting why not."""
    raw, body, body_line = split_front_matter(text)
    lines = text.split("\n")
    if raw is None:
        if OPENING.fullmatch(lines[0]):
            problems.append(Problem(shown, 1, "(front matter)", "the '---' on this line is never closed; add a line with only '---' after the last field, before the text of the page"))
        elif not text.strip():
            problems.append(Problem(shown, 1, "(file)", "the file is empty; start it with '---', the fields, then '---' (guichet new-service writes a page to fill in)"))
        else:
            problems.append(Problem(shown, 1, "(front matter)", "missing; start the file with a line with only '---', then the fields, then another '---' line"))
        return None
    if not body and not text.endswith("\n"):
        problems.append(Problem(shown, body_line, "(front matter)", "the closing '---' must end with a line break; press Enter after it"))
        return None
    data, node, found = parse(raw, shown, first_line=2, whole="(front matter)")
    problems.extend(found)
    if found and data is None:
        return None
    if data is None:
        problems.append(Problem(shown, 2, "(front matter)", "empty; write the fields between the two '---' lines"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(shown, yaml_line(node, (), offset=1), "(front matter)", f"must be 'field: value' lines, not {'a list' if isinstance(data, list) else 'plain text'}"))
        return None
    return data, node, body, body_line


def load_page(path: Path, root: Path, problems: list[Problem]) -> ServicePage | None:
    slug, lang = page_language(path)
    shown = rel(path, root)
    text = read_text(path, shown, problems)
    parsed = _front_matter(text, shown, problems) if text is not None else None
    if parsed is None:
        return None
    data, node, body, body_line = parsed
    try:
        meta = ServiceMeta.model_validate(data)
    except ValidationError as exc:
        problems.extend(from_validation_error(exc, shown, node, offset=1, data=data))
        return None
    return ServicePage(slug, lang, path, meta, body, body_line, node)


def load_form(path: Path, root: Path, problems: list[Problem]) -> tuple[FormSpec | None, yaml.Node | None]:
    """The form and its YAML tree (kept for the line numbers later checks report)."""
    data, node = read_yaml(path, root, problems)
    if data is None:
        return None, node
    try:
        return FormSpec.model_validate(data), node
    except ValidationError as exc:
        problems.extend(from_validation_error(exc, rel(path, root), node, data=data, whole="(form)"))
        return None, node


def load_frame(root: Path | str) -> Catalogue:
    """The catalogue without its services: taxonomy, synonyms, elsewhere answers, promise records, and
    their problems (the build's parallel load reads the services' files in other processes)."""
    root = Path(root)
    problems: list[Problem] = []
    taxonomy = None
    data, tax_node = read_yaml(root / "taxonomy.yml", root, problems)
    if data is not None:
        try:
            taxonomy = Taxonomy.model_validate(data)
        except ValidationError as exc:
            problems.extend(from_validation_error(exc, rel(root / "taxonomy.yml", root), tax_node, data=data, whole="(taxonomy)"))
    synonyms = load_synonyms(root, problems)
    elsewhere, elsewhere_node = load_elsewhere(root, problems)
    frame = Catalogue(root, taxonomy, {}, synonyms, problems, elsewhere, elsewhere_node, taxonomy_node=tax_node)
    frame.promise_records = load_promise_records(root)  # written by the forms app; absent: none (#15)
    return frame


def load_catalogue(root: Path | str) -> Catalogue:
    root = Path(root)
    catalogue = load_frame(root)
    problems = catalogue.problems
    services: dict[str, Service] = {}
    for path in sorted((root / "services").glob("*.md")):
        page = load_page(path, root, problems)
        slug, lang = page_language(path)
        service = services.setdefault(slug, Service(slug))
        if page is not None:
            service.pages[lang] = page
        form_path = path.with_name(f"{slug}.form.yml")
        if lang == DEFAULT_LANGUAGE and form_path.exists():
            service.form, service.form_node = load_form(form_path, root, problems)
    catalogue.services = {k: v for k, v in services.items() if v.pages}
    problems.extend(cross_check(catalogue))
    problems.extend(hidden_services(catalogue))
    problems.sort()
    return catalogue


def load_elsewhere(root: Path, problems: list[Problem]):
    """``elsewhere.yml`` (optional): what another government or organisation handles; (entries, YAML tree)."""
    path = root / ELSEWHERE_FILE
    if not path.exists():
        return {}, None
    data, node = read_yaml(path, root, problems, allow_empty=True)
    return read_elsewhere(data, node, rel(path, root), problems), node


def load_synonyms(root: Path, problems: list[Problem]) -> dict[str, list[list[str]]]:
    """``synonyms.yml``: ``{en: [[word, word…], …], fr: […]}``, each group interchangeable."""
    path = root / "synonyms.yml"
    if not path.exists():
        return {lang: [] for lang in LANGUAGES}
    data, node = read_yaml(path, root, problems, allow_empty=True)
    result = {lang: [] for lang in LANGUAGES}
    if not isinstance(data, dict):
        if data is not None:
            problems.append(Problem(rel(path, root), yaml_line(node, ()), "(yaml)", "must be 'en:' and 'fr:', each with a list of word groups"))
        return result
    for lang in LANGUAGES:
        groups = data.get(lang) or []
        if not isinstance(groups, list):
            problems.append(Problem(rel(path, root), yaml_line(node, (lang,)), lang, "must be a list of word groups, one per line starting with '- '"))
            continue
        for i, group in enumerate(groups):
            if isinstance(group, list) and len(group) >= 2 and all(isinstance(w, (str, int, float)) for w in group):
                result[lang].append([str(w).strip() for w in group])
            else:
                problems.append(Problem(rel(path, root), yaml_line(node, (lang, i)), lang, "each synonym group is a list of at least two words, like [dog, puppy]"))
    return result


__all__ = ["Catalogue", "Service", "ServicePage", "load_catalogue", "rel", "SHARED_FIELDS", "channel_numbers"]
