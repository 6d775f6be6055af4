"""The catalogue as Open Referral HSDS 3.0 JSON, for regional directories (211, service finders).

HSDS has no field for a second language, so each language is one set of files
(``hsds/en/…``, ``hsds/fr/…``) in which the same record has the same id
(docs/hsds.md). Per language:

* ``organization.json``: the city, with every service (HSDS's organization view);
* ``services.json``: every service with its organization, in the API reference's
  ``Page`` wrapper (one page holding them all);
* ``services/<id>.json``: one service, like the API's ``/services/{id}``.

No Flask, no mkdocs: the site build calls :func:`write_hsds`; tests call
:func:`catalogue_to_hsds` on a loaded catalogue.
"""

from __future__ import annotations

import json
import os

from .. import LANGUAGES
from ..model.catalogue import Catalogue
from .records import organization, service

HSDS_VERSION = "3.0"
FOLDER = "hsds"


def catalogue_to_hsds(catalogue: Catalogue, lang: str, site_url: str) -> dict[str, dict]:
    """``{path under hsds/: JSON value}`` for one language."""
    if catalogue.taxonomy is None:
        return {}
    org = organization(catalogue.taxonomy.site, lang, site_url)
    services = [service(catalogue.services[slug], lang, site_url, org["id"])
                for slug in sorted(catalogue.services) if catalogue.services[slug].pages]
    files: dict[str, dict] = {f"{lang}/organization.json": {**org, "services": services}}
    with_org = [{**s, "organization": org} for s in services]
    files[f"{lang}/services.json"] = {
        "total_items": len(with_org), "total_pages": 1, "page_number": 1, "size": len(with_org),
        "first_page": True, "last_page": True, "empty": not with_org, "contents": with_org,
    }
    for record in with_org:
        files["/".join((lang, "services", record["id"] + ".json"))] = record  # a file under hsds/, not a page address
    return files


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def hsds_texts(catalogue: Catalogue, lang: str, site_url: str) -> dict[str, str]:
    """``catalogue_to_hsds`` as the files' text, each service record encoded once: the same bytes
    as ``_dumps`` of every value (at 10,000 services, 100 MB of JSON per language), in a third of the time."""
    if catalogue.taxonomy is None:
        return {}
    org = organization(catalogue.taxonomy.site, lang, site_url)
    org_text = _dumps(org)
    records = [service(catalogue.services[slug], lang, site_url, org["id"])
               for slug in sorted(catalogue.services) if catalogue.services[slug].pages]
    plain = [_dumps(record) for record in records]
    with_org = [text[:-1] + ',"organization":' + org_text + "}" for text in plain]  # {**record, "organization": org}
    head = _dumps({"total_items": len(records), "total_pages": 1, "page_number": 1, "size": len(records),
                   "first_page": True, "last_page": True, "empty": not records, "contents": []})
    files = {
        f"{lang}/organization.json": org_text[:-1] + ',"services":[' + ",".join(plain) + "]}",
        f"{lang}/services.json": head[:-3] + "[" + ",".join(with_org) + "]}",
    }
    for record, text in zip(records, with_org):
        files["/".join((lang, "services", record["id"] + ".json"))] = text
    return files


def write_hsds(catalogue: Catalogue, site_dir: str, site_url: str, languages=LANGUAGES) -> int:
    """Write every language's files under ``site_dir/hsds/``; returns how many."""
    count, made = 0, set()
    for lang in languages:
        for path, text in hsds_texts(catalogue, lang, site_url).items():
            target = os.path.join(site_dir, FOLDER, *path.split("/"))
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(text)
            count += 1
    return count
