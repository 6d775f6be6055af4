"""The emails' Jinja environment, made here without Flask: the worker runs without the web layer.

Email bodies are templates in ``templates/mail/``: ``*.html`` autoescaped
(every value a resident or staff typed is escaped), ``*.txt`` not (plain
text has nothing to escape). The messages module computes every value,
words included (``text.py``); the templates only lay them out.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment() -> Environment:
    """Made on first use, once per process."""
    return Environment(
        loader=PackageLoader("forms_app.delivery", "templates/mail"),
        autoescape=select_autoescape(["html"], default_for_string=False, default=False),
        trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined,
    )


def render(name: str, **context) -> str:
    return environment().get_template(name).render(**context)
