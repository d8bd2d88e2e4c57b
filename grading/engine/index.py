"""The catalogue prepared for matching: stemmed elements, term weights, domains, education.

Every family is indexed on its own. How much a word counts and how a compound is split come
from a fixed background of Dutch (background.py), never from the other families, so loading a
family leaves the reading of every other family as it was. A family's index is kept per
content, so a new catalogue version only indexes the families that changed.
"""

import math
import re
import threading
import time
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from grading.engine.background import term_weight, zipf
from grading.engine.data import CriterionData, FamilyData
from grading.engine.lexicon import (
    CONCEPT_PREFIX,
    Lexicon,
    family_phrases,
    find_phrases,
    load_lexicon,
    longest_matches,
    tokenize,
)
from grading.engine.negation import assisting_tokens
from grading.engine.terms import GENERIC_STEMS, building, part_only_terms, stem_sequence, text_terms, token_terms, tokens_of
from grading.engine.role_name import WORD
from grading.engine.text import STOP_STEMS, split_sentences, stem
from grading.engine.tracks import TrackIndex, family_additions, family_tracks

# A family's own word counts as its domain when Dutch uses it rarely (Zipf below this) and the
# family's texts use it in several places: "archiefbescheiden", "medezeggenschapsorgaan".
SALIENT_ZIPF = 3.3
SALIENT_TEXTS = 3
NAMED_ZIPF = 4.2  # a single word of a name or heading is only a domain cue when not everyday Dutch
SALIENT_VALUE = 0.5  # a derived word is weaker evidence than a name or a recognition term
CONCEPT_WEIGHT_FLOOR = 2.5
BACKGROUND_SCALE = 3.0  # a typical word's background weight
BACKGROUND_POWER = 0.5  # how much rarity in Dutch adds to rarity within the family


@dataclass(frozen=True)
class IndexedElement:
    index: int
    level_rank: int
    criterion: str
    text: str
    distinguishing: bool  # one of the level's own elements that the level below lacks
    terms: frozenset[str]
    weight: float  # total weight of its terms
    top_rank: int = 0  # the highest level whose cell still shows these words (inherited or repeated)
    group: str = ""  # the sub-heading inside its cell, as the source gives it
    track: str = ""  # the track of the family the element belongs to ("" when the family has none)
    part_terms: frozenset[str] = frozenset()  # terms it holds only inside a compound (part_only_terms)
    assisting: bool = False  # its text itself helps with the task ("(ondersteuning bij) installatie")


DESCRIPTION = CriterionData("omschrijving", "Omschrijving van het niveau")


class Twins(NamedTuple):
    """A concept's elements that also hold one of its words ("adviseert" beside ~adviseren)."""
    words: frozenset[str]  # all those words, to pass over a sentence that has none in one test
    held: dict[int, frozenset[str]]  # element index -> its words of the concept


@dataclass
class FamilyIndex:
    family: FamilyData
    criteria: tuple[CriterionData, ...]  # the family's criteria, and the level description if any
    elements: list[IndexedElement]
    postings: dict[str, list[int]]  # term -> element indices
    vocabulary: dict[str, float]  # term -> how characteristic it is of this family (0..1)
    domain: dict[tuple[str, ...], float]  # phrases a role of this family talks about -> their value
    sector: tuple[tuple[str, ...], ...]
    sector_required: bool
    education: dict[int, frozenset[float]]  # level rank -> education ranks the level asks
    entry_requirements: bool  # the grading system fixes a diploma per grade (Belgian levels)
    tracks: tuple[TrackIndex, ...] = ()
    additions: tuple = ()  # AdditionIndex: sections that add to a function
    profile: dict[str, float] = field(default_factory=dict)  # term -> how much the family talks of it, normalised
    weights: dict[str, float] = field(default_factory=dict)  # term -> weight for matching its elements
    default_weight: float = 1.0
    # The criteria that say what work a role does (recognition `work`, and the level descriptions);
    # None: every criterion does.
    work_criteria: frozenset[str] | None = None
    # recognition `domain_required`: the phrases of which a role's text must name one (its domain
    # terms, function names and the family's name); None: the family requires none.
    required_domain: tuple[tuple[str, ...], ...] | None = None
    # The people the family's texts name besides its own roles (role_name.py): stems of the words
    # of its texts, and of the names it gives its own functions.
    text_stems: frozenset[str] = frozenset()
    own_name_stems: frozenset[str] = frozenset()
    # The names of functions beside the family's own: its source's related functions and its
    # recognition `other_functions`, as stems of one-word names (role_name.py names a role by one
    # word); CatalogueIndex.other_function_stems holds those of every family.
    other_function_stems: frozenset[str] = frozenset()
    # The phrases that name one of the family's own functions: its name, reference functions and
    # the function names of its recognition block.
    function_phrases: tuple[tuple[str, ...], ...] = ()
    # recognition `counterparts`, as phrases (principal.py)
    counterpart_phrases: tuple[tuple[str, ...], ...] = ()
    # The lexicon's phrases of work above support ("geeft leiding") that the family's highest level
    # or its result areas use themselves: for this family they point at no role above it (outside.py).
    own_above_phrases: frozenset[tuple[str, ...]] = frozenset()
    # term -> (weight, the elements that hold it, those of them that hold it only inside a compound,
    # for a concept: the elements that also hold one of its words)
    weighted_postings: dict[str, tuple[float, tuple[int, ...], frozenset[int], Twins | None]] = field(default_factory=dict)
    # (lower, higher) element pairs of one criterion already compared as near duplicates
    near_duplicates: dict[tuple[int, int], bool] = field(default_factory=dict, compare=False, repr=False)

    @property
    def domain_longer(self) -> tuple[tuple[str, ...], ...]:
        return self._split_domain()[1]

    @property
    def domain_single_stems(self) -> frozenset[str]:
        return self._split_domain()[2]

    def _split_domain(self):
        split = self.__dict__.get("_domain_split")
        if split is None:
            single = tuple(p for p in self.domain if len(p) == 1)
            split = self.__dict__["_domain_split"] = (
                single, tuple(p for p in self.domain if len(p) > 1), frozenset(p[0] for p in single)
            )
        return split

    def weight(self, term: str) -> float:
        """A word weighs by its rarity in Dutch and within this family's own texts: "storingen"
        says much about the family but little about which of its levels fits."""
        return self.weights.get(term, self.default_weight)


@lru_cache(maxsize=65536)
def weight(term: str) -> float:
    """A stem weighs by its rarity in Dutch; a concept by the rarity of its own name."""
    if term.startswith(CONCEPT_PREFIX):
        name = term[len(CONCEPT_PREFIX) :].replace("-", " ")
        stems = [stem(w) for w in name.split()]
        return max(CONCEPT_WEIGHT_FLOOR, max(term_weight(s) for s in stems))
    return term_weight(term)


@dataclass
class CatalogueIndex:
    families: dict[str, FamilyIndex]
    lexicon: Lexicon
    family_postings: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    # Every family's other functions (FamilyIndex.other_function_stems): a function one family's
    # file sets apart is a function of its own in this catalogue, claimed by no family that does
    # not give one of its own functions that name.
    other_function_stems: frozenset[str] = frozenset()
    _weights: dict[str, float] = field(default_factory=dict, repr=False)

    def weight(self, term: str) -> float:
        value = self._weights.get(term)
        if value is None:
            value = self._weights[term] = weight(term)
        return value


def _texts_of(family: FamilyData, *, work_only: bool = False) -> list[str]:
    """The family's own texts; `work_only`: without the cells of criteria outside its work
    (recognition `work`), which say how heavy a role is, not what it is about."""
    work = family.recognition.work if work_only and family.recognition else ()
    texts = [family.name, family.core, *family.reference_functions, *family.context_notes]
    for section in family.sections:
        texts += [section.title, section.intro, *section.items]
    for level in family.levels:
        texts.append(level.description)
        for cell in level.cells:
            if not work or cell.criterion in work:
                texts += [e.text for e in cell.elements if not e.inherited]
    return [t for t in texts if t]


# Family indexes by content: a family that did not change is not indexed again. Bounded, and
# the key is the frozen FamilyData itself, so a changed family never meets a stale entry.
_FAMILY_CACHE: "OrderedDict[FamilyData, FamilyIndex]" = OrderedDict()
_FAMILY_CACHE_SIZE = 4096
_cache_lock = threading.Lock()


def family_index(family: FamilyData, lexicon: Lexicon | None = None) -> FamilyIndex:
    """The index of one family, built from that family alone."""
    lexicon = lexicon or load_lexicon()
    with _cache_lock:
        cached = _FAMILY_CACHE.get(family)
        if cached is not None:
            _FAMILY_CACHE.move_to_end(family)
            return cached
    built = _family_index(family, lexicon)
    with _cache_lock:
        _FAMILY_CACHE[family] = built
        while len(_FAMILY_CACHE) > _FAMILY_CACHE_SIZE:
            _FAMILY_CACHE.popitem(last=False)
    return built


class IndexDeadlinePassed(Exception):
    """build_index() passed its deadline; the families indexed so far are kept by content, so a
    later build only indexes the rest."""

    def __init__(self, indexed: int):
        self.indexed = indexed
        super().__init__(f"deadline passed after {indexed} families")


def build_index(families, *, deadline: float | None = None) -> CatalogueIndex:
    """The index of all `families`; past `deadline` (a time.monotonic() value, checked between
    families) it raises IndexDeadlinePassed."""
    lexicon = load_lexicon()
    catalogue = CatalogueIndex(families={}, lexicon=lexicon)
    for family in families:
        if deadline is not None and time.monotonic() > deadline:
            raise IndexDeadlinePassed(len(catalogue.families))
        catalogue.families[family.slug] = family_index(family, lexicon)
    postings = defaultdict(list)
    for slug, index in catalogue.families.items():
        for term, share in index.vocabulary.items():
            postings[term].append((slug, share))
    catalogue.family_postings = dict(postings)
    catalogue.other_function_stems = frozenset().union(*(f.other_function_stems for f in catalogue.families.values()))
    return catalogue


def _shown_terms(family: FamilyData, descriptions: dict, lexicon: Lexicon) -> dict:
    """(criterion, terms) -> the levels whose cell shows those words, inherited ones included."""
    shown: dict[tuple[str, frozenset[str]], set[int]] = defaultdict(set)
    for level in family.levels:
        for cell in level.cells:
            for element in cell.elements:
                shown[(cell.criterion, frozenset(text_terms(lexicon, element.text)))].add(level.rank)
    for rank, sentences in descriptions.items():
        for text, _ in sentences:
            shown[(DESCRIPTION.key, frozenset(text_terms(lexicon, text)))].add(rank)
    return shown


def _description_sentences(family: FamilyData) -> dict[int, list[tuple[str, bool]]]:
    """Each level's description as sentences, marked new when the level below lacks them."""
    result, below = {}, set()
    for level in family.levels:
        sentences = [s.text for s in split_sentences(level.description)]
        result[level.rank] = [(text, _normal(text) not in below) for text in sentences]
        below = {_normal(text) for text in sentences}
    return result


def _normal(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".;:, ")


def _family_weights(family: FamilyData, lexicon: Lexicon) -> tuple[dict[str, float], float]:
    documents = [text_terms(lexicon, t) for t in _texts_of(family)]
    frequency = Counter(t for doc in documents for t in doc)
    total = max(len(documents), 1)
    weights = {t: math.log(1 + total / df) * (weight(t) / BACKGROUND_SCALE) ** BACKGROUND_POWER for t, df in frequency.items()}
    return weights, math.log(1 + total)


def _index_elements(family: FamilyData, lexicon: Lexicon, descriptions: dict, track_of, weigh) -> list[IndexedElement]:
    """Every own element and description sentence of the family, with its terms and standing."""
    rows = [
        (level.rank, cell.criterion, element.text, element.added, element.group)
        for level in family.levels
        for cell in level.cells
        for element in cell.elements
        if not element.inherited  # matched once, at the level that owns it
    ]
    rows += [(rank, DESCRIPTION.key, text, new, "") for rank, sentences in descriptions.items() for text, new in sentences]
    elements: list[IndexedElement] = []
    below: dict[str, set[frozenset[str]]] = defaultdict(set)  # criterion -> term sets of lower levels
    for rank in sorted({row[0] for row in rows}):
        level_elements = []
        for _, criterion, text, distinguishing, group in (row for row in rows if row[0] == rank):
            terms = frozenset(text_terms(lexicon, text))
            if not terms:
                continue
            # "van algemene werkafspraken" repeats "algemene werkafspraken": same words, nothing new
            new = distinguishing and terms not in below[criterion]
            total = math.fsum(weigh(t) for t in terms)  # exact: the same in any order of the set
            level_elements.append(
                IndexedElement(
                    len(elements) + len(level_elements), rank, criterion, text, new, terms, total,
                    group=group, track=track_of(group), part_terms=_part_terms(lexicon, text) & terms,
                    assisting=_assisting(text),
                )
            )
        elements += level_elements
        for element in level_elements:
            below[element.criterion].add(element.terms)
    shown = _shown_terms(family, descriptions, lexicon)
    return [replace(e, top_rank=max(shown.get((e.criterion, e.terms), {e.level_rank}))) for e in elements]


def _assisting(text: str) -> bool:
    return bool(assisting_tokens(text, tokens_of(text)))


def _part_terms(lexicon: Lexicon, text: str) -> frozenset[str]:
    return part_only_terms(token_terms(tokens_of(text), lexicon))


def _family_index(family: FamilyData, lexicon: Lexicon) -> FamilyIndex:
    building.tokens, building.terms = {}, {}
    try:
        return _build_family_index(family, lexicon)
    finally:
        building.tokens = building.terms = None


def _build_family_index(family: FamilyData, lexicon: Lexicon) -> FamilyIndex:
    descriptions = _description_sentences(family)
    tracks = family_tracks(family, lexicon)
    track_of = {group: track.name for track in tracks for group in track.groups}.get
    weights, default_weight = _family_weights(family, lexicon)
    elements = _index_elements(
        family, lexicon, descriptions, lambda group: track_of(group, "") if group else "",
        lambda t: weights.get(t, default_weight),
    )
    postings = defaultdict(list)
    for element in elements:
        for term in element.terms:
            postings[term].append(element.index)
    members = concept_members(lexicon)
    weighted_postings = {
        t: (weights.get(t, default_weight), tuple(found), frozenset(i for i in found if t in elements[i].part_terms),
            _twins(t, found, elements, members))
        for t, found in postings.items()
    }
    has_descriptions = any(sentences for sentences in descriptions.values())
    counts = Counter(t for text in _texts_of(family) for t in text_terms(lexicon, text))
    recognition = family.recognition
    domain = _derived_domain(family)
    if recognition is not None:
        # Where the work is done is its setting, not its domain ("voortgezet onderwijs" in the
        # family's name): the setting counts once, as the setting (fit.py).
        for phrase in family_phrases(recognition.setting, lexicon):
            domain.pop(phrase, None)
        track_terms = tuple(term for track in recognition.tracks or () for term in track.terms)
        for phrase in family_phrases(recognition.domain + recognition.functions + track_terms, lexicon):
            domain[phrase] = 1.0
    return FamilyIndex(
        family=family,
        criteria=family.criteria + ((DESCRIPTION,) if has_descriptions else ()),
        elements=elements,
        postings=dict(postings),
        vocabulary={t: _characteristic(t) for t in counts},
        domain=domain,
        sector=family_phrases(recognition.setting, lexicon) if recognition else (),
        sector_required=bool(recognition and recognition.setting_required and recognition.setting),
        education=_level_education(family, lexicon),
        entry_requirements=any(level.entry_requirement for level in family.levels),
        tracks=tracks,
        additions=family_additions(family, lexicon),
        weights=weights,
        default_weight=default_weight,
        weighted_postings=weighted_postings,
        profile=_profile(counts),
        work_criteria=frozenset((*recognition.work, DESCRIPTION.key)) if recognition and recognition.work else None,
        required_domain=family_phrases((*recognition.domain, *recognition.functions, family.name), lexicon)
        if recognition and recognition.domain_required else None,
        text_stems=_word_stems(_texts_of(family)),
        own_name_stems=_word_stems(_own_names(family)),
        other_function_stems=_other_function_stems(family),
        function_phrases=family_phrases(
            (family.name, *family.reference_functions, *(recognition.functions if recognition else ())), lexicon
        ),
        counterpart_phrases=family_phrases(recognition.counterparts, lexicon) if recognition else (),
        own_above_phrases=_own_above_phrases(family, lexicon),
    )


def _twins(term: str, found: list[int], elements, members: dict[str, frozenset[str]]) -> Twins | None:
    """For a concept, the elements that also hold one of its words, with those words: a text
    that shares the word shares the concept with it, and the two are one shared word."""
    words = members.get(term)
    held = {i: words & elements[i].terms for i in found} if words else {}
    held = {i: w for i, w in held.items() if w}
    return Twins(frozenset().union(*held.values()), held) if held else None


@lru_cache(maxsize=4)
def concept_members(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """concept -> the stems of the phrases that stand for it."""
    members: dict[str, set[str]] = defaultdict(set)
    for phrase, concept in lexicon.concepts.items():
        members[concept].update(phrase)
    return {concept: frozenset(words) for concept, words in members.items()}


def _own_names(family: FamilyData) -> list[str]:
    """What the family calls its own functions: its name, reference functions, the titles of its
    result areas ("Als documentatiebeheerder"), the function names of its recognition block, its
    tracks and its levels."""
    names = [family.name, *family.reference_functions, *(level.name for level in family.levels)]
    names += [section.title for section in family.sections if section.kind == "result_area"]
    if family.recognition is not None:
        names += [*family.recognition.functions, *(track.name for track in family.recognition.tracks or ())]
    return names


def _own_above_phrases(family: FamilyData, lexicon: Lexicon) -> frozenset[tuple[str, ...]]:
    """The lexicon's `above` phrases in the texts of the family's highest level (its description and
    cells, inherited ones included) and of its result areas (work at any level); one phrase of
    leading people there makes every such phrase the family's own."""
    texts = [section_text for section in family.sections if section.kind == "result_area"
             for section_text in (section.intro, *section.items)]
    if family.levels:
        top = family.levels[-1]
        texts += [top.description, *(e.text for cell in top.cells for e in cell.elements)]
    found = {phrase for text in texts if text for phrase, _, _ in find_phrases(tokenize(text), lexicon.above)}
    return frozenset(found | lexicon.leading if found & lexicon.leading else found)


def _other_function_stems(family: FamilyData) -> frozenset[str]:
    """One-word names of functions that are not the family's: its recognition `other_functions`,
    and the one-word names among its source's related functions ("Managementassistent/secretarieel
    ondersteuner" gives "managementassistent"). A name the family also gives its own function
    stays its own."""
    names = [piece for name in family.related_functions for piece in name.split("/")]
    names += family.recognition.other_functions if family.recognition else ()
    single = [words[0] for words in (WORD.findall(name.lower()) for name in names) if len(words) == 1]
    return _word_stems(single) - _word_stems(_own_names(family))


def _word_stems(texts: list[str]) -> frozenset[str]:
    return frozenset(stem(word.lower()) for text in texts for word in WORD.findall(text))


def _profile(counts: Counter) -> dict[str, float]:
    """The family as a vector of its words: how many of its texts use a word, times its weight
    in Dutch (dampened), scaled to length 1."""
    vector = {t: math.sqrt(n) * weight(t) for t, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {t: v / norm for t, v in vector.items()}


def _characteristic(term: str) -> float:
    """How much a word of the family's texts tells about it: words rare in Dutch tell most."""
    if term.startswith(CONCEPT_PREFIX):
        return 1.0
    return min(1.0, max(0.1, (6.0 - zipf(term)) / 3.0))


def _named_phrases(family: FamilyData) -> list[str]:
    """What the family calls itself and its functions: name pieces, reference functions, the
    group headings inside its cells and the titles of its result areas."""
    pieces = re.split(r"[,/()]| en ", family.name) + list(family.reference_functions)
    if family.recognition is not None:
        pieces += [t.name for t in family.recognition.tracks or ()]
    for level in family.levels:
        for cell in level.cells:
            pieces += [piece for e in cell.elements if e.group for piece in re.split(r"[,/():]| en ", e.group)]
    pieces += [s.title for s in family.sections if s.kind == "result_area"]
    return pieces


def _derived_domain(family: FamilyData) -> dict[tuple[str, ...], float]:
    """Phrases from the family's own texts that a fitting role would use.

    Names and headings give phrases of up to four words; a single word only counts when it is
    not everyday Dutch. Besides, the words the family's texts use in several places and Dutch
    uses rarely are its domain, at half the value of a name.
    """
    domain: dict[tuple[str, ...], float] = {}
    for piece in _named_phrases(family):
        stems = tuple(s for s in stem_sequence(piece) if s not in STOP_STEMS and s not in GENERIC_STEMS and len(s) > 2)
        if len(stems) == 1 and zipf(stems[0]) >= NAMED_ZIPF:
            continue
        if 1 <= len(stems) <= 4:
            domain[stems] = 1.0
    words = Counter()  # whole words only: a compound's part ("gevend") is no domain of its own
    for text in _texts_of(family, work_only=True):
        words.update({s for s in stem_sequence(text) if s not in STOP_STEMS and s not in GENERIC_STEMS})
    for term, count in words.items():
        if count >= SALIENT_TEXTS and len(term) >= 5 and zipf(term) < SALIENT_ZIPF and (term,) not in domain:
            domain[(term,)] = SALIENT_VALUE
    return domain


def _level_education(family: FamilyData, lexicon: Lexicon) -> dict[int, frozenset[float]]:
    """Education ranks each level asks, from its requirements, knowledge cells and entry rule."""
    phrases = tuple(p for e in lexicon.education for p in e.phrases)
    rank_of = {p: e.rank for e in lexicon.education for p in e.phrases}
    result = {}
    for level in family.levels:
        lines = [line for line in level.requirements.splitlines() if line.strip()]
        formal = [line for line in lines if "denkniveau" in line.lower()]
        texts = formal or lines
        texts += [level.entry_requirement]
        for cell in level.cells:
            if cell.criterion.startswith("kennis"):
                texts += [e.text for e in cell.elements]
        found = set()
        for text in texts:
            tokens = tokens_of(text)
            found.update(rank_of[phrase] for phrase, _, _ in longest_matches(find_phrases(tokens, phrases)))
        if found:
            result[level.rank] = frozenset(found)
    return result
