from django import forms

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
