"""What the functional administrator changes about accounts: invite, give and take roles,
deactivate and reactivate. The one place where roles change: single sign-on (oidc_accounts.py)
calls `user_roles_set` with the roles its groups claim carries, as the identity provider's account.

Every change is kept as an `AccountChange` (who, whose account, when, what) and as a line in the
security log with the address it came from. Nobody changes his own roles or deactivates himself,
and only a superuser changes a superuser's account. Taking a role or deactivating an account ends
that user's sessions.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import sessions, two_factor_devices
from accounts.models import AccountChange, OidcIdentity, SecurityEvent
from accounts.security_log import security_event_record
from accounts.tokens import invitation_tokens
from grading.roles import FUNCTIONAL_ADMIN, HR_ADVISER, MANAGER

logger = logging.getLogger(__name__)

ROLES = (MANAGER, HR_ADVISER, FUNCTIONAL_ADMIN)  # the order the pages show them in

NOT_YOUR_OWN_ROLES = "U kunt uw eigen rollen niet wijzigen; vraag dat een andere functioneel beheerder."
NOT_YOURSELF = "U kunt uw eigen account niet deactiveren."
SUPERUSER_ONLY = "Dit is een account met alle rechten (superuser); alleen een andere superuser wijzigt het."
EMAIL_TAKEN = "Er is al een account met dit e-mailadres."
USERNAME_TAKEN = "Deze gebruikersnaam is al in gebruik."
UNKNOWN_ROLE = "Onbekende rol: %(role)s."
HAS_PASSWORD = "Dit account heeft al een wachtwoord; het heeft geen uitnodiging nodig."
NO_EMAIL = "Dit account heeft geen e-mailadres; een uitnodiging kan niet worden verstuurd."
INACTIVE = "Dit account is gedeactiveerd; maak het eerst weer actief."
SIGNS_IN_BY_PROVIDER = (
    "Dit account logt in via de identiteitsprovider en heeft geen wachtwoord nodig; een uitnodiging kan niet "
    "worden verstuurd."
)
NOT_YOUR_OWN_TWO_FACTOR = (
    "U kunt uw eigen tweestapsverificatie niet wissen; vraag dat een andere functioneel beheerder."
)
NO_TWO_FACTOR = "Dit account heeft geen tweestapsverificatie ingesteld; er is niets te wissen."

ROLES_FROM_PROVIDER = (
    "De rollen van dit account komen van de identiteitsprovider en volgen bij elke aanmelding de groepen "
    "daar; wijzig ze in de identiteitsprovider."
)

INVITATION_SUBJECT = "Uitnodiging voor Functiewaardering"

# The account that single sign-on's role changes are kept under ("door Identiteitsprovider").
PROVIDER_USERNAME = "identiteitsprovider"
PROVIDER_NAME = "Identiteitsprovider"


def roles_of(user) -> list[str]:
    """The user's roles, in the order of ROLES."""
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in ROLES if role in names]


def provider_account():
    """The identity provider as the author of the changes it makes; inactive, without password."""
    user, created = get_user_model().objects.get_or_create(
        username=PROVIDER_USERNAME, defaults={"first_name": PROVIDER_NAME, "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def roles_from_provider(user) -> bool:
    """With OIDC_ROLE_MAP, an account that signs in through the provider takes its roles from it."""
    return bool(settings.OIDC_ROLE_MAP) and OidcIdentity.objects.filter(user_id=user.pk).exists()


def _locked(user):
    return get_user_model().objects.select_for_update().get(pk=user.pk)


def _may_change(user, by, *, own_message: str) -> None:
    if user.pk == by.pk:
        raise ValidationError(own_message, code="own")
    if user.is_superuser and not by.is_superuser:
        raise ValidationError(SUPERUSER_ONLY, code="superuser")


def _record(user, kind: str, *, by, ip: str | None, role: str = "") -> AccountChange:
    change = AccountChange.objects.create(user=user, kind=kind, role=role, by=by)
    log_kind = SecurityEvent.Kind.ROLE_CHANGE if role else SecurityEvent.Kind.ACCOUNT_CHANGE
    security_event_record(kind=log_kind, actor=by, subject=user, ip=ip, detail=change.description())
    return change


@transaction.atomic
def user_invite(
    *, email: str, first_name: str, last_name: str, username: str = "", roles: Iterable[str] = (), by, ip: str | None
):
    """A new account without a password, with its roles; `invitation_mail_send` then mails the
    link to choose one. The user name is the e-mail address unless one is given."""
    User = get_user_model()
    email = User.objects.normalize_email(email.strip()).lower()
    username = (username.strip() or email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": EMAIL_TAKEN})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": USERNAME_TAKEN})
    user = User(username=username, email=email, first_name=first_name.strip(), last_name=last_name.strip())
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    _record(user, AccountChange.Kind.INVITED, by=by, ip=ip)
    _grant_and_take(user, wanted=set(roles), by=by, ip=ip)
    return user


@transaction.atomic
def invitation_renew(*, user, by, ip: str | None):
    """A fresh link for an account that has no password yet; the earlier link stops working. An
    account linked to the identity provider gets none: it signs in there, and a link would give it
    a password beside it."""
    user = _locked(user)
    _may_change(user, by, own_message=HAS_PASSWORD)
    if OidcIdentity.objects.filter(user_id=user.pk).exists():
        raise ValidationError(SIGNS_IN_BY_PROVIDER, code="provider")
    if user.has_usable_password():
        raise ValidationError(HAS_PASSWORD, code="has_password")
    if not user.email:
        raise ValidationError(NO_EMAIL, code="no_email")
    if not user.is_active:
        raise ValidationError(INACTIVE, code="inactive")
    user.set_unusable_password()  # a new hash: the token of the earlier mail no longer matches
    user.save(update_fields=["password"])
    _record(user, AccountChange.Kind.INVITATION_SENT, by=by, ip=ip)
    return user


def invitation_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return settings.SITE_URL + reverse("invitation_accept", args=[uid, invitation_tokens.make_token(user)])


def invitation_mail_send(*, user) -> bool:
    """Mail the link; False when the mail server refused (the account stays; send it again). With
    LOCAL_PASSWORDS=False there is no password to choose: the mail sends to the login page, where
    the person signs in with the organisation's account."""
    if settings.LOCAL_PASSWORDS:
        context = {"user": user, "link": invitation_link(user), "hours": settings.INVITATION_HOURS}
    else:
        context = {"user": user, "login": settings.SITE_URL + reverse("login"), "provider_name": settings.OIDC_PROVIDER_NAME}
    body = render_to_string("accounts/invitation_email.txt", context)
    try:
        send_mail(INVITATION_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=False)
    except Exception:  # any backend error: the caller tells the administrator to try again
        logger.warning("Sending the invitation to user %s failed", user.pk, exc_info=True)
        return False
    return True


@transaction.atomic
def invitation_accepted(*, user, ip: str | None) -> None:
    """The invited person chose a password (the view's form saved it)."""
    _record(user, AccountChange.Kind.PASSWORD_SET, by=user, ip=ip)


def oidc_identity_linked(*, user, ip: str | None) -> None:
    """A first sign-in through the identity provider linked this account (new or found by e-mail)."""
    _record(user, AccountChange.Kind.OIDC_LINKED, by=provider_account(), ip=ip)


@transaction.atomic
def user_roles_set(*, user, roles: Iterable[str], by, ip: str | None) -> tuple[list[str], list[str]]:
    """Give the roles in `roles` the user lacks and take the others; (given, taken). Taking a
    role ends the user's sessions."""
    user = _locked(user)
    _may_change(user, by, own_message=NOT_YOUR_OWN_ROLES)
    if by.get_username() != PROVIDER_USERNAME and roles_from_provider(user):
        raise ValidationError(ROLES_FROM_PROVIDER, code="from_provider")
    return _grant_and_take(user, wanted=set(roles), by=by, ip=ip)


def _grant_and_take(user, *, wanted: set[str], by, ip: str | None) -> tuple[list[str], list[str]]:
    unknown = sorted(wanted - set(ROLES))
    if unknown:
        raise ValidationError(UNKNOWN_ROLE, params={"role": ", ".join(unknown)}, code="unknown_role")
    groups = {group.name: group for group in Group.objects.filter(name__in=ROLES)}
    current = set(roles_of(user))
    given = [role for role in ROLES if role in wanted - current]
    taken = [role for role in ROLES if role in current - wanted]
    for role in given:
        user.groups.add(groups[role])
        _record(user, AccountChange.Kind.ROLE_GRANTED, by=by, ip=ip, role=role)
    for role in taken:
        user.groups.remove(groups[role])
        _record(user, AccountChange.Kind.ROLE_TAKEN, by=by, ip=ip, role=role)
    if taken:
        sessions.sessions_end(user=user)
    return given, taken


@transaction.atomic
def user_deactivate(*, user, by, ip: str | None):
    """The account can no longer sign in and its sessions end; its history and requests stay."""
    user = _locked(user)
    _may_change(user, by, own_message=NOT_YOURSELF)
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        _record(user, AccountChange.Kind.DEACTIVATED, by=by, ip=ip)
    sessions.sessions_end(user=user)
    return user


@transaction.atomic
def user_reactivate(*, user, by, ip: str | None):
    user = _locked(user)
    _may_change(user, by, own_message=NOT_YOURSELF)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        _record(user, AccountChange.Kind.REACTIVATED, by=by, ip=ip)
    return user


@transaction.atomic
def user_two_factor_reset(*, user, by, ip: str | None):
    """The user lost his app (and recovery codes): both go, his sessions end, and at the next
    sign-in he sets up a new app (or signs in without one, where no second factor is required)."""
    user = _locked(user)
    _may_change(user, by, own_message=NOT_YOUR_OWN_TWO_FACTOR)
    if not two_factor_devices.two_factor_devices_delete(user=user):
        raise ValidationError(NO_TWO_FACTOR, code="no_two_factor")
    change = AccountChange.objects.create(user=user, kind=AccountChange.Kind.TWO_FACTOR_RESET, by=by)
    security_event_record(kind=SecurityEvent.Kind.MFA_RESET, actor=by, subject=user, ip=ip, detail=change.description())
    sessions.sessions_end(user=user)
    return user
