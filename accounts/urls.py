"""/accounts/ pages of this app (beside grading/urls_accounts.py, which has logout): the login
page (with single sign-on), the throttled password-reset request and accepting an invitation. No
namespace: the names are Django's own (`login`, `password_reset`) and the mail's
(`invitation_accept`)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views_invitation, views_login
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
]
