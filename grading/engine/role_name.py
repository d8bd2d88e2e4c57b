"""The name a text gives the role itself.

A description names its role in its title ("Voorzitter centrale cliëntenraad"), with "Als …"
("Als ambtelijk secretaris ondersteun je …"), or, written in the third person, as the subject of
its sentences ("De voorzitter zorgt …", "Van de voorzitter wordt verwacht …"). A family's own
texts name the people its roles work with and for ("adviseert de voorzitter", "ondersteunt de
directeur"). A role that the text names after one of those people is that other person's role,
however many of the family's words it shares: the chair of a works council is not its secretary.

Only a person's name counts (a word with an ending Dutch forms persons with, not a word for any
employee such as "medewerker"), only when the text
gives it twice (a title or an "Als …" counts twice), and only the name it gives most often. A text that addresses the reader ("Je
ondersteunt de directeur. De directeur …") names its role "je": there a sentence that opens with
"De …" speaks of someone else and does not count.

Each sentence is read only at its start, so the cost grows with the number of sentences.

"""

import re
from collections import Counter
from collections.abc import Sequence

from grading.engine.text import Sentence, stem

START_CHARACTERS = 120  # enough for "Als senior adviseur medezeggenschap en ambtelijk secretaris"
WORD = re.compile(r"[^\W\d_]+(?:-lid\b)?")  # "OR-lid" is one name
# The endings of Dutch person nouns: voorzitter, directeur, secretaris, assistent, adviseur,
# coördinator, leerling, attaché, medewerkster …
PERSON_ENDING = re.compile(r"(?:er|eur|aris|ant|ent|ist|or|ling|ster|ice|é|lid)$")
# A member ("ouderlid", "OR-lid") is one of the "leden" a family's texts speak of: the plural the
# stem does not reach from the singular.
MEMBER = "lid"
MEMBERS = "leden"
MEMBERS_STEM = stem(MEMBERS)
# Words a title puts before the role's name ("Vacature: senior adviseur …").
# Words that say what kind of document a text is: a first line of only these is no title.
DOCUMENT_WORDS = frozenset(
    """
    vacature vacaturetekst vacatures functie functieprofiel functiebeschrijving functieomschrijving
    functietitel functienaam omschrijving beschrijving profiel profielschets wervingsprofiel
    competentieprofiel taakomschrijving portret beroepsportret interview
    """.split()
)
TITLE_MODIFIERS = DOCUMENT_WORDS | frozenset(
    """
    senior junior medior ervaren onafhankelijk tijdelijk allround zelfstandig ambtelijk technisch
    administratief administratieve algemeen algemene centrale centraal interim eerste tweede
    vrijwillig vrijwillige gezocht gevraagd nieuw nieuwe
    """.split()
)
# What separates a title's parts ("Gemeente Zuidhaven – Beleidsmedewerker", "Vacature: …") and
# the verbs with which a title searches its role.
TITLE_PARTS = re.compile(r"\s[–—-]\s|[:|]")
SEARCHING = frozenset({"zoekt", "zoeken", "zoek"})
# Words for any employee: they say what the role is not, never whose role it is.
ANY_EMPLOYEE = frozenset(
    "medewerker medewerkster werknemer collega kandidaat sollicitant functionaris functiehouder professional".split()
)
# Words for whoever offers the job ("Werkgever: Stad Gent"): a label, never the role's name.
OFFERING = frozenset("werkgever opdrachtgever recruiter adverteerder bemiddelaar".split())
ADDRESSED = frozenset({"je", "jij", "u"})
# "Als" before an article or a pronoun opens a condition ("Als dezelfde leerling …", "Als je …")
# or a likeness ("als een spin in het web"), not the role's name ("Als secretaris …").
CONDITIONAL = frozenset(
    "de het een dezelfde hetzelfde die deze dat dit er ik je jij u we wij ze zij hij jullie iemand iets men".split()
)
# A subject the sentence acts upon ("De klant wordt geholpen", "De klant is effectief ondersteund")
# is whom the role serves, not the role: a passive auxiliary, or "is"/"zijn" with a past participle
# (ge-…, or an inseparable prefix, ending in -d, -t or -en) among the next words.
PASSIVE_AUXILIARIES = frozenset({"wordt", "worden", "werd", "werden"})
STATE_AUXILIARIES = frozenset({"is", "zijn"})
PARTICIPLE = re.compile(r"^(?:ge|be|ver|ont|her|onder|over)\w+(?:d|t|en)$")
PARTICIPLE_REACH = 4
NAMED_TWICE = 2
ARTICLES = frozenset({"de", "het"})
OPENERS = ARTICLES | {"als", "van"}


def role_names(titles: Sequence[Sentence], sentences: Sequence[Sentence]) -> tuple[tuple[str, str], ...]:
    """The person nouns the text names its role by, as (stem, word) pairs; `titles` are the lines
    where a title may stand, in order: the first that names a person is the title."""
    counts: Counter[str] = Counter()
    title_name = next(filter(None, (_title_name(title.text) for title in titles)), None)
    if title_name:
        counts[title_name] += 2
    firsts = [_first_word(sentence.text) for sentence in sentences]
    addressed = sum(1 for first in firsts if first in ADDRESSED) >= 2
    # Only a sentence that opens with "Als", "De", "Het" or "Van" can name the role: read those.
    openings = [_words(s.text) for s, first in zip(sentences, firsts, strict=True) if first in OPENERS]
    for words in openings:
        if name := _after_als(words):
            counts[name] += 2
        elif not addressed and (name := _subject(words)):
            counts[name] += 1
    most = max(counts.values(), default=0)
    named = [name for name, count in counts.items() if count == most >= NAMED_TWICE]
    if not named:
        return ()
    texts = [*(title.text for title in titles), *(s.text for s in sentences)]
    # a role is one member, however the title asks for several ("nieuwe leden")
    return tuple(sorted((_name_stem(name), MEMBER if name == MEMBERS else _as_written(name, texts)) for name in named))


def _as_written(name: str, texts: list[str]) -> str:
    """A name as the text writes it where that is more than a capital at a sentence's start
    ("OR-lid"); else in lower case."""
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    for text in texts:
        for found in pattern.finditer(text, 0, START_CHARACTERS):
            word = found.group()
            if any(c.isupper() for c in word[1:]):
                return word
    return name


def _name_stem(name: str) -> str:
    return MEMBERS_STEM if name.endswith(MEMBER) or name == MEMBERS else stem(name)


def _first_word(text: str) -> str:
    match = WORD.search(text, 0, START_CHARACTERS)
    return match.group().lower() if match else ""


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text[:START_CHARACTERS])]


def _after_als(words: list[str]) -> str | None:
    """"Als secretaris …": the person named within three words of an "Als" that opens a role."""
    if words[:1] != ["als"] or not words[1:2] or words[1] in CONDITIONAL:
        return None
    return next((w for w in words[1:4] if _is_person(w)), None)


def _title_name(text: str) -> str | None:
    """The person a title names: its first word past modifiers ("Senior adviseur …"), in any of
    its parts ("De Linde – Lid cliëntenraad gezocht"), or the person it searches ("Cliëntenraad De
    Linde zoekt een voorzitter")."""
    words = _words(text)
    if words[:1] == ["als"]:  # a title that quotes the role: "'Als voorzitter ben ik …'"
        return _after_als(words)
    parts = (_words(part) for part in TITLE_PARTS.split(text[:START_CHARACTERS]))
    return next(filter(None, (_leading_name(part) for part in parts)), None) or _searched(words)


def _leading_name(words: list[str]) -> str | None:
    for at, word in enumerate(words[:4]):
        if word not in TITLE_MODIFIERS:
            # a title part that opens with "Lid" names a member of what follows ("Lid cliëntenraad")
            return word if _is_person(word) or (word == MEMBER and at + 1 < len(words)) else None
    return None


def _searched(words: list[str]) -> str | None:
    """"… zoekt een voorzitter": the person within three words after the verb of searching."""
    at = next((i for i, word in enumerate(words) if word in SEARCHING), None)
    if at is None:
        return None
    return next((w for w in words[at + 1:at + 4] if w not in CONDITIONAL and _is_person(w)), None)


def _subject(words: list[str]) -> str | None:
    """"De voorzitter zorgt …", "Van de voorzitter wordt verwacht …"."""
    if len(words) >= 3 and words[0] in ARTICLES and _is_person(words[1]) and not _acted_upon(words[2:]):
        return words[1]
    if len(words) >= 4 and words[0] == "van" and words[1] in ARTICLES and words[3] == "wordt" and _is_person(words[2]):
        return words[2]
    return None


def _acted_upon(after_subject: list[str]) -> bool:
    verb = after_subject[0]
    if verb in PASSIVE_AUXILIARIES:
        return True
    reach = after_subject[1:1 + PARTICIPLE_REACH]
    return verb in STATE_AUXILIARIES and any(PARTICIPLE.match(word) for word in reach)


def _is_person(word: str) -> bool:
    if word == MEMBERS:  # "Gezocht: nieuwe leden"; "lid" alone is often "lid van het team"
        return True
    return len(word) > 4 and word not in ANY_EMPLOYEE and word not in OFFERING and bool(PERSON_ENDING.search(word))
