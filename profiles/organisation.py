"""The organisation's name, grading system and own grades: what pages read, and the one change.

The functional administrator sets them in /beheer/organisatie/. Until then the name comes from
the environment (`ORGANISATION_NAME`) and no system is set. A system whose grades the catalogue
lacks (cao Gemeenten, cao VO, provincies) gets the organisation's own grades, marked as such, so a
catalogue import leaves them alone.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from profiles.models import CatalogueVersion, Grade, GradingSystem, Organisation, OrganisationChange

NAME_REQUIRED = "Vul de naam van de organisatie in."
NAME_TOO_LONG = "De naam van de organisatie is hoogstens 200 tekens."
MOTIVATION_REQUIRED = "Geef kort aan waarom u dit wijzigt; de motivering komt in de geschiedenis."
MOTIVATION_TOO_LONG = "De motivering is hoogstens 500 tekens."
SYSTEM_REQUIRED = "Kies een waarderingssysteem, of vul code en naam van een nieuw systeem in."
SYSTEM_TWICE = "Kies een bestaand waarderingssysteem óf vul een nieuw in, niet allebei."
NEW_SYSTEM_INCOMPLETE = "Een nieuw waarderingssysteem heeft een code en een naam."
NEW_SYSTEM_CODE = "De code van een nieuw systeem bestaat uit kleine letters, cijfers en streepjes (hoogstens 50), bijvoorbeeld „cao-waterschappen”."
NEW_SYSTEM_EXISTS = "Er is al een waarderingssysteem met de code „{code}”; kies het in de lijst."
NEW_SYSTEM_NAME_TOO_LONG = "De naam van het systeem is hoogstens 200 tekens."
GRADE_LINE = "Regel {line} van de schalen: schrijf een schaal als „code; naam”, bijvoorbeeld „schaal-6; schaal 6”."
GRADE_TOO_LONG = "Regel {line} van de schalen: de code is hoogstens 20 tekens en de naam hoogstens 100."
GRADE_TWICE = "De schaalcode „{code}” staat er meer dan eens."
TOO_MANY_GRADES = "Hoogstens {limit} schalen."
GRADES_IN_CATALOGUE = "{system} heeft al schalen in de catalogus; die gelden. Laat het veld met schalen leeg."
GRADE_IN_USE = "De schaal „{name}” is al gebruikt in een aanvraag en kan niet worden weggehaald."

MAX_GRADES = 100
CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class OrganisationSetting:
    name: str  # "" when neither the administrator nor the environment named it
    system: GradingSystem | None
    is_set: bool  # set in /beheer/, not only a default from the environment

    @property
    def system_code(self) -> str | None:
        return self.system.code if self.system else None


def organisation_current() -> OrganisationSetting:
    """The organisation as set in /beheer/, else the environment's name and no system."""
    row = Organisation.objects.select_related("grading_system").filter(pk=Organisation.ROW).first()
    if row is None:
        return OrganisationSetting(name=settings.ORGANISATION_NAME, system=None, is_set=False)
    return OrganisationSetting(name=row.name, system=row.grading_system, is_set=True)


def organisation_history() -> list[OrganisationChange]:
    return list(OrganisationChange.objects.select_related("by"))


def organisation_grades(*, system: GradingSystem | None) -> list[Grade]:
    """The grades the organisation set for this system itself (none when they are the catalogue's)."""
    if system is None:
        return []
    return list(system.grades.filter(set_by_organisation=True).order_by("rank"))


def grades_parse(text: str) -> list[tuple[str, str]]:
    """Lines "code; naam", low to high, as (code, name); blank lines are skipped."""
    grades, seen = [], set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        code, sep, name = line.partition(";")
        code, name = code.strip(), name.strip()
        if not sep or not code or not name:
            raise ValidationError(GRADE_LINE.format(line=number))
        if len(code) > 20 or len(name) > 100:
            raise ValidationError(GRADE_TOO_LONG.format(line=number))
        if code in seen:
            raise ValidationError(GRADE_TWICE.format(code=code))
        seen.add(code)
        grades.append((code, name))
    if len(grades) > MAX_GRADES:
        raise ValidationError(TOO_MANY_GRADES.format(limit=MAX_GRADES))
    return grades


@transaction.atomic
def organisation_update(
    *, name: str, system: GradingSystem | None, new_system_code: str = "", new_system_name: str = "",
    grades: str = "", motivation: str, by,
) -> Organisation:
    """Set the organisation's name, system and (where the catalogue has none) that system's
    grades, and keep the change with who, when and why. All or nothing."""
    name, motivation = (name or "").strip(), (motivation or "").strip()
    new_system_code, new_system_name = (new_system_code or "").strip(), (new_system_name or "").strip()
    if not name:
        raise ValidationError(NAME_REQUIRED)
    if len(name) > 200:
        raise ValidationError(NAME_TOO_LONG)
    if not motivation:
        raise ValidationError(MOTIVATION_REQUIRED)
    if len(motivation) > 500:
        raise ValidationError(MOTIVATION_TOO_LONG)
    parsed = grades_parse(grades)
    system = _system(system, new_system_code, new_system_name)
    if parsed and system.grades.filter(set_by_organisation=False).exists():
        raise ValidationError(GRADES_IN_CATALOGUE.format(system=system.name))
    if not system.grades.filter(set_by_organisation=False).exists():
        _replace_grades(system, parsed)
    now = timezone.now()
    organisation, _ = Organisation.objects.update_or_create(
        pk=Organisation.ROW, defaults={"name": name, "grading_system": system, "changed_at": now, "changed_by": by},
    )
    CatalogueVersion.bump()  # caches keyed on the data version hold the organisation's system
    OrganisationChange.objects.create(
        at=now, by=by, motivation=motivation, name=name, system_code=system.code, system_name=system.name,
        grades=[{"code": g.code, "name": g.name, "rank": g.rank} for g in organisation_grades(system=system)],
    )
    return organisation


def _system(system: GradingSystem | None, code: str, name: str) -> GradingSystem:
    if system is not None and (code or name):
        raise ValidationError(SYSTEM_TWICE)
    if system is not None:
        return system
    if not code and not name:
        raise ValidationError(SYSTEM_REQUIRED)
    if not code or not name:
        raise ValidationError(NEW_SYSTEM_INCOMPLETE)
    if len(code) > 50 or not CODE.match(code):
        raise ValidationError(NEW_SYSTEM_CODE)
    if len(name) > 200:
        raise ValidationError(NEW_SYSTEM_NAME_TOO_LONG)
    if GradingSystem.objects.filter(code=code).exists():
        raise ValidationError(NEW_SYSTEM_EXISTS.format(code=code))
    return GradingSystem.objects.create(code=code, name=name)


def _replace_grades(system: GradingSystem, parsed: list[tuple[str, str]]) -> None:
    """The organisation's grades of this system become `parsed`, ranked in its order (1 = lowest)."""
    own = {g.code: g for g in system.grades.select_for_update().filter(set_by_organisation=True)}
    wanted = {code for code, _ in parsed}
    for code, grade in own.items():
        if code not in wanted and _in_use(grade):
            raise ValidationError(GRADE_IN_USE.format(name=grade.name))
    system.grades.filter(set_by_organisation=True).exclude(code__in=wanted).delete()
    # Move the kept grades out of the way first: ranks are unique within a system.
    system.grades.filter(set_by_organisation=True).update(rank=F("rank") + 10_000)
    for rank, (code, name) in enumerate(parsed, start=1):
        if code in own:
            Grade.objects.filter(pk=own[code].pk).update(name=name, rank=rank)
        else:
            Grade.objects.create(system=system, code=code, name=name, rank=rank, set_by_organisation=True)


def _in_use(grade: Grade) -> bool:
    """Whether a request points at the grade (it is protected there); the relations are read from
    the model, so this module names no workflow model."""
    for relation in Grade._meta.related_objects:
        if relation.related_model is not None and relation.on_delete.__name__ == "PROTECT":
            if relation.related_model._default_manager.filter(**{relation.field.name: grade}).exists():
                return True
    return False
