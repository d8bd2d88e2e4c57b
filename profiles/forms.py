from django import forms

from profiles.models import JobFamily

TOO_FEW_LEVELS = "Kies minstens twee niveaus om te vergelijken."
TOO_MANY_LEVELS = "Kies hoogstens vier niveaus om te vergelijken."
DUPLICATE_LEVELS = "Kies elk niveau maar één keer."
UNKNOWN_LEVEL = "Het niveau „%(value)s” bestaat niet. Kies een niveau uit de lijst."
MIN_LEVELS, MAX_LEVELS = 2, 4


class LevelIdsField(forms.TypedMultipleChoiceField):
    def to_python(self, value) -> list[str]:
        """Empty values (`?niveau=&niveau=3`) count as not chosen."""
        return [v for v in super().to_python(value) if v.strip()]


class CompareForm(forms.Form):
    """Two to four levels by id (`?niveau=12&niveau=13`), as the families list them."""

    niveau = LevelIdsField(
        coerce=int,
        label="Niveaus",
        error_messages={"required": TOO_FEW_LEVELS, "invalid_choice": UNKNOWN_LEVEL},
    )

    def __init__(self, *args, families: list[JobFamily], **kwargs):
        super().__init__(*args, **kwargs)
        self.families = families
        self.fields["niveau"].choices = [
            (family.name, [(level.id, level.name) for level in family.levels.all()]) for family in families
        ]

    def clean_niveau(self) -> list[int]:
        ids = self.cleaned_data["niveau"]
        if len(ids) != len(set(ids)):
            raise forms.ValidationError(DUPLICATE_LEVELS)
        if len(ids) < MIN_LEVELS:
            raise forms.ValidationError(TOO_FEW_LEVELS)
        if len(ids) > MAX_LEVELS:
            raise forms.ValidationError(TOO_MANY_LEVELS)
        return ids

    def chosen(self) -> set[str]:
        """The ids ticked in the request, to keep them ticked when the page is shown again."""
        return set(self.data.getlist("niveau")) if self.is_bound else set()
