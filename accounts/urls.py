"""/accounts/ pages of this app (beside grading/urls_accounts.py, which has logout): the login
page (with single sign-on), the throttled password-reset request, accepting an invitation and
the second factor (views_two_factor.py). No namespace: the names are Django's own (`login`,
`password_reset`) and the mail's (`invitation_accept`)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views_invitation, views_login, views_two_factor
from accounts.password_reset import ThrottledPasswordResetForm

urlpatterns = [
    path("login/", views_login.LoginView.as_view(), name="login"),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(
            form_class=ThrottledPasswordResetForm,
            template_name="registration/password_reset_form.html",
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
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
