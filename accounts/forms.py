from django import forms

from accounts.services import ROLES

ROLE_CHOICES = [(role, role) for role in ROLES]


class InviteForm(forms.Form):
    email = forms.EmailField(label="E-mailadres", help_text="Hierheen gaat de link om een wachtwoord te kiezen.")
    first_name = forms.CharField(label="Voornaam", max_length=150, required=False)
    last_name = forms.CharField(label="Achternaam", max_length=150, required=False)
    username = forms.CharField(
        label="Gebruikersnaam", max_length=150, required=False,
        help_text="Leeg laten: het e-mailadres wordt de gebruikersnaam.",
    )
    roles = forms.MultipleChoiceField(
        label="Rollen", choices=ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple,
    )


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Rollen", choices=ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple,
    )


class CodeForm(forms.Form):
    """A code from the authenticator app or a recovery code; the services normalise it."""

    code = forms.CharField(
        label="Code", max_length=40, error_messages={"required": "Vul de code in.", "max_length": "Deze code is te lang."},
    )
