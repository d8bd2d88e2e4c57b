"""Forms of the submission pages. They parse input; the services validate and write."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from grading import decision_options
from grading.roles import HR_ADVISER
from grading.services import review, submissions
from grading.services.holder_list import holders_parse
from grading.services.extraction import (
    FILE_BROKEN,
    FILE_EMPTY,
    ExtractionError,
    extract_text,
)
from grading.submission_selectors import questionnaire
from profiles.models import Grade, JobFamily

TEXT_AND_FILE = "U hebt tekst geplakt én een bestand gekozen. Kies één van beide: maak het tekstveld leeg of laat het bestand weg."
UNKNOWN_FAMILY = "Kies een functiefamilie uit de lijst."
EFFECTIVE_DATE_REQUIRED = "Geef de ingangsdatum van de indeling."
EFFECTIVE_DATE_INVALID = "Geef de ingangsdatum als datum, bijvoorbeeld 2027-01-01."
LETTER_DATE_INVALID = "Geef een datum, bijvoorbeeld 2027-01-15."
HOLDERS_HELP = (
    "Eén functiehouder per regel: de naam, en desgewenst een puntkomma en het e-mailadres "
    "(„Jan de Vries; jan@example.org”). Laat leeg bij een vacature."
)


def holders_field(*, label: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "aria-describedby": "holders-hint"}),
    )


def clean_holders_value(value: str) -> list[tuple[str, str]]:
    return holders_parse(value or "")



def family_field(*, label: str, empty_label: str) -> forms.ModelChoiceField:
    """A family chosen by slug, optional, with the Dutch message for an unknown one."""
    return forms.ModelChoiceField(
        label=label,
        queryset=JobFamily.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=empty_label,
        error_messages={"invalid_choice": UNKNOWN_FAMILY},
    )

class SubmissionForm(forms.Form):
    """Title, text or file, an optional family and, for that family, one question per criterion."""

    title = forms.CharField(
        label="Titel van de functie", max_length=200, error_messages={"required": submissions.TITLE_REQUIRED}
    )
    text = forms.CharField(
        label="Functiebeschrijving", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    file = forms.FileField(
        label="Of upload een bestand",
        required=False,
        error_messages={"empty": FILE_EMPTY, "missing": FILE_EMPTY, "invalid": FILE_BROKEN, "max_length": FILE_BROKEN},
    )
    family = family_field(label="Functiefamilie (optioneel)", empty_label="Laat de engine de familie kiezen")
    holders = holders_field(label="Functiehouders (optioneel)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extracted_text: str | None = None
        self.questions: list[dict] = []
        self.chosen_family = self._family_for_questions()
        if self.chosen_family is not None:
            self.questions = questionnaire(family=self.chosen_family)
        for question in self.questions:
            self.fields[question["field"]] = forms.TypedChoiceField(
                label=question["name"],
                choices=[("", "Weet ik niet")] + [(str(o["rank"]), o["label"]) for o in question["options"]],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
        for question in self.questions:
            value = self[question["field"]].value()
            question["value"] = "" if value in (None, "") else str(value)

    def _family_for_questions(self) -> JobFamily | None:
        slug = self.data.get("family") if self.is_bound else self.initial.get("family")
        if isinstance(slug, JobFamily):
            return slug
        if not slug:
            return None
        return JobFamily.objects.filter(slug=slug).first()

    def clean_holders(self) -> list[tuple[str, str]]:
        return clean_holders_value(self.cleaned_data.get("holders"))

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text") or ""
        source_field = "text"
        if self.has_error("file"):
            return cleaned
        if upload is not None:
            if text.strip():
                self.add_error("file", TEXT_AND_FILE)
                return cleaned
            try:
                text = extract_text(upload=upload)
            except ExtractionError as error:
                self.add_error("file", error)
                return cleaned
            self.extracted_text = submissions.normalize_text(text)
            source_field = "file"
        try:
            cleaned["text"] = submissions.validate_role_text(text)
        except ValidationError as error:
            self.add_error(source_field, error)
        if cleaned.get("title"):
            try:
                cleaned["title"] = submissions.validate_title(cleaned["title"])
            except ValidationError as error:
                self.add_error("title", error)
        cleaned["answers"] = {
            q["key"]: cleaned[q["field"]] for q in self.questions if cleaned.get(q["field"]) is not None
        }
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "text": data["text"],
            "family": data.get("family"),
            "answers": data.get("answers") or None,
            "holders": data.get("holders") or [],
        }

    def data_with_extracted_text(self):
        """The posted data with the file's text in the text field, so a re-shown form keeps it."""
        data = self.data.copy()
        if self.extracted_text:
            data["text"] = self.extracted_text
        return data


class VersionForm(forms.Form):
    """Carries the version the page was showing, so a change made meanwhile is noticed."""

    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class SubmitForm(VersionForm):
    comment = forms.CharField(
        label="Toelichting voor de HR-adviseur (optioneel)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class HoldersForm(VersionForm):
    """The HR adviser's correction of the function holders, before settling."""

    holders = holders_field(label="Functiehouders")

    def clean_holders(self) -> list[tuple[str, str]]:
        return clean_holders_value(self.cleaned_data.get("holders"))


class LetterDatesForm(VersionForm):
    """When a holder's decision letter was sent and, when known, received."""

    sent_on = forms.DateField(
        label="Verzonden op", required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": LETTER_DATE_INVALID},
    )
    received_on = forms.DateField(
        label="Ontvangen op (als bekend)", required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": LETTER_DATE_INVALID},
    )


class ReturnForm(VersionForm):
    question = forms.CharField(
        label="Uw vraag aan de leidinggevende",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": submissions.QUESTION_REQUIRED},
    )


class SettleForm(VersionForm):
    """Family (or "Buiten het functiehuis"), grade or level, ingangsdatum and motivation. The grade
    list holds what `decision_options` offers for the chosen family; nothing is preselected, so
    the adviser decides (AVG article 22), and an empty family is refused, never filled in."""

    family = forms.ChoiceField(
        label="Functiefamilie", required=False,
        error_messages={"invalid_choice": UNKNOWN_FAMILY},
    )
    grade = forms.ChoiceField(
        label="Vastgestelde schaal of niveau", required=False,
        widget=forms.Select(attrs={"aria-describedby": "grade-hint"}),
        error_messages={"invalid_choice": submissions.GRADE_NOT_IN_FAMILY},
    )
    level = forms.ChoiceField(
        label="Niveau in de functiefamilie", required=False,
        widget=forms.Select(attrs={"aria-describedby": "level-hint"}),
        error_messages={"invalid_choice": submissions.LEVEL_NOT_IN_FAMILY},
    )
    effective_date = forms.DateField(
        label="Ingangsdatum",
        widget=forms.DateInput(attrs={"type": "date", "aria-describedby": "effective-date-hint"}, format="%Y-%m-%d"),
        error_messages={"required": EFFECTIVE_DATE_REQUIRED, "invalid": EFFECTIVE_DATE_INVALID},
    )
    motivation = forms.CharField(
        label="Motivering",
        widget=forms.Textarea(attrs={"rows": 5, "aria-describedby": "motivation-hint"}),
        error_messages={"required": submissions.MOTIVATION_REQUIRED},
    )

    def __init__(self, *args, chosen_family: JobFamily | None = None, outside: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.chosen_family = chosen_family
        self.outside = outside
        self.fields["family"].choices = decision_options.family_choices()
        self.levels = decision_options.family_levels(chosen_family) if chosen_family else None
        self.organisation_system = decision_options.decision_system()
        # A family of another system than the organisation's: its level and an own grade, both.
        self.foreign = decision_options.is_foreign(chosen_family, self.organisation_system)
        self.fields["grade"].choices = decision_options.grade_choices(
            family=chosen_family, outside=outside, levels=self.levels, organisation_system=self.organisation_system,
        )
        self.fields["level"].choices = decision_options.level_choices(self.levels) if self.foreign else [("", "")]
        self.family_has_grades = bool(self.levels and self.levels.has_grades)

    def clean_family(self) -> JobFamily | None:
        slug = self.cleaned_data.get("family") or ""
        if not slug:
            raise ValidationError(submissions.FAMILY_REQUIRED)
        return None if slug == decision_options.OUTSIDE else self.chosen_family

    def clean_grade(self) -> Grade | None:
        value = self.cleaned_data.get("grade") or ""
        self.cleaned_data["level_rank"] = None
        if not value:
            if self.outside:
                raise ValidationError(submissions.GRADE_REQUIRED)
            if self.chosen_family is None:
                return None  # the family's own message says what to do first
            if self.family_has_grades or self.foreign:
                raise ValidationError(submissions.GRADE_REQUIRED)
            raise ValidationError(submissions.LEVEL_REQUIRED)
        if value.startswith(decision_options.LEVEL_PREFIX):
            self.cleaned_data["level_rank"] = int(value.removeprefix(decision_options.LEVEL_PREFIX))
            return None
        return Grade.objects.filter(pk=int(value)).first()  # offered, so a whole number

    def clean_level(self) -> int | None:
        value = self.cleaned_data.get("level") or ""
        if not self.foreign:
            return None
        if not value:
            raise ValidationError(submissions.FOREIGN_LEVEL_REQUIRED)
        return int(value.removeprefix(decision_options.LEVEL_PREFIX))  # offered, so "niveau-<n>"

    def clean(self):
        cleaned = super().clean()
        cleaned["outside"] = self.outside
        if self.foreign:
            cleaned["level_rank"] = cleaned.get("level")
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {key: data.get(key) for key in ("family", "outside", "grade", "level_rank", "motivation",
                                                "effective_date", "version")}


def settle_form(*, submission, data=None, initial: dict | None = None) -> SettleForm:
    """The settle form for the family the adviser has chosen (posted or shown). Nothing is taken
    from the request: with no family chosen yet, the grade list asks for one first."""
    slug = (data or {}).get("family") or (initial or {}).get("family") or ""
    outside = slug == decision_options.OUTSIDE
    chosen = None if outside or not slug else JobFamily.objects.select_related("grading_system").filter(slug=slug).first()
    return SettleForm(data, initial=initial, chosen_family=chosen, outside=outside)


class HandOverForm(VersionForm):
    adviser = forms.ModelChoiceField(
        label="Overdragen aan", queryset=None, empty_label="Kies een HR-adviseur",
        error_messages={"required": review.NOT_AN_ADVISER, "invalid_choice": review.NOT_AN_ADVISER},
    )
    comment = forms.CharField(label="Toelichting voor de collega (optioneel)", required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = (
            get_user_model().objects.filter(groups__name=HR_ADVISER, is_active=True).order_by("first_name", "username")
        )
        self.fields["adviser"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class WithdrawForm(VersionForm):
    comment = forms.CharField(label="Reden (optioneel)", required=False, widget=forms.Textarea(attrs={"rows": 2}))
