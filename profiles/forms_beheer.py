from django import forms

from profiles import objection_terms
from profiles.models import GradingSystem


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Bestand",
        help_text="Een familiebestand (.yaml), grading_systems.yaml, een zip uit de export of het sjabloon (.xlsx); hoogstens 2,5 MB.",
    )


class ConfirmForm(forms.Form):
    comment = forms.CharField(
        label="Toelichting bij deze versie", max_length=2000,
        help_text="Wat is er veranderd en waarom; komt in de geschiedenis.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OrganisationForm(forms.Form):
    name = forms.CharField(label="Naam van de organisatie", max_length=200, help_text="Staat op het indelingsrapport.")
    system = forms.ModelChoiceField(
        label="Waarderingssysteem", queryset=None, required=False, empty_label="— een nieuw systeem, hieronder —",
        help_text="Het systeem waarin de organisatie haar functies indeelt. Een functie uit een familie van een ander systeem krijgt geen schaal van dat systeem.",
    )
    new_system_code = forms.CharField(
        label="Code van een nieuw systeem", max_length=50, required=False,
        help_text="Alleen als het systeem niet in de lijst staat; kleine letters, cijfers en streepjes.",
    )
    new_system_name = forms.CharField(label="Naam van een nieuw systeem", max_length=200, required=False)
    grades = forms.CharField(
        label="Schalen van de organisatie", required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Alleen voor een systeem zonder schalen in de catalogus: één schaal per regel, van laag naar hoog, als „code; naam” (bijvoorbeeld „schaal-6; schaal 6”).",
    )
    motivation = forms.CharField(
        label="Motivering", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Waarom u dit wijzigt; komt met uw naam en de datum in de geschiedenis.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system"].queryset = GradingSystem.objects.order_by("name")
        self.fields["system"].error_messages["invalid_choice"] = "Kies een waarderingssysteem uit de lijst."


class ObjectionTermForm(forms.Form):
    length = forms.IntegerField(
        label="Lengte van de termijn", min_value=1, max_value=3650,
        help_text="Een geheel getal, bijvoorbeeld 6 (weken) of 60 (kalenderdagen).",
        error_messages={
            "required": "Vul de lengte van de termijn in.",
            "invalid": "Vul een geheel getal in, bijvoorbeeld 6 of 60.",
            "min_value": "De termijn is minstens 1.", "max_value": "De termijn is hoogstens 3650.",
        },
    )
    unit = forms.ChoiceField(label="Eenheid", error_messages={"required": "Kies de eenheid.", "invalid_choice": "Kies een eenheid uit de lijst."})
    runs_from = forms.ChoiceField(
        label="Loopt vanaf", help_text="De dag van die gebeurtenis zelf telt niet mee.",
        error_messages={"required": "Kies waarvandaan de termijn loopt.", "invalid_choice": "Kies een gebeurtenis uit de lijst."},
    )
    condition = forms.ChoiceField(label="Voorwaarde", required=False, error_messages={"invalid_choice": "Kies een voorwaarde uit de lijst, of geen."})
    motivation = forms.CharField(
        label="Motivering", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Waarom deze termijn geldt, bijvoorbeeld het artikel van het eigen reglement; komt met uw naam en de datum in de geschiedenis.",
        error_messages={"required": "Geef een motivering.", "max_length": "De motivering is hoogstens 500 tekens."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "— kies —"), *objection_terms.UNITS.items()]
        self.fields["runs_from"].choices = [("", "— kies —"), *objection_terms.EVENTS.items()]
        self.fields["condition"].choices = [("", "geen"), *objection_terms.CONDITIONS.items()]
