"""Stable HSDS identifiers: HSDS 3 asks for UUIDs; Guichet names things by slug.

Each id is a UUID version 5 of the site's address and a path of names
(``service/dog-licence``, ``service/dog-licence/fee/0``), so a rebuild gives the
same ids, and both languages' files give a record the same id: a directory
that imports the English and the French files can tell they describe one thing.
"""

from __future__ import annotations

import uuid


def stable_id(site_url: str, *names: object) -> str:
    base = site_url.rstrip("/") + "/hsds/"
    return str(uuid.uuid5(uuid.NAMESPACE_URL, base + "/".join(str(n) for n in names)))
