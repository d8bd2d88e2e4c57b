"""Reminder mails about objection terms, sent by the daily `objection_reminders` command.

A mail names only the request's kenmerk and the link to the objection: no holder, no grounds, no
title, no grade, since mail leaves the application's access control. It goes to the adviser who
registered the objection, or, when that account can no longer be mailed, to every HR adviser.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.urls import reverse

from grading.objection_selectors import ObjectionState, objections_due
from grading.roles import HR_ADVISER

logger = logging.getLogger(__name__)

SUBJECT = "Termijn van een bezwaar: {reference}"
BODY = (
    "Bij de aanvraag {reference} loopt de termijn van een stap van een bezwaar binnen {days} dagen af, "
    "of is die al verstreken.\n\n"
    "Bekijk het bezwaar in Functiewaardering: {link}\n"
)


def _recipients(state: ObjectionState) -> list[str]:
    adviser = state.objection.adviser
    if adviser.is_active and adviser.email and adviser.groups.filter(name=HR_ADVISER).exists():
        return [adviser.email]
    users = get_user_model().objects.filter(groups__name=HR_ADVISER, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def reminder_messages(*, days: int, today: datetime.date | None = None) -> list[tuple]:
    """One message per objection due within `days` days (or overdue) and per recipient."""
    messages = []
    for state in objections_due(days=days, today=today):
        objection = state.objection
        link = settings.SITE_URL + reverse("grading:objection_detail", args=[objection.submission_id, objection.pk])
        values = {"reference": objection.submission.reference, "days": days, "link": link}
        for address in _recipients(state):
            messages.append((SUBJECT.format(**values), BODY.format(**values), settings.DEFAULT_FROM_EMAIL, [address]))
    return messages


def reminders_send(*, days: int, today: datetime.date | None = None) -> int:
    """Send the reminders; the number of mails sent."""
    messages = reminder_messages(days=days, today=today)
    if not messages:
        return 0
    return send_mass_mail(messages, fail_silently=False)
