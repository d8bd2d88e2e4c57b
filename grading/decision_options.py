"""What an HR adviser can decide: the settle form's family and grade choices, and what a choice is.

Family: a family of the catalogue, or "Buiten het functiehuis". Grade:
- for a family of the organisation's own system whose levels have grades, only those grades, in
  the order of its levels;
- for a family whose levels have none (the school family), its level, "niveau n van m";
- for a family of another system than the organisation's (`is_foreign`), its level "niveau n van
  m" (the `level` select) plus a grade of the organisation's own system (the `grade` select): both
  are recorded, and the family's own grades are never offered;
- outside the functiehuis, a grade of the organisation's own system; until the organisation has a
  system with grades, a grade of any system, grouped by system.
The organisation's system counts once it has grades (`decision_system`): before that nothing is
narrowed. The form and the service both read these, so what is offered is what is accepted.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from grading.result_display import OUTSIDE_LABEL
from profiles.models import Grade, GradingSystem, JobFamily, Level
from profiles.organisation import organisation_current

OUTSIDE = "*buiten"  # the family select's value for "Buiten het functiehuis"; never a slug
LEVEL_PREFIX = "niveau-"  # the grade select's value for a level of a family without grades


@dataclass(frozen=True)
class FamilyLevels:
    """A family's levels as a decision reads them."""

    levels: tuple[Level, ...]

    @property
    def graded(self) -> tuple[Level, ...]:
        return tuple(level for level in self.levels if level.grade_id)

    @property
    def has_grades(self) -> bool:
        return bool(self.graded)

    def level_with_grade(self, grade: Grade) -> Level | None:
        return next((level for level in self.graded if level.grade_id == grade.pk), None)

    def level(self, rank: int) -> Level | None:
        return next((level for level in self.levels if level.rank == rank), None)


def family_levels(family: JobFamily) -> FamilyLevels:
    return FamilyLevels(tuple(family.levels.select_related("grade").order_by("rank")))


def decision_system() -> GradingSystem | None:
    """The organisation's own grading system, once it is set and has grades; else None."""
    system = organisation_current().system
    return system if system is not None and system.grades.exists() else None


def is_foreign(family: JobFamily | None, organisation_system: GradingSystem | None) -> bool:
    """Whether a decision in this family is made in another system than the organisation's."""
    return family is not None and organisation_system is not None and family.grading_system_id != organisation_system.pk


def level_choices(levels: FamilyLevels) -> list[tuple[str, str]]:
    count = len(levels.levels)
    return [("", "Kies het niveau")] + [
        (f"{LEVEL_PREFIX}{level.rank}", f"niveau {level.rank} van {count} – {level.name}") for level in levels.levels
    ]


def family_choices() -> list[tuple[str, str]]:
    families = JobFamily.objects.order_by("name").values_list("slug", "name")
    return [("", "Kies een functiefamilie"), *families, (OUTSIDE, OUTSIDE_LABEL)]


def outside_grades(*, systems: Iterable[GradingSystem] | None = None):
    """The grades a decision outside the functiehuis may name, by system, in order."""
    grades = Grade.objects.select_related("system").order_by("system__name", "system_id", "rank")
    if systems is not None:
        grades = grades.filter(system__in=list(systems))
    return grades


def grade_choices(*, family: JobFamily | None, outside: bool, levels: FamilyLevels | None = None,
                  systems: Iterable[GradingSystem] | None = None, organisation_system: GradingSystem | None = None) -> list:
    """The grade select's options for the chosen family (or outside); the first says what to do.
    `levels` are the family's, when the caller has read them already."""
    if organisation_system is not None and (outside or is_foreign(family, organisation_system)):
        grades = organisation_system.grades.order_by("rank")
        return [("", "Kies de schaal"), (organisation_system.name, [(str(g.pk), g.name) for g in grades])]
    if outside:
        groups: dict[str, list] = {}
        for grade in outside_grades(systems=systems):
            groups.setdefault(grade.system.name, []).append((str(grade.pk), grade.name))
        return [("", "Kies de schaal")] + list(groups.items())
    if family is None:
        return [("", "Kies eerst een functiefamilie")]
    levels = levels or family_levels(family)
    if levels.has_grades:
        return [("", "Kies de schaal")] + [(str(level.grade_id), level.grade.name) for level in levels.graded]
    return level_choices(levels)
