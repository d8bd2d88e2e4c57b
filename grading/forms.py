"""Forms of the submission pages. They parse input; the services validate and write."""

from django import forms
from django.core.exceptions import ValidationError

from grading.services import submissions
from grading.services.text_extraction import FILE_BROKEN, FILE_EMPTY, ExtractionError, extract_text
from grading.submission_selectors import grade_groups, questionnaire
from profiles.models import Grade, JobFamily

TEXT_AND_FILE = "U hebt tekst geplakt én een bestand gekozen. Kies één van beide: maak het tekstveld leeg of laat het bestand weg."
UNKNOWN_FAMILY = "Kies een functiefamilie uit de lijst."



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
    family = family_field(label="Functiefamilie", empty_label="Kies een functiefamilie")
    grade = forms.TypedChoiceField(
        label="Vastgestelde schaal", coerce=int, required=False, empty_value=None,
        widget=forms.Select(attrs={"aria-describedby": "grade-hint"}),
    )
    motivation = forms.CharField(
        label="Motivering",
        widget=forms.Textarea(attrs={"rows": 5, "aria-describedby": "motivation-hint"}),
        error_messages={"required": submissions.MOTIVATION_REQUIRED},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [("", "Geen schaal (de bron noemt er geen)")] + grade_groups()

    def clean_grade(self) -> Grade | None:
        pk = self.cleaned_data.get("grade")
        return Grade.objects.filter(pk=pk).first() if pk is not None else None
