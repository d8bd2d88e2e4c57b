"""Objections (bezwaar, geschil, beroep) against a settled request, walking the organisation's route.

An `Objection` is registered by an HR adviser on a settled request: when it was received, from
which function holder (one the request names, or a name), on what grounds, with an optional attachment, and the dates the decision
was sent and received (the events the route's terms run from). It takes one route of
`profiles.ObjectionRoute` and then walks that route's own steps: each `ObjectionStepRecord` says
when the step was filed, when and how it ended and whether that outcome binds. The objection is
closed when its last step ends, or when the holder withdraws or does not take the next step.

Foreign keys name their models by string, so this module imports nothing of `grading.models`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ObjectionQuerySet(models.QuerySet):
    def open(self) -> "ObjectionQuerySet":
        return self.filter(closed_at__isnull=True)


class Objection(models.Model):
    submission = models.ForeignKey("grading.Submission", on_delete=models.CASCADE, related_name="objections",
                                   verbose_name="aanvraag")
    route = models.ForeignKey("profiles.ObjectionRoute", on_delete=models.PROTECT, related_name="+",
                              verbose_name="bezwaarroute")
    # The holder by name, as written on the objection, and the request's function holder it comes
    # from when the adviser chose one: none for a vacancy or someone the request does not list. The
    # name stays if the holder row goes (the holders of a request reopened after objection can be
    # corrected before the new decision).
    holder_name = models.CharField("functiehouder", max_length=200)
    holder = models.ForeignKey("grading.FunctionHolder", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="objections", verbose_name="functiehouder van de aanvraag")
    received_on = models.DateField("ontvangen op")
    grounds = models.TextField("gronden")
    attachment_name = models.CharField("bijlage", max_length=200, blank=True)
    attachment = models.BinaryField("inhoud van de bijlage", null=True, blank=True, editable=False)
    decision_sent_on = models.DateField("besluit verzonden op")
    decision_received_on = models.DateField("besluit ontvangen op", null=True, blank=True)
    # Whether the decision named the appeal, its form and its term (the Raad van State condition);
    # None: not known.
    appeal_named = models.BooleanField("besluit vermeldt beroep en termijn", null=True, blank=True)
    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                verbose_name="HR-adviseur")
    registered_at = models.DateTimeField("geregistreerd op", default=timezone.now)
    closed_at = models.DateTimeField("afgesloten op", null=True, blank=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["submission", "received_on", "id"]
        verbose_name = "bezwaar"
        verbose_name_plural = "bezwaren"

    def __str__(self) -> str:
        return f"Bezwaar {self.pk} op aanvraag {self.submission_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ObjectionStepRecord(models.Model):
    """What happened at one step of the route for one objection: filed, ended, how, and binding."""

    class Outcome(models.TextChoices):
        FORWARDED = "forwarded", "doorgezet naar de volgende stap"
        UPHELD = "upheld", "gegrond"
        PARTLY_UPHELD = "partly_upheld", "deels gegrond"
        REJECTED = "rejected", "ongegrond"
        INADMISSIBLE = "inadmissible", "niet-ontvankelijk"
        SKIPPED = "skipped", "overgeslagen (facultatieve stap)"
        NOT_PURSUED = "not_pursued", "niet ingesteld: de functiehouder gaat niet verder"
        WITHDRAWN = "withdrawn", "ingetrokken door de functiehouder"

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="records", verbose_name="bezwaar")
    step = models.ForeignKey("profiles.ObjectionStep", on_delete=models.PROTECT, related_name="+", verbose_name="stap")
    filed_on = models.DateField("ingediend op", null=True, blank=True)
    decided_on = models.DateField("uitkomst op", null=True, blank=True)
    outcome = models.CharField("uitkomst", max_length=20, choices=Outcome.choices, blank=True)
    binding = models.BooleanField("bindend", null=True, blank=True)
    changes_decision = models.BooleanField("wijzigt het besluit", default=False)
    note = models.TextField("toelichting", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="vastgelegd door")
    recorded_at = models.DateTimeField("vastgelegd op", default=timezone.now)

    class Meta:
        ordering = ["objection", "step__position"]
        constraints = [models.UniqueConstraint(fields=["objection", "step"], name="objection_step_record_unique")]
        verbose_name = "stap van een bezwaar"
        verbose_name_plural = "stappen van bezwaren"

    def __str__(self) -> str:
        return f"{self.objection}, stap {self.step_id}"
