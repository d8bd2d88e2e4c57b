"""/accounts/tweestapsverificatie/: the second step after a password sign-in, setting up an
authenticator app, and the recovery codes (shown once). Thin: the work is in
accounts.two_factor_devices, the policy in accounts.two_factor."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from accounts import two_factor
from accounts import two_factor_devices as devices
from accounts.forms import CodeForm
from accounts.security_log import client_ip

WRONG_CODE = "Deze code klopt niet. Controleer de code en probeer het opnieuw."
THROTTLED = "Te veel onjuiste codes. U kunt het om {time} opnieuw proberen."
NOT_VERIFIED = "Geef eerst de code van uw tweede stap; daarna kunt u nieuwe herstelcodes maken."
CODES_RENEWED = "Er zijn nieuwe herstelcodes gemaakt; de vorige werken niet meer."
CODES_SESSION_KEY = "fw_mfa_new_codes"


def _next_url(request: HttpRequest) -> str:
    """Where the user was headed: a path on this site, else the start page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return settings.LOGIN_REDIRECT_URL


def _with_next(view_name: str, request: HttpRequest) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': _next_url(request)})}"


def _code_error(check: devices.CodeCheck) -> str:
    if check.locked_until is None:
        return WRONG_CODE
    return THROTTLED.format(time=date_format(timezone.localtime(check.locked_until), "H:i:s"))


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    step = two_factor.second_factor_step(request)
    if step == two_factor.SET_UP:
        return redirect(_with_next("two_factor_set_up", request))
    if step is None:
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = devices.second_factor_check(user=request.user, code=form.cleaned_data["code"], ip=client_ip(request))
        if check.accepted:
            otp_login(request, check.device)
            return redirect(_next_url(request))
        form.add_error("code", _code_error(check))
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_set_up(request: HttpRequest) -> HttpResponse:
    """Without an app: its secret (text and QR) and the first code that confirms it. With one:
    whether it is in use and how many recovery codes are left, and new recovery codes."""
    user = request.user
    if two_factor.has_authenticator(user):
        if not two_factor.is_verified(request):
            return redirect(_with_next("two_factor_verify", request))
        context = {"codes_left": devices.recovery_codes_left(user=user)}
        return render(request, "accounts/two_factor_status.html", context)
    device = devices.authenticator_pending(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = devices.authenticator_confirm(user=user, device=device, code=form.cleaned_data["code"], ip=client_ip(request))
        if check.accepted:
            otp_login(request, check.device)
            request.session[CODES_SESSION_KEY] = check.recovery_codes
            return redirect(_with_next("two_factor_codes", request))
        form.add_error("code", _code_error(check))
    context = {
        "form": form, "next": _next_url(request), "secret": devices.secret_text(device),
        "qr": devices.qr_data_uri(device), "recovery_count": settings.TWO_FACTOR_RECOVERY_CODES,
        "required": settings.TWO_FACTOR_REQUIRED and two_factor.must_use_two_factor(user),
    }
    return render(request, "accounts/two_factor_set_up.html", context, status=400 if request.method == "POST" else 200)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def two_factor_codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, once: they leave the session as the page shows them."""
    codes = request.session.pop(CODES_SESSION_KEY, None) if request.method == "GET" else None
    return render(request, "accounts/two_factor_codes.html", {"codes": codes or [], "next": _next_url(request)})


@login_required
@require_POST
def two_factor_codes_renew(request: HttpRequest) -> HttpResponse:
    if not (two_factor.has_authenticator(request.user) and two_factor.is_verified(request)):
        messages.warning(request, NOT_VERIFIED)
        return redirect("two_factor_set_up")
    request.session[CODES_SESSION_KEY] = devices.recovery_codes_renew(user=request.user, ip=client_ip(request))
    messages.success(request, CODES_RENEWED)
    return redirect("two_factor_codes")
