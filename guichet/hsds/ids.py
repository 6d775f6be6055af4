"""Stable HSDS identifiers: HSDS 3 asks for UUIDs; Guichet names things by slug.

Each id is a UUID version 5 of the site's address and a path of names
(``service/dog-licence``, ``service/dog-licence/fee/0``), so a rebuild gives the
same ids, and both languages' files give a record the same id: a directory
that imports the English and the French files can tell they describe one thing.
"""

from __future__ import annotations

import hashlib
import uuid

_URL_SPACE = uuid.NAMESPACE_URL.bytes


def stable_id(site_url: str, *names: object) -> str:
    """``str(uuid.uuid5(uuid.NAMESPACE_URL, name))``, without building a UUID object (400,000 ids at 10,000 services)."""
    name = site_url.rstrip("/") + "/hsds/" + "/".join(str(n) for n in names)
    digest = bytearray(hashlib.sha1(_URL_SPACE + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
