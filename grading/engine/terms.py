"""The terms of a text: each word's stem, its compound parts and their concepts, and the
concepts its phrases name. Shared by the index (a family's texts), the tracks and the reading
(a role's text); a word's terms are looked up in a per-lexicon table, filled as words are met.
"""

import re
import threading
from bisect import bisect_left
from functools import lru_cache
from operator import itemgetter

from grading.engine.background import compound_vocabulary
from grading.engine.lexicon import Lexicon, Token, concept_tokens, tokenize
from grading.engine.text import MAX_WORD_LENGTH, STOP_STEMS, fold, split_compound, stem
from grading.engine.text import clear_caches as clear_text_caches

# Job words every family uses; they say nothing about which family or level fits.
GENERIC_WORDS = (
    "werkzaamheden medewerker medewerkers functie functiehouder taken taak organisatie verricht "
    "verrichten zorgt zorg levert stelt houdt gebied betrekking relevant relevante aanpak "
    "nodig nodige verschillende behoeve uitvoering uitvoeren voert"
)
GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_WORDS.split())


def content_terms(tokens: list[Token], lexicon: Lexicon) -> set[str]:
    """Content terms of a piece of text: stems, compound parts and concepts."""
    return terms_of(tokens, token_terms(tokens, lexicon), lexicon)


def token_terms(tokens: list[Token], lexicon: Lexicon) -> list[tuple[str, ...]]:
    """Each token's own terms, in order, from the word table: no Python code per token."""
    return list(map(word_table(lexicon).__getitem__, map(itemgetter(3), tokens)))


def terms_of(tokens: list[Token], each: list[tuple[str, ...]], lexicon: Lexicon) -> set[str]:
    """content_terms() when each token's own terms (`each`, in the same order) are known."""
    terms = set().union(*each)
    terms.update(concept_tokens(list(map(itemgetter(0), tokens)), lexicon))
    return terms


MAX_TABLE_WORDS = 65536


class WordTerms(dict):
    """word -> its terms (word_terms()), filled as words are met: looking a word up is then a
    plain dict lookup, which map() runs without Python code per word."""

    def __init__(self, lexicon: Lexicon):
        super().__init__()
        self.lexicon = lexicon

    def __missing__(self, word: str) -> tuple[str, ...]:
        if len(word) > MAX_WORD_LENGTH:  # no word, and not to be kept in a table that outlives the text
            return ()
        if len(self) >= MAX_TABLE_WORDS:
            self.clear()
        terms = self[word] = word_terms(stem(word), word, self.lexicon)
        return terms


@lru_cache(maxsize=4)
def word_table(lexicon: Lexicon) -> WordTerms:
    return WordTerms(lexicon)


@lru_cache(maxsize=65536)
def word_terms(word_stem: str, word: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The terms one word adds, in order: its stem, then each compound part and its concept."""
    if word_stem in STOP_STEMS or len(word_stem) < 2 or word_stem in GENERIC_STEMS:
        return ()
    terms = [word_stem]
    for part in split_compound(word, compound_vocabulary()):
        terms.append(part)
        concept = lexicon.concepts.get((part,))  # "leerlingenadministratie" is about leerlingen
        if concept:
            terms.append(concept)
    return tuple(terms)


def clear_word_caches() -> None:
    """Forget every word read so far (stems, compound splits, a word's terms): what a process
    that has never seen a text's words pays for it. For benchmarks."""
    clear_text_caches()
    word_terms.cache_clear()
    word_table.cache_clear()


# While one family is indexed, each of its texts is read once: the weights, the elements, the
# shown terms and the domain all ask for the same texts. The memo lives for one build only
# (index.py sets and clears it).
building = threading.local()


def tokens_of(text: str) -> list[Token]:
    memo = getattr(building, "tokens", None)
    if memo is None:
        return tokenize(text)
    tokens = memo.get(text)
    if tokens is None:
        tokens = memo[text] = tokenize(text)
    return tokens


def stem_sequence(text: str) -> list[str]:
    return [token.stem for token in tokens_of(text)]


def part_only_terms(each: list[tuple[str, ...]]) -> frozenset[str]:
    """The terms that these tokens (`each`: their own terms) hold only inside a compound: "werk"
    and "processen" of "werkprocessen", when no token is the word "werk" itself. A word is one
    piece of evidence however it splits, so its parts do not count as words of their own."""
    stems = {terms[0] for terms in each if terms}
    parts = {term for terms in each for term in terms[1:]}
    return frozenset(parts - stems)


def text_terms(lexicon: Lexicon, text: str) -> set[str]:
    """The content terms of a text; inside a build the same set for the same text (do not change it)."""
    memo = getattr(building, "terms", None)
    if memo is None:
        return content_terms(tokenize(text), lexicon)
    terms = memo.get(text)
    if terms is None:
        terms = memo[text] = content_terms(tokens_of(text), lexicon)
    return terms


# "literatuur- en bronnenonderzoek" is "literatuuronderzoek en bronnenonderzoek": a word cut short
# before "en", "of" or "tot" takes the head of the compound after it.
ELIDED_BEFORE = re.compile(r"\s*(?:en/of|en|of|tot)\s+([^\W\d_]{4,})")


def elided_words(text: str) -> list[tuple[int, str]]:
    """(offset of the cut-short word, the word it stands for) for each elision in the text. The
    hyphens are found with str.find, which costs far less than a pattern tried at every place."""
    found = []
    vocabulary = compound_vocabulary()
    position = text.find("- ")
    while position != -1:
        start = _word_start(text, position)
        following = ELIDED_BEFORE.match(text, position + 1)
        if start <= position - 2 and following:
            whole = fold(following.group(1))
            parts = split_compound(whole, vocabulary)
            head = _surface_tail(whole, parts[-1]) if len(parts) >= 2 else ""
            if head:
                found.append((start, fold(text[start:position]) + head))
        position = text.find("- ", position + 2)
    return found


def _word_start(text: str, end: int) -> int:
    """Where the word that ends at `end` starts (at most MAX_WORD_LENGTH letters back)."""
    start = end
    while start > 0 and end - start < MAX_WORD_LENGTH and text[start - 1].isalpha():
        start -= 1
    return start


SURFACE_SLACK = 4  # letters a stem may lack of its word ("rapportag" of "rapportages")


def _surface_tail(word: str, last_part: str) -> str:
    """The end of `word` whose stem is the compound's last part ("onderzoek" of "bronnenonderzoek");
    only ends a few letters longer than the part are tried, so each elision costs a few stems."""
    shortest = len(word) - len(last_part)
    for cut in range(max(1, shortest - SURFACE_SLACK), shortest + 1):
        if stem(word[cut:]) == last_part:
            return word[cut:]
    return ""


# "af te stemmen" is "afstemmen", the verb of the source's "afstemming": a separable verb's particle
# before "te" joins the verb after it.
PARTICLES = frozenset("aan af bij door in mee na om op over samen terug toe uit vast voor weg".split())
SEPARATED = re.compile(r"\s+([^\W\d_]+)")


def separable_verbs(text: str) -> list[tuple[int, str]]:
    """(offset of the verb, the joined verb) for each "particle te verb" in the text, found with
    str.find: linear in the text."""
    found = []
    position = text.find(" te ")
    while position != -1:
        particle = fold(text[_word_start(text, position):position])
        verb = SEPARATED.match(text, position + 3) if particle in PARTICLES else None
        if verb:
            found.append((verb.start(1), particle + fold(verb.group(1))))
        position = text.find(" te ", position + 3)
    return found


def join_separable(text: str, tokens: list[Token], each: list[tuple[str, ...]], lexicon: Lexicon) -> list[tuple[str, ...]]:
    """`each` with the joined verb's terms added to each verb a particle was split from."""
    return _with_whole_words(separable_verbs(text), tokens, each, lexicon)


# A text pasted from a PDF breaks words at the line's end: "onder-\nnemingsraad" is
# "ondernemingsraad". A lower-case word on the next line continues the word, unless it is the
# "en" or "of" of an elision ("literatuur-\nen bronnenonderzoek").
BROKEN_AT_LINE_END = re.compile(r"[ \t\r]*\n[ \t]*([a-z\u00e0-\u00ff][^\W\d_]*)")
NOT_CONTINUING = frozenset({"en", "of", "tot"})


def rejoined_words(text: str) -> list[tuple[int, str]]:
    """(offset of the word's first part, the whole word) for each word broken over two lines,
    found with str.find: linear in the text."""
    found = []
    position = text.find("-")
    while position != -1:
        start = _word_start(text, position)
        following = BROKEN_AT_LINE_END.match(text, position + 1) if start < position else None
        if following and following.group(1) not in NOT_CONTINUING:
            found.append((start, fold(text[start:position] + following.group(1))))
        position = text.find("-", position + 1)
    return found


def join_elided(text: str, tokens: list[Token], each: list[tuple[str, ...]], lexicon: Lexicon) -> list[tuple[str, ...]]:
    """`each` (every token's own terms) with the whole word's terms added for each word cut short
    ("literatuur-" gets the terms of "literatuuronderzoek") or broken over two lines."""
    return _with_whole_words(elided_words(text) + rejoined_words(text), tokens, each, lexicon)


def _with_whole_words(found: list[tuple[int, str]], tokens: list[Token], each: list[tuple[str, ...]],
                      lexicon: Lexicon) -> list[tuple[str, ...]]:
    """`each` with the terms of a whole word added to the token at each (offset, word) found."""
    if not found:
        return each
    starts = list(map(itemgetter(1), tokens))
    joined = list(each)
    table = word_table(lexicon)
    for offset, whole in found:
        index = bisect_left(starts, offset)
        terms = table[whole]
        if index < len(tokens) and tokens[index].start == offset and terms:
            concept = lexicon.concepts.get((terms[0],))  # what the whole word names ("ondernemingsraad")
            joined[index] = (*joined[index], *terms, *((concept,) if concept else ()))
    return joined
