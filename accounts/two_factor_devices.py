"""The second factor's devices: setting up an authenticator app (TOTP), the recovery codes, and
checking a code at sign-in. Built on django-otp, whose throttle makes each try after a wrong code
wait 1, 2, 4, 8 … seconds (per device, in the database, so for every process alike).

A failed try is never rolled back: django-otp counts it in its own transaction, so these functions
return what happened instead of raising. Every outcome is a line in the security log.
"""

import re
from base64 import b32encode
from dataclasses import dataclass, field
from datetime import datetime

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecurityEvent
from accounts.security_log import security_event_record

AUTHENTICATOR = "authenticator-app"  # the method in the security log
RECOVERY_CODE = "herstelcode"
LOCKED = "te veel onjuiste codes"
AT_SET_UP = "bij het instellen"

_TOTP_CODE = re.compile(r"\d{6}")


@dataclass(frozen=True)
class CodeCheck:
    """What a code did: the device that accepted it, or until when no code is tried (throttle)."""

    device: Device | None = None
    locked_until: datetime | None = None
    recovery_codes: list[str] = field(default_factory=list)  # new codes, after setting up

    @property
    def accepted(self) -> bool:
        return self.device is not None


def code_normalised(code: str) -> str:
    """Spaces and hyphens go (people copy '123 456' or 'abcd-efgh'); recovery codes are lower case."""
    return re.sub(r"[\s-]", "", code or "").lower()[:32]


def authenticator_pending(*, user) -> TOTPDevice:
    """The app being set up: the user's unconfirmed device, made on the first visit, so that the
    secret stays the same when the page is opened again."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as an app asks it when typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code, an SVG in a data: address (no script, no Pillow)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=4, dark="#000", light="#fff")


def _throttled_until(device: Device) -> datetime | None:
    """Until when the device tries no code; a try before then counts as one more wrong code
    (django-otp's TOTP device does so itself; the recovery codes here do the same), so hammering
    only makes the wait longer."""
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        locked.throttle_increment(commit=True)
    return locked.verify_is_allowed()[1]["locked_until"]


def authenticator_confirm(*, user, device: TOTPDevice, code: str, ip: str | None) -> CodeCheck:
    """The first code from the app confirms it: the device counts from now on, any older app of
    the user goes, and ten new recovery codes replace the old ones."""
    code = code_normalised(code)
    locked = _throttled_until(device)
    if locked is None and verify_token(user, device.persistent_id, code) is not None:
        with transaction.atomic():
            device.refresh_from_db()
            device.confirmed = True
            device.created_at = timezone.now()  # in use from now, not from the page's first visit
            device.save(update_fields=["confirmed", "created_at"])
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            codes = recovery_codes_renew(user=user, ip=ip, log=False)
            security_event_record(kind=SecurityEvent.Kind.MFA_ENROLLED, actor=user, ip=ip, method=AUTHENTICATOR)
        return CodeCheck(device=device, recovery_codes=codes)
    detail = f"{AT_SET_UP}, {LOCKED}" if locked else AT_SET_UP
    security_event_record(kind=SecurityEvent.Kind.MFA_FAILED, actor=user, ip=ip, method=AUTHENTICATOR, detail=detail)
    return CodeCheck(locked_until=locked)


def recovery_codes_renew(*, user, ip: str | None, log: bool = True) -> list[str]:
    """New recovery codes; the earlier ones stop working. The device itself stays, so a session
    that a recovery code verified stays verified."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Herstelcodes", "confirmed": True})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        if log:
            security_event_record(kind=SecurityEvent.Kind.MFA_CODES_RENEWED, actor=user, ip=ip)
    return codes


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_factor_check(*, user, code: str, ip: str | None) -> CodeCheck:
    """A code at sign-in: six digits go to the app, anything else is a recovery code (used once)."""
    code = code_normalised(code)
    is_totp = bool(_TOTP_CODE.fullmatch(code))
    model = TOTPDevice if is_totp else StaticDevice
    method = AUTHENTICATOR if is_totp else RECOVERY_CODE
    device = model.objects.filter(user=user, confirmed=True).order_by("id").first()
    locked = _throttled_until(device) if device is not None else None
    if device is not None and locked is None:
        accepted = verify_token(user, device.persistent_id, code)
        if accepted is not None:
            security_event_record(kind=SecurityEvent.Kind.MFA_VERIFIED, actor=user, ip=ip, method=method)
            return CodeCheck(device=accepted)
    security_event_record(
        kind=SecurityEvent.Kind.MFA_FAILED, actor=user, ip=ip, method=method, detail=LOCKED if locked else ""
    )
    return CodeCheck(locked_until=locked)


def two_factor_devices_delete(*, user) -> bool:
    """The user's app and recovery codes go (a reset, an erasure); False when there were none."""
    deleted = 0
    for model in (TOTPDevice, StaticDevice):
        count, _ = model.objects.filter(user=user).delete()
        deleted += count
    return deleted > 0
