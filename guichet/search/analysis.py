"""Turn text into search terms, the same way for the index and for a query.

One ``Analyzer`` per language does, for each word:

1. split on anything that is not a letter or a digit (so ``nid-de-poule``
   is three words and ``l'hôtel`` is ``l`` + ``hôtel``);
2. case-fold, then drop the language's stop words (``the``, ``de``…);
3. stem with the Snowball stemmer of the language (``snowballstemmer``,
   pure Python, uses PyStemmer's C code when installed): ``licences`` →
   ``licenc``, ``déneigement`` → ``déneig``;
4. remove accents *after* stemming (Snowball's French rules read them),
   so ``deneigement`` and ``déneigement`` both give ``deneig``;
5. in English, map British stems to American ones (``licenc`` →
   ``licens``, ``colour`` → ``color``) from the ``UK_US`` pairs below.

The full-text index stores only these terms, so what a resident types and
what the page says meet in the middle. Stemmers are not thread-safe: keep
one ``Analyzer`` per thread (``SearchIndex`` does).
"""

from __future__ import annotations

import re
import unicodedata

import snowballstemmer

from .. import DEFAULT_LANGUAGE

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
STEMMER_NAMES = {"en": "english", "fr": "french"}

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """a an the and or of to in on at by for from with without into about as is are was be been
        i me my mine we our us you your he she it its they them their this that these those there
        how do does did can could would should will shall what where when which who whom why
        want need please get got am not no if so than then just""".split()
    ),
    "fr": frozenset(
        """le la les l un une des de du d et ou à a au aux en pour par sur sous dans avec sans chez contre
        je j me m moi mon ma mes tu te t ton ta tes il elle on nous vous ils elles leur leurs
        notre nos votre vos son sa ses ce c cet cette ces ça se s y est être suis sont
        qui que qu quoi quel quelle quels quelles où comment pourquoi quand
        veux voudrais dois faut peux puis ne n si""".split()
    ),
}

# British spelling → American spelling. Both are stemmed, and the British
# stem is replaced by the American one, so every inflection follows
# (licences, licensing, colours…). Add pairs here, not one-off fixes.
UK_US: tuple[tuple[str, str], ...] = (
    ("licence", "license"), ("defence", "defense"), ("offence", "offense"),
    ("practise", "practice"), ("colour", "color"), ("neighbour", "neighbor"),
    ("neighbourhood", "neighborhood"), ("labour", "labor"), ("harbour", "harbor"),
    ("favour", "favor"), ("behaviour", "behavior"), ("honour", "honor"),
    ("centre", "center"), ("metre", "meter"), ("litre", "liter"),
    ("theatre", "theater"), ("fibre", "fiber"), ("kilometre", "kilometer"),
    ("organise", "organize"), ("organisation", "organization"), ("recognise", "recognize"),
    ("apologise", "apologize"), ("authorise", "authorize"), ("authorisation", "authorization"),
    ("realise", "realize"), ("utilise", "utilize"), ("criticise", "criticize"),
    ("enrol", "enroll"), ("enrolment", "enrollment"), ("fulfil", "fulfill"),
    ("cancelled", "canceled"), ("cancelling", "canceling"), ("travelling", "traveling"),
    ("labelled", "labeled"), ("modelling", "modeling"), ("counselling", "counseling"),
    ("catalogue", "catalog"), ("programme", "program"),
    ("tyre", "tire"), ("kerb", "curb"), ("grey", "gray"), ("jewellery", "jewelry"),
    ("aluminium", "aluminum"), ("storey", "story"), ("mould", "mold"), ("plough", "plow"),
    ("paediatric", "pediatric"), ("anaemia", "anemia"), ("manoeuvre", "maneuver"),
)


def strip_accents(text: str) -> str:
    """``Déneigement`` → ``Deneigement`` (ligatures such as œ become oe)."""
    if text.isascii():
        return text
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The case-folded words of ``text``, stop words included."""
    return WORD_RE.findall(unicodedata.normalize("NFC", text).casefold())


def plain(word: str) -> str:
    """The form of a word kept in the vocabulary: case-folded, no accents."""
    return strip_accents(word.casefold())


class Analyzer:
    """Stemming and stop words of one language. Not thread-safe."""

    def __init__(self, lang: str):
        self.lang = lang if lang in STEMMER_NAMES else DEFAULT_LANGUAGE
        self.stop_words = STOP_WORDS[self.lang]
        self._stemmer = snowballstemmer.stemmer(STEMMER_NAMES[self.lang])
        self._cache: dict[str, str] = {}
        self._spelling: dict[str, str] = {}
        if self.lang == "en":
            for uk, us in UK_US:
                uk_stem, us_stem = self._raw_stem(uk), self._raw_stem(us)
                if uk_stem != us_stem:
                    self._spelling[uk_stem] = us_stem

    def _raw_stem(self, word: str) -> str:
        return plain(self._stemmer.stemWord(word))

    def stem(self, word: str) -> str:
        """The index term of one case-folded word."""
        term = self._cache.get(word)
        if term is None:
            term = self._raw_stem(word)
            term = self._spelling.get(term, term)
            if len(self._cache) < 200_000:
                self._cache[word] = term
        return term

    def content_words(self, text: str) -> list[str]:
        """Case-folded words without stop words (a stop word alone is kept)."""
        found = words(text)
        kept = [w for w in found if w not in self.stop_words]
        return kept or found

    def terms(self, text: str) -> list[str]:
        """Index terms of a text, in order (stop words dropped)."""
        return [self.stem(w) for w in words(text) if w not in self.stop_words]

    def term_text(self, text: str) -> str:
        """The text as the full-text index stores it: terms joined by spaces."""
        return " ".join(self.terms(text))
