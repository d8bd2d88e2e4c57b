"""A gender-neutrality check of a role description or a family's texts (EU directive 2023/970).

Pay transparency, not grading. Two questions, asked of the words only: which of the four factors
of gender-neutral job evaluation (skills, effort, responsibility, working conditions) a text
addresses, and with which sentences; and which gendered forms it uses, with a neutral alternative.
Everything it knows comes from `neutrality.toml` (data with a source and a comment per entry),
validated when it is loaded (`rules`); `text_check` reads one text, `comparison` sets it beside a
family.

It says what a text *says*, never what a job *is*: the page turns the findings into questions for
the HR adviser. Plain Python, no Django; it reads Dutch with `grading.engine`'s lexicon, structure
and text modules, and the engine does not import it.
"""

from grading.neutrality.comparison import (
    Comparison,
    CriterionFactors,
    FactorRow,
    FamilySummary,
    FamilyValue,
    PlacedGendered,
    Question,
    compare,
    family_summary,
    family_values,
)
from grading.neutrality.rules import (
    FACTORS,
    RULES_PATH,
    Aspect,
    Cue,
    Factor,
    GenderedForm,
    NeutralityDataError,
    Note,
    Pronouns,
    Rules,
    load_rules,
    rules_from_data,
)
from grading.neutrality.text_check import FactorSentence, Gendered, TextCheck, check_text

__all__ = [
    "FACTORS",
    "RULES_PATH",
    "Aspect",
    "Comparison",
    "CriterionFactors",
    "Cue",
    "Factor",
    "FactorRow",
    "FactorSentence",
    "FamilySummary",
    "FamilyValue",
    "Gendered",
    "GenderedForm",
    "NeutralityDataError",
    "Note",
    "PlacedGendered",
    "Pronouns",
    "Question",
    "Rules",
    "TextCheck",
    "check_text",
    "compare",
    "family_summary",
    "family_values",
    "load_rules",
    "rules_from_data",
]
