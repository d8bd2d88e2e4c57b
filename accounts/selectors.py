"""What the account pages read: the accounts with their roles and status, one account's history,
and a page of the security log."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from django.contrib.auth.models import Group
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet

from accounts.models import AccountChange, SecurityEvent
from accounts.services import PROVIDER_USERNAME, ROLES
from accounts.two_factor_devices import recovery_codes_left
from grading.services.privacy import ERASED_NAME, SYSTEM_USERNAME

LOG_PAGE_SIZE = 50

INVITED = "uitgenodigd"
ACTIVE = "actief"
INACTIVE = "gedeactiveerd"


@dataclass(frozen=True)
class UserRow:
    user: object
    roles: list[str]
    status: str


def managed_users() -> QuerySet:
    """Every account a person uses: not the privacy system account, not the identity provider's,
    not an erased person."""
    erased = Q(first_name=ERASED_NAME, is_active=False, email="")
    return get_user_model().objects.exclude(username__in=[SYSTEM_USERNAME, PROVIDER_USERNAME]).exclude(erased)


def user_status(user) -> str:
    if not user.is_active:
        return INACTIVE
    return ACTIVE if user.has_usable_password() or _signs_in_by_provider(user) else INVITED


def _signs_in_by_provider(user) -> bool:
    try:
        return user.oidc_identity is not None
    except ObjectDoesNotExist:
        return False


def user_roles(user) -> list[str]:
    names = {group.name for group in user.groups.all()}
    return [role for role in ROLES if role in names]


def user_rows() -> list[UserRow]:
    users = (
        managed_users().select_related("oidc_identity")
        .prefetch_related(Prefetch("groups", queryset=Group.objects.only("name"))).order_by("username")
    )
    return [UserRow(user=user, roles=user_roles(user), status=user_status(user)) for user in users]


def user_history(user) -> QuerySet:
    return AccountChange.objects.filter(user=user).select_related("by")


def security_log_page(*, number) -> Page:
    """One page of the log, newest first; a page number that is no number or too high gives
    the first or the last page."""
    events = SecurityEvent.objects.select_related("actor", "subject").order_by("-created_at", "-id")
    return Paginator(events, LOG_PAGE_SIZE).get_page(number)


@dataclass(frozen=True)
class TwoFactorStatus:
    enrolled_at: object  # when the authenticator app was confirmed; None without one
    codes_left: int


def two_factor_status(user) -> TwoFactorStatus:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
    return TwoFactorStatus(enrolled_at=device.created_at if device else None, codes_left=recovery_codes_left(user=user))
