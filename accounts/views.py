"""/beheer/gebruikers/ and /beheer/beveiligingslog/: the functional administrator's account pages.
Thin: the work is in accounts.services, the reading in accounts.selectors."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import selectors, services
from accounts.forms import InviteForm, RolesForm
from accounts.security_log import client_ip

MANAGE_USERS = "accounts.manage_users"
VIEW_LOG = "accounts.view_securityevent"

INVITED = "{name} is uitgenodigd; de link om een wachtwoord te kiezen is gemaild naar {email}."
INVITED_TO_PROVIDER = "{name} is uitgenodigd; de mail naar {email} zegt hoe hij of zij met {provider} inlogt."
INVITATION_RENEWED = "Een nieuwe uitnodiging is gemaild naar {email}; de vorige link werkt niet meer."
MAIL_FAILED = (
    "Het account van {name} is er, maar de mail kon niet worden verstuurd. Probeer het later opnieuw "
    "met „Uitnodiging opnieuw sturen”."
)
ROLES_SAVED = "De rollen van {name} zijn opgeslagen."
ROLES_UNCHANGED = "De rollen van {name} waren al zo; er is niets veranderd."
DEACTIVATED = "Het account van {name} is gedeactiveerd; wie ermee was ingelogd, is uitgelogd."
REACTIVATED = "Het account van {name} is weer actief."
TWO_FACTOR_RESET = (
    "De tweestapsverificatie van {name} is gewist en wie ermee was ingelogd, is uitgelogd. Bij het volgende "
    "inloggen stelt {name} een nieuwe authenticator-app in."
)


def manage_users(view):
    return login_required(permission_required(MANAGE_USERS, raise_exception=True)(view))


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _trail(user=None) -> list:
    if user is None:
        return [("Gebruikers", None)]
    return [("Gebruikers", reverse("accounts:user_list")), (_name(user), None)]


@manage_users
@require_safe
def user_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/user_list.html", {"rows": selectors.user_rows(), "trail": _trail()})


@manage_users
@require_http_methods(["GET", "HEAD", "POST"])
def user_invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_invite(**form.cleaned_data, by=request.user, ip=client_ip(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _mail_invitation(request, user, INVITED if settings.LOCAL_PASSWORDS else INVITED_TO_PROVIDER)
            return redirect("accounts:user_detail", pk=user.pk)
    trail = [("Gebruikers", reverse("accounts:user_list")), ("Uitnodigen", None)]
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form, "trail": trail, "hours": settings.INVITATION_HOURS, "local_passwords": settings.LOCAL_PASSWORDS,
        "provider_name": settings.OIDC_PROVIDER_NAME,
    }
    return render(request, "accounts/user_invite.html", context, status=status)


def _mail_invitation(request: HttpRequest, user, done: str) -> None:
    if services.invitation_mail_send(user=user):
        messages.success(request, done.format(name=_name(user), email=user.email, provider=settings.OIDC_PROVIDER_NAME))
    else:
        messages.warning(request, MAIL_FAILED.format(name=_name(user)))


def _detail(request: HttpRequest, user, *, form=None, error: str = "", status: int = 200) -> HttpResponse:
    roles = selectors.user_roles(user)
    context = {
        "person": user, "roles": roles, "status": selectors.user_status(user), "error": error,
        "form": form or RolesForm(initial={"roles": roles}), "history": selectors.user_history(user),
        "is_self": user.pk == request.user.pk, "trail": _trail(user), "two_factor": selectors.two_factor_status(user),
        "roles_from_provider": services.roles_from_provider(user), "provider_name": settings.OIDC_PROVIDER_NAME,
        "local_passwords": settings.LOCAL_PASSWORDS,
    }
    return render(request, "accounts/user_detail.html", context, status=status)


@manage_users
@require_safe
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_object_or_404(selectors.managed_users(), pk=pk))


def _change(request: HttpRequest, pk: int, action: Callable, done: Callable[[object], str], form=None) -> HttpResponse:
    """Run a service on the account; on a refusal show the page with the message (400)."""
    user = get_object_or_404(selectors.managed_users(), pk=pk)
    if form is not None and not form.is_valid():
        return _detail(request, user, form=form, status=400)
    try:
        result = action(user)
    except ValidationError as error:
        return _detail(request, user, form=form, error=" ".join(error.messages), status=400)
    text = done(result)
    if text:
        messages.success(request, text.format(name=_name(user), email=user.email))
    return redirect("accounts:user_detail", pk=user.pk)


@manage_users
@require_POST
def user_roles(request: HttpRequest, pk: int) -> HttpResponse:
    form = RolesForm(request.POST)
    return _change(
        request, pk,
        lambda user: services.user_roles_set(user=user, roles=form.cleaned_data["roles"], by=request.user, ip=client_ip(request)),
        lambda changed: ROLES_SAVED if any(changed) else ROLES_UNCHANGED, form=form,
    )


@manage_users
@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(request, pk, lambda user: services.user_deactivate(user=user, by=request.user, ip=client_ip(request)),
                   lambda user: DEACTIVATED)


@manage_users
@require_POST
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(request, pk, lambda user: services.user_reactivate(user=user, by=request.user, ip=client_ip(request)),
                   lambda user: REACTIVATED)


@manage_users
@require_POST
def user_two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(request, pk, lambda user: services.user_two_factor_reset(user=user, by=request.user, ip=client_ip(request)),
                   lambda user: TWO_FACTOR_RESET)


@manage_users
@require_POST
def invitation_renew(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(selectors.managed_users(), pk=pk)
    try:
        user = services.invitation_renew(user=user, by=request.user, ip=client_ip(request))
    except ValidationError as error:
        return _detail(request, user, error=" ".join(error.messages), status=400)
    _mail_invitation(request, user, INVITATION_RENEWED)
    return redirect("accounts:user_detail", pk=user.pk)


@login_required
@permission_required(VIEW_LOG, raise_exception=True)
@require_safe
def security_log(request: HttpRequest) -> HttpResponse:
    page = selectors.security_log_page(number=request.GET.get("pagina"))
    return render(request, "accounts/security_log.html", {"page": page, "trail": [("Beveiligingslog", None)]})
