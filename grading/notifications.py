"""E-mail that tells people something waits for them.

A mail carries no role text, title or grade: only that a request changed, its reference and the
link to it, since mail leaves the application's access control. Mails go out after the transaction commits, with
the backend's time-out; a mail server that is down is logged and never fails the action.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse

from grading.models import Submission
from grading.roles import HR_ADVISER

logger = logging.getLogger(__name__)

SUBMITTED_SUBJECT = "Nieuwe aanvraag tot indeling: {reference}"
SUBMITTED_BODY = (
    "Er is een aanvraag tot indeling ingediend die op behandeling wacht ({reference}).\n\n"
    "Bekijk haar in Functiewaardering: {link}\n"
)
RETURNED_SUBJECT = "De HR-adviseur heeft een vraag over uw aanvraag {reference}"
RETURNED_BODY = (
    "De HR-adviseur heeft uw aanvraag tot indeling {reference} teruggestuurd met een vraag.\n\n"
    "Lees de vraag en beantwoord haar in Functiewaardering: {link}\n"
)
SETTLED_SUBJECT = "Uw aanvraag {reference} is vastgesteld"
SETTLED_BODY = (
    "HR heeft de indeling van uw aanvraag {reference} vastgesteld.\n\n"
    "Lees het besluit en de motivering in Functiewaardering: {link}\n"
)
HANDED_OVER_SUBJECT = "Een aanvraag is aan u overgedragen: {reference}"
HANDED_OVER_BODY = (
    "Een collega heeft de aanvraag tot indeling {reference} aan u overgedragen.\n\n"
    "Bekijk haar in Functiewaardering: {link}\n"
)


def _link(submission: Submission) -> str:
    return settings.SITE_URL + reverse("grading:submission_detail", args=[submission.pk])


def _message(submission: Submission, subject: str, body: str, recipients: list[str]) -> tuple:
    values = {"reference": submission.reference, "link": _link(submission)}
    return (subject.format(**values), body.format(**values), settings.DEFAULT_FROM_EMAIL, recipients)


def _send_after_commit(messages: list[tuple]) -> None:
    messages = [message for message in messages if message[3]]
    if not messages:
        return

    def send() -> None:
        try:
            send_mass_mail(messages, fail_silently=False)
        except Exception:  # any backend error: the action already happened and must stand
            logger.warning("Sending %d notification mail(s) failed", len(messages), exc_info=True)

    transaction.on_commit(send)


def _advisers() -> list[str]:
    users = get_user_model().objects.filter(groups__name=HR_ADVISER, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _address(user) -> list[str]:
    return [user.email] if user is not None and user.is_active and user.email else []


def notify_submitted(submission: Submission) -> None:
    """To every HR adviser, one mail each (they do not see each other's addresses)."""
    _send_after_commit(
        [_message(submission, SUBMITTED_SUBJECT, SUBMITTED_BODY, [address]) for address in _advisers()]
    )


def notify_returned(submission: Submission) -> None:
    _send_after_commit([_message(submission, RETURNED_SUBJECT, RETURNED_BODY, _address(submission.author))])


def notify_settled(submission: Submission) -> None:
    _send_after_commit([_message(submission, SETTLED_SUBJECT, SETTLED_BODY, _address(submission.author))])


def notify_handed_over(submission: Submission) -> None:
    _send_after_commit([_message(submission, HANDED_OVER_SUBJECT, HANDED_OVER_BODY, _address(submission.reviewer))])
