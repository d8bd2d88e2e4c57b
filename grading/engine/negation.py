"""Scope: which words of a sentence say what the role does, and which do not.

- A clause that denies a task ("je geeft geen advies", "je beheert de applicaties niet", "hoeft
  niet", "behoort niet tot") or hands it to someone else ("het archiveren doet het team DIV") is
  no evidence for that task; a hand-off that closes a relative clause hands off all the clause
  lists ("de leverancier die het netwerk, de helpdesk en het beheer voor ons verzorgt"). A phrase
  that only looks like a denial ("niet alleen … maar ook", "niet zonder overleg") is no denial;
  "zonder toezicht" is no denial at all.
- A reporting line ("stuurt signalen naar de leidinggevende", "valt onder het afdelingshoofd")
  names a manager; it is not managing, so those words are left out.
- A clause in which the role helps with a task ("helpt bij het klaarmaken van dossiers voor
  vernietiging", "ondersteunt de teamleider bij de planning") shows that task as support: it
  counts for the family, but places no level whose own text does not help as well (levels.py).
- The name of an employer or a department ("Ministerie van Infrastructuur en Waterstaat") is
  context, not evidence.

The word lists are general Dutch and live in lexicon.toml ([negation], [organisation]).
"""

import re
import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, count
from operator import itemgetter

from grading.engine.lexicon import LEXICON_PATH, Token, occurrences, stem_positions
from grading.engine.background import zipf
from grading.engine.text import fold, stem

CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\s[•·]\s")
CLAUSE_WORDS = frozenset({"maar", "en", "of", "terwijl", "waarbij", "omdat", "want", "dus", "zodat"})
# A relative clause ("vragen die je niet kunt beantwoorden, geef je door") restricts its noun:
# a "niet" inside it denies no task.
RELATIVE = frozenset({"die", "dat", "wat", "welke", "waar", "waarvan", "waarop", "waarin", "waarmee", "waarover"})
HANDING_OFF_RELATIVES = frozenset({"die", "dat", "welke"})
RELATIVE_REACH = 20
ASSISTING_BREAKS = CLAUSE_WORDS - {"en", "of"}
PARTICLE_REACH = 8  # words from a helping verb to its particle ("ondersteunt de teamleider bij")
ASSISTING_END = re.compile(CLAUSE_BREAK.pattern + r"|[.!?\n]")  # a clause's or a sentence's end


@dataclass(frozen=True)
class ScopeWords:
    clause: frozenset[str]
    following: frozenset[str]
    not_denial: tuple[tuple[str, ...], ...]
    delegated: tuple[tuple[str, ...], ...]
    reporting: tuple[tuple[str, ...], ...]
    organisations: frozenset[str]
    assisting_pairs: dict[str, frozenset[str]]  # helping verb -> the stems of the particles that make it help
    assisting_words: frozenset[str]
    assisting_stems: frozenset[str]  # the stems of both

    @property
    def triggers(self) -> frozenset[str]:
        """Words without which a sentence denies, hands off and reports nothing: a phrase needs
        all its words, so its rarest word in Dutch stands for it ("valt" for "valt onder")."""
        rarest = {min(p, key=lambda word: (zipf(stem(word)), -len(word))) for p in self.delegated + self.reporting if p}
        return self.clause | self.following | rarest


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", fold(phrase)))  # as the tokenizer splits words


@lru_cache(maxsize=1)
def scope_triggers() -> frozenset[str]:
    return scope_words().triggers


@lru_cache(maxsize=1)
def scope_words() -> ScopeWords:
    data = tomllib.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    negation, organisation = data["negation"], data["organisation"]
    return ScopeWords(
        clause=frozenset(fold(w) for w in negation["clause"]),
        following=frozenset(fold(w) for w in negation["following"]),
        not_denial=tuple(_words(p) for p in negation["not_denial"]),
        delegated=tuple(_words(p) for p in negation["delegated"]),
        reporting=tuple(_words(p) for p in negation["reporting"]),
        organisations=frozenset(fold(w) for w in organisation["triggers"]),
        assisting_pairs=_pairs(data["assisting"]["pairs"]),
        assisting_words=frozenset(fold(w) for w in data["assisting"]["words"]),
        assisting_stems=frozenset(
            stem(fold(w)) for w in data["assisting"]["words"] + [verb for verb, _ in data["assisting"]["pairs"]]
        ),
    )


def _pairs(pairs: list[list[str]]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for verb, particle in pairs:
        found.setdefault(fold(verb), set()).add(stem(fold(particle)))  # looked up among the stems
    return {verb: frozenset(particles) for verb, particles in found.items()}


def assisting_tokens(text: str, tokens: list[Token]) -> list[int]:
    """Sorted token indices of the clauses, from the helping verb on, in which the role helps
    with a task. The helping words are found through the stem positions the reading has already
    counted; only the words from one to its particle are looked at, and the clause's end once
    one is found."""
    words_ = scope_words()
    pairs, alone = words_.assisting_pairs, words_.assisting_words
    positions = stem_positions(tokens)
    helping = sorted(chain.from_iterable(positions.get(s, ()) for s in words_.assisting_stems))
    assisting: list[int] = []
    for position in helping:
        word = tokens[position].word
        inside_the_last = assisting and position < assisting[-1]
        if inside_the_last or (word not in alone and word not in pairs):  # another word of the stem: "ondersteunende"
            continue
        if word in alone or _particle_in_clause(text, tokens, position, pairs[word], positions):
            assisting.extend(range(position, _clause_end(text, tokens, position)))
    return assisting


def _particle_in_clause(text: str, tokens: list[Token], verb: int, wanted: frozenset[str],
                        positions: dict[str, list[int]]) -> bool:
    """Whether one of the verb's particles follows it within its clause ("helpt ze bij")."""
    following = []
    for particle in wanted:
        found = positions.get(particle, ())
        at = bisect_right(found, verb)
        if at < len(found) and found[at] - verb <= PARTICLE_REACH:
            following.append(found[at])
    if not following:
        return False
    particle = min(following)
    if ASSISTING_END.search(text[tokens[verb].end : tokens[particle].start]):
        return False
    return not any(tokens[i].word in ASSISTING_BREAKS for i in range(verb + 1, particle))


def _clause_end(text: str, tokens: list[Token], position: int) -> int:
    """The index after the last token of the clause that holds token `position`; "en" and "of"
    join what the role helps with ("helpt bij het registreren en archiveren")."""
    for i in range(position + 1, len(tokens)):
        if ASSISTING_END.search(text[tokens[i - 1].end : tokens[i].start]) or tokens[i].word in ASSISTING_BREAKS:
            return i
    return len(tokens)


def _occurrences(words: list[str], phrases) -> list[tuple[int, int]]:
    # Only the phrases that start with a word are tried there: trying every phrase at every word
    # was the engine's largest cost per role.
    return occurrences(words, phrases)


def _clauses(text: str, tokens: list[Token], first: int, last: int) -> list[tuple[int, int]]:
    """Clauses of the tokens first..last-1 of one sentence: broken at punctuation and at words
    that start a new clause ("maar", "en", …)."""
    clauses, start = [], first
    for i in range(first + 1, last):
        between = text[tokens[i - 1].end : tokens[i].start]
        if CLAUSE_BREAK.search(between):
            clauses.append((start, i))
            start = i
        elif tokens[i].word in CLAUSE_WORDS:
            clauses.append((start, i))
            start = i + 1
    clauses.append((start, last))
    return [c for c in clauses if c[0] < c[1]]


def sentence_scope(text: str, tokens: list[Token], first: int, last: int) -> tuple[set[int], set[int]]:
    """(denied, reporting) token indices within one sentence (tokens first..last-1)."""
    words = [t.word for t in tokens[first:last]]
    if scope_triggers().isdisjoint(words):  # most sentences: nothing to scope
        return set(), set()
    words_ = scope_words()
    denied: set[int] = set()
    reporting: set[int] = set()
    exempt = {first + i for start, end in _occurrences(words, words_.not_denial) for i in range(start, end)}
    clauses = _clauses(text, tokens, first, last)
    for clause_start, clause_end in clauses:
        _deny_in_clause(tokens, clause_start, clause_end, exempt, words_, denied)
    starts = [clause_start for clause_start, _ in clauses]
    for start, end in _occurrences(words, words_.delegated):
        clause_start, clause_end = clauses[bisect_right(starts, first + start) - 1]  # the clause it stands in
        denied.update(range(_relative_start(tokens, first, clause_start), clause_end))
    for start, end in _occurrences(words, words_.reporting):
        reporting.update(range(first + start, first + end))
    return denied, reporting


def _deny_in_clause(tokens: list[Token], clause_start: int, clause_end: int, exempt: set[int],
                    words_: ScopeWords, denied: set[int]) -> None:
    """A word that denies its clause denies all of it, unless a relative word stands before it
    ("vragen die je niet kunt beantwoorden": a restriction of a noun, not a denial of the task);
    a word that denies what follows denies the rest of the clause. One pass over the clause."""
    relative_seen = following_denied = False
    for i in range(clause_start, clause_end):
        word = tokens[i].word
        if i not in exempt:
            if word in words_.clause and not relative_seen:
                denied.update(range(clause_start, clause_end))
                return
            if word in words_.following and not following_denied:
                denied.update(range(i, clause_end))  # a later "geen" denies less: this covers it
                following_denied = True
        if i > clause_start and word in RELATIVE:
            relative_seen = True


def _relative_start(tokens: list[Token], first: int, clause_start: int) -> int:
    """Where the relative clause that a hand-off closes begins: "de leverancier die het netwerk,
    de helpdesk en het beheer voor ons verzorgt" hands off all it lists, across the commas.
    Looks back at most RELATIVE_REACH words; without a relative pronoun, the clause itself."""
    for i in range(clause_start - 1, max(first, clause_start - RELATIVE_REACH) - 1, -1):
        if tokens[i].word in HANDING_OFF_RELATIVES:
            return i
    return clause_start


def employer_kinds(text: str, tokens: list[Token], names: set[int] | None = None) -> set[str]:
    """The kinds of organisation the text names an employer of ("gemeente" in "Gemeente Utrecht");
    `names`: organisation_names() of the same tokens, when already known."""
    names = organisation_names(text, tokens) if names is None else names
    return {tokens[i - 1].word for i in names if i >= 1 and i - 1 not in names}  # the word before a name


def organisation_names(text: str, tokens: list[Token]) -> set[int]:
    """Token indices of employer and department names: the capitalised words (connectors
    between them) after a word that names a kind of organisation, e.g. "Infrastructuur en
    Waterstaat" in "Ministerie van Infrastructuur en Waterstaat". The kind itself is kept."""
    triggers = scope_words().organisations
    connectors = {"van", "voor", "en", "de", "het", "der", "den", "te", "ter", "ten", "op", "in"}
    names: set[int] = set()
    # the positions of trigger words, found without Python code per token
    for i in compress(count(), map(triggers.__contains__, map(itemgetter(3), tokens))):
        j, last_capital = i + 1, None
        while j < len(tokens):
            between = text[tokens[j - 1].end : tokens[j].start]
            if between.strip(" -&'’") or "\n" in between:
                break
            original = text[tokens[j].start : tokens[j].end]
            if original[:1].isupper():
                last_capital = j
            elif tokens[j].word not in connectors:
                break
            j += 1
        if last_capital is not None:
            names.update(range(i + 1, last_capital + 1))  # the kind of employer stays: context
    return names
