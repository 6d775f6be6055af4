"""Residents' free-text comments, masked for likely personal data before they are stored.

The page feedback's comment (forms_app/feedback) asks residents not to
enter personal information; some will anyway. ``mask`` replaces what could
say who wrote it with a bracketed word, keeping the rest as typed (case,
accents, punctuation) so editors can still read the comment:

* email addresses → ``[email]``;
* Canadian postal codes (``K0A 1A0``, ``h2x1y4``) → ``[postal code]``;
* phone numbers (``613-555-0199``, ``(613) 555 0199``, ``+1 613…``, ``555-0199``) → ``[phone]``;
* request references (``ABCD-2345``) and codes mixing letters and digits (a licence or account number)
  → ``[reference]`` / ``[code]``;
* runs of 5 or more digits, spaces and dashes allowed between them (a card, a SIN, a date) → ``[number]``;
* a civic address (``45 rue Principale``, ``12 Elm Street``) → ``[address]``;
* names: the words after "my name is", "je m'appelle", "mon nom est"… (up to three, the first always),
  and given names and surnames common in Canada (``guichet.search.names``, as the missed searches are).

It errs on the side of masking: a street named after a person loses its
name, which the editors can live with.
"""

from __future__ import annotations

import re

from .search.names import (GIVEN_NAMES, INTRODUCERS, NOT_A_SURNAME, SURNAMES, WORD, mask_listed_names,
                           mask_reference)

EMAIL = re.compile(r"[^\s@<>()\[\]\"',;:]+@[^\s@<>()\[\]\"',;:]+")
POSTAL_CODE = re.compile(r"(?<![^\W_])[a-z]\d[a-z][ -]?\d[a-z]\d(?![^\W_])", re.IGNORECASE)
PHONE = re.compile(
    r"(?<![\w+])(?:\+?1[\s.-]*)?(?:\(\d{3}\)|\d{3})[\s.-]*\d{3}[\s.-]*\d{4}(?:\s*(?:x|ext\.?|poste)\s*\d{1,5})?(?!\d)"
    r"|(?<![\w-])\d{3}[\s.-]\d{4}(?![\w-])", re.IGNORECASE)
REFERENCE = re.compile(r"(?<![^\W_])([a-z0-9]{4})(-?)([a-z0-9]{4})(?![^\W_])", re.IGNORECASE)
CODE = re.compile(r"(?<![^\W_])(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{5,}(?![^\W_])", re.IGNORECASE)
DIGITS = re.compile(r"\d(?:[\s./-]?\d){4,}")
STREET_FR = r"(?:rue|avenue|av\.|boulevard|boul\.|chemin|ch\.|route|rang|place|montée|croissant|impasse|allée)"
STREET_EN = r"(?:street|st\.?|avenue|ave\.?|road|rd\.?|drive|dr\.?|crescent|cres\.?|court|ct\.?|boulevard|blvd\.?|lane|ln\.?|way|place|pl\.?)"
ADDRESS = re.compile(
    rf"(?<!\d)\d{{1,6}}[a-z]?,?\s+(?:{STREET_FR}\s+(?:(?:des|du|de|la|le)\s+|l['’]\s*)?[^\W\d_][\w'’-]*"
    rf"|(?:[^\W\d_][\w'’-]*\s+){{1,2}}{STREET_EN}(?![\w]))", re.IGNORECASE)
MASKS = re.compile(r"\[(?:name|email|phone|postal code|reference|code|number|address)\]")
EXTRA_INTRODUCERS = ("mon nom c’est", "my full name is", "name's", "je me nomme", "moi c'est", "moi c’est",
                     "signed", "signé")


def _introduced_names(text: str) -> str:
    """The words after "my name is", "je m'appelle"…: the first two (unless the second is an ordinary
    little word: "and", "et"), then a third that starts with a capital or is a listed name."""
    folded = text.casefold()
    spans = []
    for introducer in INTRODUCERS + EXTRA_INTRODUCERS:
        start = 0
        while (at := folded.find(introducer, start)) >= 0:
            start = at + len(introducer)
            if at and folded[at - 1].isalnum():
                continue
            words = list(WORD.finditer(text, start))[:3]
            taken = []
            for i, m in enumerate(words):
                gap = text[(taken[-1].end() if taken else start):m.start()]
                if (i and (not re.fullmatch(r"[\s,]*", gap) or m.group(0).casefold() in NOT_A_SURNAME)) or len(gap) > 3:
                    break
                w = m.group(0)
                if i > 1 and not (w[:1].isupper() or w.casefold() in GIVEN_NAMES or w.casefold() in SURNAMES):
                    break
                taken.append(m)
            if taken:
                spans.append((taken[0].start(), taken[-1].end()))
    merged: list[list[int]] = []
    for begin, end in sorted(spans):  # "my name is" and "name is" find the same words
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end])
    for begin, end in reversed(merged):
        text = text[:begin] + "[name]" + text[end:]
    return text


def _capitalised_and_next(text: str, found: list[re.Match], i: int) -> bool:
    """In a comment a surname is capitalised and only spaces part it from the given name."""
    following = found[i + 1]
    return following.group(0)[:1].isupper() and bool(re.fullmatch(r"\s+", text[found[i].end():following.start()]))


def _listed_names(text: str) -> str:
    """Listed given names and surnames, and the capitalised word after a listed given name ("Jean Dupuis")."""
    return mask_listed_names(text, _capitalised_and_next)


def mask(text: str) -> str:
    """``text`` with likely personal data replaced (see the list above)."""
    text = EMAIL.sub("[email]", text)
    text = POSTAL_CODE.sub("[postal code]", text)
    text = PHONE.sub("[phone]", text)
    text = REFERENCE.sub(mask_reference, text)
    text = CODE.sub("[code]", text)
    text = ADDRESS.sub("[address]", text)
    text = DIGITS.sub("[number]", text)
    text = _introduced_names(text)
    text = _listed_names(text)
    return re.sub(r"\[name\](?:[\s,]+\[name\])+", "[name]", text)


def only_masks(text: str) -> bool:
    """Nothing left but masks and punctuation (the comment said nothing else)."""
    return not WORD.search(MASKS.sub("", text))
