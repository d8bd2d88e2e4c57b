"""/accounts/login/: Django's login page, with the single sign-on button when it is configured,
and without the password form when LOCAL_PASSWORDS=False (a password POST is then refused)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

PASSWORDS_OFF = "Inloggen met een wachtwoord is uitgeschakeld in deze organisatie. Log in met {name}."


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            oidc_enabled=settings.OIDC_ENABLED, provider_name=settings.OIDC_PROVIDER_NAME,
            local_passwords=settings.LOCAL_PASSWORDS,
        )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.LOCAL_PASSWORDS:
            message = PASSWORDS_OFF.format(name=settings.OIDC_PROVIDER_NAME)
            return self.render_to_response(self.get_context_data(passwords_off=message), status=403)
        return super().post(request, *args, **kwargs)
