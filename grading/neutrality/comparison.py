"""Comparing a description's factors with what a family values, and the check on a family's own
texts: questions for the HR adviser, never a verdict."""

from dataclasses import dataclass
from functools import lru_cache

from grading.engine.lexicon import tokenize
from grading.neutrality.rules import FACTORS, Aspect, Factor, Rules, load_rules
from grading.neutrality.text_check import FactorSentence, Gendered, TextCheck, check_text, sentence_factors


@dataclass(frozen=True)
class CriterionFactors:
    """A criterion of a family as the check needs it: the factors it values (from the family
    file) and its texts (all levels' elements)."""

    name: str
    factors: tuple[str, ...]
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class FamilyValue:
    """Where a family's matrix values one aspect: the criterion and an element that shows it."""

    criterion: str
    element: str


@dataclass(frozen=True)
class Question:
    """A question for the HR adviser (Dutch), never a verdict."""

    factor: str
    aspect: str  # "" for the whole factor
    text: str
    soft: bool = False


@dataclass(frozen=True)
class FactorRow:
    factor: Factor
    sentences: tuple[FactorSentence, ...]  # the description's
    aspects: tuple[Aspect, ...]  # aspects the description shows
    criteria: tuple[str, ...]  # names of the family's criteria that value the factor
    family_aspects: tuple[tuple[Aspect, FamilyValue], ...]  # aspects the family's texts show there


@dataclass(frozen=True)
class Comparison:
    rows: tuple[FactorRow, ...]
    questions: tuple[Question, ...]
    mapped: bool  # the family's criteria carry factors at all


def family_values(criteria: list[CriterionFactors], rules: Rules | None = None) -> dict[str, dict[str, FamilyValue]]:
    """Per factor, per aspect: the first criterion (mapped to that factor) whose texts show it."""
    rules = rules or load_rules()
    values: dict[str, dict[str, FamilyValue]] = {key: {} for key in FACTORS}
    for criterion in criteria:
        for text in (*criterion.texts, criterion.name):  # an element says more than the row's name
            tokens = tokenize(text)
            for factor, aspects, _ in sentence_factors(tokens, text, rules):
                if factor not in criterion.factors:
                    continue
                for aspect in aspects:
                    values[factor].setdefault(aspect, FamilyValue(criterion.name, text))
    return values


@lru_cache(maxsize=256)
def _default_family_values(criteria: tuple[CriterionFactors, ...]) -> dict[str, dict[str, FamilyValue]]:
    """A family's values depend only on its criteria: read its texts once, not per result page.
    The caller must not change the returned dicts."""
    return family_values(list(criteria))


def compare(check: TextCheck, criteria: list[CriterionFactors], rules: Rules | None = None) -> Comparison:
    """The description's factors beside what the family values, and the questions that follow."""
    rules = rules or load_rules()
    values = _default_family_values(tuple(criteria)) if rules is load_rules() else family_values(criteria, rules)
    mapped = any(c.factors for c in criteria)
    rows, questions = [], []
    for factor in rules.factors:
        sentences = check.factors[factor.key]
        shown = check.aspects(factor.key)
        valuing = tuple(c.name for c in criteria if factor.key in c.factors)
        family_aspects = tuple((a, values[factor.key][a.key]) for a in factor.aspects if a.key in values[factor.key])
        rows.append(FactorRow(factor, sentences, tuple(a for a in factor.aspects if a.key in shown), valuing, family_aspects))
        if not mapped:
            continue
        names = _names(valuing)
        if not sentences and valuing:
            questions.append(Question(factor.key, "", f"De beschrijving zegt niets over {factor.label}; de familie waardeert die wel, in {names}. Komt dit in de functie voor?"))
        elif sentences and not valuing:
            questions.append(Question(factor.key, "", f"De beschrijving noemt {factor.label} („{_short(sentences[0].text)}”); geen criterium van deze familie waardeert die. Weegt dit ergens anders mee?"))
        elif not sentences and not valuing:
            questions.append(Question(factor.key, "", f"Beschrijving en familie zeggen allebei niets over {factor.label}. Is dat voor deze functie zo bedoeld?"))
        for aspect, value in family_aspects:
            if aspect.key != "general" and aspect.key not in shown and sentences:
                questions.append(Question(factor.key, aspect.key, f"De beschrijving zegt niets over {aspect.label}; de familie waardeert die wel ({value.criterion}: „{_short(value.element)}”). Hoort dit bij de functie?", aspect.soft))
        family_keys = {a.key for a, _ in family_aspects}
        for aspect in factor.aspects:
            if aspect.soft and aspect.key in shown and aspect.key not in family_keys:
                example = next(s for s in sentences if aspect.key in s.aspects)
                questions.append(Question(factor.key, aspect.key, f"De beschrijving noemt {aspect.label} („{_short(example.text)}”); de matrix van de familie noemt dat bij geen criterium. Wordt het dan niet ondergewaardeerd?", True))
    return Comparison(tuple(rows), tuple(questions), mapped)


def _names(names: tuple[str, ...]) -> str:
    quoted = [f"„{n}”" for n in names]
    if not quoted:
        return ""
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " en " + quoted[-1]


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- a family's own texts --------------------------------------------------------------------


@dataclass(frozen=True)
class PlacedGendered:
    place: str  # where in the family ("Achtergrond: Leesbaarheid", "Niveau C, Contacten")
    finding: Gendered


@dataclass(frozen=True)
class FamilySummary:
    gendered: tuple[PlacedGendered, ...]
    rows: tuple[FactorRow, ...]  # per factor: the criteria that value it and the aspects their texts show
    unvalued: tuple[Factor, ...]  # factors no criterion values
    soft_in_texts_only: tuple[tuple[Aspect, str], ...]  # soft aspects the family's texts name outside any criterion valuing them
    mapped: bool


def family_summary(
    texts: list[tuple[str, str]], criteria: list[CriterionFactors], rules: Rules | None = None
) -> FamilySummary:
    """The check on a family's own texts: `texts` are (place, text) for every text of the family."""
    rules = rules or load_rules()
    gendered, seen_in_family = [], {}
    for place, text in texts:
        check = check_text(text, rules)
        for finding in check.gendered:
            gendered.append(PlacedGendered(place, finding))
        for factor in FACTORS:
            for aspect in check.aspects(factor):
                seen_in_family.setdefault((factor, aspect), place)
    comparison = compare(TextCheck({k: () for k in FACTORS}, ()), criteria, rules)
    mapped = any(c.factors for c in criteria)
    unvalued = tuple(row.factor for row in comparison.rows if not row.criteria) if mapped else ()
    soft = []
    for row in comparison.rows:
        valued = {a.key for a, _ in row.family_aspects}
        for aspect in row.factor.aspects:
            place = seen_in_family.get((row.factor.key, aspect.key))
            if aspect.soft and place and aspect.key not in valued:
                soft.append((aspect, place))
    # Pronouns are judged per text: "hij" alone in one text stays a finding there, whatever
    # another text of the family writes.
    return FamilySummary(tuple(gendered), comparison.rows, unvalued, tuple(soft), mapped)
