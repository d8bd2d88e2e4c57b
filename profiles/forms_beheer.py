from django import forms


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
