"""The people a request concerns: its function holders, and when each one's decision letter went
out and arrived. None means a vacancy. Imported by `grading.models`; the submission is named by
string, so this module imports nothing of it.
"""

from django.db import models


class FunctionHolder(models.Model):
    submission = models.ForeignKey(
        "grading.Submission", on_delete=models.CASCADE, related_name="holders", verbose_name="aanvraag"
    )
    position = models.PositiveSmallIntegerField("volgorde")
    name = models.CharField("naam", max_length=200)
    email = models.EmailField("e-mailadres", blank=True)
    # Recorded by the HR adviser once the decision letter went out and, when known, arrived: the
    # objection terms run from these dates (profiles/objection_terms.py).
    letter_sent_on = models.DateField("besluitbrief verzonden op", null=True, blank=True)
    letter_received_on = models.DateField("besluitbrief ontvangen op", null=True, blank=True)

    class Meta:
        ordering = ["submission", "position", "id"]
        verbose_name = "functiehouder"
        verbose_name_plural = "functiehouders"

    def __str__(self) -> str:
        return self.name
