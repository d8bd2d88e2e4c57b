"""grade(): a role description in, the best family, level and evidence out."""

from collections.abc import Mapping, Sequence
from dataclasses import replace

from grading.engine.data import FamilyData
from grading.engine.fit import DOMAIN_SETTLED, WORK_COUNTED, FamilyFit, family_fit, shortlist
from grading.engine.lexicon import find_phrases
from grading.engine.index import CatalogueIndex, FamilyIndex, IndexDeadlinePassed, build_index
from grading.engine import no_match, outside
from grading.engine.no_match import Refusal
from grading.engine.confidence import (
    FAMILY_CONTESTED, LEVEL_CLOSE_ABOVE, LEVEL_SPLIT, LEVEL_UNCLEAR, NO_WORK, STATED_OTHERWISE_CEILING, UNCERTAIN, UNNAMED_DOMAIN, certainty,
    no_match_confidence, result_confidence, uncertain_reasons,
)
from grading.engine.levels import LevelDecision, decide, education_fit, grade_label
from grading.engine.reading import Reading, read
from grading.engine.result import CriterionResult, Evidence, FamilyScore, GradingResult, Position, Reason, Signal
from grading.engine.stated_grade import stated_grades, stated_note
from grading.engine.setting import SettingFound, SystemData, organisation_system, settings_named, system_mismatch
from grading.engine.tracks import TrackIndex

ENGINE_VERSION = "1.99"
# What this version gives on the project's own cases (tests/engine/test_engine_version.py): a
# change of results without a new version fails there.
RESULTS_DIGEST = "208627ef74815972216890949480354d0d73ccb5b4e6564c66347e3cfc0358dc"
# The no-match decision rests on the text's own likeness to the best family (matched elements and
# the cosine of its words with the family's texts), not on domain terms, so a family with no
# recognition: block is held to the same bar. Calibrated on tests/engine/cases/calibration_cases
# and the case files beside it, with and without the blocks: 0.24 rejects 92 % of the hard
# negatives there and accepts 90 % of the family roles (the others lie outside the family's range).
NO_MATCH_BELOW = 0.24
# Near that line a likeness is not enough: between NO_MATCH_BELOW and CLEAR_LIKENESS the role's
# work must also be the family's work, shown either by the family's subject words with the
# likeness together (the fit's score, with its domain: name, headings, recognition terms, rare
# words its texts share) or by the family's matrix explaining most of the role's sentences.
# Sharing the general words of job descriptions is not enough. The subject line admits every
# text written from a level's own elements (tests/engine/cases/level_cases.jsonl), with and
# without recognition blocks (tests/engine/test_fifth_family.py).
CLEAR_LIKENESS = 0.3
# A family that requires its setting (a school) is recognised, whatever the text's likeness, in
# that setting when the text names its domain twice ("de leerlingenadministratie", "de receptie"):
# a narrative text ("Marieke kent iedere leerling bij naam") shares few words with a matrix, and
# the setting with the domain leaves no other family.
DOMAIN_IN_SETTING = 2.0
SUBJECT_BELOW = 0.33
CORE_SHARE = 0.5
# A claim rests on the role's work. Where a family says which criteria describe its work (its
# recognition `work`), a text that shows none of that work, only the frame every job text of its
# grading system shares (rules to work by, knowledge, contacts), is placed there only when it
# names the family's domain clearly: two domain hits, such as a function name and a domain term.
DOMAIN_WITHOUT_WORK = 2.0
# A text that reads like the family's own texts throughout (twice the clear likeness) and names
# its domain beyond a passing mention says its work in words too few for any element ("Natuurlijk
# zorg je ook voor de vergaderingen, de stukken en de verkiezingen"): it is named, and uncertain,
# because it shows none of the work.
READS_AS_FAMILY = 2 * CLEAR_LIKENESS
# A family may require its domain (recognition `domain_required`): an ambtelijk secretaris works
# for a participation body, and a text that names none is another secretary's role. A family may
# require its setting (`setting_required`): a management assistant at an engineering firm is no
# school's secretarial support, whatever the words they share.

# Where a family's file names its domain, a text that names it once at most (one domain term, or a
# rare word of its texts) must show that family's work in more than one respect: one shared task
# ("vragen en klachten behandelen") beside a passing mention of the field ("de ondernemingsraad"
# as a contact) is what many neighbouring jobs share. Calling the role by one of the family's own
# function names is enough with one task. The setting a family requires (the school) is no such
# name: every role there shares it, and a care coordinator who registers absences is no
# secretarial support. A family without a recognition block has only the domain words derived
# from its texts, too few to hold their absence against a role.
DOMAIN_NAMED = 1.0
DOMAIN_BEYOND_MENTION = 1.5
WORK_WITHOUT_DOMAIN = WORK_COUNTED
MAX_EVIDENCE = 3
MAX_UNCOUNTED = 2  # a higher level's elements shown beside the evidence, with why they did not count

__all__ = ["ENGINE_VERSION", "CatalogueIndex", "IndexDeadlinePassed", "build_index", "grade"]


def grade(
    text: str,
    families: CatalogueIndex | Sequence[FamilyData],
    *,
    family: str | None = None,
    answers: Mapping[str, int] | None = None,
    setting: str | None = None,
) -> GradingResult:
    """Grade a role text among the families (or within `family`).

    `setting` is the code of the grading system the organisation grades by. Given, it decides as a
    text naming a setting does: a family of another system keeps its level, but its grade is not
    the role's (`system_mismatch`). The organisation is the employer, so it outweighs a setting the
    text names. Without it, only the text's own words can show the setting."""
    catalogue = families if isinstance(families, CatalogueIndex) else build_index(families)
    text = text if isinstance(text, str) else ""
    reading = read(text, catalogue)
    if family is not None and family not in catalogue.families:
        raise KeyError(f"unknown family: {family}")
    given = catalogue.families[family].family if family else None
    if reading.language is not None and reading.language.code != "nl":
        return _refusal(reading, Reason.LANGUAGE, given)
    # Among all families a thin text cannot show which fits; within a family chosen by the user
    # (or with answers to the questions) one full sentence will do, a keyword list never.
    thin = reading.too_little if given is None and not answers else reading.full_sentences == 0
    if thin:
        return _refusal(reading, Reason.TOO_LITTLE_TEXT, given)
    candidates = [family] if family else shortlist(reading, catalogue)
    fits = sorted(
        (family_fit(catalogue.families[slug], reading, catalogue) for slug in candidates),
        key=lambda fit: (-fit.score, fit.slug),
    )
    scores = tuple(FamilyScore(f.slug, catalogue.families[f.slug].family.name, f.score) for f in fits)
    refused = None if family or not fits else refusal(fits[0])
    if not fits or (refused and not _kept_outside(fits[0], reading, catalogue)):
        return _no_match(reading, scores, fits[0] if fits else None, refused, catalogue)
    best = fits[0]
    family_index = catalogue.families[best.slug]
    track = _track(family_index, reading, best.matches)
    matches = best.matches
    if track is not None:  # levels are compared within the track: other tracks' elements say nothing
        elements = family_index.elements
        matches = {i: m for i, m in matches.items() if elements[i].track in ("", track.name)}
    decision = decide(family_index, reading, matches, dict(answers or {}), track.name if track else None)
    if track is not None and decision.rank < track.start_rank:
        decision = replace(decision, rank=track.start_rank)
    if family is None and decision.position == Position.ABOVE and _above_without_work(family_index, best, decision):
        return _no_match(reading, scores, best, Refusal.ABOVE, catalogue, decision.range_signals)
    return _result(family_index, reading, best, fits, scores, decision, track, _additions(family_index, reading), setting)


def refusal(best: FamilyFit) -> Refusal | None:
    """Why the best family may not be named (see NO_MATCH_BELOW and CLEAR_LIKENESS), or None."""
    if best.other_role:
        return Refusal.OTHER_ROLE
    if best.counterpart:
        return Refusal.COUNTERPART
    if best.other_function:
        return Refusal.OTHER_FUNCTION
    if best.evidence < NO_MATCH_BELOW and not _named_in_its_setting(best) and not _named_with_its_work(best):
        return Refusal.LIKENESS
    if not best.names_domain:
        return Refusal.DOMAIN_REQUIRED
    if best.out_of_setting:
        return Refusal.SETTING_REQUIRED
    if not best.shows_work and best.domain_hits < DOMAIN_WITHOUT_WORK and not _reads_as_the_family(best):
        return Refusal.NO_WORK
    if best.domain_declared and best.work_shown < WORK_WITHOUT_DOMAIN and not _domain_beyond_mention(best):
        return Refusal.ONE_TASK
    if best.evidence >= CLEAR_LIKENESS or best.score >= SUBJECT_BELOW or best.sentence_share >= CORE_SHARE:
        return None
    return None if _named_with_its_work(best) else Refusal.LIKENESS


def _named_with_its_work(best: FamilyFit) -> bool:
    """The text names the family's domain beyond doubt and shows two pieces of its work (one,
    when it calls the role by one of the family's function names): its likeness to the matrix is
    low only because it says the work in its own words (a bulleted advert: "post openen, sorteren
    en klaarmaken om te scannen")."""
    work = 1 if best.names_function else WORK_COUNTED  # the family's own function name stands for one task
    return best.domain_hits >= DOMAIN_SETTLED and best.work_shown >= work


def _reads_as_the_family(best: FamilyFit) -> bool:
    return best.evidence >= READS_AS_FAMILY and best.domain_hits >= DOMAIN_BEYOND_MENTION


def _named_in_its_setting(best: FamilyFit) -> bool:
    return best.in_required_setting and best.domain_hits >= DOMAIN_IN_SETTING


def _domain_beyond_mention(best: FamilyFit) -> bool:
    return best.domain_hits >= (DOMAIN_NAMED if best.names_function else DOMAIN_BEYOND_MENTION)


def _above_without_work(family_index: FamilyIndex, best: FamilyFit, decision: LevelDecision) -> bool:
    """A role above a family does that family's work at a heavier weight than its highest level:
    at least that level's own work. A text whose work reaches no higher than the levels below it
    is another, heavier role that uses the family's words: the head of a secretariat's staff, an
    adviser who sets the rules for the archive, the manager of a programme that digitises
    dossiers. The real role texts (shared/eval) label such roles outside every family. Only a
    family whose highest level describes its work can say so: a partly filled one is judged from
    what it has."""
    if not family_index.family.levels[-1].cells:
        return False
    work = family_index.work_criteria
    reached = [c.level_rank for c in decision.criteria if c.level_rank is not None and (work is None or c.key in work)]
    return not best.shows_work or max(reached, default=1) < len(family_index.family.levels)


def _kept_outside(best: FamilyFit, reading: Reading, catalogue: CatalogueIndex) -> bool:
    """A role above or below a family uses its words but little of its matrix: keep the family
    its words clearly name when the text clearly lies outside its range, and flag it there."""
    refused_anyway = (not best.names_domain or best.out_of_setting or best.other_role or best.other_function
                      or best.counterpart)
    if best.score < outside.DOMAIN_KEEP or refused_anyway:
        return False
    family_index = catalogue.families[best.slug]
    _, verdict, excess = education_fit(family_index, reading)
    return outside.clearly_outside(family_index, reading, verdict, excess)


NO_TEXT = "Er is geen functiebeschrijving om in te delen."
TOO_LITTLE_TEXT = (
    "De beschrijving is te kort om in te delen: trefwoorden of een enkele regel laten niet zien welk "
    "werk de functie doet. Beschrijf in een aantal volledige zinnen, of met een takenlijst, wat de "
    "functie doet, voor wie en met wie, hoe zelfstandig, en welke opleiding en ervaring ze vraagt. "
    "Een zin die de tekst herhaalt, telt één keer."
)
OTHER_LANGUAGE = (
    "De tekst lijkt in het {language} geschreven. De functiefamilies zijn Nederlandstalig en de engine "
    "leest alleen Nederlandse functiebeschrijvingen; ze geeft daarom geen familie en geen schaal. "
    "Geef de beschrijving in het Nederlands."
)


def _refusal(reading: Reading, reason: Reason, family: FamilyData | None = None) -> GradingResult:
    """No level because the text cannot be judged: another language, or too little text. When
    the user chose the family, the result names it, without a level."""
    language = reading.language
    if reason == Reason.LANGUAGE:
        explanation = OTHER_LANGUAGE.format(language=language.name.lower())
        confidence = max(0.5, language.probability)
    else:
        explanation = TOO_LITTLE_TEXT if reading.text.strip() else NO_TEXT
        confidence = 0.9
    return GradingResult(
        engine_version=ENGINE_VERSION, position=Position.NO_MATCH, family=family.slug if family else None,
        family_name=family.name if family else None, certainty=UNCERTAIN if family else None,
        level_rank=None, level_name=None, grade=None, confidence=round(confidence, 2),
        family_scores=(), criteria=(), signals=(), next_level_rank=None, next_grade=None,
        missing_for_next=(), explanation=explanation, reason=str(reason),
        language=language.code if language else "nl", language_name=language.name if language else "Nederlands",
    )


# A text that names its role after someone a family's roles work with or by a function a family's
# file sets apart, or whose role supports those the family's roles face, is surely not that
# family's: the refusal rests on what the text says, not on missing evidence. One that lies above a
# family whose work it does not show rests on both.
REFUSAL_CONFIDENCE = {
    Refusal.OTHER_ROLE: 0.6, Refusal.OTHER_FUNCTION: 0.6, Refusal.COUNTERPART: 0.6, Refusal.ABOVE: 0.5,
}


def _no_match(reading: Reading, scores: tuple[FamilyScore, ...], nearest: FamilyFit | None,
              refused: Refusal | None, catalogue: CatalogueIndex, heavier: tuple[Signal, ...] = ()) -> GradingResult:
    """No family: the core work no family explains, and the nearest family named as the nearest."""
    nearest_family = catalogue.families[nearest.slug].family if nearest else None
    nearest_name = nearest_family.name if nearest_family else None
    confidence = _no_match_confidence(scores, nearest.evidence if nearest else 0.0)
    confidence = max(confidence, REFUSAL_CONFIDENCE.get(refused, 0.0))
    return GradingResult(
        engine_version=ENGINE_VERSION, position=Position.NO_MATCH, family=None, family_name=None,
        level_rank=None, level_name=None, grade=None, confidence=confidence,
        family_scores=scores, criteria=(), signals=_signals(reading), next_level_rank=None,
        next_grade=None, missing_for_next=(), explanation=no_match.explanation(
            reading, nearest, nearest_name, refused, _highest_level_label(nearest_family), heavier),
        reason=str(Reason.NO_FAMILY), language=reading.language.code if reading.language else "nl",
    )


def _highest_level_label(family: FamilyData | None) -> str:
    """The family's highest level as people read it ("schaal 8"), or its name where it has no grade."""
    if family is None:
        return ""
    top = family.levels[-1]
    return grade_label(top.grade) or top.name


def _no_match_confidence(scores: tuple[FamilyScore, ...], evidence: float = 0.0) -> float:
    return no_match_confidence(NO_MATCH_BELOW, evidence, scores[0].score if scores else 0.0)


def _signals(reading: Reading) -> tuple:
    education = (reading.education_signal,) if reading.education_signal else ()
    return education + reading.cue_signals + reading.above_signals


TRACK_TERM_VALUE = 0.5  # a track's own word in the text, beside its matched elements


def _track(family_index: FamilyIndex, reading: Reading, matches: dict) -> TrackIndex | None:
    """The track whose elements the text matches most (its own words weigh in); None when the
    family has no tracks or the text shows none of them."""
    if not family_index.tracks:
        return None
    elements = family_index.elements
    support = {track.name: 0.0 for track in family_index.tracks}
    for index, match in matches.items():
        if elements[index].track:
            support[elements[index].track] += match.score
    for track in family_index.tracks:
        single = {p for p in track.terms if len(p) == 1 and p[0] in reading.terms}
        longer = {p for p, _, _ in find_phrases(reading.tokens, tuple(p for p in track.terms if len(p) > 1))}
        support[track.name] += TRACK_TERM_VALUE * len(single | longer)
    best = max(family_index.tracks, key=lambda t: (support[t.name], -family_index.tracks.index(t)))
    return best if support[best.name] > 0 else None


ADDITION_MATCH = 0.5


def _additions(family_index: FamilyIndex, reading: Reading) -> tuple[str, ...]:
    """Sections that add to the function (a mediatheek, coordinating work) the text shows: its
    title's words and one of its items, or two of its items."""
    found = []
    for addition in family_index.additions:
        matched = 0
        for item in addition.items:
            weight = sum(1 for _ in item) or 1
            if any(len(item & s.terms) >= 2 and len(item & s.terms) / weight >= ADDITION_MATCH for s in reading.sentences):
                matched += 1
        titled = bool(addition.title_terms) and addition.title_terms <= reading.terms
        if matched >= 2 or (titled and matched >= 1):
            found.append(addition.title)
    return tuple(found)


def _result(family_index: FamilyIndex, reading: Reading, best: FamilyFit, fits: list[FamilyFit],
            scores: tuple[FamilyScore, ...], decision: LevelDecision, track: TrackIndex | None = None,
            additions: tuple[str, ...] = (), organisation: str | None = None) -> GradingResult:
    family = family_index.family
    level = family.level(decision.rank)
    next_rank = decision.rank + 1 if decision.rank < len(family.levels) else None
    criteria = tuple(_criterion_result(family_index, reading, support, next_rank, track) for support in decision.criteria)
    missing = tuple(text for c in criteria for text in c.missing_for_next)
    found = settings_named(reading.tokens, set(reading.employers), family.systems, reading.text)
    own_system = next((s.name for s in family.systems if s.code == family.grading_system), None)
    if organisation is None:
        org_system = None
        mismatch = system_mismatch(family.grading_system, found)
        setting = mismatch or next((f for f in found if f.system.code == family.grading_system), None)
    else:
        org_system = organisation_system(organisation, family.systems)
        mismatch = None
        setting = next((f for f in found if f.system.code == org_system.code), None)
    foreign = mismatch is not None or (org_system is not None and family.grading_system not in (None, org_system.code))
    neighbour = outside.neighbour_grade(family_index, decision.position)
    in_system = not foreign and decision.position == Position.IN_RANGE
    stated = stated_grades(reading.text, family.system_grades) if in_system else ()
    contradicted = bool(stated) and level.grade not in stated
    confidence = _confidence(best, fits, decision)
    if contradicted:  # the writer names another grade than the evidence: the adviser decides
        confidence = min(confidence, STATED_OTHERWISE_CEILING)
    return GradingResult(
        engine_version=ENGINE_VERSION,
        position=decision.position,
        family=family.slug,
        family_name=family.name,
        level_rank=level.rank,
        level_name=level.name,
        grade=level.grade,
        confidence=confidence,
        certainty=certainty(confidence),
        family_scores=scores,
        criteria=criteria,
        signals=_signals(reading),
        next_level_rank=next_rank,
        next_grade=family.level(next_rank).grade if next_rank else None,
        missing_for_next=missing,
        explanation=_explanation(family, level, decision, criteria, track, additions, mismatch, own_system,
                                 org_system if foreign else None)
        + _why_uncertain(best, decision, confidence, contradicted, family, fits, scores)
        + _stated(stated, family, level.grade),
        track=track.name if track else None,
        track_start_rank=track.start_rank if track else None,
        additions=additions,
        language=reading.language.code if reading.language else "nl",
        system_mismatch=foreign,
        setting=setting.setting if setting else None,
        setting_system=setting.system.name if setting else (org_system.name if org_system else None),
        organisation_system=org_system.name if org_system else None,
        family_system=own_system,
        range_signals=decision.range_signals,
        neighbour_grade=neighbour,
        neighbour_label=grade_label(neighbour) or None,
    )


STATED_OTHERWISE = "de tekst noemt zelf een andere schaal van dit systeem dan het beschreven werk aangeeft"
LOW_LIKENESS = "de tekst zegt het werk in andere woorden dan de matrix van deze familie, zodat het niveau op weinig rust"
UNCERTAIN_BECAUSE = {
    UNNAMED_DOMAIN: "de tekst noemt te weinig van het domein van deze familie (haar functienamen en vaktermen)",
    NO_WORK: "de tekst laat niets van het eigen werk van deze familie zien, alleen het kader ervan",
    LEVEL_UNCLEAR: "te weinig criteria onderscheiden dit niveau duidelijk van de andere",
    LEVEL_SPLIT: "de criteria {criteria} wijzen op een hoger niveau dan het gekozen niveau",
    LEVEL_CLOSE_ABOVE: "het niveau erboven past bijna even goed; de tekst laat niet duidelijk zien of de functie "
                       "ook het werk doet dat dat niveau toevoegt",
    FAMILY_CONTESTED: "de familie {other} past bijna even goed en verklaart meer van de woorden van de tekst",
}


def _why_uncertain(best: FamilyFit, decision: LevelDecision, confidence: float, contradicted: bool,
                   family: FamilyData, fits: list[FamilyFit], scores: tuple[FamilyScore, ...]) -> str:
    """Why an indication is not firm, so a manager sees what to add."""
    if certainty(confidence) != UNCERTAIN:
        return ""
    kinds = uncertain_reasons(best, decision, fits)
    criteria = _criteria_above(decision, family) if LEVEL_SPLIT in kinds else ""
    other = next((s.name for s in scores if s.slug != best.slug), "")
    reasons = [UNCERTAIN_BECAUSE[r].format(criteria=criteria, other=other) for r in kinds]
    if contradicted:
        reasons.append(STATED_OTHERWISE)
    if best.evidence < NO_MATCH_BELOW:
        reasons.append(LOW_LIKENESS)
    if not reasons:
        return " De indicatie is onzeker: het bewijs in de tekst is te dun."
    return f" De indicatie is onzeker: {' en '.join(reasons)}."


def _criteria_above(decision: LevelDecision, family: FamilyData) -> str:
    """The criteria that place the role above the chosen level, by name: „Kerntaken” en „Vaardigheden”."""
    names = {c.key: c.name for c in family.criteria}
    above = [f"„{names.get(c.key, c.key)}”" for c in decision.criteria
             if c.level_rank is not None and c.level_rank > decision.rank]
    return " en ".join(filter(None, (", ".join(above[:-1]), above[-1]))) if above else ""


def _stated(stated: tuple[str, ...], family: FamilyData, grade: str | None) -> str:
    """The grade the text states itself, beside the indication (in range, in the family's system)."""
    note = stated_note(stated, grade, family.system_grades)
    return f" {note}" if note else ""


def _criterion_result(family_index: FamilyIndex, reading: Reading, support, next_rank: int | None,
                      track: TrackIndex | None = None) -> CriterionResult:
    """A criterion's level with the sentences behind it: first what counted, the level's own
    elements first, then (marked, with why) a higher level's elements that did not lift it."""
    family = family_index.family
    name = next(c.name for c in family_index.criteria if c.key == support.key)
    elements = family_index.elements
    uncounted = dict(support.uncounted)
    level_rank = support.level_rank

    def order(match):
        element = elements[match.element]
        at_level = element.level_rank == level_rank and element.distinguishing
        return (not at_level, -element.level_rank, -match.score, match.sentence)

    counted = sorted((m for m in support.matches if m.element not in uncounted), key=order)
    shown_only = sorted((m for m in support.matches if m.element in uncounted), key=order)
    evidence, used = [], set()
    for limit, matches in ((MAX_EVIDENCE, counted), (MAX_UNCOUNTED, shown_only)):
        added = 0
        for match in matches:
            if match.sentence in used or added == limit:
                continue
            used.add(match.sentence)
            added += 1
            sentence = reading.sentences[match.sentence].sentence
            element = elements[match.element]
            note = uncounted.get(match.element, "")
            evidence.append(Evidence(sentence.text, sentence.start, sentence.end, element.text, element.level_rank,
                                     round(match.score, 3), counted=not note, note=note))
    matched = {m.element for m in support.matches}
    missing = ()
    # What the next level up asks, for a criterion that does not already reach it.
    if next_rank is not None and (level_rank is None or level_rank < next_rank):
        missing = tuple(
            e.text for e in _own_elements(family_index).get((support.key, next_rank), ())
            if e.index not in matched and (track is None or e.track in ("", track.name))
        )
    return CriterionResult(
        key=support.key,
        name=name,
        level_rank=level_rank,
        grade=family.level(level_rank).grade if level_rank else None,
        evidence=tuple(evidence),
        missing_for_next=missing,
        answered=support.answered,
        shown=support.shown,
        fits_up_to=support.reach if support.reach and level_rank and support.reach > level_rank else None,
    )


def _own_elements(family_index: FamilyIndex) -> dict[tuple[str, int], list]:
    """(criterion, level rank) -> the level's own elements, in the family's order (once per index)."""
    grouped = family_index.__dict__.get("_own_elements")
    if grouped is None:
        grouped = {}
        for element in family_index.elements:
            if element.distinguishing:
                grouped.setdefault((element.criterion, element.level_rank), []).append(element)
        family_index.__dict__["_own_elements"] = grouped
    return grouped


# A family admitted on its domain in spite of a low likeness (named in its setting, or named with
# two pieces of its work) shares few words with its matrix, so its level rests on little: the
# indication is never firm.
LOW_LIKENESS_CEILING = 0.55


def _confidence(best: FamilyFit, fits: list[FamilyFit], decision: LevelDecision) -> float:
    confidence = result_confidence(best, fits, decision)
    return min(confidence, LOW_LIKENESS_CEILING) if best.evidence < NO_MATCH_BELOW else confidence


SYSTEM_MISMATCH = (
    "De tekst noemt als omgeving {setting} ({words}); daar geldt {setting_system}. {level} van "
    "deze familie hoort bij {family_system}, niet bij die omgeving: het is niet de schaal van deze functie. "
    "Schalen van verschillende systemen worden niet omgerekend; de HR-adviseur bepaalt de schaal in het "
    "systeem van de eigen organisatie."
)
ORGANISATION_MISMATCH = (
    "De organisatie deelt haar functies in volgens {org_system}. {level} van deze familie hoort bij "
    "{family_system}: het is niet de schaal van deze functie. Schalen van verschillende systemen worden niet "
    "omgerekend; de HR-adviseur bepaalt de schaal in {org_system}."
)


def _level_named(level) -> str:
    """The level by its rank, not its grade: in another system's setting the family's grade code
    must not read as the role's grade."""
    return f"Niveau {level.rank}"


def level_position(family: FamilyData, level) -> str:
    return f"niveau {level.rank} van {len(family.levels)}"


def _explanation(family: FamilyData, level, decision: LevelDecision, criteria: tuple[CriterionResult, ...],
                 track: TrackIndex | None = None, additions: tuple[str, ...] = (),
                 mismatch: SettingFound | None = None, own_system: str | None = None,
                 organisation: SystemData | None = None) -> str:
    supported = [c for c in criteria if c.level_rank is not None]
    if organisation is not None:
        parts = [f"De beschrijving past het best bij {family.name}, {level_position(family, level)}."]
        parts.append(ORGANISATION_MISMATCH.format(
            org_system=organisation.name, level=_level_named(level), family_system=own_system or "het systeem van de familie",
        ))
    elif mismatch is not None:
        parts = [f"De beschrijving past het best bij {family.name}, {level_position(family, level)}."]
        parts.append(SYSTEM_MISMATCH.format(
            setting=mismatch.setting, words=", ".join(f"„{w}”" for w in mismatch.words),
            setting_system=mismatch.system.name, level=_level_named(level), family_system=own_system or "het systeem van de familie",
        ))
    else:
        label = grade_label(level.grade) or f"niveau {level.rank}"
        named = level.name if label.lower() in level.name.lower() else f"{level.name} ({label})"
        parts = [f"De beschrijving past het best bij {family.name}, {named}."]
    if track is not None:
        start = family.level(track.start_rank)
        parts.append(f"Ze hoort bij het spoor {track.name}, dat begint bij {grade_label(start.grade) or f'niveau {start.rank}'}; "
                     "de niveaus zijn binnen dat spoor vergeleken.")
    if additions:
        parts.append(f"Daarnaast toont ze werk dat aan de functie wordt toegevoegd: {', '.join(additions)}.")
    if supported:
        verb = "geeft" if len(supported) == 1 else "geven"
        parts.append(f"{len(supported)} van de {len(criteria)} criteria {verb} houvast in de tekst.")
    else:
        parts.append("Geen criterium geeft duidelijk houvast; het niveau steunt op opleiding en andere signalen.")
    if decision.diploma_placed:
        parts.append("Het systeem van deze familie legt per niveau een diploma vast, en het laagste diploma dat de "
                     "tekst vraagt, hoort bij dit niveau.")
    elif decision.education_fit == "match":
        parts.append("De gevraagde opleiding past bij dit niveau.")
    shown = "; ".join(f"„{s.text}”" for s in decision.range_signals)
    # The family says how far its own levels reach, not how far beyond them a role goes: the
    # neighbouring grade of the system is no indication (a head of 25 people is not "schaal 9").
    edge = f" dan {grade_label(level.grade) or level.name}" if not (mismatch or organisation) else ""
    if decision.position == Position.ABOVE:
        parts.append(f"De functie lijkt zwaarder dan het hoogste niveau van deze familie: de beschrijving wijst op "
                     f"een zwaardere functie{edge}. Hoeveel zwaarder, zegt deze familie niet; de HR-adviseur beoordeelt de schaal."
                     + (f" Dat blijkt uit: {shown}." if shown else ""))
    elif decision.position == Position.BELOW:
        parts.append(f"De functie lijkt lichter dan het laagste niveau van deze familie: de beschrijving wijst op "
                     f"een lichtere functie{edge}. Hoeveel lichter, zegt deze familie niet; de HR-adviseur beoordeelt de schaal."
                     + (f" Dat blijkt uit: {shown}." if shown else ""))
    return " ".join(parts)
