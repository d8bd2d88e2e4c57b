"""Dutch search over the catalogue: an index in plain Python, the same on every database.

Every text of a family and of its levels becomes a document. Words are read as the grading
engine reads them (`grading.engine.text`): folded (lower case, no diacritics), past participles
taken back to their verb ("geregistreerd", "afgehandeld") and stemmed. On top of the engine's
stem, each word gets a root that joins the forms one Dutch word family takes:

- a verb in -eren, its participle, and its nouns in -atie/-ator/-ering: "registreren",
  "geregistreerd", "registratie" share "registr";
- the -aris words: "secretaris", "secretaresse", "secretariaat", "secretarieel" share "secretar";
- a short verb and its participle: "scannen" and "gescand" share "scan".

A query word matches a text word when their stems match (equal; the query's stem starts a longer
word, "klacht" finds "klachtenregeling"; it ends a compound, "bescheiden" finds
"archiefbescheiden"; or it is the word plus an ending, "notuleren" finds "notulen"), or when their
roots are equal or the query's root ends the word's ("secretariaat" finds "directiesecretariaat").
A compound query also matches a text that holds all of its parts, split with the engine's fixed
Dutch vocabulary: "postregistratie" finds "poststukken ... geregistreerd".

The index is built from the database and kept per catalogue version (see
`profiles.selectors.search_index`). Nothing here edits the engine; it only imports its reading.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from grading.engine.background import compound_vocabulary
from grading.engine.text import MAX_WORD_LENGTH, STOPWORDS, participle_base, split_compound, stem, words

WORD = re.compile(r"[^\W_]+")
MIN_PREFIX_STEM = 4  # a query stem this long may start a longer word ("klacht" -> "klachten...")
MIN_SUFFIX_STEM = 6  # ... and one this long may end a compound ("bescheid" -> "archiefbescheid")
MAX_ENDING = 2  # "notul" (notulen) is "notuler" (notuleren) without its ending
MIN_ROOT = 5  # a root shorter than this is too ambiguous to join words ("beheren" stays "beheer")
MIN_COMPOUND_PART = 4  # a compound query is split only into parts this long
MIN_COMPOUND_TAIL = 5  # ... and a tail this long: "notul|eren" is a verb, not a compound
SNIPPET_BEFORE = 60
SNIPPET_LENGTH = 180
# A query is checked against these before any word of it is read (profiles/filters.py).
MAX_QUERY_CHARACTERS = 200
MAX_QUERY_WORDS = 8
QUERY_TOO_LONG = f"Een zoekopdracht is hoogstens {MAX_QUERY_CHARACTERS} tekens lang. Kort haar in."
QUERY_TOO_MANY_WORDS = f"Zoek op hoogstens {MAX_QUERY_WORDS} woorden tegelijk (woorden als „de” en „van” tellen niet mee)."

# Endings that make one Dutch word family of a Latin root, longest first. The -eren verb only
# counts after a consonant ("registreren", not "uitvoeren"), so the cut is at a syllable.
ARIS_ENDINGS = re.compile(r"(?<=ar)(?:issen|essen|esse|iaten|iaat|ieel|iele|is)$")
LATIN_ENDINGS = re.compile(
    r"(?<=[bcdfgklmnprstvz])(?:atieven|atieve|atief|aties|atie|atoren|ators|ator|ateurs|ateur"
    r"|eringen|ering|erende|erend|eerden|eerde|eerd|eert|eren|eer)$"
)
DOUBLE_CONSONANT = re.compile(r"([bdfgklmnprstz])\1$")


def root(word: str) -> str:
    """The root a folded word shares with the rest of its word family; its stem when none.

    "registratie", "geregistreerd" -> "registr"; "secretaresse" -> "secretar"; "gescand" -> "scan".
    A token longer than any word is its own root, as it is its own stem, and is not cached.
    """
    if len(word) > MAX_WORD_LENGTH:
        return word
    return _root(word)


@lru_cache(maxsize=65536)
def _root(word: str) -> str:
    base = participle_base(word)
    for endings in (ARIS_ENDINGS, LATIN_ENDINGS):
        cut = endings.sub("", base)
        if cut != base and len(cut) >= MIN_ROOT:
            return cut
    if base != word and base[-1] in "dt" and len(base) >= MIN_ROOT:
        base = base[:-1]  # a weak participle: "gescand" is "scan" + d
    return DOUBLE_CONSONANT.sub(r"\1", stem(base))


def stem_matches(query_stem: str, text_stem: str) -> bool:
    if query_stem == text_stem:
        return True
    if len(query_stem) >= MIN_PREFIX_STEM and text_stem.startswith(query_stem):
        return True
    if len(query_stem) >= MIN_SUFFIX_STEM and text_stem.endswith(query_stem):
        return True
    return (
        len(text_stem) >= MIN_PREFIX_STEM + 1
        and query_stem.startswith(text_stem)
        and len(query_stem) - len(text_stem) <= MAX_ENDING
    )


def root_matches(query_root: str, text_root: str) -> bool:
    """Roots join word families, so they only match whole or as the tail of a compound:
    "informatie" finds "informeren" but not "informeel"."""
    return query_root == text_root or (len(query_root) >= MIN_SUFFIX_STEM and text_root.endswith(query_root))


@lru_cache(maxsize=4096)
def compound_parts(word: str) -> tuple[str, ...]:
    """The words a compound query is made of ("postregistratie" -> "post", "registratie"), by the
    engine's splitting against its fixed Dutch vocabulary; () for a word that is no compound.
    Every cut is tried, so only words up to MAX_WORD_LENGTH are split (split_compound's bound)."""
    parts = split_compound(word, compound_vocabulary())
    if len(parts) != 2:
        return ()
    _, tail_stem = parts
    for cut in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_TAIL + 1):
        head, tail = word[:cut], word[cut:]
        if stem(tail) == tail_stem:
            return (head, tail)
        if tail.startswith("s") and stem(tail[1:]) == tail_stem and len(tail) > MIN_COMPOUND_TAIL:
            return (head, tail[1:])  # the linking s of "beleidsmedewerker"
    return ()


def query_problem(query: str) -> str | None:
    """Why a query is not searched (too long, too many words), in Dutch; None when it is fine.
    The length is checked first, so a hostile query costs no more than its length."""
    if len(query) > MAX_QUERY_CHARACTERS:
        return QUERY_TOO_LONG
    if len(_meaningful(words(query))) > MAX_QUERY_WORDS:
        return QUERY_TOO_MANY_WORDS
    return None


def query_words(query: str) -> list[str]:
    """The folded words a query asks for, without stop words (unless it holds nothing else)."""
    found = words(query[:MAX_QUERY_CHARACTERS])
    return list(dict.fromkeys(_meaningful(found)))[:MAX_QUERY_WORDS]


def _meaningful(found: list[str]) -> list[str]:
    return [w for w in found if w not in STOPWORDS] or found


def query_stems(query: str) -> list[str]:
    return [stem(w) for w in query_words(query)]


@dataclass(frozen=True)
class Document:
    """One text of the catalogue: a family's (level_id None) or a level's."""

    family_id: int
    level_id: int | None
    label: str  # where the text sits, in Dutch: "Kern van de functie", "Kerntaken", ...
    text: str
    words: tuple[tuple[int, int, str, str], ...]  # (start, end, stem, root)
    keywords: bool = False  # a family's search terms: they find it, but its texts show why


def make_document(
    *, family_id: int, level_id: int | None, label: str, text: str, keywords: bool = False
) -> Document:
    text = " ".join(text.split())
    read = []
    for match in WORD.finditer(text):
        for word in words(match.group()):  # the engine's tokens; one per word but for "½" and such
            read.append((match.start(), match.end(), stem(word), root(word)))
    return Document(
        family_id=family_id, level_id=level_id, label=label, text=text, words=tuple(read), keywords=keywords
    )


@dataclass(frozen=True)
class Snippet:
    label: str
    html: SafeString


@dataclass
class LevelHit:
    level_id: int
    snippet: Snippet


@dataclass
class FamilyHit:
    family_id: int
    snippet: Snippet | None = None  # from the family's own texts, when they match
    levels: list[LevelHit] = field(default_factory=list)


@dataclass
class _WordMatch:
    """What one query word matched: the texts that hold it whole (`exact`: in its own stem), the
    texts that hold all its compound parts, and the stems and roots to mark in each."""

    whole: set[int] = field(default_factory=set)
    exact: set[int] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    roots: set[str] = field(default_factory=set)
    parts: list["_WordMatch"] = field(default_factory=list)
    by_parts: set[int] = field(default_factory=set)

    @property
    def documents(self) -> set[int]:
        return self.whole | self.by_parts

    def marks(self, number: int) -> tuple[set[str], set[str]]:
        """The stems and roots to mark in one text: the word's own, else those of its parts."""
        if number in self.whole:
            return self.stems, self.roots
        stems, roots = set(), set()
        for part in self.parts:
            stems |= part.stems
            roots |= part.roots
        return stems, roots


class SearchIndex:
    def __init__(self, documents: list[Document]):
        self.documents = documents
        self.stem_postings: dict[str, set[int]] = {}
        self.root_postings: dict[str, set[int]] = {}
        for number, document in enumerate(documents):
            for _, _, word_stem, word_root in document.words:
                self.stem_postings.setdefault(word_stem, set()).add(number)
                self.root_postings.setdefault(word_root, set()).add(number)

    def _match(self, word: str, *, split: bool = True) -> _WordMatch:
        query_stem, query_root = stem(word), root(word)
        found = _WordMatch(
            stems={s for s in self.stem_postings if stem_matches(query_stem, s)},
            roots={r for r in self.root_postings if root_matches(query_root, r)},
            exact=set(self.stem_postings.get(query_stem, ())),
        )
        for key in found.stems:
            found.whole |= self.stem_postings[key]
        for key in found.roots:
            found.whole |= self.root_postings[key]
        if split:
            found.parts = [self._match(part, split=False) for part in compound_parts(word)]
            if found.parts:
                found.by_parts = set.intersection(*(part.whole for part in found.parts))
        return found

    def search(self, query: str) -> dict[int, FamilyHit]:
        """Families (by id) in which every query word occurs, with the levels that hold them all."""
        wanted = [self._match(word) for word in query_words(query)]
        if not wanted:
            return {}
        scopes: dict[tuple[int, int | None], list[set[int]]] = {}
        for word_number, match in enumerate(wanted):
            for number in match.documents:
                document = self.documents[number]
                for scope in {(document.family_id, None), (document.family_id, document.level_id)}:
                    scopes.setdefault(scope, [set() for _ in wanted])[word_number].add(number)
        hits: dict[int, FamilyHit] = {}
        spread: dict[int, set[int]] = {}  # families whose words are spread over several texts
        for (family_id, level_id), per_word in sorted(scopes.items(), key=_scope_order):
            if not all(per_word):
                continue
            hit = hits.setdefault(family_id, FamilyHit(family_id=family_id))
            numbers = set().union(*per_word)
            if level_id is not None:
                hit.levels.append(LevelHit(level_id, self._snippet(numbers, wanted)))
                continue
            own = {n for n in numbers if self.documents[n].level_id is None and not self.documents[n].keywords}
            if own:
                hit.snippet = self._snippet(own, wanted)
            else:
                spread[family_id] = numbers
        for family_id, numbers in spread.items():
            if not hits[family_id].levels:  # the keywords only speak when no text does
                texts = {n for n in numbers if not self.documents[n].keywords}
                hits[family_id].snippet = self._snippet(texts or numbers, wanted)
        return hits

    def _snippet(self, numbers: set[int], wanted: list[_WordMatch]) -> Snippet:
        """The text that holds the most query words, preferring their exact form."""

        def score(number: int) -> tuple:
            held = sum(number in match.documents for match in wanted)
            whole = sum(number in match.whole for match in wanted)
            exact = sum(number in match.exact for match in wanted)
            return (-held, -whole, -exact, number)

        number = min(numbers, key=score)
        stems, roots = set(), set()
        for match in wanted:
            if number in match.documents:
                word_stems, word_roots = match.marks(number)
                stems |= word_stems
                roots |= word_roots
        document = self.documents[number]
        return Snippet(label=document.label, html=highlight(document, stems, roots))


def _scope_order(item: tuple) -> tuple:
    (family_id, level_id), _ = item
    return (family_id, level_id is not None, level_id or 0)


def highlight(document: Document, stems: set[str], roots: set[str] = frozenset()) -> SafeString:
    """A short piece of the text around its first match, every match inside it in <mark>."""
    spans = list(
        dict.fromkeys((start, end) for start, end, s, r in document.words if s in stems or r in roots)
    )
    text = document.text
    first = spans[0][0] if spans else 0
    start = 0 if first <= SNIPPET_BEFORE else _word_start(text, first - SNIPPET_BEFORE)
    end = len(text) if len(text) - start <= SNIPPET_LENGTH else _word_end(text, start + SNIPPET_LENGTH)
    pieces = ["…"] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(escape(text[position:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(escape(text[position:end]))
    if end < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))


def _word_start(text: str, index: int) -> int:
    space = text.find(" ", index)
    return space + 1 if space != -1 else index


def _word_end(text: str, index: int) -> int:
    space = text.rfind(" ", 0, index)
    return space if space > 0 else index
