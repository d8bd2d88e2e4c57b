"""What a sign-in through the identity provider does to the accounts: find the account by the
provider's `sub` (or, when OIDC_MATCH_EMAIL=True, a first time by e-mail address), or make one;
bring its name and e-mail address up to date; and with OIDC_ROLE_MAP give it the roles its groups
claim carries, through services.user_roles_set as the identity provider's account. Whether the
provider used a second factor is read from the ID token's `amr` or `acr`.
"""

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from accounts import services
from accounts.models import OidcIdentity, SecurityEvent
from accounts.security_log import OIDC, security_event_record
from grading.services.privacy import SYSTEM_USERNAME

NO_SUBJECT = "De identiteitsprovider gaf geen vaste kenmerk (sub) van deze persoon mee."
INACTIVE = "Dit account is gedeactiveerd. Vraag de functioneel beheerder om het weer te activeren."
EMAIL_AMBIGUOUS = (
    "Er is meer dan één account met dit e-mailadres; de functioneel beheerder moet dat eerst oplossen."
)
CONCURRENT = (
    "Uw account werd op hetzelfde moment ook vanuit een andere aanmelding aangemaakt. Begin opnieuw op de inlogpagina."
)

# How often a first sign-in reads again after losing the race for the account to another sign-in
# (the same person in two tabs, or two people with the same user name at once).
ATTEMPTS = 3

# RFC 8176 methods that are a second factor or more than one factor; ADFS names its multi-factor
# sign-in with a URI.
MFA_METHODS = frozenset({
    "mfa", "mca", "otp", "hwk", "swk", "sms", "tel", "fpt", "face", "iris", "retina", "vbm", "sc",
    "http://schemas.microsoft.com/claims/multipleauthn",
})


class AccountRefused(Exception):
    """The person may not sign in; the message is Dutch, for the page."""

    def __init__(self, message: str, *, reason: str):
        super().__init__(message)
        self.message = message
        self.reason = reason


def mfa_by_provider(id_claims: Mapping) -> bool:
    """Whether the ID token says a second factor was used: an `amr` method of MFA_METHODS, or an
    `acr` listed in OIDC_MFA_ACR_VALUES."""
    amr = id_claims.get("amr")
    methods = [amr] if isinstance(amr, str) else amr if isinstance(amr, list) else []
    if any(isinstance(method, str) and method.lower() in MFA_METHODS for method in methods):
        return True
    acr = id_claims.get("acr")
    return isinstance(acr, str) and acr in settings.OIDC_MFA_ACR_VALUES


def roles_from_groups(groups: object) -> list[str]:
    """The roles whose mapped group is in the claim (a list of names, or one name)."""
    if isinstance(groups, str):
        names = {groups}
    elif isinstance(groups, list):
        names = {group for group in groups if isinstance(group, str)}
    else:
        names = set()  # no claim, or one of another shape: no role
    return [role for role in services.ROLES if names & set(settings.OIDC_ROLE_MAP.get(role, ()))]


@transaction.atomic
def oidc_user_sign_in(*, issuer: str, claims: Mapping, ip: str | None):
    """The account this person signs in to, brought up to date; raises AccountRefused."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise AccountRefused(NO_SUBJECT, reason="geen sub")
    user = _account(issuer=issuer, subject=subject, claims=claims, ip=ip)
    _profile_update(user, claims)
    if settings.OIDC_ROLE_MAP and not user.is_superuser:  # a superuser has every permission anyway
        roles = roles_from_groups(claims.get(settings.OIDC_GROUPS_CLAIM))
        services.user_roles_set(user=user, roles=roles, by=services.provider_account(), ip=ip)
    return user


def _account(*, issuer: str, subject: str, claims: Mapping, ip: str | None):
    """The account of the identity, found, matched by e-mail address or made and linked.

    Two first sign-ins of one person at once (two tabs, a double click) both find no identity;
    the second one's insert then breaks a unique constraint (the identity, the account's user
    name, or the account already linked). Its savepoint undoes only that attempt, and the next
    one reads the identity the first sign-in committed."""
    for _attempt in range(ATTEMPTS):
        identity = (
            OidcIdentity.objects.select_for_update().select_related("user").filter(issuer=issuer, subject=subject).first()
        )
        user = identity.user if identity is not None else _matched_by_email(claims)
        if user is not None and not user.is_active:
            raise AccountRefused(INACTIVE, reason="account gedeactiveerd")
        if identity is not None:
            return user
        try:
            with transaction.atomic():
                user = user or _created(claims)
                OidcIdentity.objects.create(user=user, issuer=issuer, subject=subject)
        except IntegrityError:
            continue
        services.oidc_identity_linked(user=user, ip=ip)
        return user
    raise AccountRefused(CONCURRENT, reason="gelijktijdige eerste aanmelding")


def oidc_sign_in_failed(*, request, reason: str, subject: str = "") -> None:
    """A refused sign-in through the provider, in the security log."""
    security_event_record(
        kind=SecurityEvent.Kind.LOGIN_FAILED, request=request, username=subject, method=OIDC, detail=reason,
    )


def _email(claims: Mapping) -> str:
    email = claims.get("email")
    return get_user_model().objects.normalize_email(email.strip()).lower() if isinstance(email, str) else ""


def _matched_by_email(claims: Mapping):
    """With OIDC_MATCH_EMAIL, the one account with this address that no provider identity has yet
    (an address the provider says it did not verify matches nothing)."""
    email = _email(claims)
    if not settings.OIDC_MATCH_EMAIL or not email or claims.get("email_verified") is False:
        return None
    linked = OidcIdentity.objects.values("user_id")
    users = list(get_user_model().objects.select_for_update().filter(email__iexact=email).exclude(pk__in=linked)[:2])
    if len(users) > 1:
        raise AccountRefused(EMAIL_AMBIGUOUS, reason="e-mailadres bij meer accounts")
    return users[0] if users else None


def _created(claims: Mapping):
    User = get_user_model()
    wanted = next(
        (value.strip() for value in _text_claims(claims, ("preferred_username", "email", "sub")) if value.strip()), ""
    )
    base = wanted[:140]
    username, number = base, 1
    while username.lower() in (services.PROVIDER_USERNAME, SYSTEM_USERNAME) or User.objects.filter(
        username__iexact=username
    ).exists():
        number += 1
        username = f"{base}-{number}"
    user = User(username=username)
    user.set_unusable_password()
    user.save()
    return user


def _text_claims(claims: Mapping, names: Iterable[str]) -> list[str]:
    return [claims[name] for name in names if isinstance(claims.get(name), str)]


def _profile_update(user, claims: Mapping) -> None:
    """Name and e-mail address as the provider has them; an address another account already uses
    is left as it is."""
    first = claims.get("given_name") if isinstance(claims.get("given_name"), str) else None
    last = claims.get("family_name") if isinstance(claims.get("family_name"), str) else None
    if first is None and last is None and isinstance(claims.get("name"), str):
        first, last = claims["name"], ""
    fields = {}
    if first is not None:
        fields["first_name"] = first.strip()[:150]
    if last is not None:
        fields["last_name"] = last.strip()[:150]
    email = _email(claims)
    if email and email != user.email and not get_user_model().objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        fields["email"] = email
    changed = [name for name, value in fields.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, fields[name])
    if changed:
        user.save(update_fields=changed)
