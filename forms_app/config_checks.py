"""Start-up checks of the settings: every setting's type, and production's safety rules.

``problems(config)`` lists what is wrong, one line each, naming the setting
and the fix; ``create_app`` refuses to start when there is anything
(``ConfigError``: ``flask run`` prints the lines, without a traceback).
Messages never repeat a value that could be secret (the secret key, a
password, a database URL): only what kind of value was given.
"""

from __future__ import annotations

import base64
import binascii
import math
from collections import Counter
from collections.abc import Mapping
from types import NoneType, UnionType
from typing import Any, Literal, get_args, get_origin
from urllib.parse import urlsplit

from cryptography.fernet import Fernet
from pydantic import ValidationError
from pydantic.fields import FieldInfo

from .config import INSECURE_SECRET, Settings, read_key_file, validate

MIN_SECRET_LENGTH = 32
MIN_SECRET_DISTINCT = 8  # characters; 32 hex digits have 8 or more distinct ones but for 1 time in 10⁷
MIN_SECRET_BITS = 96  # Shannon estimate of the text's own letter frequencies × its length
NEW_SECRET = "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
JSON_NOTE = "values from the environment are read as JSON, so 12345 or true is not text: put it in quotes, like FORMS_{key}='\"…\"'"


def problems(config: Mapping[str, Any]) -> list[str]:
    """Every problem with ``config``, one plain line each; empty when it may start."""
    try:
        validate(config)
    except ValidationError as exc:
        return type_problems(exc, config)  # the rules below read values of the right type
    found = url_problems(config.get("PUBLIC_URL"), production=config["ENV"] == "production")
    for department, target in (config.get("WEBHOOKS") or {}).items():
        found += target_problems(department, target, production=config["ENV"] == "production")
    if config["ENV"] == "production":
        found += production_problems(config)
    found += key_problems(config.get("ENCRYPTION_KEYS") or [], config.get("ENCRYPTION_KEY_FILE"),
                          production=config["ENV"] == "production")
    return found


def describe(value: Any) -> str:
    """What kind of value this is, without the value itself."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a JSON object"
    return type(value).__name__


KIND_NAMES = {bool: "true or false", int: "a whole number", float: "a number of seconds", str: "text"}


def type_problems(error: ValidationError, config: Mapping[str, Any]) -> list[str]:
    """pydantic's errors as one line per setting, in the settings' order, without the secret values."""
    wrong = {str(detail["loc"][0]) for detail in error.errors()}
    return [type_problem(key, field, config.get(key)) for key, field in Settings.model_fields.items() if key in wrong]


def type_problem(key: str, field: FieldInfo, value: Any) -> str:
    annotation = field.annotation
    types = [t for t in get_args(annotation) if t is not NoneType] if get_origin(annotation) is UnionType else [annotation]
    choices = get_args(types[0]) if get_origin(types[0]) is Literal else ()
    kind = (field.json_schema_extra or {}).get("kind") or KIND_NAMES[types[0]]
    name = f"FORMS_{key}"
    if value is None:
        return f"{name} is empty (null): set it to {kind}, or leave it out for the default."
    if choices and isinstance(value, str):
        return f"{name} is {value!r}: use one of {', '.join(choices)} (lower case)."
    note = f" ({JSON_NOTE.format(key=key)})" if (choices or types[0] is str) and not isinstance(value, str) else ""
    return f"{name} must be {kind}, not {describe(value)}{note}."


def url_problems(value: str | None, production: bool) -> list[str]:
    if not value:
        if production:
            return ["FORMS_PUBLIC_URL is not set: production needs the site's public https address for the links in "
                    "emails, like FORMS_PUBLIC_URL=https://services.city.example."]
        return []
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment or value != value.strip():
        return [f"FORMS_PUBLIC_URL {value!r} is not a web address: give the scheme and host, like https://services.city.example "
                "(no query or #fragment)."]
    if production and parts.scheme != "https":
        return [f"FORMS_PUBLIC_URL {value!r} is not https: production's email links must use https."]
    return []


def secret_bits(secret: str) -> float:
    """Shannon estimate: length × entropy of the text's own character frequencies."""
    counts = Counter(secret)
    return -sum(n * math.log2(n / len(secret)) for n in counts.values())


def secret_problem(secret: str) -> str | None:
    if secret.strip() in ("", INSECURE_SECRET):
        return f"FORMS_SECRET_KEY is not set (or is the development default): production needs its own random value ({NEW_SECRET})."
    if secret != secret.strip():
        return "FORMS_SECRET_KEY starts or ends with spaces (a copy-paste slip?): remove them."
    if len(secret) < MIN_SECRET_LENGTH or len(set(secret)) < MIN_SECRET_DISTINCT or secret_bits(secret) < MIN_SECRET_BITS:
        return (f"FORMS_SECRET_KEY is too short or too guessable: use at least {MIN_SECRET_LENGTH} random characters "
                f"({NEW_SECRET}).")
    return None


def production_problems(config: Mapping[str, Any]) -> list[str]:
    found = [problem] if (problem := secret_problem(config["SECRET_KEY"])) else []
    for key, what in (("WTF_CSRF_ENABLED", "CSRF protection"), ("WTF_CSRF_CHECK_DEFAULT", "CSRF checks on every POST"),
                      ("WTF_CSRF_SSL_STRICT", "the CSRF Referer check on https")):
        if config.get(key, True) is not True:
            found.append(f"FORMS_{key} is off: production refuses to start without {what}; remove the setting (it is on by default).")
    return found


# -- WEBHOOKS (delivery/webhooks.py signs with these secrets) -------------------------

SECRET_PREFIX = "whsec_"
MIN_SECRET_BYTES = 24  # the specification: between 24 and 64 bytes
MAX_SECRET_BYTES = 64


def secret_bytes(secret: str) -> bytes:
    """The key of a ``whsec_<base64>`` secret; ValueError when it is not one."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("does not start with whsec_")
    try:
        key = base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
    except binascii.Error:
        raise ValueError("is not whsec_ followed by base64") from None
    if not MIN_SECRET_BYTES <= len(key) <= MAX_SECRET_BYTES:
        raise ValueError(f"must hold {MIN_SECRET_BYTES} to {MAX_SECRET_BYTES} bytes")
    return key


def target_problems(department: str, value, production: bool) -> list[str]:
    """What is wrong with one ``WEBHOOKS`` entry, one line each, never repeating the secret."""
    name = f"FORMS_WEBHOOKS[{department!r}]"
    if not isinstance(value, dict) or set(value) != {"url", "secret"} or not all(isinstance(v, str) for v in value.values()):
        return [f"{name} must be a JSON object with text \"url\" and \"secret\", nothing else."]
    found = []
    url = urlsplit(value["url"])
    if url.scheme not in ("https", "http") or not url.hostname:
        found.append(f"{name}: \"url\" must be an http(s) address.")
    elif production and url.scheme != "https":
        found.append(f"{name}: \"url\" must be https in production.")
    try:
        secret_bytes(value["secret"])
    except ValueError as exc:
        found.append(f"{name}: \"secret\" {exc} (make one with "
                     "python -c 'import base64,secrets; print(\"whsec_\" + base64.b64encode(secrets.token_bytes(32)).decode())').")
    return found


# -- ENCRYPTION_KEYS, ENCRYPTION_KEY_FILE (store/sealing.py seals with them) -------------------

NEW_KEY = "flask --app forms_app keys new"


def key_problems(keys: list[str], key_file: str | None, production: bool) -> list[str]:
    """What is wrong with the encryption keys, one line each, never repeating a key."""
    found = [f"FORMS_ENCRYPTION_KEYS: key {number} is not a Fernet key (32 bytes in url-safe base64; make one with {NEW_KEY})."
             for number, key in enumerate(keys, 1) if not _is_fernet_key(key)]
    from_file: list[str] = []
    if key_file:
        try:
            from_file = read_key_file(key_file)
        except (OSError, UnicodeDecodeError) as exc:
            found.append(f"FORMS_ENCRYPTION_KEY_FILE cannot be read ({type(exc).__name__}): give a readable file of "
                         "Fernet keys, one a line.")
        found += [f"FORMS_ENCRYPTION_KEY_FILE: line {number} with a key is not a Fernet key (make one with {NEW_KEY})."
                  for number, key in enumerate(from_file, 1) if not _is_fernet_key(key)]
    if production and not keys and not from_file and not found:
        found.append("FORMS_ENCRYPTION_KEYS is not set: production refuses to keep residents' answers without an "
                     f"encryption key; make one with {NEW_KEY} and set FORMS_ENCRYPTION_KEYS='[\"<key>\"]' "
                     "(or FORMS_ENCRYPTION_KEY_FILE).")
    return found


def _is_fernet_key(key: str) -> bool:
    try:
        Fernet(key)
    except (ValueError, TypeError):
        return False
    return True
