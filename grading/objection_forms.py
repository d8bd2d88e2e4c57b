"""Forms of the objection pages. They parse input; `services.objections` validates and writes."""

from django import forms
from django.utils.formats import date_format

from grading.forms import VersionForm
from grading.models import FunctionHolder
from grading.objection_models import ObjectionStepRecord
from grading.objection_selectors import BINDS_BY_DEFAULT
from grading.services import objections
from grading.services.extraction import FILE_BROKEN, FILE_EMPTY
from profiles.models import ObjectionRoute

DATE_INVALID = "Geef een datum, bijvoorbeeld 2027-01-01."
RECEIVED_REQUIRED = "Vul de datum in waarop het bezwaar is ontvangen."
SENT_REQUIRED = objections.SENT_REQUIRED
YES_NO_UNKNOWN = [("", "Onbekend"), ("ja", "Ja"), ("nee", "Nee")]


def _yes_no(value: str) -> bool | None:
    return {"ja": True, "nee": False}.get(value)


def date_field(label: str, *, required: bool = True, required_message: str = "", hint: str = "") -> forms.DateField:
    attrs = {"type": "date"} | ({"aria-describedby": hint} if hint else {})
    messages = {"invalid": DATE_INVALID} | ({"required": required_message} if required_message else {})
    return forms.DateField(label=label, required=required, error_messages=messages,
                           widget=forms.DateInput(attrs=attrs, format="%Y-%m-%d"))


def holder_label(holder: FunctionHolder) -> str:
    """A holder in the select, with the recorded dates of the letter the objection's terms will run from."""
    if holder.letter_sent_on is None:
        return f"{holder.name} (verzending van de besluitbrief niet vastgelegd)"
    words = f"{holder.name} (besluitbrief verzonden {date_format(holder.letter_sent_on, 'j F Y')}"
    if holder.letter_received_on is not None:
        words += f", ontvangen {date_format(holder.letter_received_on, 'j F Y')}"
    return words + ")"


class ObjectionForm(VersionForm):
    route = forms.ModelChoiceField(
        label="Bezwaarroute", queryset=ObjectionRoute.objects.none(), empty_label="Kies een bezwaarroute",
        widget=forms.Select(attrs={"aria-describedby": "route-hint"}),
        error_messages={"required": objections.ROUTE_REQUIRED, "invalid_choice": objections.ROUTE_NOT_OFFERED},
    )
    skip_optional = forms.BooleanField(
        label="De facultatieve eerste stap(pen) van de route overslaan (bijvoorbeeld: de school heeft geen interne commissie)",
        required=False,
    )
    holder = forms.ModelChoiceField(
        label="Functiehouder die bezwaar maakt", queryset=FunctionHolder.objects.none(), required=False,
        empty_label="Niet in de lijst: vul hieronder de naam in",
        widget=forms.Select(attrs={"aria-describedby": "holder-hint"}),
        error_messages={"invalid_choice": objections.HOLDER_NOT_OF_REQUEST},
    )
    holder_name = forms.CharField(label="Naam van de functiehouder", max_length=200, required=False,
                                  error_messages={"max_length": objections.HOLDER_TOO_LONG})
    received_on = date_field("Bezwaar ontvangen op", required_message=RECEIVED_REQUIRED)
    # Not required here: with a holder whose letter is recorded, an empty date is that letter's.
    decision_sent_on = date_field("Besluit verzonden of uitgereikt op", required=False, hint="dates-hint")
    decision_received_on = date_field("Besluit ontvangen op (als bekend)", required=False, hint="dates-hint")
    appeal_named = forms.ChoiceField(
        label="Vermeldt het besluit het beroep, de vormvereisten en de termijn?", choices=YES_NO_UNKNOWN,
        required=False, widget=forms.Select(attrs={"aria-describedby": "appeal-hint"}),
    )
    grounds = forms.CharField(label="Gronden van het bezwaar", widget=forms.Textarea(attrs={"rows": 6}),
                              error_messages={"required": objections.GROUNDS_REQUIRED})
    attachment = forms.FileField(
        label="Bijlage (optioneel: .docx, .pdf of .txt, hoogstens 2 MB)", required=False,
        error_messages={"empty": FILE_EMPTY, "missing": FILE_EMPTY, "invalid": FILE_BROKEN, "max_length": FILE_BROKEN},
    )

    def __init__(self, *args, routes: list[ObjectionRoute], holders: list[FunctionHolder] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = FunctionHolder.objects.filter(pk__in=[h.pk for h in holders]).order_by(
            "position", "id")
        self.fields["holder"].label_from_instance = holder_label
        if holders:
            self.fields["holder_name"].label = "Naam, als de functiehouder niet in de lijst staat"
        else:  # a vacancy: only the name
            del self.fields["holder"]
            self.fields["holder_name"].label = "Functiehouder die bezwaar maakt"
        self.fields["route"].queryset = ObjectionRoute.objects.filter(pk__in=[r.pk for r in routes]).order_by("name")
        self.fields["route"].label_from_instance = lambda route: (
            f"{route.name} ({route.staff_category})" if route.staff_category else route.name
        )
        if len(routes) == 1 and not self.is_bound:
            self.initial.setdefault("route", routes[0].pk)  # one route fits: nothing to choose

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "route": data["route"], "holder": data.get("holder"), "holder_name": data.get("holder_name") or "",
            "received_on": data["received_on"], "grounds": data["grounds"], "decision_sent_on": data.get("decision_sent_on"),
            "decision_received_on": data.get("decision_received_on"), "appeal_named": _yes_no(data.get("appeal_named")),
            "attachment": data.get("attachment"), "skip_optional": data.get("skip_optional", False),
            "version": data.get("version"),
        }


class StepForm(VersionForm):
    filed_on = date_field("Ingediend op", required=False, hint="filed-hint")
    decided_on = date_field("Datum van de uitkomst", required=False)
    outcome = forms.ChoiceField(label="Uitkomst", required=False)
    binding = forms.ChoiceField(label="Bindt de uitkomst?", choices=YES_NO_UNKNOWN, required=False,
                                widget=forms.Select(attrs={"aria-describedby": "binding-hint"}))
    changes_decision = forms.BooleanField(
        label="De uitkomst wijzigt het besluit: de aanvraag gaat opnieuw in behandeling en u stelt een nieuw besluit vast",
        required=False,
    )
    note = forms.CharField(label="Toelichting (optioneel)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, step=None, **kwargs):
        super().__init__(*args, **kwargs)
        Outcome = ObjectionStepRecord.Outcome
        choices = [(value, label) for value, label in Outcome.choices
                   if value != Outcome.SKIPPED or (step is not None and step.optional)]
        self.fields["outcome"].choices = [("", "Nog geen uitkomst (alleen indienen vastleggen)")] + choices
        if step is not None and not self.is_bound:
            self.initial.setdefault("binding", "ja" if step.outcome in BINDS_BY_DEFAULT else "")

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "filed_on": data.get("filed_on"), "decided_on": data.get("decided_on"), "outcome": data.get("outcome") or "",
            "binding": _yes_no(data.get("binding")), "changes_decision": data.get("changes_decision", False),
            "note": data.get("note") or "", "version": data.get("version"),
        }
