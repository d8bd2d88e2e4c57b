"""/accounts/uitnodiging/<uid>/<token>/: the invited person chooses a password, once.

Django's password-reset confirmation with the invitation's token: it moves the token out of the
address into the session before showing the form (so it leaks into no Referer header), and a
link that is used, expired or altered gets a Dutch page with a 400."""

from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.urls import reverse_lazy

from accounts import services
from accounts.security_log import client_ip
from accounts.tokens import invitation_tokens

PASSWORD_CHOSEN = "Uw wachtwoord is ingesteld. Log in met uw gebruikersnaam {username} en dat wachtwoord."


class InvitationAcceptView(PasswordResetConfirmView):
    token_generator = invitation_tokens
    template_name = "accounts/invitation_accept.html"
    reset_url_token = "wachtwoord-kiezen"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.invitation_accepted(user=form.user, ip=client_ip(self.request))
        messages.success(self.request, PASSWORD_CHOSEN.format(username=form.user.get_username()))
        return response

    def render_to_response(self, context, **kwargs):
        if not context.get("validlink"):
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)
