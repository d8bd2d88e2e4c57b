"""Submissions: a manager's role description, the engine's result as snapshots, and the history.

A submission moves concept → ingediend → in behandeling → vastgesteld, and can go back to the
manager with a question (teruggestuurd). Every engine run is kept as a `GradingSnapshot`; every
change is kept as a `SubmissionEvent`. Snapshots and events are append-only: the application
never updates or deletes them (the admin shows them read-only).
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from functiewaardering.append_only import AppendOnlyError  # noqa: F401  (tests name the error here)
from functiewaardering.append_only import AppendOnlyModel, AppendOnlyQuerySet
from profiles.models import Grade, JobFamily


class HistoryModel(AppendOnlyModel):
    """Deleting a submission still cascades to its history at database level."""

    APPEND_ONLY = "Dit gegeven hoort bij de geschiedenis van een aanvraag en kan niet worden gewijzigd of verwijderd."

    class Meta:
        abstract = True


# The family a request is about, first found first: the family HR decided, else the manager's
# chosen family, else the one the engine indicated. `Submission.effective_family` and
# `SubmissionQuerySet.with_family` both read this one order, so the list, its filter, the CSV
# and the report agree.
FAMILY_ORDER = ("final_family", "family", "indicative_family")


class SubmissionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SubmissionQuerySet":
        """Authors see their own; HR advisers also every request from the moment it is submitted.

        A request that was never submitted stays private to its author, also once withdrawn:
        "was ever submitted" is read from the history (a `submitted` line), not from the status."""
        if user.has_perm("grading.view_all_submissions"):
            return self.filter(Q(author=user) | Q(Exists(_submitted_lines())))
        return self.filter(author=user)

    def with_family(self, family: JobFamily) -> "SubmissionQuerySet":
        """The requests about this family, by FAMILY_ORDER (decided, chosen, indicated)."""
        about = self.alias(about_family=Coalesce(*FAMILY_ORDER)).filter(about_family=family.pk)
        return about.filter(final_outside=False)  # decided outside the functiehuis: about no family


class Submission(models.Model):
    class Status(models.TextChoices):
        DRAFT = "concept", "concept"
        SUBMITTED = "ingediend", "ingediend"
        IN_REVIEW = "in_behandeling", "in behandeling"
        RETURNED = "teruggestuurd", "teruggestuurd"
        SETTLED = "vastgesteld", "vastgesteld"
        WITHDRAWN = "ingetrokken", "ingetrokken"

    title = models.CharField("titel", max_length=200)
    text = models.TextField("functiebeschrijving")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name="leidinggevende",
    )
    family = models.ForeignKey(
        JobFamily,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gekozen functiefamilie",
    )
    answers = models.JSONField("antwoorden per criterium", default=dict, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)

    # The latest engine run, copied here so lists and filters need no JSON lookups.
    indicative_family = models.ForeignKey(
        JobFamily,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="indicatieve functiefamilie",
    )
    indicative_grade = models.ForeignKey(
        Grade,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="indicatieve schaal",
    )
    indicative_position = models.CharField("positie", max_length=20, blank=True)
    # The engine's certainty ("firm", "uncertain"; empty when it named no family): an uncertain
    # indication is shown without its grade as a verdict (grading/result_display.py).
    indicative_certainty = models.CharField("zekerheid van de indicatie", max_length=20, blank=True)

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="HR-adviseur",
    )
    final_family = models.ForeignKey(
        JobFamily,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="vastgestelde functiefamilie",
    )
    final_grade = models.ForeignKey(
        Grade,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="settled_submissions",
        verbose_name="vastgestelde schaal",
    )
    # What else the adviser chose, exactly: "buiten het functiehuis" (no family), or for a family
    # whose levels have no grade its level, kept with the family's number of levels then.
    final_outside = models.BooleanField("buiten het functiehuis", default=False)
    final_level_rank = models.PositiveSmallIntegerField("vastgesteld niveau", null=True, blank=True)
    final_level_count = models.PositiveSmallIntegerField("aantal niveaus van de familie", null=True, blank=True)
    motivation = models.TextField("motivering", blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="vastgesteld door",
    )
    settled_at = models.DateTimeField("vastgesteld op", null=True, blank=True)
    effective_date = models.DateField("ingangsdatum", null=True, blank=True)
    # Set when the role text was removed after the retention period or on a person's request;
    # the decision and its motivation stay.
    anonymised_at = models.DateTimeField("geanonimiseerd op", null=True, blank=True)

    # Goes up with every change; a form carries it, so a stale form is refused (optimistic lock).
    version = models.PositiveIntegerField("versie", default=1)
    created_at = models.DateTimeField("aangemaakt op", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "aanvraag"
        verbose_name_plural = "aanvragen"
        permissions = [
            ("view_all_submissions", "Alle aanvragen inzien"),
            ("review_submission", "Aanvragen in behandeling nemen, terugsturen en opnieuw indelen"),
            ("settle_submission", "De indeling van een aanvraag vaststellen"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status_rank(self) -> int:
        """Where the status stands in the flow of work, for grouping a manager's list."""
        return STATUS_FLOW.index(self.status)

    @property
    def reference(self) -> str:
        """The number people quote: the year it was made, in the organisation's time zone
        (TIME_ZONE), and its id ("FW-2026-000123")."""
        return f"FW-{timezone.localtime(self.created_at):%Y}-{self.pk:06d}"

    def effective_family(self) -> JobFamily | None:
        """The family the request is about, by FAMILY_ORDER (decided, chosen, indicated); none
        once HR decided it lies outside the functiehuis."""
        if self.final_outside:
            return None
        for field in FAMILY_ORDER:
            if getattr(self, f"{field}_id"):
                return getattr(self, field)
        return None

    def is_editable(self) -> bool:
        """A draft or a returned request, while its text is there (not after retention)."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED) and self.anonymised_at is None

    def latest_snapshot(self) -> "GradingSnapshot | None":
        return self.snapshots.order_by("-created_at", "-id").first()


STATUS_FLOW = [
    Submission.Status.RETURNED, Submission.Status.DRAFT, Submission.Status.SUBMITTED,
    Submission.Status.IN_REVIEW, Submission.Status.SETTLED, Submission.Status.WITHDRAWN,
]


class GradingSnapshot(HistoryModel):
    """One engine run: the text it read, what it was asked, and everything it answered."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="snapshots")
    text = models.TextField("beoordeelde tekst")
    family_slug = models.CharField("gevraagde familie", max_length=50, blank=True)
    answers = models.JSONField("antwoorden", default=dict, blank=True)
    result = models.JSONField("resultaat")
    engine_version = models.CharField("engineversie", max_length=20)
    catalogue_version = models.PositiveBigIntegerField("dataversie", null=True, blank=True)
    # The matrix rows the role was graded against, as they stood then (see grading/matrix_excerpt.py).
    matrix_excerpt = models.JSONField("uittreksel uit de matrix", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="door"
    )
    created_at = models.DateTimeField("aangemaakt op", default=timezone.now)

    class Meta:
        ordering = ["submission", "created_at", "id"]
        verbose_name = "engineresultaat"
        verbose_name_plural = "engineresultaten"

    def __str__(self) -> str:
        return f"{self.submission} — engine {self.engine_version}, {self.created_at:%d-%m-%Y %H:%M}"

    @property
    def position(self) -> str:
        return self.result.get("position", "")

    @property
    def grade(self) -> str | None:
        return self.result.get("grade")

    @property
    def is_match(self) -> bool:
        return self.position != "no_match" and self.result.get("family") is not None

    def confidence_label(self) -> str:
        """The confidence in words, never a bare number."""
        confidence = float(self.result.get("confidence") or 0)
        if confidence >= 0.8:
            return "hoog"
        if confidence >= 0.6:
            return "redelijk"
        if confidence >= 0.4:
            return "beperkt"
        return "laag"


class SubmissionEvent(HistoryModel):
    """A line of the history: who changed what and when, with the words they gave for it."""

    class Kind(models.TextChoices):
        CREATED = "created", "aangemaakt en ingedeeld"
        EDITED = "edited", "beschrijving gewijzigd en opnieuw ingedeeld"
        REGRADED = "regraded", "opnieuw ingedeeld"
        SUBMITTED = "submitted", "ingediend bij HR"
        TAKEN = "taken", "in behandeling genomen"
        TAKEN_OVER = "taken_over", "overgenomen van een andere HR-adviseur"
        RETURNED = "returned", "teruggestuurd met een vraag"
        SETTLED = "settled", "vastgesteld"
        HANDED_OVER = "handed_over", "overgedragen aan een andere HR-adviseur"
        WITHDRAWN = "withdrawn", "ingetrokken door de leidinggevende"
        REOPENED = "reopened", "heropend na bezwaar"
        OBJECTION = "objection", "bezwaar geregistreerd"
        OBJECTION_STEP = "objection_step", "stap van een bezwaar vastgelegd"
        HOLDERS = "holders", "functiehouders gewijzigd"
        LETTER = "letter", "besluitbrief verzonden of ontvangen"
        ANONYMISED = "anonymised", "beschrijving verwijderd (bewaartermijn of verzoek)"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("soort", max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="door"
    )
    from_status = models.CharField("van", max_length=20, choices=Submission.Status.choices, blank=True)
    to_status = models.CharField("naar", max_length=20, choices=Submission.Status.choices)
    comment = models.TextField("toelichting", blank=True)  # the motivation, question or reply
    # A decision in words as it was recorded ("niveau 2 van 4 in de functiefamilie …"), so the
    # history keeps each decision exactly, also after a later one.
    decision = models.CharField("besluit", max_length=300, blank=True)
    grade = models.ForeignKey(
        Grade, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="schaal"
    )
    snapshot = models.ForeignKey(
        GradingSnapshot,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="engineresultaat",
    )
    created_at = models.DateTimeField("op", default=timezone.now)

    class Meta:
        ordering = ["submission", "created_at", "id"]
        verbose_name = "gebeurtenis"
        verbose_name_plural = "geschiedenis"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%d-%m-%Y %H:%M})"


def _submitted_lines() -> AppendOnlyQuerySet:
    """The `submitted` history lines of the outer request (for an Exists subquery)."""
    return SubmissionEvent.objects.filter(submission=OuterRef("pk"), kind=SubmissionEvent.Kind.SUBMITTED)


from grading.objection_models import Objection, ObjectionStepRecord  # noqa: E402,F401  (models of this app)
from grading.holder_models import FunctionHolder  # noqa: E402,F401  (a model of this app)
