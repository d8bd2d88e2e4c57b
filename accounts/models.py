"""Accounts: the history of every change to a user's account and roles, the security log, and the
session keys per user (so that taking a role or deactivating an account ends that user's sessions).

`AccountChange` is append-only and kept: who changed whose account, when, and what. `SecurityEvent`
is append-only too, but `manage.py prune_security_log` removes lines older than
`settings.SECURITY_LOG_DAYS`. Neither stores a person's name as text, only the account (which an
erasure makes anonymous), except the user name typed at a failed sign-in.
"""

from django.conf import settings
from django.db import models

from functiewaardering.append_only import AppendOnlyError, AppendOnlyModel  # noqa: F401  (tests name the error here)


class LogModel(AppendOnlyModel):
    APPEND_ONLY = "Dit gegeven hoort bij een logboek en kan niet worden gewijzigd of verwijderd."

    class Meta:
        abstract = True


class AccountChange(LogModel):
    """One change to one account: an invitation, a role given or taken, (re)activation."""

    class Kind(models.TextChoices):
        INVITED = "invited", "uitgenodigd"
        INVITATION_SENT = "invitation_sent", "uitnodiging opnieuw verstuurd"
        PASSWORD_SET = "password_set", "wachtwoord ingesteld via de uitnodiging"
        ROLE_GRANTED = "role_granted", "rol gegeven"
        ROLE_TAKEN = "role_taken", "rol afgenomen"
        DEACTIVATED = "deactivated", "gedeactiveerd"
        REACTIVATED = "reactivated", "weer actief gemaakt"
        TWO_FACTOR_RESET = "two_factor_reset", "tweestapsverificatie gewist"
        OIDC_LINKED = "oidc_linked", "gekoppeld aan de identiteitsprovider"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="account_changes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    role = models.CharField(max_length=150, blank=True)  # the group, for a role given or taken
    # Who made the change; the user himself when he sets his password from the invitation.
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("manage_users", "Kan gebruikers uitnodigen en hun rollen en status wijzigen")]

    def __str__(self) -> str:
        return self.description()

    def description(self) -> str:
        label = self.get_kind_display()
        return f"{label}: {self.role}" if self.role else label


class SecurityEvent(LogModel):
    """One line of the security log: who did what, when, and from which address."""

    class Kind(models.TextChoices):
        LOGIN = "login", "aangemeld"
        LOGIN_FAILED = "login_failed", "aanmelden mislukt"
        LOGOUT = "logout", "afgemeld"
        PASSWORD_RESET = "password_reset", "wachtwoordherstel gevraagd"
        ACCOUNT_CHANGE = "account_change", "account gewijzigd"
        ROLE_CHANGE = "role_change", "rol gewijzigd"
        EXPORT = "export", "export"
        ERASURE = "erasure", "persoon gewist"
        MFA_ENROLLED = "mfa_enrolled", "tweestapsverificatie ingesteld"
        MFA_VERIFIED = "mfa_verified", "tweede stap geslaagd"
        MFA_FAILED = "mfa_failed", "tweede stap mislukt"
        MFA_CODES_RENEWED = "mfa_codes_renewed", "herstelcodes vernieuwd"
        MFA_RESET = "mfa_reset", "tweestapsverificatie gewist"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Who acted; empty for a failed sign-in, a reset request or a command line (erasure). A user
    # deleted in /admin/ leaves his lines, without the link (the application itself never deletes
    # a user: an erasure makes the account anonymous).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The account the line is about, where that is not the actor (a role given, a reset asked).
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)  # as typed at a failed sign-in
    email = models.EmailField(blank=True)  # as typed at a password-reset request (the throttle counts it)
    method = models.CharField(max_length=20, blank=True)  # how someone signed in: "wachtwoord", "OIDC"
    detail = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_kind_display()}"


class UserSession(models.Model):
    """A session key of a signed-in user, so that his sessions can be ended in any session store."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"sessie van gebruiker {self.user_id}"


class OidcIdentity(models.Model):
    """The account a person of the identity provider signs in to: the provider (its issuer) and
    the person's `sub` there, which never changes, unlike a name or an e-mail address."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oidc_identity")
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="accounts_oidc_identity_unique")]

    def __str__(self) -> str:
        return f"{self.subject} bij {self.issuer}"
