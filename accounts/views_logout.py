"""/accounts/logout/ (POST): Django's logout, which after a sign-in through the identity provider
also sends the browser to the provider's end-session address (accounts/oidc_logout.py).

Not by a redirect: the pages' Content-Security-Policy allows forms to post to this site only
(`form-action 'self'`), and browsers hold the redirects after a form's POST to it too. The answer
is a page here that goes on to the provider at once (a refresh, not a form) and has a link to it."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import oidc_logout


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        at_provider = oidc_logout.provider_logout_url(request=request)  # read before the session ends
        response = super().post(request, *args, **kwargs)
        if not at_provider:
            return response
        context = {"provider_url": at_provider, "provider_name": settings.OIDC_PROVIDER_NAME}
        return render(request, "registration/logged_out_provider.html", context)
