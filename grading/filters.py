"""Filters of the request list. Their names are the page's query parameters, so they are Dutch."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Max, Q, QuerySet

from grading.models import Submission
from grading.roles import MANAGER
from profiles.filters import grade_choices
from profiles.models import JobFamily

TO_HANDLE = "te-behandelen"
EVERYTHING = "alle"
VIEW_CHOICES = [(TO_HANDLE, "Te behandelen"), (EVERYTHING, "Alle aanvragen")]
ORDER_CHOICES = [("wachttijd", "Langst wachtend eerst"), ("nieuwste", "Nieuwste eerst")]


def manager_choices():
    return get_user_model().objects.filter(groups__name=MANAGER).order_by("first_name", "last_name", "username")


class SubmissionFilter(django_filters.FilterSet):
    """The request list. For HR advisers `weergave=te-behandelen` (their inbox) is the default:
    what was submitted and waits for anyone, and what they themselves have in review."""

    weergave = django_filters.ChoiceFilter(
        choices=VIEW_CHOICES, method="filter_view", empty_label=None, label="Weergave",
    )
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
    leidinggevende = django_filters.ModelChoiceFilter(
        queryset=manager_choices(),
        field_name="author",
        to_field_name="username",
        empty_label="Alle leidinggevenden",
        label="Leidinggevende",
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

    sorteer = django_filters.ChoiceFilter(
        choices=ORDER_CHOICES, method="order", empty_label=None, label="Volgorde",
    )

    class Meta:
        model = Submission
        fields: list[str] = []

    def __init__(self, data=None, *args, adviser: bool = False, **kwargs):
        self.adviser = adviser
        data = data.copy() if data is not None else {}
        if adviser:
            data.setdefault("weergave", TO_HANDLE)
            data.setdefault("sorteer", "wachttijd" if data.get("weergave") == TO_HANDLE else "nieuwste")
        else:
            data.setdefault("sorteer", "nieuwste")
        queryset = kwargs.get("queryset")
        if queryset is not None:  # when it was last submitted: shown, and the inbox's order
            kwargs["queryset"] = queryset.annotate(
                waiting_since=Max("events__created_at", filter=Q(events__kind="submitted"))
            )
        super().__init__(data, *args, **kwargs)
        self.filters["leidinggevende"].queryset = manager_choices()
        if not adviser:
            for name in ("weergave", "leidinggevende"):
                del self.filters[name]

    def filter_view(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value != TO_HANDLE:
            return queryset
        mine = Q(status=Submission.Status.IN_REVIEW, reviewer=self.request.user)
        return queryset.filter(Q(status=Submission.Status.SUBMITTED) | mine)

    def order(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "wachttijd":
            return queryset.order_by("waiting_since", "id")
        return queryset.order_by("-created_at", "-id")

    def filter_family(self, queryset: QuerySet, name: str, value: JobFamily) -> QuerySet:
        return queryset.with_family(value)

    def filter_grade(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        settled = Q(status=Submission.Status.SETTLED, final_grade__code=value)
        indicative = ~Q(status=Submission.Status.SETTLED) & Q(indicative_grade__code=value)
        return queryset.filter(settled | indicative)
