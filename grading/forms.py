"""Forms of the submission pages. They parse input; the services validate and write."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from grading.roles import HR_ADVISER
from grading.services import review, submissions
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


class ReturnForm(VersionForm):
    question = forms.CharField(
        label="Uw vraag aan de leidinggevende",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": submissions.QUESTION_REQUIRED},
    )


class SettleForm(VersionForm):
    """Family, grade, ingangsdatum and motivation. The grade list holds only the chosen family's
    grades, in order; nothing is preselected, so the adviser decides (AVG article 22)."""

    family = family_field(label="Functiefamilie", empty_label="Kies een functiefamilie")
    grade = forms.TypedChoiceField(
        label="Vastgestelde schaal", coerce=int, required=False, empty_value=None,
        widget=forms.Select(attrs={"aria-describedby": "grade-hint"}),
        error_messages={"invalid_choice": submissions.GRADE_NOT_IN_FAMILY},
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

    def __init__(self, *args, chosen_family: JobFamily | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.chosen_family = chosen_family
        grades = list(chosen_family.grading_system.grades.order_by("rank")) if chosen_family and chosen_family.grading_system_id else []
        if grades:
            self.fields["grade"].choices = [("", "Kies de schaal")] + [(grade.pk, grade.name) for grade in grades]
        elif chosen_family is not None:
            self.fields["grade"].choices = [("", "Geen schaal: de bron van deze familie noemt er geen")]
        else:
            self.fields["grade"].choices = [("", "Kies eerst een functiefamilie")]
        self.family_has_grades = bool(grades)

    def clean_grade(self) -> Grade | None:
        pk = self.cleaned_data.get("grade")
        if pk is None:
            if self.family_has_grades:
                raise ValidationError(submissions.GRADE_REQUIRED)
            return None
        return Grade.objects.filter(pk=pk).first()

    def clean_family(self) -> JobFamily | None:
        family = self.cleaned_data.get("family") or self.chosen_family
        if family is None:
            raise ValidationError(submissions.FAMILY_REQUIRED)
        return family


def settle_form(*, submission, data=None, initial: dict | None = None) -> SettleForm:
    """The settle form for the family the adviser has chosen (posted), or else the request's."""
    slug = (data or {}).get("family") or (initial or {}).get("family") or ""
    chosen = JobFamily.objects.select_related("grading_system").filter(slug=slug).first() if slug else None
    if chosen is None and not slug:
        chosen = submission.effective_family()
    return SettleForm(data, initial=initial, chosen_family=chosen)


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


class ReopenForm(VersionForm):
    reason = forms.CharField(
        label="Reden om te heropenen", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": review.REASON_REQUIRED},
    )
