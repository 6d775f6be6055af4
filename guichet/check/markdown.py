"""Checks of the prose: internal links, image alt text, vague link text, headings."""

from __future__ import annotations

import re
from ..model.catalogue import ServicePage
from ..model.problems import Problem

LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]+)\)")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)
VAGUE = {
    "click here", "here", "this", "this page", "link", "more", "read more", "learn more",
    "cliquez ici", "ici", "ce lien", "lien", "cette page", "plus", "en savoir plus", "lire la suite",
}


def _problems_in_line(line: str, lineno: int, page: ServicePage, shown: str) -> list[Problem]:
    out: list[Problem] = []
    if re.match(r"^#\s", line):
        out.append(Problem(shown, lineno, "(body)", "a '# ' heading repeats the page title; start sections with '## '"))
    for m in IMAGE.finditer(line):
        if not m.group(1).strip():
            out.append(Problem(shown, lineno, "(image)", f"image {m.group(2)} has no alt text; describe it inside ![…]"))
    for m in HTML_IMG.finditer(line):
        if not re.search(r'\balt="[^"]+"', m.group(0)):
            out.append(Problem(shown, lineno, "(image)", "<img> has no alt text; add alt=\"what the image shows\""))
    for m in LINK.finditer(line):
        text, target = m.group(1).strip(), m.group(2)
        if text.casefold().strip(" .:!") in VAGUE:
            out.append(Problem(shown, lineno, "(link text)", f"link text '{text}' says nothing out of context; name where the link goes"))
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue
        path = target.split("#", 1)[0]
        if path and not _is_file(page.path.parent, path):
            hint = "check the file name" if path.endswith(".md") else "link to the .md file, for example other-service.md"
            out.append(Problem(shown, lineno, "(link)", f"broken link to '{target}'; {hint}"))
    return out


def _is_file(folder, target: str) -> bool:
    """Whether a link's target exists; a name no file can have (a NUL byte,
    too long) is reported as a broken link like any other."""
    try:
        return (folder / target).resolve().is_file()
    except (OSError, ValueError):
        return False


def check(page: ServicePage, shown: str) -> list[Problem]:
    out: list[Problem] = []
    in_code = False
    for offset, line in enumerate(page.body.split("\n")):  # lines as editors count them
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if not in_code:
            out.extend(_problems_in_line(line, page.body_line + offset, page, shown))
    return out
