"""The catalogue prepared for matching: stemmed elements, term weights, domains, education.

Built once per data version (it is the expensive part) and shared by every grading call.
"""

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from grading.engine.data import CriterionData, FamilyData
from grading.engine.lexicon import Lexicon, Token, concept_tokens, find_phrases, load_lexicon, longest_matches, tokenize
from grading.engine.text import STOP_STEMS, split_compound, split_sentences, stem

# Job words every family uses; they say nothing about which family or level fits.
GENERIC_WORDS = (
    "werkzaamheden medewerker medewerkers functie functiehouder taken taak organisatie verricht "
    "verrichten zorgt zorg levert stelt houdt gebied betrekking relevant relevante aanpak "
    "nodig nodige verschillende behoeve uitvoering uitvoeren voert"
)
GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_WORDS.split())


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


DESCRIPTION = CriterionData("omschrijving", "Omschrijving van het niveau")


@dataclass
class FamilyIndex:
    family: FamilyData
    criteria: tuple[CriterionData, ...]  # the family's criteria, and the level description if any
    elements: list[IndexedElement]
    postings: dict[str, list[int]]  # term -> element indices
    vocabulary: dict[str, float]  # term -> how characteristic it is of this family (0..1)
    domain: tuple[tuple[str, ...], ...]  # phrases a role of this family talks about
    sector: tuple[tuple[str, ...], ...]
    sector_required: bool
    education: dict[int, frozenset[float]]  # level rank -> education ranks the level asks
    entry_requirements: bool  # the grading system fixes a diploma per grade (Belgian levels)


@dataclass
class CatalogueIndex:
    families: dict[str, FamilyIndex]
    lexicon: Lexicon
    idf: dict[str, float]
    default_idf: float
    vocabulary: frozenset[str]
    family_postings: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    def terms(self, tokens: list[Token]) -> set[str]:
        """Content terms of a piece of text: stems, compound parts and concepts."""
        terms = set()
        for token in tokens:
            if token.stem in STOP_STEMS or len(token.stem) < 2 or token.stem in GENERIC_STEMS:
                continue
            terms.add(token.stem)
            for part in split_compound(token.word, self.vocabulary):
                terms.add(part)
                concept = self.lexicon.concepts.get((part,))  # "leerlingenadministratie" is about leerlingen
                if concept:
                    terms.add(concept)
        terms.update(concept_tokens([token.stem for token in tokens], self.lexicon))
        return terms

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.default_idf)


def _texts_of(family: FamilyData) -> list[str]:
    texts = [family.name, family.core, *family.reference_functions, *family.context_notes]
    for section in family.sections:
        texts += [section.title, section.intro, *section.items]
    for level in family.levels:
        texts.append(level.description)
        for cell in level.cells:
            texts += [e.text for e in cell.elements if not e.inherited]
    return [t for t in texts if t]


def _stem_sequence(text: str) -> list[str]:
    return [token.stem for token in tokenize(text)]


def _terms_of(catalogue: "CatalogueIndex", text: str) -> set[str]:
    return catalogue.terms(tokenize(text))


def build_index(families) -> CatalogueIndex:
    lexicon = load_lexicon()
    families = tuple(families)
    vocabulary = frozenset(
        s for family in families for text in _texts_of(family) for s in _stem_sequence(text) if len(s) >= 3
    )
    catalogue = CatalogueIndex(families={}, lexicon=lexicon, idf={}, default_idf=1.0, vocabulary=vocabulary)
    documents = [_terms_of(catalogue, t) for f in families for t in _texts_of(f)]
    document_frequency = Counter(term for doc in documents for term in doc)
    total = max(len(documents), 1)
    catalogue.idf = {t: math.log(1 + total / df) for t, df in document_frequency.items()}
    catalogue.default_idf = math.log(1 + total)
    family_counts = {f.slug: Counter(t for text in _texts_of(f) for t in _terms_of(catalogue, text)) for f in families}
    spread = Counter(t for counts in family_counts.values() for t in counts)
    for family in families:
        catalogue.families[family.slug] = _family_index(family, catalogue, family_counts[family.slug], spread, len(families))
    postings = defaultdict(list)
    for slug, family_index in catalogue.families.items():
        for term, share in family_index.vocabulary.items():
            postings[term].append((slug, share))
    catalogue.family_postings = dict(postings)
    return catalogue


def _shown_terms(family: FamilyData, descriptions: dict, catalogue: CatalogueIndex) -> dict:
    """(criterion, terms) -> the levels whose cell shows those words, inherited ones included."""
    shown: dict[tuple[str, frozenset[str]], set[int]] = defaultdict(set)
    for level in family.levels:
        for cell in level.cells:
            for element in cell.elements:
                shown[(cell.criterion, frozenset(_terms_of(catalogue, element.text)))].add(level.rank)
    for rank, sentences in descriptions.items():
        for text, _ in sentences:
            shown[(DESCRIPTION.key, frozenset(_terms_of(catalogue, text)))].add(rank)
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


def _index_elements(family: FamilyData, catalogue: CatalogueIndex, descriptions: dict) -> list[IndexedElement]:
    """Every own element and description sentence of the family, with its terms and standing."""
    rows = [
        (level.rank, cell.criterion, element.text, element.added)
        for level in family.levels
        for cell in level.cells
        for element in cell.elements
        if not element.inherited  # matched once, at the level that owns it
    ]
    rows += [(rank, DESCRIPTION.key, text, new) for rank, sentences in descriptions.items() for text, new in sentences]
    elements: list[IndexedElement] = []
    below: dict[str, set[frozenset[str]]] = defaultdict(set)  # criterion -> term sets of lower levels
    for rank in sorted({row[0] for row in rows}):
        level_elements = []
        for _, criterion, text, distinguishing in (row for row in rows if row[0] == rank):
            terms = frozenset(_terms_of(catalogue, text))
            if not terms:
                continue
            # "van algemene werkafspraken" repeats "algemene werkafspraken": same words, nothing new
            new = distinguishing and terms not in below[criterion]
            weight = sum(catalogue.weight(t) for t in terms)
            level_elements.append(IndexedElement(len(elements) + len(level_elements), rank, criterion, text, new, terms, weight))
        elements += level_elements
        for element in level_elements:
            below[element.criterion].add(element.terms)
    shown = _shown_terms(family, descriptions, catalogue)
    return [replace(e, top_rank=max(shown.get((e.criterion, e.terms), {e.level_rank}))) for e in elements]


def _family_index(family: FamilyData, catalogue: CatalogueIndex, counts: Counter, spread: Counter, family_count: int) -> FamilyIndex:
    descriptions = _description_sentences(family)
    elements = _index_elements(family, catalogue, descriptions)
    postings = defaultdict(list)
    for element in elements:
        for term in element.terms:
            postings[term].append(element.index)
    lexicon = catalogue.lexicon
    has_descriptions = any(sentences for sentences in descriptions.values())
    return FamilyIndex(
        family=family,
        criteria=family.criteria + ((DESCRIPTION,) if has_descriptions else ()),
        elements=elements,
        postings=dict(postings),
        # how characteristic a term is of this family: 1 when no other family uses it
        vocabulary={t: 1.0 / spread[t] if family_count > 1 else 1.0 for t in counts},
        domain=lexicon.family_domain.get(family.slug, ()) + _derived_domain(family, spread),
        sector=lexicon.family_sector.get(family.slug, ()),
        sector_required=family.slug in lexicon.sector_required,
        education=_level_education(family, lexicon),
        entry_requirements=any(level.entry_requirement for level in family.levels),
    )


def _derived_domain(family: FamilyData, spread: Counter) -> tuple[tuple[str, ...], ...]:
    """Phrases from the family's name and reference functions that a fitting role would use.

    The name is cut at commas, slashes and brackets ("Secretariële ondersteuning, coördinatie en
    mediatheek (voortgezet onderwijs)"); a single word only counts when no other family uses it.
    """
    pieces = re.split(r"[,/()]| en ", family.name) + list(family.reference_functions)
    phrases = []
    for piece in pieces:
        stems = tuple(s for s in _stem_sequence(piece) if s not in STOP_STEMS and len(s) > 2)
        if len(stems) == 1 and spread.get(stems[0], 0) > 1:
            continue
        if 1 <= len(stems) <= 4:
            phrases.append(stems)
    return tuple(phrases)


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
            tokens = tokenize(text)
            found.update(rank_of[phrase] for phrase, _, _ in longest_matches(find_phrases(tokens, phrases)))
        if found:
            result[level.rank] = frozenset(found)
    return result
