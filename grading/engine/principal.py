"""Whom the role works for: the people or bodies its support and advice go to.

A family's roles work for some (the ambtelijk secretaris for a participation body) and face others
(the bestuurder that body deals with). A family's file names those others
(`recognition.counterparts`). A text whose role supports or advises one of them, and none of the
family's own domain, is that counterpart's adviser, not the family's role, however many of its
words it shares ("een adviseur die de bestuurder ondersteunt bij het overleg met de
ondernemingsraad").

The object of a support verb is read in the few words after it ("Je adviseert de raad van
bestuur"), or, where the verb closes a clause, in the few words after the pronoun that opens the
clause ("die de bestuurder … ondersteunt"); a preposition ends it ("bij het overleg met …" is not
whom the role supports). Support is also said with a noun or a preposition: the role is someone's
"rechterhand van" or "sparringpartner van", or acts "namens" them; there the object follows the
preposition. Each verb reads a bounded window, so the cost grows with the text.
"""

from typing import NamedTuple

from grading.engine.index import FamilyIndex
from grading.engine.lexicon import Lexicon, Token, find_phrases, marked_between, stem_positions
from grading.engine.terms import terms_of
from grading.engine.text import stem, verb_forms

SUPPORT_WORDS = "ondersteunt ondersteun ondersteunen adviseert adviseer adviseren assisteert assisteer assisteren"
SUPPORT_STEMS = frozenset(stem(word) for word in SUPPORT_WORDS.split())
OBJECT_WORDS = 6  # "de raad van bestuur en de"
CLAUSE_LOOK_BACK = 14
# Nouns for a role that supports someone, read with the preposition that follows them, and
# prepositions that say on whose behalf the role acts.
SUPPORT_NOUN_STEMS = frozenset(stem(word) for word in ("rechterhand", "sparringpartner", "vraagbaak", "adviseur"))
NOUN_PREPOSITIONS = frozenset({"van", "voor"})
ON_BEHALF_STEMS = frozenset({stem("namens")})
CLAUSE_OPENERS = frozenset({"die", "dat", "wie"})
# Words an object as quoted does not end on: the window of OBJECT_WORDS may stop inside a list.
TRAILING = frozenset({"en", "of", "de", "het", "een", "van", "der", "den"})
COORDINATED = frozenset({"en", "of"})
SUBJECTS = frozenset({"je", "jij", "u", "hij", "zij", "ze", "we", "wij"})
CLAUSE_MARKS = ".,;:!?()\n•–"
# A preposition or a word that opens a clause ends the object: what follows says how or about
# what, not whom ("je adviseert regiodirecteuren hoe zij medezeggenschap …").
OBJECT_ENDS = frozenset(
    "bij in met over op voor aan tijdens door om naar binnen vanuit rond tot "
    "hoe wat waar wanneer waarom dat die zodat als omdat terwijl waarbij waarmee".split()
)


class Served(NamedTuple):
    tokens: list[Token]
    terms: frozenset[str]
    text: str  # as the text writes it ("de raad van bestuur")


def served(text: str, tokens: list[Token], each: list[tuple[str, ...]], lexicon: Lexicon) -> tuple[Served, ...]:
    """The objects of the text's support verbs: whom its role (or anyone it names) supports."""
    found = []
    positions = stem_positions(tokens)  # only the places of the verbs, nouns and prepositions are read
    verbs = sorted(i for word in SUPPORT_STEMS & positions.keys() for i in positions[word])
    for index in verbs:
        after = index + 1
        if after < len(tokens) and tokens[after].word in SUBJECTS:  # "Ook adviseer je directeuren"
            after += 1
        found.append(_object(text, tokens, each, after, len(tokens), lexicon))
        opener = _clause_opener(text, tokens, index)
        if opener is not None:
            found.append(_object(text, tokens, each, opener + 1, index, lexicon))
    for index in sorted(i for word in ON_BEHALF_STEMS & positions.keys() for i in positions[word]):
        found.append(_object(text, tokens, each, index + 1, len(tokens), lexicon))
    nouns = sorted(i for word in SUPPORT_NOUN_STEMS & positions.keys() for i in positions[word])
    for index in nouns:
        if index + 1 < len(tokens) and tokens[index + 1].word in NOUN_PREPOSITIONS:
            found.append(_object(text, tokens, each, index + 2, len(tokens), lexicon))
    return tuple(s for s in found if s.tokens)


def _clause_opener(text: str, tokens: list[Token], verb: int) -> int | None:
    """The pronoun that opens the clause a verb closes, if it stands within the same clause."""
    for index in range(verb - 1, max(-1, verb - CLAUSE_LOOK_BACK), -1):
        if _apart(text, tokens[index], tokens[index + 1]):
            return None
        if tokens[index].word in CLAUSE_OPENERS:
            return index
    return None


def _apart(text: str, before: Token, after: Token) -> bool:
    """Punctuation stands between two tokens: they belong to different clauses."""
    return marked_between(text, before, after, CLAUSE_MARKS)


def _object(text: str, tokens: list[Token], each: list, first: int, last: int, lexicon: Lexicon) -> Served:
    # "Je ondersteunt en adviseert de directeur": the object follows the second verb
    while first < last and tokens[first].word in COORDINATED and first + 1 < last and _finite(tokens[first + 1].word):
        first += 2
    kept = []
    for index in range(first, min(last, first + OBJECT_WORDS)):
        if tokens[index].word in OBJECT_ENDS or (kept and _apart(text, tokens[index - 1], tokens[index])):
            break
        if kept and _finite(tokens[index].word):  # "bestuur en management en draagt …": a new clause
            break
        if tokens[index].word in SUBJECTS and kept:  # "Namens de bestuurder voer je …": the verb ends it
            kept.pop()
            break
        kept.append(index)
    words = [tokens[i] for i in kept]
    terms = frozenset(terms_of(words, [each[i] for i in kept], lexicon))
    shown = list(words)
    while shown and shown[-1].word in TRAILING:  # the window may end inside a list: "de raad van bestuur en de"
        shown.pop()
    return Served(words, terms, text[shown[0].start:shown[-1].end] if shown else "")


def _finite(word: str) -> bool:
    """A present-tense verb ("draagt", "adviseert"): the verb table maps it to its infinitive."""
    base = verb_forms().get(word)
    return base is not None and base.endswith("en")


def serves_counterpart(family: FamilyIndex, served: tuple[Served, ...]) -> str:
    """Whom the text's role supports among those the family's roles face (as the text writes it),
    when it supports none of the family's own domain; "" otherwise. `served`: Reading.served."""
    counterparts = family.counterpart_phrases
    if not counterparts or not served:
        return ""
    faced = next((s.text for s in served if find_phrases(s.tokens, counterparts)), "")
    if not faced or any(_serves_own(family, s) for s in served):
        return ""
    return faced


def _serves_own(family: FamilyIndex, served: Served) -> bool:
    """The role supports the family's own domain (the participation body)."""
    return not served.terms.isdisjoint(family.domain_single_stems) or bool(find_phrases(served.tokens, family.domain_longer))
