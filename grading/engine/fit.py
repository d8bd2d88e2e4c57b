"""Which family a role belongs to: domain, vocabulary, matched elements and jurisdiction."""

from dataclasses import dataclass
from itertools import repeat
from operator import mul
from typing import NamedTuple

from grading.engine.index import CatalogueIndex, FamilyIndex, IndexedElement
from grading.engine.lexicon import find_phrases, stem_positions
from grading.engine.principal import serves_counterpart
from grading.engine.role_mention import OTHER, ROLE, mention
from grading.engine.reading import Reading, reading_vector
from grading.engine.text import verb_forms

ELEMENT_MATCH = 0.3  # share of an element's weighted terms a sentence must cover to support it
SHORTLIST = 6  # families that get the (costlier) element matching
JURISDICTION_MISMATCH = 0.3
MIN_SENTENCES = 4
HIGHER_VARIANT_MARGIN = 0.1
SHORT_ELEMENT = 3  # terms
LONG_ELEMENT_WORDS = 4
LONG_ELEMENT_MATCH = 0.2
DOMAIN_WEIGHT = 0.45
EXPLAINED_SCALE = 2.5
SHARE_WEIGHT = 0.2
SECTOR_BONUS = 0.05
OUT_OF_SETTING = 0.5  # a family tied to one setting (school) outside it
DOMAIN_SETTLED = 3.0  # domain hits that settle the domain: one stray word is weak evidence, three are not
WORK_COUNTED = 2  # pieces of a family's work a text without its domain must show (matching.py)


class ElementMatch(NamedTuple):  # a tuple, not a dataclass: made for every match in every family
    element: int  # index in FamilyIndex.elements
    sentence: int  # index in Reading.sentences
    score: float
    # The match rests on one word of the text, counted with its concept ("adviseert" and
    # ~adviseren): it may place a level the family's own words distinguish ("adviserende
    # werkzaamheden") and adds to the likeness, but it shows none of the family's work.
    one_word: bool = False


@dataclass(frozen=True)
class FamilyFit:
    slug: str
    score: float
    domain_hits: float
    explained: float
    sentence_share: float
    jurisdiction_factor: float
    matches: dict[int, ElementMatch]  # element index -> its best sentence
    evidence: float = 0.0  # the text's own likeness to the family, without domain terms: decides no-match
    shows_work: bool = True  # some match is with an element of the family's work (FamilyIndex.work_criteria)
    work_shown: int = 1  # the family's work elements matched, up to WORK_COUNTED (every element where it names no work)
    domain_declared: bool = False  # the family's file names its domain (recognition `domain`)
    supported_sentences: frozenset[int] = frozenset()  # indices of the sentences some element matches
    names_function: bool = False  # the text names one of the family's own functions (FamilyIndex.function_phrases)
    names_domain: bool = True  # the text names the domain the family requires (FamilyIndex.required_domain)
    other_role: str = ""  # the text names its role after someone the family's roles work with (role_name.py)
    other_function: str = ""  # the text names its role by a function the family's file says is not its own
    in_required_setting: bool = False  # the family requires its setting (a school) and the text is set there
    out_of_setting: bool = False  # the family requires its setting and the text names it nowhere
    counterpart: str = ""  # whom the role supports or advises, when the family's roles face them (principal.py)
    named_otherwise: bool = False  # the text names its role by a name none of the family's functions goes by


def _near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    return len(a & b) >= 0.5 * min(len(a), len(b))


def _sentence_matches(family: FamilyIndex, scores: dict[int, tuple[float, float]], helping: bool = False,
                      terms: frozenset[str] = frozenset()) -> dict[int, float]:
    """Keep the matches a sentence describes best; `scores` holds (coverage, f1) per element.

    Sources repeat a bullet at the next level with a word changed ("bijdragen aan beheer van
    applicaties" / "applicaties beheerd"). A sentence supports one variant: the one whose own words
    it uses ("afstemming" where the lower says "uitwisselen"), else the higher level's only when it
    fits clearly better, since the text must show what the higher level adds; never when the
    sentence helps with the task (`helping`) and only the lower variant says so.
    """
    if len(scores) < 2:
        return {e_index: coverage for e_index, (coverage, _) in scores.items()}
    dropped = set()
    elements = family.elements
    near = family.near_duplicates  # element pairs never change: compare each pair once
    # In element order: which of a chain of variants is dropped must not depend on the order
    # in which a set of terms happened to be walked (that differs per process).
    items = sorted(scores.items())
    for a, (_, f1_a) in items:
        element_a = elements[a]
        for b, (_, f1_b) in items:
            element_b = elements[b]
            if element_a.level_rank < element_b.level_rank and element_a.criterion == element_b.criterion:
                duplicate = near.get((a, b))
                if duplicate is None:
                    duplicate = near[(a, b)] = _near_duplicate(element_a.terms, element_b.terms)
                if duplicate:
                    helped = helping and element_a.assisting and not element_b.assisting
                    dropped.add(a if _higher_variant(element_a, element_b, f1_a, f1_b, terms) and not helped else b)
    return {e_index: coverage for e_index, (coverage, _) in items if e_index not in dropped}


def _higher_variant(lower: IndexedElement, higher: IndexedElement, f1_lower: float, f1_higher: float,
                    terms: frozenset[str]) -> bool:
    """Whether a sentence supports the higher of two variants: the one whose own words (those the
    other variant lacks) it uses more of; on a tie, the one it fits clearly better."""
    own_higher = len((higher.terms - lower.terms) & terms)
    own_lower = len((lower.terms - higher.terms) & terms)
    if own_higher != own_lower:
        return own_higher > own_lower
    return f1_higher > f1_lower + HIGHER_VARIANT_MARGIN


def _enough(element_terms: int, shared_terms: int, coverage: float) -> bool:
    """A short element must be met whole; a long one by a third of its weight, or by four of
    its words when a vacancy says in one sentence what the source says in two lines."""
    if element_terms <= SHORT_ELEMENT:
        return coverage >= 1.0
    return coverage >= ELEMENT_MATCH or (shared_terms >= LONG_ELEMENT_WORDS and coverage >= LONG_ELEMENT_MATCH)


def _sentence_scores(elements, shared: dict[int, float], counts: dict[int, int], sentence_weight: float) -> dict[int, tuple[float, float]]:
    """(coverage, f1) of each element the sentence supports enough."""
    scores = {}
    for e_index, count in counts.items():
        # one shared word ("Ervaring") is a coincidence; a short element must be met whole
        if count < 2:
            continue
        element = elements[e_index]
        weight = shared[e_index]
        # Rounded: sums of the same weights in another order differ in the last bits, and
        # "met whole" (coverage 1.0) must not depend on the order a set was walked in.
        coverage = round(weight / element.weight, 9)
        if _enough(len(element.terms), count, coverage):
            precision = round(weight / sentence_weight, 9)
            scores[e_index] = (coverage, 2 * coverage * precision / (coverage + precision))
    return scores


def match_elements(family: FamilyIndex, reading: Reading) -> tuple[dict[int, ElementMatch], set[int]]:
    """Per element, the sentence that covers most of its weighted terms (when enough); and every
    sentence that supports some element, whichever sentence an element's best match is."""
    best: dict[int, ElementMatch] = {}
    supporting: set[int] = set()
    posting_of = family.weighted_postings.get
    elements = family.elements
    sentences = reading.sentences
    for s_index, sentence in enumerate(sentences):
        shared: dict[int, float] = {}
        counts: dict[int, int] = {}
        twinned: dict[int, int] = {}  # concepts shared beside their own word
        shared_get, counts_get = shared.get, counts.get  # the innermost loop: keep it bare
        sentence_weight = 0.0
        part_terms, terms = sentence.part_terms, sentence.terms
        for term in terms:
            posting = posting_of(term)
            if posting is None:
                continue
            term_weight, indices, part_only, twins = posting
            sentence_weight += term_weight
            # A part of a compound on both sides adds weight, but is no word of its own: one word
            # of the text ("werkprocessen") cannot count as the two shared words a match needs.
            parts = part_only if term in part_terms else ()
            for e_index in indices:
                shared[e_index] = shared_get(e_index, 0.0) + term_weight
                if e_index not in parts:
                    counts[e_index] = counts_get(e_index, 0) + 1
            if twins is not None and not twins.words.isdisjoint(terms):
                for e_index, words in twins.held.items():
                    if e_index not in parts and not words.isdisjoint(terms):
                        twinned[e_index] = twinned.get(e_index, 0) + 1
        scores = _sentence_scores(elements, shared, counts, sentence_weight or 1.0)
        if not scores:
            continue
        kept = _sentence_matches(family, scores, bool(sentence.assisted), terms)
        one_word = {e_index for e_index in twinned if e_index in kept and counts[e_index] - twinned[e_index] < 2}
        if kept:
            supporting.add(s_index)
        text = sentence.sentence.text
        for e_index, score in kept.items():
            current = best.get(e_index)
            current_text = sentences[current.sentence].sentence.text if current else ""
            # higher score wins; on a tie the same sentence wins whatever the order of the text
            if current is None or (score, current_text) > (current.score, text):
                best[e_index] = ElementMatch(e_index, s_index, score, e_index in one_word)
    return best, supporting


def _domain_hits(family: FamilyIndex, reading: Reading, others: frozenset = frozenset()) -> float:
    """The value of the family's domain phrases the text uses, each counted once: a name or a
    recognition term counts 1, a word the family's texts use often half. `others` are function
    names the text gives only to someone else: they do not count."""
    single = {(t,) for t in family.domain_single_stems.intersection(reading.terms)}  # also compound parts
    phrase_hits = {phrase for phrase, _, _ in find_phrases(reading.tokens, family.domain_longer)}
    return sum(family.domain[p] for p in (single | phrase_hits) - others)


def _functions_of_others(family: FamilyIndex, reading: Reading) -> frozenset:
    """The family's function names that a text addressing its reader gives only to someone beside
    the role (role_mention.mention): "De ambtelijk secretaris ondersteunt je", "stem af met de
    ambtelijk secretaris". When the text introduces one of them as its role, none is someone else's."""
    if not family.function_phrases or not reading.addressed:
        return frozenset()
    kinds: dict[tuple[str, ...], set[str]] = {}
    read_at: dict[int, str] = {}  # one place may hold several of the family's names: read it once
    for phrase, start, _ in find_phrases(reading.tokens, family.function_phrases):
        if start not in read_at:
            read_at[start] = mention(reading.text, reading.tokens, start, reading.headings)
        kinds.setdefault(phrase, set()).add(read_at[start])
    if any(ROLE in found for found in kinds.values()):
        return frozenset()
    if _named_otherwise(family, reading):
        return frozenset(kinds)
    return frozenset(phrase for phrase, found in kinds.items() if found == {OTHER})


def _named_otherwise(family: FamilyIndex, reading: Reading) -> bool:
    """Whether the text names its role by a name none of the family's functions goes by ("Trainer
    ondernemingsraden"): then a function name it does not introduce as the role is someone's
    background or colleague ("ervaring als OR-lid of ambtelijk secretaris")."""
    names = reading.role_names
    return bool(names) and not any(name_stem in family.own_name_stems for name_stem, _ in names)


def _in_sector(family: FamilyIndex, reading: Reading) -> bool:
    words = reading.terms
    if any(len(p) == 1 and p[0] in words and not _only_as_verb(p[0], reading) for p in family.sector):
        return True
    found = {phrase for phrase, _, _ in find_phrases(reading.tokens, family.sector)}  # each once, not per place
    return any(len(p) > 1 or not _only_as_verb(p[0], reading) for p in found)


def _only_as_verb(word_stem: str, reading: Reading) -> bool:
    """Whether the text uses a stem only as a present-tense verb: "je zorgt voor de post" says
    nothing of care as a setting ("zorg"). A stem held only inside a compound is no verb."""
    positions = stem_positions(reading.tokens).get(word_stem)
    if not positions:
        return False
    forms, tokens = verb_forms(), reading.tokens
    return all(tokens[i].word in forms for i in positions)


def _similarity(family: FamilyIndex, reading: Reading, catalogue: CatalogueIndex) -> float:
    """Cosine of the text's words (sentences that use a word, times its weight) and the family's."""
    vector, norm = reading_vector(reading, catalogue)
    if not norm:
        return 0.0
    # every step in C: the text's weights times the family's (0.0 for a word it does not use)
    return sum(map(mul, vector.values(), map(family.profile.get, vector.keys(), repeat(0.0)))) / norm


def family_fit(family: FamilyIndex, reading: Reading, catalogue: CatalogueIndex) -> FamilyFit:
    matches, matched_sentences = match_elements(family, reading)
    asks = _diploma_sentence(reading)
    work_matches = {i: m for i, m in matches.items() if m.sentence != asks} if asks is not None else matches
    # A short text cannot show much: two matched sentences of two are not "everything".
    sentence_share = len(matched_sentences) / max(len(reading.sentences), MIN_SENTENCES)
    third_party = _functions_of_others(family, reading)
    names_function = _names_any(family.function_phrases, reading) and not third_party
    domain_hits = _domain_hits(family, reading, third_party)
    explained = _similarity(family, reading, catalogue)
    jurisdiction_factor = 1.0
    if reading.jurisdiction and family.family.jurisdiction and reading.jurisdiction != family.family.jurisdiction:
        jurisdiction_factor = JURISDICTION_MISMATCH
    domain = min(1.0, domain_hits / DOMAIN_SETTLED)
    content = SHARE_WEIGHT * sentence_share + (1 - SHARE_WEIGHT) * min(1.0, EXPLAINED_SCALE * explained)
    in_sector = _in_sector(family, reading)
    sector = SECTOR_BONUS if in_sector else 0.0
    setting = OUT_OF_SETTING if family.sector_required and not in_sector else 1.0
    score = jurisdiction_factor * setting * (DOMAIN_WEIGHT * domain + (1 - DOMAIN_WEIGHT) * content + sector)
    return FamilyFit(
        slug=family.family.slug,
        score=round(min(score, 1.0), 4),
        domain_hits=domain_hits,
        explained=explained,
        sentence_share=sentence_share,
        jurisdiction_factor=jurisdiction_factor,
        matches=matches,
        evidence=round(jurisdiction_factor * setting * (content + (sector if family.sector_required else 0.0)), 4),
        shows_work=_shows_work(family, work_matches),
        work_shown=_work_shown(family, work_matches),
        domain_declared=bool(family.family.recognition and family.family.recognition.domain),
        supported_sentences=frozenset(matched_sentences),
        names_function=names_function,
        names_domain=_names_domain(family, reading),
        other_role=_other_role(family, reading),
        other_function=_other_function(family, reading, catalogue),
        in_required_setting=family.sector_required and in_sector,
        out_of_setting=family.sector_required and not in_sector,
        # a role the text names by one of the family's functions is (also) the family's, whomever
        # else it supports ("ambtelijk secretaris en managementassistent van de raad van bestuur")
        counterpart="" if names_function else serves_counterpart(family, reading.served),
        named_otherwise=_named_otherwise(family, reading),
    )


def _other_role(family: FamilyIndex, reading: Reading) -> str:
    """The role's name when the family's texts name that person and none of its own functions
    goes by it; "" otherwise."""
    if not _named_otherwise(family, reading):
        return ""
    return next((word for name_stem, word in reading.role_names if name_stem in family.text_stems), "")


def _other_function(family: FamilyIndex, reading: Reading, catalogue: CatalogueIndex) -> str:
    """The role's name when a family's file names it as a function beside its own (its related
    functions, recognition `other_functions`) and this family gives none of its functions that
    name; "" otherwise. The teacher a school's secretariat sets apart is no ICT support role either."""
    others = catalogue.other_function_stems
    if not others or not _named_otherwise(family, reading):
        return ""
    return next((word for name_stem, word in reading.role_names if name_stem in others), "")


def _names_domain(family: FamilyIndex, reading: Reading) -> bool:
    required = family.required_domain
    return True if required is None else _names_any(required, reading)


def _names_any(phrases: tuple[tuple[str, ...], ...], reading: Reading) -> bool:
    """Whether the text names one of `phrases`: a single word also inside a compound."""
    if any(len(phrase) == 1 and phrase[0] in reading.terms for phrase in phrases):
        return True
    # the family's own tuple, every time: find_phrases keeps its lookup table by identity
    return bool(find_phrases(reading.tokens, phrases))


def _diploma_sentence(reading: Reading) -> int | None:
    """The sentence that states the diploma the role asks: it states requirements, and the
    family's work it names there ("ervaring als managementassistent") is background, not work."""
    signal = reading.education_signal
    if signal is None or signal.start < 0:
        return None
    if "diploma_sentence" not in reading.cache:  # the same for every family
        reading.cache["diploma_sentence"] = next(
            (i for i, s in enumerate(reading.sentences) if s.sentence.start <= signal.start < s.sentence.end), None)
    return reading.cache["diploma_sentence"]


def _shows_work(family: FamilyIndex, matches: dict[int, ElementMatch]) -> bool:
    work = family.work_criteria
    elements = family.elements
    return work is None or any(elements[i].criterion in work for i, match in matches.items() if not match.one_word)


def _work_shown(family: FamilyIndex, matches: dict[int, ElementMatch]) -> int:
    """How many of the family's work elements the text matches, counted up to WORK_COUNTED (all
    a claim asks, and it keeps the count linear in the matches); a bullet the source repeats at
    the next level with a word changed is one piece of work."""
    work = family.work_criteria
    shown: list[IndexedElement] = []
    for index in sorted(matches):
        element = family.elements[index]
        if matches[index].one_word or (work is not None and element.criterion not in work):
            continue
        if not any(e.criterion == element.criterion and _near_duplicate(e.terms, element.terms) for e in shown):
            shown.append(element)
            if len(shown) == WORK_COUNTED:
                break
    return len(shown)


def shortlist(reading: Reading, catalogue: CatalogueIndex) -> list[str]:
    """The families whose vocabulary the text uses most, found through the inverted index."""
    if len(catalogue.families) <= SHORTLIST:  # all that share a word: which of them leads is moot
        return [slug for slug, family in catalogue.families.items() if not family.vocabulary.keys().isdisjoint(reading.terms)]
    totals: dict[str, float] = {}
    total_of = totals.get  # the inner loop runs once per family a term occurs in: keep it bare
    postings = catalogue.family_postings
    for term in reading.terms:
        families = postings.get(term)
        if families:
            weight = catalogue.weight(term)
            for slug, share in families:
                totals[slug] = total_of(slug, 0.0) + weight * share
    ranked = sorted(totals, key=lambda slug: -totals[slug])
    return ranked[:SHORTLIST]
