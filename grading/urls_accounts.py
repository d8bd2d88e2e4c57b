"""The pages after a password-reset request and after a new password, with Django's own views and
Dutch templates. The login page, logging out, the reset request itself (throttled) and its link
are in accounts/urls.py."""

from django.contrib.auth import views as auth_views
from django.urls import path

urlpatterns = [
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
