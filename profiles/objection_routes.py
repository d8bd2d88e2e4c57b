"""Objection routes: loading the seed file, what /beheer/bezwaarroutes/ reads, and setting a term.

Loading adds the routes whose code is not in the database yet and leaves every existing route as
it is, so loading twice changes nothing and a term the organisation set is never overwritten.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from profiles import objection_terms as terms
from profiles.catalogue.files import FamilyFileError
from profiles.models import (
    GradingSystem,
    ObjectionRoute,
    ObjectionStep,
    ObjectionTermChange,
)
from profiles.objection_route_file import read_routes

SEED_FILE = "objection_routes.yaml"

UNKNOWN_SYSTEM = "onbekend waarderingssysteem „{code}”; laad eerst de catalogus (import_families)"
LENGTH_REQUIRED = "Vul de lengte van de termijn in, een geheel getal van 1 tot {limit}."
UNIT_REQUIRED = "Kies de eenheid van de termijn."
RUNS_FROM_REQUIRED = "Kies waarvandaan de termijn loopt."
CONDITION_UNKNOWN = "Kies een voorwaarde uit de lijst, of geen."
MOTIVATION_REQUIRED = "Geef kort aan waarom u deze termijn instelt; de motivering komt in de geschiedenis."
MOTIVATION_TOO_LONG = "De motivering is hoogstens 500 tekens."
NOTHING_CHANGED = "Deze termijn staat al zo ingesteld; er is niets gewijzigd."


@dataclass(frozen=True)
class LoadResult:
    created: int
    kept: int
    skipped_not_empty: bool = False


def seed_path() -> Path:
    return Path(settings.FIXTURES_DIR) / SEED_FILE


@transaction.atomic
def routes_load(*, path: Path, if_empty: bool = False) -> LoadResult:
    """Add the file's routes that are not in the database; the file is validated first, all or nothing."""
    routes = read_routes(path)
    # Serialise concurrent loads (two bin/run at once) on the first system row they both read.
    list(GradingSystem.objects.select_for_update().order_by("pk")[:1])
    if if_empty and ObjectionRoute.objects.exists():
        return LoadResult(created=0, kept=ObjectionRoute.objects.count(), skipped_not_empty=True)
    systems = {system.code: system for system in GradingSystem.objects.all()}
    existing = set(ObjectionRoute.objects.values_list("code", flat=True))
    created = 0
    for index, data in enumerate(routes):
        for i, code in enumerate(data["systems"]):
            if code not in systems:
                raise FamilyFileError(path, f"routes[{index}].systems[{i}]", UNKNOWN_SYSTEM.format(code=code))
        if data["code"] in existing:
            continue
        _route_create(data, systems)
        created += 1
    return LoadResult(created=created, kept=len(existing))


def _route_create(data: dict, systems: dict[str, GradingSystem]) -> ObjectionRoute:
    route = ObjectionRoute.objects.create(
        code=data["code"], name=data["name"], staff_category=data["staff_category"], regulation=data["regulation"],
        note=data["note"], sources=data["sources"], to_verify=data["to_verify"],
    )
    route.systems.set([systems[code] for code in data["systems"]])
    for position, step in enumerate(data["steps"], start=1):
        term = step["term"] or {}
        ObjectionStep.objects.create(
            route=route, position=position, kind=step["kind"], name=step["name"], recipient=step["recipient"],
            optional=step["optional"], outcome=step["outcome"], note=step["note"], sources=step["sources"],
            to_verify=step["to_verify"], term_length=term.get("length"), term_unit=term.get("unit", ""),
            term_runs_from=term.get("runs_from", ""), term_condition=term.get("condition", ""),
            term_source=term.get("source", {}), term_to_verify=term.get("to_verify", True),
        )
    return route


def route_list() -> list[ObjectionRoute]:
    """Every route with its systems, its steps and each step's term history, by name."""
    steps = ObjectionStep.objects.order_by("position").prefetch_related(
        Prefetch("term_changes", queryset=ObjectionTermChange.objects.select_related("by")),
    )
    return list(ObjectionRoute.objects.prefetch_related("systems", Prefetch("steps", queryset=steps)))


def step_get(*, pk: int) -> ObjectionStep | None:
    return ObjectionStep.objects.select_related("route").filter(pk=pk).first()


def steps_without_term(route_list: list[ObjectionRoute]) -> int:
    """How many steps of the routes (as route_list() read them) have no term yet."""
    return sum(1 for route in route_list for step in route.steps.all() if step.term_length is None)


@transaction.atomic
def step_term_set(
    *, step: ObjectionStep, length: int | None, unit: str, runs_from: str, condition: str = "", motivation: str, by,
) -> ObjectionStep:
    """Set or change a step's term as the organisation's own, and keep the change with who, when and why."""
    motivation = (motivation or "").strip()
    if not isinstance(length, int) or isinstance(length, bool) or not 1 <= length <= terms.MAX_LENGTH:
        raise ValidationError({"length": LENGTH_REQUIRED.format(limit=terms.MAX_LENGTH)})
    if unit not in terms.UNITS:
        raise ValidationError({"unit": UNIT_REQUIRED})
    if runs_from not in terms.EVENTS:
        raise ValidationError({"runs_from": RUNS_FROM_REQUIRED})
    if condition and condition not in terms.CONDITIONS:
        raise ValidationError({"condition": CONDITION_UNKNOWN})
    if not motivation:
        raise ValidationError({"motivation": MOTIVATION_REQUIRED})
    if len(motivation) > 500:
        raise ValidationError({"motivation": MOTIVATION_TOO_LONG})
    step = ObjectionStep.objects.select_for_update().get(pk=step.pk)
    before = step.term
    after = terms.Term(length, unit, runs_from, condition)
    if before == after and step.term_set_by_organisation:
        raise ValidationError(NOTHING_CHANGED)
    step.term_length, step.term_unit, step.term_runs_from, step.term_condition = length, unit, runs_from, condition
    step.term_set_by_organisation, step.term_to_verify = True, False
    step.save(update_fields=[
        "term_length", "term_unit", "term_runs_from", "term_condition", "term_set_by_organisation", "term_to_verify",
    ])
    ObjectionTermChange.objects.create(
        step=step, at=timezone.now(), by=by, motivation=motivation, before=before.describe(), after=after.describe(),
    )
    return step
