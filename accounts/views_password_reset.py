"""/accounts/wachtwoord-vergeten/ and /accounts/wachtwoord-herstellen/<uid>/<token>/: Django's
password reset (the request throttled by accounts/password_reset.py), refused with a Dutch 403
when LOCAL_PASSWORDS=False: there is then no password to reset, only the identity provider."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from accounts.password_reset import ThrottledPasswordResetForm

RESET_OFF = (
    "In deze organisatie logt u niet in met een wachtwoord, dus is er ook geen wachtwoord om te herstellen. "
    "Log in met {name}."
)


def passwords_off(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    """The page that says no password is used here, with the way to sign in instead."""
    context = {"message": message.format(name=settings.OIDC_PROVIDER_NAME), "provider_name": settings.OIDC_PROVIDER_NAME}
    return render(request, "registration/passwords_off.html", context, status=status)


class LocalPasswordsOnly:
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.LOCAL_PASSWORDS:
            return passwords_off(request, RESET_OFF, status=403)
        return super().dispatch(request, *args, **kwargs)


class PasswordResetView(LocalPasswordsOnly, auth_views.PasswordResetView):
    form_class = ThrottledPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class PasswordResetConfirmView(LocalPasswordsOnly, auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")
