"""Service pages written for the search tests, made from the demo's dog-licence page with other words."""

from __future__ import annotations

from pathlib import Path

from tests.support.apps import CATALOGUE


def write_service(root: Path, slug: str, lang: str = "en", *, title: str, keywords: list[str], body: str,
                  summary: str | None = None) -> None:
    """A service page in ``root`` made from the dog-licence page with other words."""
    import yaml

    from guichet.model.catalogue import split_front_matter

    suffix = "" if lang == "en" else f".{lang}"
    raw, _, _ = split_front_matter((CATALOGUE / "services" / f"dog-licence{suffix}.md").read_text(encoding="utf-8"))
    meta = yaml.safe_load(raw)
    meta.update(title=title, keywords=keywords, summary=summary or f"About {title}.", related=[], popular=False)
    meta["channels"] = {"phone": meta["channels"]["phone"]}
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"
    (root / "services").mkdir(parents=True, exist_ok=True)
    (root / "services" / f"{slug}{suffix}.md").write_text(text, encoding="utf-8")
