"""Objection routes (bezwaar, geschil, beroep) as data the organisation chooses.

A route applies to one or more grading systems, optionally to one staff category (Belgian
statutory and contractual staff go to different bodies). Its ordered steps say who receives
what, whether the outcome binds and the term, each fact with its source and a "te verifiëren"
mark. Seeded from `fixtures/objection_routes.yaml`; the functional administrator sets or
changes a term in /beheer/bezwaarroutes/, and every change is kept with who, when and why.
Foreign keys name their models by string, so this module imports nothing of `profiles.models`.
"""

from django.conf import settings
from django.db import models

from profiles import objection_terms as terms


class ObjectionRoute(models.Model):
    code = models.SlugField("code", max_length=80, unique=True)
    name = models.CharField("naam", max_length=200)
    systems = models.ManyToManyField("profiles.GradingSystem", related_name="objection_routes", blank=True,
                                     verbose_name="waarderingssystemen")
    staff_category = models.CharField("personeelscategorie", max_length=100, blank=True)  # "" = all staff
    regulation = models.CharField("regeling en versie", max_length=300, blank=True)
    note = models.TextField("toelichting", blank=True)
    sources = models.JSONField("bronnen", default=list, blank=True)  # [{"name", "url"}]
    to_verify = models.BooleanField("te verifiëren", default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "bezwaarroute"
        verbose_name_plural = "bezwaarroutes"

    def __str__(self) -> str:
        return self.name


class ObjectionStep(models.Model):
    class Kind(models.TextChoices):
        INTERNAL_OBJECTION = "internal_objection", "Bezwaar bij de werkgever"
        COMMITTEE_ADVICE = "committee_advice", "Advies van een commissie"
        EMPLOYER_DECISION = "employer_decision", "Beslissing van de werkgever"
        EXTERNAL_COMMITTEE = "external_committee", "Externe commissie"
        COURT = "court", "Rechter"
        COUNCIL_OF_STATE = "council_of_state", "Raad van State"

    class Outcome(models.TextChoices):
        BINDING = "binding", "bindend"
        WEIGHTY_ADVICE = "weighty_advice", "zwaarwegend advies: afwijken alleen met redenen"
        ADVICE = "advice", "advies"
        NOT_BINDING = "not_binding", "niet bindend: afwijken alleen schriftelijk gemotiveerd"
        DECISION = "decision", "besluit of uitspraak"
        UNKNOWN = "unknown", "niet gevonden in de bronnen"

    route = models.ForeignKey(ObjectionRoute, on_delete=models.CASCADE, related_name="steps", verbose_name="route")
    position = models.PositiveSmallIntegerField("volgorde")
    kind = models.CharField("soort", max_length=30, choices=Kind.choices)
    name = models.CharField("naam", max_length=200)
    recipient = models.CharField("wie ontvangt het", max_length=300)
    optional = models.BooleanField("facultatief", default=False)
    outcome = models.CharField("uitkomst", max_length=20, choices=Outcome.choices, default=Outcome.UNKNOWN)
    note = models.TextField("toelichting", blank=True)
    sources = models.JSONField("bronnen", default=list, blank=True)  # [{"name", "url"}]
    to_verify = models.BooleanField("te verifiëren", default=True)
    term_length = models.PositiveSmallIntegerField("termijn", null=True, blank=True)
    term_unit = models.CharField("eenheid", max_length=10, choices=list(terms.UNITS.items()), blank=True)
    term_runs_from = models.CharField("loopt vanaf", max_length=20, choices=list(terms.EVENTS.items()), blank=True)
    term_condition = models.CharField("voorwaarde", max_length=20, choices=list(terms.CONDITIONS.items()), blank=True)
    term_source = models.JSONField("bron van de termijn", default=dict, blank=True)  # {"name", "url"} or {}
    term_to_verify = models.BooleanField("termijn te verifiëren", default=True)
    term_set_by_organisation = models.BooleanField("termijn door de organisatie ingesteld", default=False)

    class Meta:
        ordering = ["route", "position"]
        constraints = [models.UniqueConstraint(fields=["route", "position"], name="objection_step_position_unique")]
        verbose_name = "stap van een bezwaarroute"
        verbose_name_plural = "stappen van bezwaarroutes"

    def __str__(self) -> str:
        return f"{self.route.name}, stap {self.position}: {self.name}"

    @property
    def term(self) -> terms.Term:
        return terms.Term(self.term_length, self.term_unit, self.term_runs_from, self.term_condition)


class ObjectionTermChange(models.Model):
    """One change of a step's term in /beheer/bezwaarroutes/, with the term before and after."""

    step = models.ForeignKey(ObjectionStep, on_delete=models.CASCADE, related_name="term_changes", verbose_name="stap")
    at = models.DateTimeField("op")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name="door")
    motivation = models.CharField("motivering", max_length=500)
    before = models.CharField("termijn daarvoor", max_length=300)
    after = models.CharField("termijn daarna", max_length=300)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "wijziging van een termijn"
        verbose_name_plural = "wijzigingen van termijnen"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.step}"
