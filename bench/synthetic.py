"""Write a synthetic catalogue of N services × 2 languages, and mkdocs configs for it.

The pages pass the schema and the editor checks: front matter modelled on
``catalogue/services/dog-licence.md``, topics, audiences and departments
taken in turn from ``catalogue/taxonomy.yml``, related links in pairs
(both ways) or none, a recent ``last_reviewed``, and short plain sentences
so the readability check passes. One service in ten has a form (a copy of
the dog licence form).

    python bench/synthetic.py --services 1000 --out /tmp/x

writes ``/tmp/x/catalogue/`` and ``/tmp/x/mkdocs.yml`` (Guichet's settings and
theme), and ``/tmp/x/mkdocs-stock.yml`` (stock mkdocs-material, same
Markdown). Build with ``guichet build -f /tmp/x/mkdocs.yml`` (stock: ``mkdocs build -f /tmp/x/mkdocs-stock.yml``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "catalogue"

# (English noun, French noun) × (English kind, French kind): titles that read like tasks.
NOUNS = [
    ("Boat launch", "mise à l'eau"), ("Tree", "arbre"), ("Sign", "affiche"), ("Fence", "clôture"),
    ("Pool", "piscine"), ("Garden plot", "jardinet"), ("Bike rack", "support à vélos"),
    ("Driveway", "entrée de cour"), ("Market stall", "kiosque de marché"), ("Block party", "fête de quartier"),
    ("Water meter", "compteur d'eau"), ("Sidewalk patio", "terrasse"), ("Shed", "remise"),
    ("Hall", "salle"), ("Arena", "aréna"), ("Camp", "camp de jour"),
]
KINDS = [
    ("permit", "Permis pour"), ("inspection", "Inspection pour"), ("booking", "Réservation pour"),
    ("request", "Demande pour"), ("renewal", "Renouvellement pour"),
]

EN_BODY = """
## What this service is for

This service is for {noun_lc}s in Bellerive. We check each {kind} with care. Most people get an answer fast.

## Before you start

Have your address ready. Have your phone number ready. If you are not sure, call 311. We can help you.

## After you apply

We read your {kind} in the order it came in. We call you if we need more facts. You can check the status online.
"""

FR_BODY = """
## À quoi sert ce service

Ce service est pour une {noun} à Bellerive. Nous lisons chaque demande avec soin. La plupart des gens ont une réponse vite.

## Avant de commencer

Ayez votre adresse. Ayez votre numéro de téléphone. Si vous avez un doute, appelez le 311. Nous pouvons vous aider.

## Après la demande

Nous lisons les demandes dans l'ordre. Nous vous appelons s'il nous manque des faits. Vous pouvez suivre la demande en ligne.
"""


def slug_of(i: int) -> str:
    return f"synthetic-service-{i:04d}"


def related_of(i: int, n: int) -> list[str]:
    """Services (1,2), (3,4) … link to each other, except every third pair, which has none."""
    pair = (i - 1) // 2
    if pair % 3 == 2:
        return []
    other = i + 1 if i % 2 == 1 else i - 1
    return [slug_of(other)] if 1 <= other <= n else []


def _channels(i: int, lang: str) -> dict:
    en = lang == "en"
    channels: dict = {}
    if i % 10 == 0:
        channels["online"] = {"form": True, "description": "Apply online. It takes about 5 minutes." if en else "Faites la demande en ligne. Cela prend environ 5 minutes."}
    elif i % 3 == 0:
        channels["online"] = {"url": f"https://services.bellerive.example.org/{slug_of(i)}", "description": "Apply on our online portal." if en else "Faites la demande sur notre portail."}
    channels["phone"] = {
        "number": "311",
        "outside_number": "555-0100",
        "tty": "555-0199",
        "hours": "Monday to Friday, 8 am to 6 pm" if en else "Du lundi au vendredi, de 8 h à 18 h",
    }
    if i % 2 == 0:
        channels["in_person"] = {
            "location": "City Hall, Service Counter" if en else "Hôtel de ville, comptoir de services",
            "address": "100 Main Street, Bellerive" if en else "100, rue Main, Bellerive",
            "hours": "Monday to Friday, 8:30 am to 4:30 pm" if en else "Du lundi au vendredi, de 8 h 30 à 16 h 30",
            "accessibility": "Step-free entrance on Main Street. Accessible parking at the front." if en else "Entrée sans marches rue Main. Stationnement accessible à l'avant.",
        }
    if i % 4 == 1:
        channels["mail"] = {
            "address": "City of Bellerive, 100 Main Street, Bellerive ON K0A 1A0" if en else "Ville de Bellerive, 100, rue Main, Bellerive ON K0A 1A0",
            "instructions": "Send your details and a cheque." if en else "Envoyez vos renseignements et un chèque.",
        }
    return channels


def front_matter(i: int, n: int, lang: str, taxonomy: dict, today: dt.date) -> dict:
    topics, audiences, departments = (sorted(taxonomy[k]) for k in ("topics", "audiences", "departments"))
    noun_en, noun_fr = NOUNS[i % len(NOUNS)]
    kind_en, kind_fr = KINDS[(i // len(NOUNS)) % len(KINDS)]
    en = lang == "en"
    title = f"{noun_en} {kind_en} {i:04d}" if en else f"{kind_fr} {noun_fr} {i:04d}"
    meta: dict = {
        "title": title,
        "summary": (f"Ask for a {noun_en.lower()} {kind_en} in Bellerive. It is for people who need one." if en
                    else f"Demandez un service pour une {noun_fr} à Bellerive. C'est pour les gens qui en ont besoin."),
        "topic": topics[i % len(topics)],
        "audiences": [audiences[i % len(audiences)]] + ([audiences[(i + 1) % len(audiences)]] if i % 5 == 0 else []),
        "keywords": ([f"{noun_en.lower()} {kind_en}", f"{noun_en.lower()}", f"{kind_en} {i}"] if en
                     else [f"{noun_fr} {kind_fr.split()[0].lower()}", noun_fr, f"{kind_fr.split()[0].lower()} {i}"]),
        "department": departments[i % len(departments)],
        "last_reviewed": today - dt.timedelta(days=i % 90),
        "popular": i <= 6,
        "related": related_of(i, n),
        "eligibility": (["You live in Bellerive.", f"You need a {kind_en} for a {noun_en.lower()}."] if en
                        else ["Vous habitez à Bellerive.", f"Vous avez besoin d'un service pour une {noun_fr}."]),
        "what_you_need": (["Your name and address.", "A phone number we can call."] if en
                          else ["Votre nom et votre adresse.", "Un numéro où nous pouvons vous appeler."]),
        "fees": ([] if i % 4 == 0 and i % 10 != 0 else  # a service with a form (every 10th) has fees: its payment takes them
                 [{"label": "Standard fee" if en else "Tarif de base", "amount": f"${10 + i % 50}" if en else f"{10 + i % 50} $"},
                  {"label": "Owner aged 65 or over" if en else "Personne de 65 ans ou plus", "amount": "$5" if en else "5 $"}]),
        "processing_time": "You get an answer within 10 business days." if en else "Vous avez une réponse en 10 jours ouvrables.",
        "next_steps": "We send you a letter. Keep it in a safe place." if en else "Nous vous envoyons une lettre. Gardez-la en lieu sûr.",
        "channels": _channels(i, lang),
    }
    return meta


def page_text(i: int, n: int, lang: str, taxonomy: dict, today: dt.date) -> str:
    meta = front_matter(i, n, lang, taxonomy, today)
    noun_en, noun_fr = NOUNS[i % len(NOUNS)]
    kind_en, _ = KINDS[(i // len(NOUNS)) % len(KINDS)]
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    body = EN_BODY.format(noun_lc=noun_en.lower(), kind=kind_en) if lang == "en" else FR_BODY.format(noun=noun_fr)
    return f"---\n{head}---\n{body}"


def write_catalogue(target_dir: str | Path, n: int, today: dt.date | None = None) -> Path:
    """Write ``target_dir/catalogue`` with ``n`` services × 2 languages; return the catalogue folder."""
    today = today or dt.date.today()
    target = Path(target_dir).resolve()
    catalogue = target / "catalogue"
    if catalogue.exists():
        shutil.rmtree(catalogue)
    services = catalogue / "services"
    services.mkdir(parents=True)
    for name in ("taxonomy.yml", "synonyms.yml"):
        shutil.copyfile(CATALOGUE / name, catalogue / name)
    taxonomy = yaml.safe_load((catalogue / "taxonomy.yml").read_text(encoding="utf-8"))
    form = (CATALOGUE / "services" / "dog-licence.form.yml").read_text(encoding="utf-8")
    for i in range(1, n + 1):
        slug = slug_of(i)
        (services / f"{slug}.md").write_text(page_text(i, n, "en", taxonomy, today), encoding="utf-8")
        (services / f"{slug}.fr.md").write_text(page_text(i, n, "fr", taxonomy, today), encoding="utf-8")
        if i % 10 == 0:
            (services / f"{slug}.form.yml").write_text(form, encoding="utf-8")
    return catalogue


def project_config() -> dict:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def guichet_config(target_dir: Path, readability: bool = True) -> dict:
    """The project's mkdocs.yml (read by ``guichet build``), pointed at the synthetic catalogue; the theme stays the project's."""
    config = project_config()
    config["docs_dir"] = str(target_dir / "catalogue")
    config["site_dir"] = str(target_dir / "site")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["guichet"] = {**(config.get("guichet") or {}), "readability": readability}
    return config


def stock_config(target_dir: Path) -> dict:
    """Stock mkdocs-material on the same Markdown, both languages through mkdocs-static-i18n: no
    overrides, no Guichet (``mkdocs build -f mkdocs-stock.yml``), the comparison the benchmarks keep."""
    config = project_config()
    config["docs_dir"] = str(target_dir / "catalogue")
    config["site_dir"] = str(target_dir / "site-stock")
    config["strict"] = False  # stock material warns about things Guichet handles (e.g. no home page)
    config.pop("guichet", None)
    config["exclude_docs"] = "*.yml\n"
    config["theme"] = {"name": "material", "language": "en", "font": False, "features": []}
    config["plugins"] = [{"i18n": {"docs_structure": "suffix", "fallback_to_default": False, "reconfigure_material": False,
                                   "reconfigure_search": False, "languages": [
                                       {"locale": "en", "default": True, "name": "English", "build": True},
                                       {"locale": "fr", "name": "Français", "build": True, "site_name": "Ville de Bellerive"}]}}]
    return config


def write_configs(target_dir: str | Path, readability: bool = True) -> tuple[Path, Path]:
    """Write ``mkdocs.yml`` (Guichet) and ``mkdocs-stock.yml`` into ``target_dir``; return both paths."""
    target = Path(target_dir).resolve()
    ours, stock = target / "mkdocs.yml", target / "mkdocs-stock.yml"
    ours.write_text(yaml.safe_dump(guichet_config(target, readability), allow_unicode=True, sort_keys=False), encoding="utf-8")
    stock.write_text(yaml.safe_dump(stock_config(target), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return ours, stock


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=1000, help="how many services (each in English and French)")
    parser.add_argument("--out", required=True, help="folder to write catalogue/, mkdocs.yml and mkdocs-stock.yml into")
    parser.add_argument("--no-readability", action="store_true", help="set guichet: readability: false")
    args = parser.parse_args(argv)
    catalogue = write_catalogue(args.out, args.services)
    ours, stock = write_configs(args.out, readability=not args.no_readability)
    print(f"{args.services} services × 2 languages in {catalogue}\nconfig: {ours}\nstock config: {stock}")


if __name__ == "__main__":
    main()
