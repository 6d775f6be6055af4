"""``catalogue/elsewhere.yml``: what residents ask the City that another government or organisation handles.

Each entry names the words residents use for it in each language, a
one-line explanation and where to go (a link in each language)::

    passport:
      explanation:
        en: Passports are issued by the Government of Canada, not by the City.
        fr: Les passeports sont délivrés par le gouvernement du Canada, pas par la Ville.
      link_text: {en: Canadian passports (Canada.ca), fr: Passeports canadiens (Canada.ca)}
      url:
        en: https://www.canada.ca/en/immigration-refugees-citizenship/services/canadian-passports.html
        fr: https://www.canada.ca/fr/immigration-refugies-citoyennete/services/passeports-canadiens.html
      words:
        en: [passport, passport renewal]
        fr: [passeport, renouvellement de passeport]

The search index carries them (``guichet.search.build``): a query naming
one of these words shows the explanation and the link on the search page,
and no City service is offered as its answer.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, ValidationError

from .. import LANGUAGES
from .entries import rel
from .problems import Problem, from_validation_error, yaml_line, yaml_node
from .text import LocalText, Strict, Text, _slug

FILE = "elsewhere.yml"


def _https(value: str) -> str:
    value = str(value).strip()
    if not value.startswith("https://") or " " in value or len(value) < 12:
        raise ValueError(f"'{value}' is not a web address; write the whole address, starting with https://")
    return value


Url = Annotated[str, AfterValidator(_https)]


class LocalUrl(Strict):
    en: Url
    fr: Url

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class LocalWords(Strict):
    en: list[Text] = Field(min_length=1)
    fr: list[Text] = Field(min_length=1)

    def get(self, lang: str) -> list[str]:
        return self.fr if lang == "fr" else self.en


class Elsewhere(Strict):
    """One thing another government or organisation handles."""

    explanation: LocalText = Field(description="One line: who handles it (not the City).")
    link_text: LocalText = Field(description="The words of the link, e.g. 'Canadian passports (Canada.ca)'.")
    url: LocalUrl
    words: LocalWords = Field(description="What residents type for it, in each language.")


def read_elsewhere(data, node, shown: str, problems: list[Problem]) -> dict[str, Elsewhere]:
    """The valid entries of the parsed ``elsewhere.yml`` (``catalogue.py`` reads the file)."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(shown, yaml_line(node, ()), "(yaml)", "must be entries like 'passport:', each with explanation, link_text, url and words"))
        return {}
    entries: dict[str, Elsewhere] = {}
    seen: dict[tuple[str, str], str] = {}
    for key, value in data.items():
        try:
            _slug(str(key))  # the same rule as a service's slug
        except ValueError as exc:
            problems.append(Problem(shown, yaml_line(node, (key,)), str(key), str(exc)))
            continue
        try:
            entry = Elsewhere.model_validate(value)
        except ValidationError as exc:
            entry_node = yaml_node(node, (key,))[1]
            for problem in from_validation_error(exc, shown, entry_node, data=value, whole=str(key)):
                field = problem.field if problem.field == str(key) else f"{key}.{problem.field}"
                problems.append(Problem(problem.path, problem.line, field, problem.message))
            continue
        for lang in LANGUAGES:
            for i, word in enumerate(entry.words.get(lang)):
                folded = " ".join(word.casefold().split())
                other = seen.get((lang, folded))
                if other is not None:
                    problems.append(Problem(shown, yaml_line(node, (key, "words", lang, i)), f"{key}.words.{lang}",
                                            f"'{word}' is already a word of '{other}'; keep it in one entry"))
                seen.setdefault((lang, folded), str(key))
        entries[str(key)] = entry
    return entries


def hidden_services(catalogue) -> list[Problem]:
    """Warnings: an elsewhere word that is a service's title or keyword would send residents away from it."""
    out: list[Problem] = []
    if not catalogue.elsewhere:
        return out
    shown = rel(catalogue.root / FILE, catalogue.root)
    for lang in LANGUAGES:
        ours: dict[str, str] = {}
        for page in catalogue.in_language(lang):
            for word in (page.meta.title, *page.meta.keywords):
                ours.setdefault(" ".join(word.casefold().split()), page.slug)
        for key, entry in catalogue.elsewhere.items():
            for i, word in enumerate(entry.words.get(lang)):
                slug = ours.get(" ".join(word.casefold().split()))
                if slug:
                    out.append(Problem(shown, catalogue.elsewhere_line(key, "words", lang, i), f"{key}.words.{lang}",
                                       f"'{word}' is a title or keyword of the City service '{slug}'; residents typing it would be sent elsewhere", "warning"))
    return out


__all__ = ["Elsewhere", "read_elsewhere", "hidden_services", "FILE"]
