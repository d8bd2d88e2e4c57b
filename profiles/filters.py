"""The family list's filters. Their names are the page's query parameters, so they are Dutch."""

from collections.abc import Mapping

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from profiles.models import Grade, GradingSystem, JobFamily
from profiles.selectors import family_queryset, search_index
from profiles.search import query_problem

WITH_GRADE = "ja"
WITHOUT_GRADE = "nee"


def sector_choices() -> list[tuple[str, str]]:
    sectors = JobFamily.objects.order_by("sector").values_list("sector", flat=True).distinct()
    return [(sector, sector) for sector in sectors]


def jurisdiction_choices() -> list[tuple[str, str]]:
    lands = JobFamily.objects.order_by("jurisdiction").values_list("jurisdiction", flat=True).distinct()
    return [(land, land) for land in lands]


def grade_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The grades that some level has, grouped by grading system, low to high."""
    grades = (
        Grade.objects.filter(levels__isnull=False)
        .select_related("system")
        .order_by("system__name", "rank")
        .distinct()
    )
    groups: dict[str, list[tuple[str, str]]] = {}
    for grade in grades:
        groups.setdefault(grade.system.name, []).append((grade.code, grade.name))
    return list(groups.items())


def validate_query(value: str) -> None:
    problem = query_problem(value)
    if problem:
        raise ValidationError(problem, code="query")


class FamilyFilter(django_filters.FilterSet):
    zoek = django_filters.CharFilter(method="filter_search", label="Zoek in alle teksten", validators=[validate_query])
    systeem = django_filters.ModelChoiceFilter(
        field_name="grading_system",
        queryset=GradingSystem.objects.all(),
        to_field_name="code",
        empty_label="Alle systemen",
        label="Waarderingssysteem",
    )
    land = django_filters.ChoiceFilter(
        field_name="jurisdiction", choices=jurisdiction_choices, empty_label="Alle landen", label="Land"
    )
    sector = django_filters.ChoiceFilter(
        field_name="sector", choices=sector_choices, empty_label="Alle sectoren", label="Sector"
    )
    schaal = django_filters.ChoiceFilter(
        method="filter_grade", choices=grade_choices, empty_label="Alle schalen", label="Schaal of niveau"
    )
    met_schaal = django_filters.ChoiceFilter(
        method="filter_has_grade",
        choices=[(WITH_GRADE, "Alleen met schaal"), (WITHOUT_GRADE, "Alleen zonder schaal in de bron")],
        empty_label="Met en zonder schaal",
        label="Schaal genoemd",
    )

    class Meta:
        model = JobFamily
        fields = ["zoek", "systeem", "land", "sector", "schaal", "met_schaal"]

    hits = None  # the search hits per family id, once `zoek` has been applied

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        self.hits = search_index().search(value)
        return queryset.filter(id__in=list(self.hits))

    def filter_grade(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(levels__grade__code=value).distinct()

    def filter_has_grade(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        graded = JobFamily.objects.filter(levels__grade__isnull=False).values("id")
        return queryset.filter(id__in=graded) if value == WITH_GRADE else queryset.exclude(id__in=graded)


def family_filterset(params: Mapping[str, str]) -> FamilyFilter:
    """The family list's filters, bound to the query parameters, over every family by name."""
    return FamilyFilter(params, queryset=family_queryset().order_by("name"))
