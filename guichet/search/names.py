"""People's names, so a missed search never keeps one (``misses.normalise``).

Given names and surnames common in Canada, in English and French, and from
the country's largest immigrant communities; case-folded, accents as
typed and without (``côté``, ``cote``). Words that are also ordinary search
words are left out on purpose (bill, mark, park, ward, white, rose, guy…):
"water bill" must stay "water bill". A name not listed is still masked after
"my name is" / "je m'appelle" (``INTRODUCERS``), when it follows a listed
given name with a capital letter or is the second of two words after one
("jean dupuis").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .analysis import STOP_WORDS

GIVEN_NAMES = frozenset("""
jean marie claude pierre louis paul luc rené rene andré andre michel marc daniel alain sylvain stéphane stephane
éric eric martin patrick sébastien sebastien mathieu mathieu françois francois denis yves gilles jacques normand
réjean rejean serge benoît benoit simon nicolas alexandre gabriel samuel olivier félix felix thomas raphaël raphael
étienne etienne guillaume philippe vincent jérôme jerome maxime hugo antoine julien frédéric frederic
sylvie nathalie isabelle julie sophie chantal manon josée josee lucie diane johanne linda lise martine mélanie
melanie stéphanie stephanie véronique veronique caroline geneviève genevieve annie karine valérie valerie catherine
émilie emilie léa lea chloé chloe emma olivia charlotte alice zoé zoe rosalie camille audrey marie-claude
marie-eve marie-ève marie-josée marie-josee anne-marie jean-françois jean-francois jean-pierre jean-marc jean-guy
john james robert michael david william richard joseph charles christopher matthew anthony donald steven
andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas
jonathan stephen larry justin scott brandon benjamin gregory alexander dennis tyler aaron adam nathan henry
zachary peter kyle noah ethan liam lucas owen logan connor dylan
mary patricia jennifer elizabeth barbara susan jessica sarah karen lisa nancy betty sandra margaret ashley
kimberly emily donna michelle amanda melissa deborah rebecca sharon laura cynthia amy kathleen angela
shirley brenda pamela nicole katherine samantha christine ava sophia isabella mia amelia harper evelyn
abigail madison hannah megan heather tiffany jennifer jenny kate katie ella avery
priya raj rajesh amit anil sunil deepak arjun rohan ananya aarav vikram sanjay neha pooja anjali harpreet
gurpreet manpreet jaspreet simran navdeep
aisha fatima mohamed mohammed muhammad ahmed omar hassan hussein youssef yasmine yasmin karim samir nadia
leila layla amina ibrahim mustafa
mei wei jing xin hui ying jun lei yan hiroshi yuki minh thi anh duc linh
""".split())

SURNAMES = frozenset("""
tremblay gagnon roy côté cote bouchard gauthier morin lavoie fortin gagné gagne ouellet ouellette pelletier
bélanger belanger lévesque levesque bergeron leblanc paquette girard simard boucher caron beaulieu cloutier dubé
dube poirier fournier lapointe leclerc lefebvre poulin thibault nadeau landry martel bédard bedard grenier
lessard bernier michaud hébert hebert desjardins couture turcotte lachance gosselin savard proulx beaudoin
demers perreault boudreau lemieux dufour mercier bolduc bérubé berube boisvert langlois ménard menard therrien
bilodeau lalonde charbonneau laflamme dupuis vachon tessier st-pierre gingras brunet rioux labelle lacroix
smith johnson williams jones miller davis wilson anderson taylor jackson thompson harris robinson clark
lewis walker allen wright campbell mitchell roberts carter phillips evans turner collins edwards stewart
morris murphy rogers morgan peterson bailey kelly howard richardson watson macdonald mcdonald macleod
mackenzie fraser morrison murray reid graham henderson hamilton ferguson gordon sinclair mcneil
patel singh kaur sharma gupta kumar shah khan hassan chen wang zhang liu huang zhou xu nguyen tran
pham kim lee wong chan yang zhao dhillon sandhu gill grewal sidhu
""".split())

INTRODUCERS = (
    "my name is", "my name's", "name is", "i am called", "je m'appelle", "je m’appelle", "m'appelle", "m’appelle",
    "mon nom est", "mon nom c'est", "name:", "nom:", "nom :",
)


def is_listed_name(word: str) -> bool:
    """A listed given name or surname, or a compound of them (marie-claude, st-pierre)."""
    word = word.casefold()
    if word in GIVEN_NAMES or word in SURNAMES:
        return True
    parts = [p for p in re.split(r"['’-]", word) if p]
    return len(parts) > 1 and all(p in GIVEN_NAMES or p in SURNAMES for p in parts)


def mask_reference(match: re.Match) -> str:
    """For ``re.sub`` with a ``(xxxx)(-?)(xxxx)`` pattern: ``ABCD-2345``, ``abcd-efgh``, ``a1b2c3d4`` (a request
    reference or the like) become ``[reference]``; an eight-letter word ("business") is kept."""
    left, sep, right = match.groups()
    if sep == "-" or any(c.isdigit() for c in left + right):
        return "[reference]"
    return match.group(0)


def replace_words(text: str, found: list[re.Match], indexes: set[int], mask: str = "[name]") -> str:
    """``text`` with the words ``found[i]`` (``i`` in ``indexes``) replaced by ``mask``."""
    out, last = [], 0
    for i in sorted(indexes):
        out += [text[last:found[i].start()], mask]
        last = found[i].end()
    return "".join(out) + text[last:]


WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # a word, with its inner apostrophes and hyphens
NOT_A_SURNAME = STOP_WORDS["en"] | STOP_WORDS["fr"]  # "marie et jean": "et" follows a given name, it is no surname


def mask_listed_names(text: str, surname: Callable[[str, list[re.Match], int], bool]) -> str:
    """Listed given names and surnames become ``[name]``, and so does the word after a listed given name
    (a surname we do not list, "Jean Dupuis") when it is no little word and ``surname(text, found, i)``
    says so for the given name ``found[i]`` (each caller has its own rule about capitals and spacing)."""
    found = list(WORD.finditer(text))
    names: set[int] = set()
    for i, m in enumerate(found):
        word = m.group(0)
        if is_listed_name(word):
            names.add(i)
            if (i + 1 < len(found) and word.casefold() in GIVEN_NAMES
                    and found[i + 1].group(0).casefold() not in NOT_A_SURNAME and surname(text, found, i)):
                names.add(i + 1)
    return replace_words(text, found, names) if names else text
