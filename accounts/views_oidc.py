"""/oidc/authenticate/ sends the browser to the identity provider, /oidc/callback/ takes it back.
Thin: the flow is mozilla-django-oidc's start view and accounts/oidc_sign_in.py; both answer 404
when single sign-on is not configured."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from accounts import oidc_provider, oidc_sign_in


def sign_in_failed(request: HttpRequest, message: str, status: int) -> HttpResponse:
    context = {"message": message, "provider_name": settings.OIDC_PROVIDER_NAME}
    return render(request, "registration/oidc_failed.html", context, status=status)


class OIDCStartView(OIDCAuthenticationRequestView):
    """mozilla-django-oidc's start (state, nonce, PKCE in the session; `next` checked), with the
    authorization endpoint found now rather than at start-up."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            provider = oidc_provider.provider()
        except oidc_provider.ProviderUnavailable:
            return sign_in_failed(request, oidc_sign_in.UNREACHABLE, 503)
        self.OIDC_OP_AUTH_ENDPOINT = provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


@require_GET  # not HEAD: the answer's state works once
def oidc_callback(request: HttpRequest) -> HttpResponse:
    if not settings.OIDC_ENABLED:
        raise Http404
    try:
        next_url = oidc_sign_in.oidc_callback_complete(request=request)
    except oidc_sign_in.SignInFailed as failure:
        return sign_in_failed(request, failure.message, failure.status)
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
