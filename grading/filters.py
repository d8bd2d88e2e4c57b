"""Filters of the request list. Their names are the page's query parameters, so they are Dutch."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from grading.models import Submission
from profiles.filters import grade_choices
from profiles.models import JobFamily


class SubmissionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=Submission.Status.choices, empty_label="Alle statussen", label="Status"
    )
    familie = django_filters.ModelChoiceFilter(
        queryset=JobFamily.objects.order_by("name"),
        to_field_name="slug",
        method="filter_family",
        empty_label="Alle functiefamilies",
        label="Functiefamilie",
    )
    schaal = django_filters.ChoiceFilter(
        choices=grade_choices,
        method="filter_grade",
        empty_label="Alle schalen",
        label="Schaal",
    )
    vanaf = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__gte",
        label="Aangemaakt vanaf",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tot = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__lte",
        label="Aangemaakt tot en met",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Submission
        fields: list[str] = []

    def filter_family(self, queryset: QuerySet, name: str, value: JobFamily) -> QuerySet:
        return queryset.with_family(value)

    def filter_grade(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        settled = Q(status=Submission.Status.SETTLED, final_grade__code=value)
        indicative = ~Q(status=Submission.Status.SETTLED) & Q(indicative_grade__code=value)
        return queryset.filter(settled | indicative)
