"""``write_hsds`` writes each value of ``catalogue_to_hsds`` as compact JSON, byte for byte
(it encodes each service record once and pieces the big files together, for speed)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from guichet.hsds import FOLDER, catalogue_to_hsds, write_hsds
from guichet.hsds.ids import stable_id
from guichet.model.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
SITE = "https://services.example.ca/"


def test_written_files_are_the_values_as_compact_json(tmp_path):
    demo = load_catalogue(ROOT / "catalogue")
    count = write_hsds(demo, str(tmp_path), SITE)
    written = {p.relative_to(tmp_path / FOLDER).as_posix(): p.read_text(encoding="utf-8") for p in (tmp_path / FOLDER).rglob("*.json")}
    assert count == len(written) > 4
    for lang in ("en", "fr"):
        for path, value in catalogue_to_hsds(demo, lang, SITE).items():
            assert written[path] == json.dumps(value, ensure_ascii=False, separators=(",", ":")), path
            assert json.loads(written[path]) == value


def test_stable_id_is_uuid5_of_the_address():
    for names in (("organization",), ("service", "dog-licence", "fee", 0), ("service", "é-à", "at", "x")):
        expected = uuid.uuid5(uuid.NAMESPACE_URL, SITE.rstrip("/") + "/hsds/" + "/".join(str(n) for n in names))
        assert stable_id(SITE, *names) == str(expected)
        assert uuid.UUID(stable_id(SITE, *names)).version == 5
