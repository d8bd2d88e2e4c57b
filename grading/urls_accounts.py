"""Logout (POST) and password reset by e-mail, with Django's own views and Dutch templates. The
login page, the reset request itself (throttled) and its link are in accounts/urls.py."""

from django.contrib.auth import views as auth_views
from django.urls import path

urlpatterns = [
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
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
