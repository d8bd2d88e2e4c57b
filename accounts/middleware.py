"""TwoFactorMiddleware: a signed-in user who must pass a second factor and has not done so in this
session reaches no page behind login; he is sent to the code (or to setting up an app first).

The views that stay open are listed by name, so a new page is closed until it is added here: the
public pages (the catalogue, comparing, the help, the privacy statement, the API, /healthz),
signing in and out, the password and invitation pages, the second factor's own pages and single
sign-on's. Static files never reach Django's views (WhiteNoise). After a password sign-in the
login's own redirect goes straight to the step, with the page it was headed for as `next`.
"""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from accounts import two_factor

OPEN_VIEWS = frozenset({
    "profiles:home", "profiles:family_list", "profiles:family_detail", "profiles:family_criteria",
    "profiles:family_matrix_pdf", "profiles:level_compare", "profiles:file_format", "grading:privacy",
    "api:family_list", "api:family_detail", "healthz",
    "login", "logout", "admin:logout", "password_reset", "password_reset_done", "password_reset_confirm",
    "password_reset_complete", "invitation_accept",
    "two_factor_verify", "two_factor_set_up", "two_factor_codes",
    # single sign-on (mozilla-django-oidc's names): its sign-in sets the provider's second factor
    "oidc_authentication_init", "oidc_authentication_callback", "oidc_logout",
})

STEP_VIEWS = {two_factor.VERIFY: "two_factor_verify", two_factor.SET_UP: "two_factor_set_up"}


def step_redirect(step: str, *, next_url: str = "") -> HttpResponseRedirect:
    url = reverse(STEP_VIEWS[step])
    return HttpResponseRedirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        signing_in = match is not None and match.view_name in ("login", "oidc_authentication_callback")
        if not signing_in or response.status_code != 302 or not request.user.is_authenticated:
            return response
        if match.view_name == "login" and request.method == "POST":
            step = two_factor.second_factor_step(request)
            if step is not None:
                return step_redirect(step, next_url=response["Location"])
            two_factor.remember_no_step(request)
        elif match.view_name == "oidc_authentication_callback" and two_factor.second_factor_step(request) is None:
            two_factor.remember_no_step(request)  # a step still due is asked on the next page, as before
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if request.resolver_match.view_name in OPEN_VIEWS:
            return None
        step = two_factor.second_factor_step(request)
        if step is None:
            return None
        next_url = request.get_full_path() if request.method in ("GET", "HEAD") else ""
        return step_redirect(step, next_url=next_url)
