"""Dutch search over the catalogue: a stem index in plain Python, the same on every database.

Every text of a family and of its levels becomes a document; each word is folded (lower case, no
diacritics) and stemmed with snowball `dutch_porter`. A query word matches a text word when
their stems are equal, when the query stem starts the word's stem (a compound: "klacht" finds
"klachtenregeling"), when it ends it ("bescheiden" finds "archiefbescheiden"), or when the word's
stem is the query's stem minus an ending ("notuleren" finds "notulen"). The index is built from
the database and kept per catalogue version (see `profiles.selectors.search_index`).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_STEMMER = snowballstemmer.stemmer("dutch_porter")
WORD = re.compile(r"[^\W_]+")
MIN_PREFIX_STEM = 4  # a query stem this long may start a longer word ("klacht" -> "klachten...")
MIN_SUFFIX_STEM = 6  # ... and one this long may end a compound ("bescheid" -> "archiefbescheid")
MAX_ENDING = 2  # "notul" (notulen) is "notuler" (notuleren) without its ending
SNIPPET_BEFORE = 60
SNIPPET_LENGTH = 180
MAX_QUERY_WORDS = 8

STOPWORDS = frozenset(
    """
    de het een en of van in op te ten ter voor met aan die dat deze dit is zijn was wordt worden
    kan moet als bij naar om uit door over tot tussen onder na zo wel niet geen nog al ook er
    """.split()
)


def fold(word: str) -> str:
    """Lower case without diacritics: "Inconveniënten" and "inconvenienten" are one word."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    folded = fold(word)
    return _STEMMER.stemWord(folded) if len(folded) > 3 else folded


def query_stems(query: str) -> list[str]:
    """The stems a query asks for, without stop words (unless the query holds nothing else)."""
    words = [fold(w) for w in WORD.findall(query)][:MAX_QUERY_WORDS]
    meaningful = [w for w in words if w not in STOPWORDS] or words
    return list(dict.fromkeys(stem(w) for w in meaningful))


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


@dataclass(frozen=True)
class Document:
    """One text of the catalogue: a family's (level_id None) or a level's."""

    family_id: int
    level_id: int | None
    label: str  # where the text sits, in Dutch: "Kern van de functie", "Kerntaken", ...
    text: str
    words: tuple[tuple[int, int, str], ...]  # (start, end, stem)


def make_document(*, family_id: int, level_id: int | None, label: str, text: str) -> Document:
    text = " ".join(text.split())
    words = tuple((m.start(), m.end(), stem(m.group())) for m in WORD.finditer(text))
    return Document(family_id=family_id, level_id=level_id, label=label, text=text, words=words)


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


class SearchIndex:
    def __init__(self, documents: list[Document]):
        self.documents = documents
        self.postings: dict[str, set[int]] = {}
        for number, document in enumerate(documents):
            for _, _, word_stem in document.words:
                self.postings.setdefault(word_stem, set()).add(number)

    def search(self, query: str) -> dict[int, FamilyHit]:
        """Families (by id) in which every query word occurs, with the levels that hold them all."""
        wanted = query_stems(query)
        if not wanted:
            return {}
        matched = [{s for s in self.postings if stem_matches(q, s)} for q in wanted]
        documents_per_word = [set().union(*(self.postings[s] for s in stems)) for stems in matched]
        all_stems = set().union(*matched)
        scopes: dict[tuple[int, int | None], list[set[int]]] = {}
        for word_number, numbers in enumerate(documents_per_word):
            for number in numbers:
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
                hit.levels.append(LevelHit(level_id, self._snippet(numbers, all_stems, wanted)))
                continue
            own = {n for n in numbers if self.documents[n].level_id is None}
            if own:
                hit.snippet = self._snippet(own, all_stems, wanted)
            else:
                spread[family_id] = numbers
        for family_id, numbers in spread.items():
            if not hits[family_id].levels:
                hits[family_id].snippet = self._snippet(numbers, all_stems, wanted)
        return hits

    def _snippet(self, numbers: set[int], stems: set[str], wanted: list[str]) -> Snippet:
        """The text that holds the most query words, preferring their exact form."""

        def score(number: int) -> tuple:
            document = self.documents[number]
            found = {s for _, _, s in document.words if s in stems}
            return (-len(found), -len(found & set(wanted)), number)

        document = self.documents[min(numbers, key=score)]
        return Snippet(label=document.label, html=highlight(document, stems))


def _scope_order(item: tuple) -> tuple:
    (family_id, level_id), _ = item
    return (family_id, level_id is not None, level_id or 0)


def highlight(document: Document, stems: set[str]) -> SafeString:
    """A short piece of the text around its first match, every match inside it in <mark>."""
    spans = [(start, end) for start, end, s in document.words if s in stems]
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
