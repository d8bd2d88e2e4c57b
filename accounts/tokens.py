"""The one-time link of an invitation: Django's password-reset signing with its own salt and
lifetime (settings.INVITATION_HOURS).

The token signs the account's password hash, last sign-in, e-mail address and whether it is
active, so it stops working once the password is set, when the account is deactivated, or when
a new invitation is sent (that one sets a new unusable password). It is no password-reset token:
the salt differs.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.InvitationTokenGenerator"

    def _make_hash_value(self, user, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{int(user.is_active)}"

    def check_token(self, user, token) -> bool:
        """Signed for this account as it is now, and younger than INVITATION_HOURS. Django's own
        check also holds the token to PASSWORD_RESET_TIMEOUT, so that is lifted here."""
        if not (user and token) or token.count("-") != 1:
            return False
        try:
            issued = base36_to_int(token.partition("-")[0])
        except ValueError:
            return False
        if self._num_seconds(self._now()) - issued > settings.INVITATION_HOURS * 3600:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, issued, secret), token):
                return True
        return False


invitation_tokens = InvitationTokenGenerator()
