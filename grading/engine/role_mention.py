"""Whether a name in a text that addresses its reader ("je"), or speaks as its role ("ik"), is the
role or someone beside it.

Such a text names its role where it introduces it: in the title or a heading, after "als", or
after what introduces a role ("Wij zoeken een …", "Je bent …", "de rol van …"). A family's
function name elsewhere is someone the reader works with: "De ambtelijk secretaris ondersteunt
je", "stem je af met de ambtelijk secretaris" speak to a council member and an HR adviser
(fit.py leaves such a name out of the family's claim). A text about its role in the third person
names it anywhere. Each name is read at most REACH words back, so the cost grows with the text.
"""

from bisect import bisect_right
from collections.abc import Sequence

from grading.engine.lexicon import Token, marked_between, stem_positions
from grading.engine.text import Sentence, stem

ARTICLES = frozenset({"de", "het", "een"})
# A possessive opens a subject that is someone beside the role as well ("Onze secretaris maakt …").
OWNERS = frozenset({"onze", "ons", "mijn", "jouw", "uw"})
# Words that introduce the role a text is about ("Als …", "Wij zoeken een …", "Je bent …", "de
# rol van …"); words that put a name beside the role ("samen met de …", "er is een …"); and the
# words that may stand between either and the name.
INTRODUCERS = frozenset("als zoeken zoekt gezocht vacature functie rol ben bent word wordt".split())
BESIDE = frozenset("met door bij aan naast tussen van er".split())
BETWEEN = frozenset(
    "een de het onze ons jouw je jij wij we uw nieuwe nieuw senior junior ervaren enthousiaste allround "
    "interim tijdelijk tijdelijke parttime fulltime zelfstandig zelfstandige".split()
)
REACH = 4
CLAUSE_ENDS = ".!?;:,•\n"  # a name after one of these opens its clause
ADDRESSING_STEMS = frozenset(stem(word) for word in ("je", "jij", "jou", "jouw"))
# A portrait in the first person speaks as its role ("ik"): there too a name must be introduced.
SPEAKING_STEMS = frozenset(stem(word) for word in ("ik", "mijn", "mij"))
ADDRESSED_WORDS = 3
ROLE, OTHER, NEUTRAL = "role", "other", ""


def addresses_reader(tokens: list[Token]) -> bool:
    """Whether the text speaks to its reader ("je", "jij") or as its role ("ik"): then a role's
    name must be introduced."""
    positions = stem_positions(tokens)
    return any(sum(len(positions.get(word, ())) for word in stems) >= ADDRESSED_WORDS
               for stems in (ADDRESSING_STEMS, SPEAKING_STEMS))


def mention(text: str, tokens: Sequence, start: int, headings: Sequence[Sentence]) -> str:
    """What a name at token `start` of a text addressing its reader names: the ROLE (in a heading,
    or introduced as the role), an OTHER person (beside the role, or the subject of its own
    sentence: "De secretaris ondersteunt je"), or NEUTRAL. Reads at most REACH tokens back."""
    position = tokens[start].start
    inside = bisect_right(headings, position, key=lambda heading: heading.start) - 1  # headings come in text order
    if inside >= 0 and position < headings[inside].end:
        return ROLE
    for back in range(start - 1, max(-1, start - 1 - REACH), -1):
        if marked_between(text, tokens[back], tokens[back + 1], CLAUSE_ENDS):
            return _sentence_start(tokens, back + 1, start)
        word = tokens[back].word
        if word in INTRODUCERS:
            return ROLE
        if word == "van" and back > 0 and tokens[back - 1].word in INTRODUCERS:
            return ROLE
        if word in BESIDE:
            return OTHER
        if word not in BETWEEN:
            return NEUTRAL
    return _sentence_start(tokens, 0, start) if start <= REACH else NEUTRAL


def _sentence_start(tokens: Sequence, first: int, start: int) -> str:
    """A name that opens its sentence after an article is its subject, someone beside the reader
    ("De secretaris ondersteunt je"); a bare name there is a title or a list item ("Ambtelijk
    secretaris bij een ziekenhuis")."""
    between = [tokens[i].word for i in range(first, start)]
    return OTHER if between and between[0] in ARTICLES | OWNERS and all(w in BETWEEN for w in between) else NEUTRAL
