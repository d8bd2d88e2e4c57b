"""/accounts/uitnodiging/<uid>/<token>/: the invited person chooses a password, once.

Django's password-reset confirmation with the invitation's token: it moves the token out of the
address into the session before showing the form (so it leaks into no Referer header), and a
link that is used, expired or altered gets a Dutch page with a 400. With LOCAL_PASSWORDS=False
there is no password to choose: the page sends the person to the identity provider instead (and
refuses a password POST with a 403)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy

from accounts import services
from accounts.security_log import client_ip
from accounts.tokens import invitation_tokens
from accounts.views_password_reset import passwords_off

PASSWORD_CHOSEN = "Uw wachtwoord is ingesteld. Log in met uw gebruikersnaam {username} en dat wachtwoord."
NO_PASSWORD_HERE = (
    "Welkom bij Functiewaardering. U kiest hier geen wachtwoord: in deze organisatie logt u in met {name}."
)


class InvitationAcceptView(PasswordResetConfirmView):
    token_generator = invitation_tokens
    template_name = "accounts/invitation_accept.html"
    reset_url_token = "wachtwoord-kiezen"
    success_url = reverse_lazy("login")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.LOCAL_PASSWORDS:
            return passwords_off(request, NO_PASSWORD_HERE, status=200 if request.method in ("GET", "HEAD") else 403)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        services.invitation_accepted(user=form.user, ip=client_ip(self.request))
        messages.success(self.request, PASSWORD_CHOSEN.format(username=form.user.get_username()))
        return response

    def render_to_response(self, context, **kwargs):
        if not context.get("validlink"):
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)
