"""/accounts/ pages of this app (beside grading/urls_accounts.py): the login page (with single
sign-on), logging out (at the provider too, views_logout.py), the throttled password-reset request and its link (both refused when
LOCAL_PASSWORDS=False), accepting an invitation and the second factor (views_two_factor.py). No
namespace: the names are Django's own (`login`, `password_reset`) and the mail's
(`invitation_accept`)."""

from django.urls import path

from accounts import views_invitation, views_login, views_logout, views_password_reset, views_two_factor

urlpatterns = [
    path("login/", views_login.LoginView.as_view(), name="login"),
    path("logout/", views_logout.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", views_password_reset.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/", views_password_reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("uitnodiging/<uidb64>/<token>/", views_invitation.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("tweestapsverificatie/", views_two_factor.two_factor_verify, name="two_factor_verify"),
    path("tweestapsverificatie/instellen/", views_two_factor.two_factor_set_up, name="two_factor_set_up"),
    path("tweestapsverificatie/herstelcodes/", views_two_factor.two_factor_codes, name="two_factor_codes"),
    path(
        "tweestapsverificatie/herstelcodes/vernieuwen/", views_two_factor.two_factor_codes_renew,
        name="two_factor_codes_renew",
    ),
]
