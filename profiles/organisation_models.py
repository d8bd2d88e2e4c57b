"""The organisation this installation serves: its name and the grading system it decides in.

One row (pk 1), set by the functional administrator in /beheer/organisatie/; every change is kept
with who, when and why. Foreign keys name their models by string, so this module imports nothing
of `profiles.models`, which imports it.
"""

from django.conf import settings
from django.db import models


class Organisation(models.Model):
    ROW = 1

    name = models.CharField("naam", max_length=200)
    grading_system = models.ForeignKey(
        "profiles.GradingSystem", on_delete=models.PROTECT, related_name="+", verbose_name="waarderingssysteem",
    )
    changed_at = models.DateTimeField("gewijzigd op")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="gewijzigd door",
    )

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisatie"

    def __str__(self) -> str:
        return self.name


class OrganisationChange(models.Model):
    """One change of the organisation's settings, as it stood after the change."""

    at = models.DateTimeField("op")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="door",
    )
    motivation = models.CharField("motivering", max_length=500)
    name = models.CharField("naam van de organisatie", max_length=200)
    system_code = models.CharField("code van het systeem", max_length=50)
    system_name = models.CharField("naam van het systeem", max_length=200)
    grades = models.JSONField("schalen van de organisatie", default=list, blank=True)  # [{"code", "name", "rank"}]

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "wijziging van de organisatie"
        verbose_name_plural = "wijzigingen van de organisatie"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.name}"
