"""/accounts/logout/ (POST): Django's logout, which after a sign-in through the identity provider
also sends the browser to the provider's end-session address (accounts/oidc_logout.py)."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from accounts import oidc_logout


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        at_provider = oidc_logout.provider_logout_url(request=request)  # read before the session ends
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(at_provider) if at_provider else response
