"""The password-reset request, throttled: at most PASSWORD_RESET_MAILS_PER_HOUR mails an hour to
one address and to one account. Every request gets the same answer, so the page tells nobody
whether an address has an account; the security log says what happened.

The counts come from the security log in the database, so they hold across processes and servers.
"""

import datetime

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils import timezone

from accounts.models import SecurityEvent
from accounts.security_log import security_event_record

SENT = "mail verstuurd"
ADDRESS_LIMIT = "geen mail: te veel aanvragen voor dit adres in het afgelopen uur"
ACCOUNT_LIMIT = "geen mail: te veel aanvragen voor dit account in het afgelopen uur"
UNKNOWN = "geen mail: geen actief account met dit adres"


def _sent_last_hour(**match) -> int:
    since = timezone.now() - datetime.timedelta(hours=1)
    return SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.PASSWORD_RESET, detail=SENT, created_at__gte=since, **match
    ).count()


class ThrottledPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs) -> None:
        self._request = request
        self._address = self.cleaned_data["email"].strip().lower()
        self._found = False
        if _sent_last_hour(email=self._address) >= settings.PASSWORD_RESET_MAILS_PER_HOUR:
            self._log(detail=ADDRESS_LIMIT)
            return
        super().save(*args, request=request, **kwargs)
        if not self._found:
            self._log(detail=UNKNOWN)

    def get_users(self, email):
        """The accounts Django would mail, less those that had their share this hour; each one
        mailed or refused is logged."""
        for user in super().get_users(email):
            self._found = True
            if _sent_last_hour(subject=user) >= settings.PASSWORD_RESET_MAILS_PER_HOUR:
                self._log(detail=ACCOUNT_LIMIT, subject=user)
                continue
            self._log(detail=SENT, subject=user)
            yield user

    def _log(self, *, detail: str, subject=None) -> None:
        security_event_record(
            kind=SecurityEvent.Kind.PASSWORD_RESET, request=self._request, subject=subject,
            email=self._address, detail=detail,
        )
